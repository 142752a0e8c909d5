import { describe, expect, it } from 'vitest';
import { enqueue, parseQueue, remove } from '../../src/lib/outbox-queue.ts';

const entry = (key: string, coalesce?: string) => ({ key, path: 'lessons/read', body: { lesson: key }, createdAt: 1, coalesce });

describe('offline outbox', () => {
  it('keeps requests in order and ignores a duplicate key', () => {
    let q = enqueue([], entry('a'));
    q = enqueue(q, entry('b'));
    q = enqueue(q, entry('a'));
    expect(q.map((e) => e.key)).toEqual(['a', 'b']);
    expect(remove(q, 'a').map((e) => e.key)).toEqual(['b']);
  });
  it('replaces an older entry with the same coalesce id', () => {
    const q = enqueue(enqueue([], entry('v1', 'video:x')), entry('v2', 'video:x'));
    expect(q.map((e) => e.key)).toEqual(['v2']);
  });
  it('survives corrupted local storage', () => {
    expect(parseQueue('{not json')).toEqual([]);
    expect(parseQueue('{"a":1}')).toEqual([]);
    expect(parseQueue(JSON.stringify([entry('ok'), { key: 5 }, null]))).toEqual([entry('ok')]);
    expect(parseQueue(null)).toEqual([]);
  });
});

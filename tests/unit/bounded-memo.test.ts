import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/lib/bounded-memo.ts';

describe('boundedMemo', () => {
  it('computes once per key and answers repeats from memory', () => {
    const memo = boundedMemo<string>(10);
    let runs = 0;
    const upper = (s: string) =>
      memo(s, () => {
        runs++;
        return s.toUpperCase();
      });
    expect([upper('a'), upper('b'), upper('a'), upper('a')]).toEqual(['A', 'B', 'A', 'A']);
    expect(runs).toBe(2);
  });

  it('never holds more than its bound: past it, earlier keys are computed again', () => {
    const memo = boundedMemo<number>(3);
    let runs = 0;
    const square = (n: number) =>
      memo(String(n), () => {
        runs++;
        return n * n;
      });
    for (const n of [1, 2, 3]) square(n);
    expect(runs).toBe(3);
    expect(square(4)).toBe(16); // the fourth key starts the memo again
    expect(runs).toBe(4);
    expect(square(1)).toBe(1); // forgotten, computed again
    expect(runs).toBe(5);
    expect(square(4)).toBe(16);
    expect(runs).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { apply, init, plan, type BatchRequest } from '../../src/lib/progress-batch.ts';

const lessons = {
  'c/v': { id: 'c/v', course: 'c', slug: 'v', video: { durationSeconds: 60, watchThreshold: 0.9 } },
  'c/text': { id: 'c/text', course: 'c', slug: 'text' },
};
init({ lessons });

const req = (user: string, body: unknown, extra: Partial<BatchRequest> = {}): BatchRequest => ({
  user,
  type: 'application/json',
  length: 1,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  ...extra,
});
const now = Date.parse('2026-12-01T08:00:00Z');
const hourAgo = '2026-12-01 07:00:00.000Z';

function run(requests: BatchRequest[], rows: unknown[] = [], busy: string[] = []) {
  const planned = JSON.parse(plan(JSON.stringify(requests)));
  const applied = JSON.parse(apply(JSON.stringify(rows), JSON.stringify(busy), now));
  return { planned: planned.items, answers: applied.answers, writes: applied.writes };
}

describe('video progress batch rules', () => {
  it('applies reports of one learner and lesson in order, writing one row', () => {
    const row = { user: 'u', course: 'c', lesson: 'v', id: 'r1', intervals: '', position: 0, done: false, reported_at: hourAgo, credit: 0 };
    const { answers, writes } = run(
      [req('u', { lesson: 'c/v', intervals: [[0, 10]], position: 10 }), req('u', { lesson: 'c/v', intervals: [[10, 20]], position: 20 })],
      [row],
    );
    expect(JSON.parse(answers[0].body)).toMatchObject({ intervals: [[0, 10]], position: 10, newlyCompleted: false });
    expect(JSON.parse(answers[1].body)).toMatchObject({ intervals: [[0, 20]], position: 20 });
    expect(writes).toHaveLength(1);
    // 60 s banked, 20 used
    expect(writes[0]).toMatchObject({ id: 'r1', intervals: '[[0,20]]', position: 20, credit: 40, done: false });
  });

  it("shares the first report's slack between reports of a new row", () => {
    const { answers, writes } = run([req('u', { lesson: 'c/v', intervals: [[0, 4]] }), req('u', { lesson: 'c/v', intervals: [[4, 30]] })]);
    expect(JSON.parse(answers[1].body).intervals).toEqual([[0, 5]]);
    expect(writes).toEqual([expect.objectContaining({ id: '', user: 'u', course: 'c', lesson: 'v', intervals: '[[0,5]]' })]);
  });

  it('hands the finishing report, and the later ones of that key, to the JS route', () => {
    const row = {
      user: 'u',
      course: 'c',
      lesson: 'v',
      id: 'r1',
      intervals: '[[0,50]]',
      position: 0,
      done: false,
      reported_at: hourAgo,
      credit: 0,
    };
    const { answers, writes } = run(
      [
        req('u', { lesson: 'c/v', intervals: [[50, 51]] }),
        req('u', { lesson: 'c/v', intervals: [[51, 60]] }),
        req('u', { lesson: 'c/v', intervals: [] }),
        req('w', { lesson: 'c/v', intervals: [[0, 1]] }),
      ],
      [row],
      ['w|c/v'], // not a key: w's row is not busy
    );
    expect(answers[0].status).toBe(200);
    expect(answers[1]).toEqual({ delegate: true, key: 'u|c|v' });
    expect(answers[2]).toEqual({ delegate: true, key: 'u|c|v' });
    expect(answers[3].status).toBe(200);
    expect(writes.find((w: { user: string }) => w.user === 'u').intervals).toBe('[[0,51]]');
  });

  it('hands over every report of a key that is busy with an earlier hand-over', () => {
    const { answers, writes } = run([req('u', { lesson: 'c/v', intervals: [[0, 1]] })], [], ['u|c|v']);
    expect(answers).toEqual([{ delegate: true, key: 'u|c|v' }]);
    expect(writes).toEqual([]);
  });

  it("refuses bad requests with the routes' answers, in the routes' order", () => {
    const { planned, answers } = run([
      req('u', '{"lesson":', {}),
      req('u', '{"lesson":"c/v","position":1e999}'),
      req('u', [1]),
      req('u', 'x', { type: 'text/plain' }),
      req('u', '', { tooLarge: true }),
      req('', { lesson: 'c/v', intervals: [] }),
      req('u', { lesson: 'nope', intervals: [] }),
      req('u', { lesson: 'constructor', intervals: [] }),
      req('u', { lesson: 'c/text', intervals: [] }),
      req('u', { lesson: 'c/v', intervals: [[0, 'x']] }),
      req('u', { lesson: 'c/v', intervals: [] }),
      req('u', { intervals: [] }),
    ]);
    const refusal = (i: number) => ({ status: planned[i].answer.status, ...JSON.parse(planned[i].answer.body) });
    expect(refusal(0)).toMatchObject({ status: 400, data: { body: { code: 'malformed_json' } } });
    expect(refusal(1)).toMatchObject({ status: 400, data: { body: { code: 'malformed_json' } } });
    expect(refusal(2)).toMatchObject({ status: 400, data: { body: { code: 'not_object' } } });
    expect(refusal(3)).toMatchObject({ status: 400, data: { body: { code: 'content_type' } } });
    expect(refusal(4)).toMatchObject({ status: 413, code: 'too_large' });
    expect(refusal(5)).toMatchObject({ status: 401, code: 'unauthorized', message: '请先登录' });
    expect(refusal(6)).toMatchObject({ status: 404, message: '没有找到课时 nope' });
    expect(refusal(7)).toMatchObject({ status: 404 });
    expect(refusal(8)).toMatchObject({ status: 400, data: { lesson: { code: 'no_video' } } });
    expect(refusal(9)).toMatchObject({
      status: 400,
      message: '第 1 段观看区间格式不对',
      data: { intervals: { code: 'invalid_interval' } },
    });
    expect(refusal(11)).toMatchObject({ status: 400, message: '进度上报缺少课时（lesson）', data: { lesson: { code: 'required' } } });
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(null));
    expect(answers[10].status).toBe(200);
  });
});

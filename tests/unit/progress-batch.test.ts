import { describe, expect, it } from 'vitest';
import {
  answerJson,
  apply,
  finishJson,
  DELEGATE,
  init,
  plan,
  writeJson,
  type BatchRequest,
  type CourseFacts,
  type CourseFactsReader,
} from '../../src/lib/progress-batch.ts';
import { evaluateCompletion } from '../../src/lib/completion.ts';

const lessons = {
  'c/v': { id: 'c/v', course: 'c', slug: 'v', video: { durationSeconds: 60, watchThreshold: 0.9 } },
  'c/text': { id: 'c/text', course: 'c', slug: 'text' },
  'd/a': { id: 'd/a', course: 'd', slug: 'a', video: { durationSeconds: 60, watchThreshold: 0.9 } },
  'd/b': { id: 'd/b', course: 'd', slug: 'b', video: { durationSeconds: 60, watchThreshold: 0.9 } },
};
const courses = {
  c: { lessons: ['v', 'text'], completion: { lessons: 'all' as const, finalQuiz: true } },
  d: { lessons: ['a', 'b'], completion: { lessons: 'all' as const, finalQuiz: true } },
};
init({ lessons, courses });

const req = (user: string, body: unknown, extra: Partial<BatchRequest> = {}): BatchRequest => ({
  user,
  type: 'application/json',
  length: 1,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  ...extra,
});
const now = Date.parse('2026-12-01T08:00:00Z');
const hourAgo = '2026-12-01 07:00:00.000Z';

interface Row {
  user: string;
  course: string;
  lesson: string;
  id: string;
  intervals: string;
  position: number;
  done: boolean;
  reported_at: string;
  credit: number;
}

/** One batch through plan() and apply() as progress_batch.go calls them (column arrays in and out). */
/** One answer as the assertions read it; the entries refused in the plan are null at run time. */
interface Answer {
  status: number;
  body: string;
  delegate?: boolean;
  key?: string;
}

function run(requests: BatchRequest[], rows: Row[] = [], busy: string[] = [], at = now, readFacts?: CourseFactsReader) {
  const p = plan(
    requests.map((r) => r.user),
    requests.map((r) => r.type),
    requests.map((r) => r.length),
    requests.map((r) => Boolean(r.tooLarge)),
    requests.map((r) => r.body),
  );
  const col = <K extends keyof Row>(k: K) => rows.map((r) => r[k]);
  let ids = 0;
  const stored = {
    user: col('user'),
    course: col('course'),
    lesson: col('lesson'),
    id: col('id'),
    intervals: col('intervals'),
    position: col('position'),
    done: col('done'),
    reported_at: col('reported_at'),
    credit: col('credit'),
  };
  const a = apply(stored, busy, at, () => `new${++ids}`, readFacts);
  expect(a.status).toHaveLength(requests.length);
  const writes = JSON.parse(a.writes);
  expect(writes).toHaveLength(a.writeCount);
  return {
    planned: p.status.map((status, i) => ({ answer: { status, body: p.body[i] }, course: p.course[i], lesson: p.lesson[i] })),
    answers: a.status.map(
      (status, i): Answer =>
        status === 0
          ? (null as unknown as Answer)
          : status === DELEGATE
            ? ({ delegate: true, key: a.body[i] } as Answer)
            : { status, body: a.body[i] },
    ),
    writes,
  };
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
    expect(writes).toEqual([expect.objectContaining({ id: 'new1', user: 'u', course: 'c', lesson: 'v', intervals: '[[0,5]]' })]);
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

  describe('a report that finishes the video', () => {
    const nearlyWatched = (user: string, lesson: string, id: string): Row => ({
      user,
      course: lesson.split('/')[0],
      lesson: lesson.split('/')[1],
      id,
      intervals: '[[0,50]]',
      position: 50,
      done: false,
      reported_at: hourAgo,
      credit: 0,
    });
    const finishing = (user: string, lesson: string) => req(user, { lesson, intervals: [[50, 60]], position: 60 });
    /** a reader that answers `facts` and records what it was asked */
    const reader = (facts: Partial<CourseFacts>) => {
      const asked: string[][] = [];
      const read: CourseFactsReader = (...args) => {
        asked.push(args);
        return { done: '[]', passed: false, completion: '', ...facts };
      };
      return { read, asked };
    };

    it('is answered in the batch, as the route answers it, when the course is not complete yet', () => {
      const { read, asked } = reader({});
      const { answers, writes } = run(
        [finishing('u', 'c/v'), req('u', { lesson: 'c/v', intervals: [[0, 1]], position: 1 })],
        [nearlyWatched('u', 'c/v', 'r1')],
        [],
        now,
        read,
      );
      expect(asked).toEqual([['u', 'c', 'c/final']]);
      expect(answers[0].status).toBe(200);
      expect(JSON.parse(answers[0].body)).toEqual({
        lesson: 'c/v',
        watchedFraction: 1,
        videoDone: true,
        intervals: [[0, 60]],
        position: 60,
        status: {
          complete: false,
          lessonsRequired: 2,
          lessonsDone: 1,
          missingLessons: ['text'],
          finalQuizRequired: true,
          finalQuizPassed: false,
        },
        completion: null,
        newlyCompleted: false,
      });
      // the later report of the same key is applied here too, on the finished row
      expect(answers[1].status).toBe(200);
      expect(JSON.parse(answers[1].body)).toMatchObject({ videoDone: true, position: 1, newlyCompleted: false });
      expect(writes).toEqual([expect.objectContaining({ id: 'r1', done: true, intervals: '[[0,60]]', position: 1 })]);
    });

    it('is handed to the route, with the later reports of its key, when it completes the course', () => {
      const { read } = reader({ done: '["text"]', passed: true });
      const { answers, writes } = run(
        [finishing('u', 'c/v'), req('u', { lesson: 'c/v', intervals: [] })],
        [nearlyWatched('u', 'c/v', 'r1')],
        [],
        now,
        read,
      );
      expect(answers).toEqual([
        { delegate: true, key: 'u|c|v' },
        { delegate: true, key: 'u|c|v' },
      ]);
      expect(writes).toEqual([]);
    });

    it('carries the completion recorded before, without completing again', () => {
      const { read } = reader({ done: '["text"]', passed: true, completion: '["k1","c","2026-11-30 22:30:00.000Z","QA26-ABCD-EFGH"]' });
      const { answers } = run([finishing('u', 'c/v')], [nearlyWatched('u', 'c/v', 'r1')], [], now, read);
      expect(answers[0].status).toBe(200);
      expect(JSON.parse(answers[0].body)).toMatchObject({
        status: { complete: true, lessonsDone: 2, missingLessons: [] },
        completion: { id: 'k1', course: 'c', completedAt: '2026-11-30 22:30:00.000Z', certificateCode: 'QA26-ABCD-EFGH' },
        newlyCompleted: false,
      });
    });

    it('counts a lesson finished earlier in the same batch, not yet written', () => {
      const { read } = reader({ passed: true });
      const { answers, writes } = run(
        [finishing('u', 'd/a'), finishing('u', 'd/b')],
        [nearlyWatched('u', 'd/a', 'ra'), nearlyWatched('u', 'd/b', 'rb')],
        [],
        now,
        read,
      );
      expect(JSON.parse(answers[0].body).status).toMatchObject({ complete: false, missingLessons: ['b'] });
      // with a done in this batch, b completes the course: the route records it
      expect(answers[1]).toEqual({ delegate: true, key: 'u|d|b' });
      expect(writes).toEqual([expect.objectContaining({ id: 'ra', done: true })]);
    });
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
  it('reads a stored row afresh when it changed since this runtime wrote it', () => {
    const row: Row = {
      user: 'k',
      course: 'c',
      lesson: 'v',
      id: 'r9',
      intervals: '',
      position: 0,
      done: false,
      reported_at: hourAgo,
      credit: 0,
    };
    const first = run([req('k', { lesson: 'c/v', intervals: [[0, 10]], position: 10 })], [row]);
    expect(first.writes[0]).toMatchObject({ intervals: '[[0,10]]', credit: 50 });
    const later = now + 1000;
    // as written: the next report continues from it (2 s of credit grown, 50 banked)
    const written = { ...row, intervals: first.writes[0].intervals, reported_at: first.writes[0].at, credit: first.writes[0].credit };
    const same = run([req('k', { lesson: 'c/v', intervals: [[10, 20]] })], [written], [], later);
    expect(same.writes[0]).toMatchObject({ intervals: '[[0,20]]', credit: 42 });
    // meanwhile the JS route wrote other intervals and credit: those count, not what this runtime remembers
    const elsewhere = { ...written, intervals: '[[30,40]]', credit: 0, reported_at: first.writes[0].at };
    const changed = run([req('k', { lesson: 'c/v', intervals: [[10, 20]] })], [elsewhere], [], later);
    expect(changed.writes[0]).toMatchObject({ intervals: '[[10,12],[30,40]]', credit: 0 });
    // same intervals, a different time of the last report: the allowance grows from that time
    const earlier = { ...written, reported_at: '2026-12-01 07:59:50.000Z', credit: 0 };
    const moved = run([req('k', { lesson: 'c/v', intervals: [[10, 20]] })], [earlier], [], later);
    expect(moved.writes[0]).toMatchObject({ intervals: '[[0,20]]', credit: 12 });
  });
  it('writes the answers and rows as JSON.stringify would, byte for byte', () => {
    const lesson = { id: 'c/v"\\x', course: 'c\u2028', slug: '课时', video: { durationSeconds: 60, watchThreshold: 0.9 } };
    for (const n of [0, -0, 0.1 + 0.2, 1e-7, 123456789.125, 1e21, 59.999999, 1 / 3]) {
      const reply = { lesson: lesson.id, watchedFraction: n, videoDone: n > 1, intervals: [[0, n] as [number, number]], position: n };
      const answer = { ...reply, newlyCompleted: false };
      expect(answerJson(lesson, reply, JSON.stringify(reply.intervals))).toBe(JSON.stringify(answer));
      const row = { id: 'r"1', intervals: JSON.stringify([[0, n]]), position: n, fraction: n, done: n > 1, reported_at: '', credit: n };
      const write = {
        id: 'r"1',
        user: 'u\n',
        course: lesson.course,
        lesson: lesson.slug,
        intervals: row.intervals,
        position: n,
        fraction: n,
        done: row.done,
        at: '2026-12-01 08:00:00.000Z',
        credit: n,
      };
      expect(writeJson('r"1', 'u\n', lesson, row, '2026-12-01 08:00:00.000Z')).toBe(JSON.stringify(write));
      for (const completion of [
        null,
        { id: 'k"1', course: lesson.course, completedAt: '2026-11-30 22:30:00.000Z', certificateCode: 'QA26\\X' },
      ]) {
        const status = evaluateCompletion({
          rule: { lessons: n > 1 ? 'all' : 1, finalQuiz: n < 1 },
          lessons: ['课时', 'b"', 'c\u2028'],
          lessonsDone: new Set(['课时']),
          finalQuizPassed: n === 0,
        });
        const outcome = { status, completion };
        const routeAnswer = { ...reply, ...outcome, newlyCompleted: false };
        expect(finishJson(lesson, reply, JSON.stringify(reply.intervals), outcome)).toBe(JSON.stringify(routeAnswer));
      }
    }
  });
});

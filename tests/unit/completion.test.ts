import { describe, expect, it } from 'vitest';
import { evaluateCompletion, isLessonDone, liveCompletionInstant, LIVE_TIE_MS, requiredLessons } from '../../src/lib/completion.ts';

const lessons = ['a', 'b', 'c'];

describe('course completion rule', () => {
  it('needs every lesson and the final quiz by default', () => {
    const rule = { lessons: 'all' as const, finalQuiz: true };
    expect(evaluateCompletion({ rule, lessons, lessonsDone: new Set(['a', 'b', 'c']), finalQuizPassed: true }).complete).toBe(true);
    const noQuiz = evaluateCompletion({ rule, lessons, lessonsDone: new Set(['a', 'b', 'c']), finalQuizPassed: false });
    expect(noQuiz).toMatchObject({ complete: false, missingLessons: [] });
    const missing = evaluateCompletion({ rule, lessons, lessonsDone: new Set(['c']), finalQuizPassed: true });
    expect(missing).toMatchObject({ complete: false, lessonsDone: 1, lessonsRequired: 3, missingLessons: ['a', 'b'] });
  });

  it('supports "at least N lessons" and courses without a final quiz', () => {
    const rule = { lessons: 2, finalQuiz: false };
    expect(evaluateCompletion({ rule, lessons, lessonsDone: new Set(['a', 'c']), finalQuizPassed: false }).complete).toBe(true);
    expect(evaluateCompletion({ rule, lessons, lessonsDone: new Set(['a']), finalQuizPassed: false }).complete).toBe(false);
  });

  it('ignores progress on lessons that are no longer in the course', () => {
    const rule = { lessons: 'all' as const, finalQuiz: false };
    expect(evaluateCompletion({ rule, lessons, lessonsDone: new Set(['a', 'b', 'old']), finalQuizPassed: false }).complete).toBe(false);
  });
});

describe('lessons a course requires, and when a lesson is done', () => {
  it("counts the rule's number of lessons, not all of them (the manager's staff view divides by this)", () => {
    expect(requiredLessons({ lessons: 'all', finalQuiz: true }, 8)).toBe(8);
    expect(requiredLessons({ lessons: 5, finalQuiz: true }, 8)).toBe(5);
    expect(requiredLessons({ lessons: 12, finalQuiz: false }, 8)).toBe(8);
  });
  it('a lesson is done when read or its video watched', () => {
    expect(isLessonDone({ read: true })).toBe(true);
    expect(isLessonDone({ videoDone: true, read: false })).toBe(true);
    expect(isLessonDone({ read: false, videoDone: false })).toBe(false);
    expect(isLessonDone(undefined)).toBe(false);
  });
});

describe('the instant of a completion recorded as it happens', () => {
  const now = Date.parse('2026-12-01T07:00:00.000Z');

  it('is now when the person and enterprise have nothing later (or nothing at all)', () => {
    expect(liveCompletionInstant(now, [NaN, NaN])).toEqual({ ms: now, latest: true });
    expect(liveCompletionInstant(now, [now - 5, now - 1])).toEqual({ ms: now, latest: true });
  });

  it("is 1 ms after a colleague's completion in the same millisecond, or a few ms ahead, so that it sorts last", () => {
    expect(liveCompletionInstant(now, [NaN, now])).toEqual({ ms: now + 1, latest: true });
    expect(liveCompletionInstant(now, [now + 1, now + 3])).toEqual({ ms: now + 4, latest: true });
    expect(liveCompletionInstant(now, [now + 3, now + 1])).toEqual({ ms: now + 4, latest: true });
  });

  it('stays now beside a completion dated well after it (a session held later today): not the latest', () => {
    const session = now + 3 * 3600_000;
    expect(liveCompletionInstant(now, [NaN, session])).toEqual({ ms: now, latest: false });
    expect(liveCompletionInstant(now, [now + LIVE_TIE_MS, now])).toEqual({ ms: now + 1, latest: false });
  });
});

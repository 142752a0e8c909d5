import type { CompletionRule } from '../schemas/content.ts';

export interface CompletionInput {
  rule: CompletionRule;
  /** lesson slugs of the course, in order */
  lessons: readonly string[];
  /** slugs the learner has read or whose video they watched to the threshold */
  lessonsDone: ReadonlySet<string>;
  finalQuizPassed: boolean;
}

export interface CompletionStatus {
  complete: boolean;
  lessonsRequired: number;
  lessonsDone: number;
  /** lessons still to do (for "what next" links), in course order */
  missingLessons: string[];
  finalQuizRequired: boolean;
  finalQuizPassed: boolean;
}

/**
 * A lesson is done once read or its video watched to the threshold. The server asks the same of its rows in
 * SQL (LESSON_DONE_SQL below); pages ask it of the state they hold.
 */
export const isLessonDone = (p: { read?: boolean; videoDone?: boolean } | undefined): boolean => Boolean(p?.read || p?.videoDone);

/** isLessonDone as the SQL condition on a lesson_progress row, for every query that asks. */
export const LESSON_DONE_SQL = "(read_at != '' OR video_done = TRUE)";

// What a completion is decided from, as the server reads it ({:user}, {:course}, {:quiz} the course's final
// quiz): the lessons done, a passed final, the completion already recorded. src/server/completion.ts runs them
// one by one; the batched video-progress path (src/lib/progress-batch.ts) as subqueries of one statement.
export const LESSONS_DONE_SQL = `SELECT lesson FROM lesson_progress WHERE user = {:user} AND course = {:course} AND ${LESSON_DONE_SQL}`;
export const FINAL_PASSED_SQL = 'SELECT id FROM quiz_attempts WHERE user = {:user} AND quiz = {:quiz} AND passed = TRUE LIMIT 1';
export const COMPLETION_OF_SQL =
  'SELECT id, course, completed_at, certificate_code FROM completions WHERE user = {:user} AND course = {:course} LIMIT 1';

/** How many of a course's lessons the completion rule requires ("all", or a number). */
export const requiredLessons = (rule: CompletionRule, lessonCount: number): number =>
  rule.lessons === 'all' ? lessonCount : Math.min(rule.lessons, lessonCount);

export function evaluateCompletion({ rule, lessons, lessonsDone, finalQuizPassed }: CompletionInput): CompletionStatus {
  const done = lessons.filter((l) => lessonsDone.has(l));
  const required = requiredLessons(rule, lessons.length);
  const missing = lessons.filter((l) => !lessonsDone.has(l));
  const lessonsOk = done.length >= required;
  const quizOk = !rule.finalQuiz || finalQuizPassed;
  return {
    complete: lessonsOk && quizOk,
    lessonsRequired: required,
    lessonsDone: done.length,
    missingLessons: lessonsOk ? [] : missing,
    finalQuizRequired: rule.finalQuiz,
    finalQuizPassed,
  };
}

/**
 * The latest counted completion of the person and of the enterprise, read before a live completion is saved
 * (liveCompletionInstant).
 */
export const LATEST_COMPLETED_SQL = `SELECT MAX(completed_at) AS at FROM completions WHERE user = {:user} AND revoked = FALSE
  UNION ALL
  SELECT MAX(completed_at) FROM completions WHERE enterprise = {:enterprise} AND revoked = FALSE`;

/** How far ahead of now a colleague's completion may be for a live one to be dated just after it. */
export const LIVE_TIE_MS = 1000;

/**
 * The instant of a completion recorded as it happens, and whether it is then the latest of its person and
 * enterprise. Completions are ordered by instant, then id (the statistics' "first in the period"). In an
 * exam-end burst several colleagues complete within one millisecond (one group commit); one that sorted before
 * a colleague's by id would be counted like a completion recorded after the fact: exactly, but by reading every
 * completion of the enterprise, while the single writer waits. So a live completion is dated 1 ms after the
 * latest one when that is at most LIVE_TIE_MS ahead of now; one dated later still (an in-person session held
 * later today) is left where it is, and the live completion is counted the exact slow way.
 */
export function liveCompletionInstant(nowMs: number, latestMs: readonly number[]): { ms: number; latest: boolean } {
  let ms = nowMs;
  for (const latest of latestMs) if (Number.isFinite(latest) && latest >= ms && latest - nowMs < LIVE_TIE_MS) ms = latest + 1;
  return { ms, latest: latestMs.every((latest) => !Number.isFinite(latest) || latest < ms) };
}

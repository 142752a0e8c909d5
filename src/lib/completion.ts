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

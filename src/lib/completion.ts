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
 * SQL (LESSON_DONE_SQL in src/server/completion.ts); pages ask it of the state they hold.
 */
export const isLessonDone = (p: { read?: boolean; videoDone?: boolean } | undefined): boolean => Boolean(p?.read || p?.videoDone);

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

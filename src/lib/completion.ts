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

export function evaluateCompletion({ rule, lessons, lessonsDone, finalQuizPassed }: CompletionInput): CompletionStatus {
  const done = lessons.filter((l) => lessonsDone.has(l));
  const required = rule.lessons === 'all' ? lessons.length : Math.min(rule.lessons, lessons.length);
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

/**
 * What a learner is told after handing in an attempt (docs/quiz-integrity.md).
 *
 * Lesson quizzes are practice: each practice question comes back with its explanation, and with the right
 * answer when the learner answered it (an empty submission reveals no key). The final exam is a test: it
 * tells the score and which lessons to re-read, never which question was right or wrong, so that neither
 * attempts nor accounts can be pooled to rebuild its key.
 *
 * Feedback is rebuilt from the current content on every view rather than stored: a question that moved to
 * the final pool after an old practice attempt is no longer explained there.
 */
import type { Question } from '../../schemas/quiz.ts';
import type { DrawnQuestion } from './draw.ts';
import { rightAnswerShown, type QuestionResult } from './scoring.ts';
import { inLessonPool } from './pools.ts';

export interface QuestionFeedback {
  ref: string;
  score: number;
  correct: boolean;
  /** in the positions this learner was shown; only for practice questions the learner answered */
  rightAnswer?: number | number[] | boolean;
  explanation: string;
  /** heading of the section of the question's lesson to re-read */
  section?: string;
}

export interface AttemptFeedback {
  /** per-question feedback: practice quizzes only, always empty for the final exam */
  questions: QuestionFeedback[];
  /** lesson ids ("<course>/<slug>") with at least one question not fully right, in the order drawn */
  review: string[];
}

const answered = (given: QuestionResult['given']) => given !== null && given !== undefined && !(Array.isArray(given) && given.length === 0);

export function feedbackFor(
  kind: 'lesson' | 'final',
  drawn: readonly DrawnQuestion[],
  results: readonly QuestionResult[],
  questionOf: (ref: string) => Question | undefined,
  sectionOf: (ref: string) => string | undefined = () => undefined,
): AttemptFeedback {
  const review = [...new Set(results.filter((r) => !(r.score >= 1)).map((r) => r.ref.split('#')[0]))];
  if (kind === 'final') return { questions: [], review };
  const questions: QuestionFeedback[] = [];
  for (const r of results) {
    const question = questionOf(r.ref);
    const d = drawn.find((x) => x.ref === r.ref);
    if (!question || !d || !inLessonPool(question)) continue;
    questions.push({
      ref: r.ref,
      score: r.score,
      correct: r.correct,
      ...(answered(r.given) ? { rightAnswer: rightAnswerShown(d, question) } : {}),
      explanation: question.explanation,
      ...(sectionOf(r.ref) ? { section: sectionOf(r.ref) } : {}),
    });
  }
  return { questions, review };
}

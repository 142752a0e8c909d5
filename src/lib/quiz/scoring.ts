import type { Question } from '../../schemas/quiz.ts';
import type { DrawnQuestion } from './draw.ts';
import { roundHalfUp } from '../rounding.ts';

/** A learner's answer as sent from the page: shown option positions, or a boolean for true/false. */
export type GivenAnswer = number | number[] | boolean | null | undefined;

/** The grade of one question: what the server stores. It holds no key and no explanation. */
export interface QuestionResult {
  ref: string;
  /** 0..1; partial credit only for multiple-choice questions marked `scoring: partial` */
  score: number;
  correct: boolean;
  /** the learner's answer in original option indexes (for storage and item analysis) */
  given: number | number[] | boolean | null;
}

export interface QuizResult {
  /** percent, rounded half up to two decimals */
  percent: number;
  passed: boolean;
  questions: QuestionResult[];
}

/** Translates a shown position to the original option index; anything malformed becomes null. */
function toOriginal(order: number[], shown: unknown): number | null {
  return Number.isInteger(shown) && (shown as number) >= 0 && (shown as number) < order.length ? order[shown as number] : null;
}

/**
 * Partial credit for a multiple-choice question with `right` right options and `wrong` wrong ones:
 * each right tick earns 1/right; each wrong tick costs max(2/right, 1/wrong); the score never drops below 0.
 * So a wrong tick always costs at least twice what a right tick earns (guessing one more option does not
 * pay), and ticking every option scores 0 whatever the mix of right and wrong options.
 */
export function partialScore(hits: number, misses: number, right: number, wrong: number): number {
  const penalty = Math.max(2 / right, wrong > 0 ? 1 / wrong : 0);
  return Math.max(0, roundScore(hits / right - misses * penalty));
}

/** 1/3 + 1/3 + 1/3 is 1, not 0.9999999999999999 */
const roundScore = (x: number) => Math.round(x * 1e9) / 1e9;

export function scoreQuestion(drawn: DrawnQuestion, question: Question, given: GivenAnswer): QuestionResult {
  const ref = drawn.ref;
  if (question.type === 'truefalse') {
    const answer = typeof given === 'boolean' ? given : null;
    const correct = answer === question.answer;
    return { ref, score: correct ? 1 : 0, correct, given: answer };
  }
  if (question.type === 'single') {
    const answer = toOriginal(drawn.order, given);
    const correct = answer === question.answer;
    return { ref, score: correct ? 1 : 0, correct, given: answer };
  }
  const picked = Array.isArray(given)
    ? [...new Set(given.map((g) => toOriginal(drawn.order, g)).filter((g): g is number => g !== null))].sort((a, b) => a - b)
    : [];
  const right = new Set(question.answer);
  const hits = picked.filter((p) => right.has(p)).length;
  const misses = picked.length - hits;
  const exact = hits === right.size && misses === 0;
  const score =
    question.scoring === 'partial' ? partialScore(hits, misses, right.size, question.options.length - right.size) : exact ? 1 : 0;
  return { ref, score, correct: exact, given: picked };
}

/** The right answer in the positions this learner was shown (for feedback on practice questions only). */
export function rightAnswerShown(drawn: DrawnQuestion, question: Question): number | number[] | boolean {
  if (question.type === 'truefalse') return question.answer;
  const shownOf = (original: number) => drawn.order.indexOf(original);
  if (question.type === 'single') return shownOf(question.answer);
  return question.answer.map(shownOf).sort((a, b) => a - b);
}

export function scoreQuiz(
  drawn: readonly DrawnQuestion[],
  questionOf: (ref: string) => Question | undefined,
  answers: Readonly<Record<string, GivenAnswer>>,
  passMark: number,
): QuizResult {
  const questions = drawn.map((d) => {
    const q = questionOf(d.ref);
    if (!q) throw new Error(`question ${d.ref} is no longer in the bank`);
    return scoreQuestion(d, q, answers[d.ref]);
  });
  const total = questions.reduce((sum, q) => sum + q.score, 0);
  const percent = drawn.length ? roundHalfUp((total / drawn.length) * 100, 2) : 0;
  return { percent, passed: percent >= passMark, questions };
}

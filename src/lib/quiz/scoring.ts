import type { Question } from '../../schemas/quiz.ts';
import type { DrawnQuestion } from './draw.ts';

/** A learner's answer as sent from the page: shown option positions, or a boolean for true/false. */
export type GivenAnswer = number | number[] | boolean | null | undefined;

export interface QuestionResult {
  ref: string;
  /** 0..1; partial credit only for multiple-choice questions marked `scoring: partial` */
  score: number;
  correct: boolean;
  /** the learner's answer in original option indexes (for storage and item analysis) */
  given: number | number[] | boolean | null;
  /** the right answer in shown positions, revealed only after submission */
  rightAnswer: number | number[] | boolean;
  explanation: string;
}

export interface QuizResult {
  /** percent, rounded half up to two decimals */
  percent: number;
  passed: boolean;
  questions: QuestionResult[];
}

const roundHalfUp2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/** Translates a shown position to the original option index; anything malformed becomes null. */
function toOriginal(order: number[], shown: unknown): number | null {
  return Number.isInteger(shown) && (shown as number) >= 0 && (shown as number) < order.length ? order[shown as number] : null;
}

export function scoreQuestion(drawn: DrawnQuestion, question: Question, given: GivenAnswer): QuestionResult {
  const base = { ref: drawn.ref, explanation: question.explanation };
  if (question.type === 'truefalse') {
    const answer = typeof given === 'boolean' ? given : null;
    const correct = answer === question.answer;
    return { ...base, score: correct ? 1 : 0, correct, given: answer, rightAnswer: question.answer };
  }
  const shownOf = (original: number) => drawn.order.indexOf(original);
  if (question.type === 'single') {
    const answer = toOriginal(drawn.order, given);
    const correct = answer === question.answer;
    return { ...base, score: correct ? 1 : 0, correct, given: answer, rightAnswer: shownOf(question.answer) };
  }
  const picked = Array.isArray(given)
    ? [...new Set(given.map((g) => toOriginal(drawn.order, g)).filter((g): g is number => g !== null))].sort((a, b) => a - b)
    : [];
  const right = new Set(question.answer);
  const hits = picked.filter((p) => right.has(p)).length;
  const misses = picked.length - hits;
  const exact = hits === right.size && misses === 0;
  const score = question.scoring === 'partial' ? Math.max(0, (hits - misses) / right.size) : exact ? 1 : 0;
  return {
    ...base,
    score,
    correct: exact,
    given: picked,
    rightAnswer: question.answer.map(shownOf).sort((a, b) => a - b),
  };
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
  const percent = drawn.length ? roundHalfUp2((total / drawn.length) * 100) : 0;
  return { percent, passed: percent >= passMark, questions };
}

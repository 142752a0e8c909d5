import type { Question } from '../../schemas/quiz.ts';

/** A question as drawn for one attempt: which bank question, and the order its options are shown in. */
export interface DrawnQuestion {
  /** "<lessonId>#<questionId>", stable across content edits that do not rename the question */
  ref: string;
  /** shown position -> original option index (empty for true/false) */
  order: number[];
}

/** What the browser receives: no answer, no explanation. */
export interface PresentedQuestion {
  ref: string;
  type: Question['type'];
  prompt: string;
  options: string[];
}

export interface BankQuestion {
  ref: string;
  question: Question;
}

export type Random = () => number;

/**
 * The first `count` items of a uniformly random permutation: Fisher-Yates stopped after `count` steps, so
 * drawing 10 questions from a bank of hundreds costs 10 swaps, not a shuffle of the whole bank. Plain swaps
 * and slice(): in the server's JS VM, destructuring and spreading go through iterator objects, and this runs
 * on every quiz start of a burst (docs/quiz-load.md).
 */
function firstOfPermutation<T>(items: readonly T[], count: number, random: Random): T[] {
  const out = items.slice();
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (out.length - i));
    const swap = out[i];
    out[i] = out[j];
    out[j] = swap;
  }
  out.length = count;
  return out;
}

const shuffled = <T>(items: readonly T[], random: Random): T[] => firstOfPermutation(items, items.length, random);

/** Draws `count` questions (all when undefined) and, if asked, shuffles each question's options. */
export function drawQuestions(
  bank: readonly BankQuestion[],
  options: { count?: number; shuffleOptions: boolean },
  random: Random = Math.random,
): DrawnQuestion[] {
  const count = Math.min(options.count ?? bank.length, bank.length);
  return firstOfPermutation(bank, count, random).map(({ ref, question }) => {
    const indexes = question.type === 'truefalse' ? [] : question.options.map((_, i) => i);
    return { ref, order: options.shuffleOptions ? shuffled(indexes, random) : indexes };
  });
}

export function presentQuestion(drawn: DrawnQuestion, question: Question): PresentedQuestion {
  return {
    ref: drawn.ref,
    type: question.type,
    prompt: question.prompt,
    options: question.type === 'truefalse' ? [] : drawn.order.map((i) => question.options[i]),
  };
}

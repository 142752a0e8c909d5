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

/** The JSON texts of a question as presented that do not depend on the option order: made once per question. */
export interface PresentedParts {
  /** `{"ref":…,"type":…,"prompt":…,"options":[` */
  head: string;
  /** each option as a JSON string, in the bank's order; null for true/false (no options shown) */
  options: string[] | null;
}

export function presentedParts(ref: string, question: Question): PresentedParts {
  return {
    head: `{"ref":${JSON.stringify(ref)},"type":${JSON.stringify(question.type)},"prompt":${JSON.stringify(question.prompt)},"options":[`,
    options: question.type === 'truefalse' ? null : question.options.map((o) => JSON.stringify(o)),
  };
}

/**
 * JSON.stringify(presentQuestion(drawn, question)), joined from the question's parts: a quiz's questions are drawn
 * in many option orders (a 4-option question has 24), and serialising the same Chinese prompt and options again for
 * each order was most of a quiz start's cost in the server's JS VM (docs/quiz-load.md).
 */
export function presentedJson(drawn: DrawnQuestion, parts: PresentedParts): string {
  // an order index the question no longer has (content changed under a stored attempt) is null, as JSON.stringify writes undefined
  const quoted = parts.options;
  const options = quoted ? drawn.order.map((i) => quoted[i] ?? 'null').join(',') : '';
  return `${parts.head}${options}]}`;
}

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

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Draws `count` questions (all when undefined) and, if asked, shuffles each question's options. */
export function drawQuestions(
  bank: readonly BankQuestion[],
  options: { count?: number; shuffleOptions: boolean },
  random: Random = Math.random,
): DrawnQuestion[] {
  const count = Math.min(options.count ?? bank.length, bank.length);
  const picked = count === bank.length ? shuffled(bank, random) : shuffled(bank, random).slice(0, count);
  return picked.map(({ ref, question }) => {
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

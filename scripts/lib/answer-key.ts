/**
 * Right (or wrong) answers for a drawn attempt, in the positions the learner was shown, from the server-side
 * answer keys. Tooling for tests and benchmarks only: the browser never has the keys.
 */
import { questionByRef, type ServerContent } from '../../src/lib/quiz/bank.ts';

export interface DrawnAttempt {
  questions: { ref: string; options: string[] }[];
}

export function answersFor(content: ServerContent, attempt: DrawnAttempt, right = true): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of attempt.questions) {
    const key = questionByRef(content, q.ref)!;
    if (key.type === 'truefalse') answers[q.ref] = right ? key.answer : !key.answer;
    else if (key.type === 'single') {
      const shown = q.options.indexOf(key.options[key.answer]);
      answers[q.ref] = right ? shown : (shown + 1) % q.options.length;
    } else {
      const shown = key.answer.map((i) => q.options.indexOf(key.options[i]));
      answers[q.ref] = right ? shown : q.options.map((_, i) => i).filter((i) => !shown.includes(i));
    }
  }
  return answers;
}

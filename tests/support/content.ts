/**
 * Test support shared by integration and end-to-end tests: the server-side content (with answer keys,
 * which only tests and the server may read), valid credit codes, and right or wrong answers.
 */
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { readContent } from '../../scripts/lib/content-source.ts';
import { buildServerContent } from '../../scripts/lib/server-content.ts';
import { questionByRef } from '../../src/lib/quiz/bank.ts';
import { usccCheckCharacter, USCC_ALPHABET } from '../../src/lib/uscc.ts';

export const content = buildServerContent(readContent(fileURLToPath(new URL('../..', import.meta.url))));

/** A valid, random unified social credit code registered in the given county. */
export function randomUscc(county = '330502'): string {
  const first17 = `91${county}${Array.from(randomBytes(9), (b) => USCC_ALPHABET[b % 31]).join('')}`;
  return first17 + usccCheckCharacter(first17);
}

export interface DrawnAttempt { questions: { ref: string; type?: string; options: string[] }[] }

/** Answers for a drawn attempt in shown positions: all right, or all wrong. */
export function answersFor(attempt: DrawnAttempt, right: boolean): Record<string, unknown> {
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

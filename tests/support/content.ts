/**
 * Test support shared by integration and end-to-end tests: the server-side content (with answer keys,
 * which only tests and the server may read), valid credit codes, and right or wrong answers.
 */
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { readContent } from '../../scripts/lib/content-source.ts';
import { buildServerContent } from '../../scripts/lib/server-content.ts';
import { answersFor as answersForContent, type DrawnAttempt } from '../../scripts/lib/answer-key.ts';
import { usccCheckCharacter, USCC_ALPHABET } from '../../src/lib/uscc.ts';

export type { DrawnAttempt };
export const content = buildServerContent(readContent(fileURLToPath(new URL('../..', import.meta.url))));

/** A valid, random unified social credit code registered in the given county. */
export function randomUscc(county = '330502'): string {
  const first17 = `91${county}${Array.from(randomBytes(9), (b) => USCC_ALPHABET[b % 31]).join('')}`;
  return first17 + usccCheckCharacter(first17);
}

/** Answers for a drawn attempt in shown positions: all right, or all wrong. */
export const answersFor = (attempt: DrawnAttempt, right: boolean) => answersForContent(content, attempt, right);

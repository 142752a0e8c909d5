/** Measuring and breaking Chinese text for video slides (scripts/build-media.ts); no I/O. */
import { wrapBalanced } from '../../src/lib/pdf/text-layout.ts';

/** Display width in em: CJK and full-width characters take 1, ASCII letters and digits about half. */
export function textWidth(text: string): number {
  let em = 0;
  for (const ch of text) em += /[\u0000-\u024f\u2000-\u206f]/.test(ch) && !/[\u2018-\u201f]/.test(ch) ? 0.55 : 1;
  return em;
}

/**
 * Breaks a caption into slide lines of at most `maxEm`: as few lines as possible, keeping ASCII words and
 * numbers whole, with the same punctuation rules as the certificate (src/lib/pdf/text-layout.ts, wrapBalanced).
 */
export const wrapText = (text: string, maxEm: number): string[] => wrapBalanced(text, maxEm, textWidth);

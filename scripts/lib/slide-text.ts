/** Measuring and breaking Chinese text for video slides (scripts/build-media.ts); no I/O. */

/** Display width in em: CJK and full-width characters take 1, ASCII letters and digits about half. */
export function textWidth(text: string): number {
  let em = 0;
  for (const ch of text) em += /[\u0000-\u024f\u2000-\u206f]/.test(ch) && !/[\u2018-\u201f]/.test(ch) ? 0.55 : 1;
  return em;
}

const NO_LINE_START = /^[，。、；：！？）》」』”’%,.;:!?)]/;
const NO_LINE_END = /[“‘（《「『(]$/;

/**
 * Breaks a caption into slide lines of at most `maxEm`: as few lines as possible, keeping ASCII words and
 * numbers whole and never starting a line with closing punctuation (or ending one with an opening quote);
 * among those, breaks after punctuation first, then the most even lines.
 */
export function wrapText(text: string, maxEm: number): string[] {
  const tokens = text.trim().replace(/\s+/g, ' ').match(/[A-Za-z0-9%.+\-/]+| |./gu) ?? [];
  const lineOf = (from: number, to: number) => tokens.slice(from, to).join('').trim();
  const punctuated = (line: string) => /[，。、；：！？]$/.test(line);
  const cost = (lines: string[]) => lines.length * 10_000 - lines.slice(0, -1).filter(punctuated).length * 100 + Math.max(...lines.map(textWidth));
  const memo = new Map<number, string[] | null>();
  const solve = (from: number): string[] | null => {
    if (memo.has(from)) return memo.get(from)!;
    let best: string[] | null = null;
    const whole = lineOf(from, tokens.length);
    if (textWidth(whole) <= maxEm) best = [whole];
    else {
      for (let to = from + 1; to < tokens.length; to++) {
        const line = lineOf(from, to);
        if (textWidth(line) > maxEm) break;
        if (!line || NO_LINE_START.test(tokens[to]) || NO_LINE_END.test(line)) continue;
        const rest = solve(to);
        if (rest && (!best || cost([line, ...rest]) < cost(best))) best = [line, ...rest];
      }
    }
    memo.set(from, best);
    return best;
  };
  return solve(0) ?? [text.trim()];
}

/**
 * Line breaking for Chinese text: on a canvas (the certificate PDF, greedy) and on the video slides
 * (balanced). Pure: the caller passes a measuring function (canvas measureText, em widths, a fake in tests).
 *
 * Text is split into whole code points (Array.from), never UTF-16 units, so a rare character outside the
 * Basic Multilingual Plane such as 𠮷 (U+20BB7) is never cut in half. Latin words and numbers
 * ("ISO 9001", "QA26-7KQ4") stay together; Chinese breaks between any two characters, except that closing
 * punctuation never starts a line and opening punctuation never ends one.
 */

export type Measure = (text: string) => number;

const NO_LINE_START = new Set(Array.from('，。、；：！？）》」』】〉”’…—·,.;:!?)]}%'));
const NO_LINE_END = new Set(Array.from('（《「『【〈“‘([{'));

/** Splits into unbreakable pieces: a run of Latin letters/digits (with inner . - / :) or one code point. */
export function breakUnits(text: string): string[] {
  const units: string[] = [];
  let word = '';
  for (const ch of Array.from(text)) {
    if (/[A-Za-z0-9]/.test(ch) || (word && /[.\-/:@_]/.test(ch))) {
      word += ch;
      continue;
    }
    if (word) units.push(word);
    word = '';
    units.push(ch);
  }
  if (word) units.push(word);
  // Keep punctuation with its neighbour.
  const merged: string[] = [];
  for (const unit of units) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && (NO_LINE_START.has(unit) || NO_LINE_END.has(Array.from(prev).pop()!)))
      merged[merged.length - 1] = prev + unit;
    else merged.push(unit);
  }
  return merged;
}

/** Greedy line breaking within maxWidth; a unit wider than a line is split by code points. */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  const pushUnit = (unit: string) => {
    if (line !== '' && measure(line + unit) > maxWidth) {
      lines.push(line.trimEnd());
      line = '';
    }
    if (line === '') {
      unit = unit.trimStart();
      if (!unit) return;
      if (measure(unit) > maxWidth && Array.from(unit).length > 1) {
        for (const ch of Array.from(unit)) pushUnit(ch);
        return;
      }
    }
    line += unit;
  };
  for (const unit of breakUnits(text)) pushUnit(unit);
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length ? lines : [''];
}

/**
 * Breaks text into as few lines of at most `maxWidth` as possible (the video slides), keeping Latin words
 * and numbers whole and the same punctuation rules as wrapText; among those, breaks after punctuation
 * first, then the most even lines. Exhaustive with memo: for captions and titles, not for pages of text.
 */
export function wrapBalanced(text: string, maxWidth: number, measure: Measure): string[] {
  const tokens =
    text
      .trim()
      .replace(/\s+/g, ' ')
      .match(/[A-Za-z0-9%.+\-/]+| |./gu) ?? [];
  const lineOf = (from: number, to: number) => tokens.slice(from, to).join('').trim();
  const punctuated = (line: string) => /[，。、；：！？]$/.test(line);
  const cost = (lines: string[]) =>
    lines.length * 10_000 - lines.slice(0, -1).filter(punctuated).length * 100 + Math.max(...lines.map(measure));
  const memo = new Map<number, string[] | null>();
  const solve = (from: number): string[] | null => {
    if (memo.has(from)) return memo.get(from)!;
    let best: string[] | null = null;
    const whole = lineOf(from, tokens.length);
    if (measure(whole) <= maxWidth) best = [whole];
    else {
      for (let to = from + 1; to < tokens.length; to++) {
        const line = lineOf(from, to);
        if (measure(line) > maxWidth) break;
        if (!line || NO_LINE_START.has(Array.from(tokens[to])[0]) || NO_LINE_END.has(Array.from(line).pop()!)) continue;
        const rest = solve(to);
        if (rest && (!best || cost([line, ...rest]) < cost(best))) best = [line, ...rest];
      }
    }
    memo.set(from, best);
    return best;
  };
  return solve(0) ?? [text.trim()];
}

/** The largest font size ≤ size (and ≥ min) at which the text fits on one line. */
export function fitFontSize(
  text: string,
  maxWidth: number,
  size: number,
  min: number,
  measureAt: (size: number, text: string) => number,
): number {
  let s = size;
  while (s > min && measureAt(s, text) > maxWidth) s = Math.max(min, Math.floor(s * 0.92));
  return s;
}

/**
 * Line breaking for text drawn on a canvas (the certificate PDF). Pure: the caller passes a measuring
 * function (canvas measureText in the browser, a fake in unit tests).
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
    if (prev !== undefined && (NO_LINE_START.has(unit) || NO_LINE_END.has(Array.from(prev).pop()!))) merged[merged.length - 1] = prev + unit;
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

/** The largest font size ≤ size (and ≥ min) at which the text fits on one line. */
export function fitFontSize(text: string, maxWidth: number, size: number, min: number, measureAt: (size: number, text: string) => number): number {
  let s = size;
  while (s > min && measureAt(s, text) > maxWidth) s = Math.max(min, Math.floor(s * 0.92));
  return s;
}

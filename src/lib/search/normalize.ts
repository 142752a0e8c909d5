/**
 * Text folding shared by the index builder and the browser: full-width and half-width forms (NFKC), case,
 * quotes and dashes, and spacing are folded so that ＩＳＯ９００１, iso9001 and "ISO 9001" meet.
 * Pure functions, no I/O.
 */

/**
 * Folds one string: NFKC (full-width → half-width), lower case, unified quotes and dashes, collapsed
 * spaces, no spaces between Chinese characters nor between a Latin word and the number after it.
 */
export function fold(text: string): string {
  return foldChars(text)
    .replace(/\s+/g, ' ')
    .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1')
    .replace(/(\p{Script=Latin}) (?=\p{N})/gu, '$1') // "iso 9001" → "iso9001"
    .trim();
}

/** Per-character fold without touching spacing (used where positions must map back to the original text). */
function foldChars(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u2010-\u2015\u2212\ufe58\ufe63]/g, '-');
}

export interface FoldedText {
  /** the folded text, one or more characters per original character (spacing untouched) */
  folded: string;
  /** map[i]: index in the original string of folded character i; map[folded.length] = original length */
  map: number[];
}

/** Folds character by character and keeps a map back to the original text (for highlighting). */
export function foldWithMap(text: string): FoldedText {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChars(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  map.push(text.length);
  return { folded, map };
}

/** Normalises what a person typed into the search box: folded, at most 64 characters. */
export function normalizeQuery(raw: string): string {
  return fold(raw).slice(0, 64).trim();
}

/**
 * The one tokenizer, used by the index builder (Node) and the search box (browser), so a query and a
 * document are always cut the same way:
 *
 * - Chinese: every pair of neighbouring characters (bigrams, for recall and one-character typos) plus
 *   Intl.Segmenter words of three or more characters (不合格, 螺蛳粉 when the dictionary knows them);
 *   a lone character between punctuation is kept as it is (人、机、料).
 * - Latin words: lower case, English stop words dropped, Porter-stemmed with lunr's stemmer.
 * - ISO 9001 clause numbers (8.5.1, 7.5.3.1) are one token; the query side adds a prefix match.
 * - Letters next to digits: "iso9001" and "ISO 9001" (folded to iso9001) give iso9001, iso and 9001.
 *
 * Pure functions, no I/O.
 */
import lunr from 'lunr';
import { fold } from './normalize.ts';

export type TokenKind =
  /** two neighbouring Chinese characters */
  | 'han'
  /** a lone Chinese character */
  | 'han1'
  /** a Chinese word of 3+ characters from Intl.Segmenter */
  | 'word'
  /** a stemmed Latin word */
  | 'latin'
  | 'number'
  /** an ISO 9001 clause number such as 8.5.1 */
  | 'clause'
  /** letters and digits joined: iso9001, 5s, 5m1e */
  | 'compound'
  /** a part of a compound: iso and 9001 of iso9001 */
  | 'part';

export interface Token {
  term: string;
  kind: TokenKind;
}

const UNIT = /(\d+(?:\.\d+)+)|(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const LETTERS_OR_DIGITS = /\p{L}+|\p{N}+/gu;
const ASCII_WORD = /^[a-z]+$/;
const DIGITS = /^\p{N}+$/u;
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'in',
  'is',
  'it',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

let segmenter: Intl.Segmenter | null | undefined;
function chineseSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }
  return segmenter;
}

/** Porter stem of a lower-case ASCII word (lunr's stemmer, so that build and browser agree). */
export function stem(word: string): string {
  return ASCII_WORD.test(word) ? lunr.stemmer(new lunr.Token(word)).toString() : word;
}

function latinTokens(run: string, out: Token[]): void {
  const parts = run.match(LETTERS_OR_DIGITS) ?? [];
  if (parts.length > 1) {
    out.push({ term: run, kind: 'compound' });
    for (const part of parts) if (part.length > 1) out.push({ term: DIGITS.test(part) ? part : stem(part), kind: 'part' });
    return;
  }
  if (DIGITS.test(run)) out.push({ term: run, kind: 'number' });
  else if (run.length > 1 && !STOP_WORDS.has(run)) out.push({ term: stem(run), kind: 'latin' });
}

function hanTokens(run: string, out: Token[]): void {
  const chars = [...run];
  if (chars.length === 1) {
    out.push({ term: run, kind: 'han1' });
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push({ term: chars[i] + chars[i + 1], kind: 'han' });
  if (chars.length < 3) return;
  for (const word of longWords(run)) out.push({ term: word, kind: 'word' });
}

/** Intl.Segmenter words of 3+ characters in a run of Chinese, remembered for the runs seen last. */
const wordCache = new Map<string, string[]>();
function longWords(run: string): string[] {
  let words = wordCache.get(run);
  if (!words) {
    const seg = chineseSegmenter();
    words = seg ? [...seg.segment(run)].filter((s) => s.isWordLike && [...s.segment].length >= 3).map((s) => s.segment) : [];
    if (wordCache.size >= 5000) wordCache.clear();
    wordCache.set(run, words);
  }
  return words;
}

/** Tokens of a text, in order and with repeats (term frequency counts). The text is folded first. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const [, clause, han, latin] of fold(text).matchAll(UNIT)) {
    if (clause) out.push({ term: clause, kind: 'clause' });
    else if (han) hanTokens(han, out);
    else if (latin) latinTokens(latin, out);
  }
  return out;
}

/** Just the terms (for the index builder). */
export const terms = (text: string): string[] => tokenize(text).map((t) => t.term);

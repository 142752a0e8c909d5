/**
 * Highlighting: finds the query's words (folded, so ＩＳＯ matches iso) in a text and returns plain
 * segments; the island renders hits as <mark>, so no HTML is ever built from content. Pure, no I/O.
 */
import { foldWithMap } from './normalize.ts';

export interface Segment {
  text: string;
  hit: boolean;
}

/** Marks, per original character, whether it is part of a match. */
function hitMask(text: string, needles: string[]): Uint8Array {
  const mask = new Uint8Array(text.length);
  if (!text) return mask;
  const { folded, map } = foldWithMap(text);
  for (const needle of needles) {
    if (!needle) continue;
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
      const start = map[at];
      const last = map[at + needle.length - 1];
      const end = last + ((text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1);
      mask.fill(1, start, end);
    }
  }
  return mask;
}

function toSegments(text: string, mask: Uint8Array, from = 0, to = text.length): Segment[] {
  const out: Segment[] = [];
  let i = from;
  while (i < to) {
    const hit = mask[i] === 1;
    let j = i + 1;
    while (j < to && (mask[j] === 1) === hit) j++;
    out.push({ text: text.slice(i, j), hit });
    i = j;
  }
  return out;
}

/** The whole text as segments, matches marked. */
export function highlight(text: string, needles: string[]): Segment[] {
  return toSegments(text, hitMask(text, needles));
}

const SENTENCE_END = /[。！？；!?;\n]/;

/**
 * A window of about `length` characters with the most matched characters, starting at a sentence
 * start when one is near, with "…" where text was cut.
 */
export function snippet(text: string, needles: string[], length = 80): Segment[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= length) return highlight(clean, needles);
  const mask = hitMask(clean, needles);
  // prefix sums of matched characters, to score every window in O(n)
  const sums = new Uint32Array(clean.length + 1);
  for (let i = 0; i < clean.length; i++) sums[i + 1] = sums[i] + mask[i];
  let best = 0;
  let bestScore = -1;
  for (let s = 0; s + length <= clean.length; s++) {
    if (s > 0 && mask[s] !== 1) continue;
    const score = sums[s + length] - sums[s];
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  if (bestScore <= 0) best = 0;
  else {
    // back up to the start of the sentence when it is close, so the snippet reads naturally
    for (let k = best - 1; k >= Math.max(0, best - 24); k--) {
      if (SENTENCE_END.test(clean[k])) {
        best = k + 1;
        break;
      }
      if (k === 0) best = 0;
    }
  }
  const end = Math.min(clean.length, best + length);
  const segments = toSegments(clean, mask, best, end);
  if (best > 0) segments.unshift({ text: '…', hit: false });
  if (end < clean.length) segments.push({ text: '…', hit: false });
  return segments;
}

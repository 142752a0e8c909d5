/**
 * Suggestions for the "no results" state: names people could have meant (glossary terms and their other
 * names, synonyms) that share the most characters with what was typed. Pure functions, no I/O.
 */
import { fold } from './normalize.ts';

/** Shown when nothing resembles the query. */
export const POPULAR_QUERIES = ['内审', '鱼骨图', '8.5.1', '不合格品', '供应商', '6S', '纠正措施', '螺蛳粉'];

/** All names worth suggesting: synonym groups (every glossary term and its other names) and tags. */
export function vocabulary(synonyms: string[][], tags: string[] = []): string[] {
  const words = new Set<string>();
  for (const w of [...synonyms.flat(), ...tags]) if (w.length >= 2 && w.length <= 12) words.add(w);
  return [...words];
}

function bigrams(s: string): Set<string> {
  const chars = [...s];
  const out = new Set<string>();
  if (chars.length === 1) out.add(s);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

/** Dice similarity of character pairs, with single shared characters as a weak tie-breaker. */
function similarity(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  let shared = 0;
  for (const x of A) if (B.has(x)) shared++;
  const chars = new Set(a);
  let sharedChars = 0;
  for (const ch of new Set(b)) if (chars.has(ch)) sharedChars++;
  return (2 * shared) / (A.size + B.size) + (0.5 * sharedChars) / Math.max(a.length, b.length);
}

/** Up to `limit` names similar to the query, best first (none when nothing is similar enough). */
export function suggest(query: string, words: string[], limit = 5): string[] {
  const q = fold(query).replace(/\s+/g, '');
  if (!q) return [];
  return words
    .filter((w) => w !== q)
    .map((w) => ({ w, score: similarity(q, w.replace(/\s+/g, '')) }))
    .filter((x) => x.score >= 0.3)
    .sort((a, b) => b.score - a.score || a.w.length - b.w.length)
    .slice(0, limit)
    .map((x) => x.w);
}

/**
 * Expands prefix and one-typo query terms against the sorted term list of the index, so that lunr only
 * ever sees exact terms (lunr's own wildcard and fuzzy matching walk its whole token set, which is slow
 * with tens of thousands of Chinese bigrams). Pure functions, no I/O.
 */

/** Index of the first element ≥ value in a sorted array. */
function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every term that starts with `prefix` (at most `limit`). */
export function prefixTerms(sorted: string[], prefix: string, limit = 50): string[] {
  const out: string[] = [];
  for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix) && out.length < limit; i++)
    out.push(sorted[i]);
  return out;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Terms one edit away (deletion, insertion, substitution, swap of neighbours), Latin letters and digits only. */
export function oneEditTerms(terms: Set<string>, word: string): string[] {
  const found = new Set<string>();
  const check = (candidate: string) => {
    if (candidate !== word && terms.has(candidate)) found.add(candidate);
  };
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (i < word.length) check(head + tail.slice(1));
    if (i + 1 < word.length) check(head + tail[1] + tail[0] + tail.slice(2));
    for (const ch of ALPHABET) {
      check(head + ch + tail);
      if (i < word.length) check(head + ch + tail.slice(1));
    }
  }
  return [...found];
}

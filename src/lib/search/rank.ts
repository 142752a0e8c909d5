/**
 * Ranking on top of lunr's BM25 score: how much of the query a document covers (so a document with
 * every part of 内部审核 beats one that only shares 审核), title and glossary-name hits, exact clause
 * numbers. Pure functions, no I/O.
 */
import { fold } from './normalize.ts';
import type { ParsedQuery, Variant } from './query.ts';
import type { Kind, StoredDoc } from './types.ts';

export interface RawHit {
  /** document number in the index */
  doc: number;
  /** lunr's score */
  score: number;
  /** index terms that matched (asked for only for the best RERANK_LIMIT hits) */
  matched: () => string[];
}

/**
 * Only lunr's best hits are re-ranked (every bonus at most multiplies a score by a few times); the rest
 * follow in lunr's order. Keeps long result lists on large indexes cheap.
 */
export const RERANK_LIMIT = 300;

export interface RankedHit {
  doc: StoredDoc;
  /** document number in the index */
  n: number;
  score: number;
  /** share of the query's words found (best variant), 0-1 */
  coverage: number;
  /** a glossary term named what was typed (a synonym of it, or the title of the clause it names) */
  nameHit: boolean;
}

/** Multipliers; documented in docs/search.md. */
export const RANKING = {
  /** the whole query (a synonym of it, or the title of the clause it names) is in the title */
  titleHit: 2,
  /** the whole query (a synonym of it, or the title of the clause it names) is the glossary term's name or other name */
  termNameHit: 2.5,
  /**
   * the query is a clause number the document lists: 1 + clauseExact / √(clauses listed), so a glossary
   * term or lesson about exactly that clause beats one that lists it among many; a sub-clause of it
   */
  clauseExact: 0.8,
  clauseChild: 1.2,
  /** floor of the coverage factor (0.2 + 0.8 × coverage²) */
  coverageFloor: 0.2,
  kind: { lesson: 1, case: 1, course: 0.9, term: 1 } as Record<Kind, number>,
};

/** At most one edit apart: a deletion, insertion, substitution or swap of neighbours (as expand.ts). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length)
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function variantCoverage(v: Variant, matched: Set<string>, matchedList: string[], common: Set<string>): number {
  let found = 0;
  let counted = 0;
  for (const token of v.tokens) {
    // a part's compound counts instead; a common word is only looked for in titles, so its absence says nothing
    if (token.kind === 'part' || common.has(token.term)) continue;
    counted++;
    if (matched.has(token.term)) found++;
    else if (token.kind === 'clause' && matchedList.some((m) => m.startsWith(`${token.term}.`))) found++;
    else if (
      (token.kind === 'latin' || token.kind === 'compound' || token.kind === 'han1') &&
      matchedList.some((m) => m.startsWith(token.term))
    )
      found++;
    else if (token.kind === 'latin' && token.term.length >= 4 && matchedList.some((m) => withinOneEdit(m, token.term))) found += 0.8;
  }
  return counted ? found / counted : 1;
}

/** Folded names of each document, computed once per index. */
export interface DocNames {
  title: string;
  names: string[];
}

export function docNames(doc: StoredDoc): DocNames {
  const title = fold(doc.title);
  return { title, names: [title, ...(doc.aliases ?? []).map(fold)] };
}

/** `raw` must be in lunr's order (best first). */
export function rankHits(raw: RawHit[], docs: StoredDoc[], names: DocNames[], query: ParsedQuery): RankedHit[] {
  const common = new Set(query.common);
  const ranked = raw.slice(0, RERANK_LIMIT).map((hit) => {
    const doc = docs[hit.doc];
    const matchedList = hit.matched();
    const matched = new Set(matchedList);
    let coverage = 0;
    let bonus = 1;
    let nameHit = false;
    for (const v of query.variants) {
      const synonymFactor = v.source === 'typed' ? 1 : 0.9;
      // a clause title (生产和服务提供的控制 for 8.5.1) names documents; it does not count for coverage
      if (v.source !== 'clause-title') coverage = Math.max(coverage, variantCoverage(v, matched, matchedList, common) * synonymFactor);
      const own = names[hit.doc];
      if (doc.kind === 'term' && own.names.includes(v.phrase)) {
        nameHit = true;
        bonus = Math.max(bonus, RANKING.termNameHit * synonymFactor);
      } else if (own.title.includes(v.phrase)) bonus = Math.max(bonus, RANKING.titleHit * synonymFactor);
    }
    if (query.clause) {
      if (doc.clauses.includes(query.clause)) bonus *= 1 + RANKING.clauseExact / Math.sqrt(doc.clauses.length);
      else if (doc.clauses.some((c) => c.startsWith(`${query.clause}.`))) bonus *= RANKING.clauseChild;
    }
    const coverageFactor = RANKING.coverageFloor + (1 - RANKING.coverageFloor) * coverage * coverage;
    return { doc, n: hit.doc, score: hit.score * coverageFactor * bonus * RANKING.kind[doc.kind], coverage, nameHit };
  });
  ranked.sort((a, b) => b.score - a.score || a.n - b.n);
  const floor = ranked.length ? Math.min(...ranked.map((h) => h.score)) : 0;
  for (const hit of raw.slice(RERANK_LIMIT)) {
    const doc = docs[hit.doc];
    // below every re-ranked hit, in lunr's order
    ranked.push({ doc, n: hit.doc, score: Math.min(floor, hit.score * RANKING.coverageFloor), coverage: 0, nameHit: false });
  }
  return ranked;
}

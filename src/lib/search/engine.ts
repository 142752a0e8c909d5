/**
 * The search engine used in the browser (and by the benchmark and tests): unpacks the index file into
 * lunr, runs parsed queries, ranks, filters and highlights. No I/O: the caller fetches the index file.
 */
import { loadLunrIndex } from './lunr-index.ts';
import { oneEditTerms, prefixTerms } from './expand.ts';
import { parseQuery, type ParsedQuery } from './query.ts';
import { docNames, rankHits, type DocNames, type RankedHit } from './rank.ts';
import { highlight, snippet, type Segment } from './snippet.ts';
import { KINDS, type Kind, type PackedIndex, type StoredDoc } from './types.ts';

export interface SearchFilters {
  kind?: Kind | '';
  industry?: string;
}

export interface SearchResult {
  query: ParsedQuery;
  /** every match, best first, before filters */
  hits: RankedHit[];
}

export interface Searcher {
  docs: StoredDoc[];
  industries: Record<string, string>;
  synonyms: string[][];
  search(raw: string): SearchResult;
}

export function createSearcher(packed: PackedIndex): Searcher {
  const index = loadLunrIndex(packed);
  const names: DocNames[] = packed.docs.map(docNames);
  const termSet = new Set(packed.terms);
  return {
    docs: packed.docs,
    industries: packed.industries,
    synonyms: packed.synonyms,
    search(raw: string): SearchResult {
      const query = parseQuery(raw, packed.synonyms);
      if (!query.clauses.length) return { query, hits: [] };
      // expand prefixes and typos here, so lunr only sees exact terms that exist
      const boosts = new Map<string, number>();
      const add = (term: string, boost: number) => boosts.set(term, (boosts.get(term) ?? 0) + boost);
      for (const c of query.clauses) {
        if (c.prefix) for (const term of prefixTerms(packed.terms, c.term)) add(term, c.boost);
        else if (c.editDistance) for (const term of oneEditTerms(termSet, c.term)) add(term, c.boost);
        else if (termSet.has(c.term)) add(c.term, c.boost);
      }
      if (!boosts.size) return { query, hits: [] };
      const results = index.query((q) => {
        for (const [term, boost] of boosts) q.clause({ term, boost, usePipeline: false });
      });
      const raw_ = results.map((r) => ({ doc: Number(r.ref), score: r.score, matched: Object.keys(r.matchData.metadata) }));
      return { query, hits: rankHits(raw_, packed.docs, names, query) };
    },
  };
}

export function filterHits(hits: RankedHit[], filters: SearchFilters): RankedHit[] {
  return hits.filter((h) => (!filters.kind || h.doc.kind === filters.kind) && (!filters.industry || h.doc.industry === filters.industry));
}

/** How many hits of each kind (after the industry filter), for the kind filter's labels. */
export function countByKind(hits: RankedHit[], industry = ''): Record<Kind, number> {
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (const h of hits) if (!industry || h.doc.industry === industry) counts[h.doc.kind]++;
  return counts;
}

export interface Presented {
  title: Segment[];
  snippet: Segment[];
}

/** Title and snippet of a hit with the query's words marked. */
export function present(hit: RankedHit, query: ParsedQuery, length = 80): Presented {
  return { title: highlight(hit.doc.title, query.highlight), snippet: snippet(hit.doc.text, query.highlight, length) };
}

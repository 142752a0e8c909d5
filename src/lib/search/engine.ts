/**
 * The search engine used in the browser (and by the benchmark and tests): unpacks the index file into
 * lunr, parses the query (query.ts), expands prefixes and typos against the term list (expand.ts), runs
 * lunr and re-ranks its hits (rank.ts). Filters and highlighting are in results.ts. No I/O: the caller
 * fetches the index file.
 */
import { docNumber, loadLunrIndex } from './lunr-index.ts';
import { oneEditTerms, prefixTerms } from './expand.ts';
import { parseQuery, WIDTH, type ParsedQuery, type QueryOptions, type Scope } from './query.ts';
import { docNames, rankHits, type DocNames, type RankedHit, type RawHit } from './rank.ts';
import { vocabulary } from './suggest.ts';
import type { PackedIndex, StoredDoc } from './types.ts';

export interface SearchResult {
  query: ParsedQuery;
  /** every match, best first, before filters */
  hits: RankedHit[];
}

export interface Searcher {
  docs: StoredDoc[];
  industries: Record<string, string>;
  /** names to suggest when nothing is found */
  vocabulary: string[];
  search(raw: string): SearchResult;
}

/** One exact index term to look for, with its weight and the fields it may match in. */
export interface WantedTerm {
  term: string;
  boost: number;
  fields: string[];
}

/**
 * Scores documents for exact index terms: lunr on the site. The search benchmark passes MiniSearch here, so
 * both engines get the same query parsing, synonyms, prefix/typo expansion and re-ranking (only the index differs).
 */
export type IndexScorer = (wanted: WantedTerm[]) => RawHit[];

export function createSearcher(packed: PackedIndex, scorer?: IndexScorer): Searcher {
  const { index, frequency, terms } = loadLunrIndex(packed);
  const lunrScorer: IndexScorer = (wanted) =>
    index
      .query((q) => {
        for (const { term, boost, fields } of wanted) q.clause({ term, boost, usePipeline: false, fields });
      })
      .map((r) => ({ doc: docNumber(r.ref), score: r.score, matched: () => Object.keys(r.matchData.metadata) }));
  const score = scorer ?? lunrScorer;
  const options: QueryOptions = {
    frequency: (term) => frequency.get(term),
    documents: packed.docs.length,
    clauseTitles: packed.clauseTitles,
  };
  const fields = packed.fields.map((f) => f.name);
  const scopes: Record<Scope, string[]> = {
    all: fields,
    short: fields.filter((f) => f !== 'body'),
    names: fields.filter((f) => f === 'title' || f === 'keywords' || f === 'clauses'),
  };
  const names: DocNames[] = packed.docs.map(docNames);
  const termSet = new Set(terms);
  return {
    docs: packed.docs,
    industries: packed.industries,
    vocabulary: vocabulary(packed.synonyms, packed.words),
    search(raw: string): SearchResult {
      const query = parseQuery(raw, packed.synonyms, options);
      if (!query.clauses.length) return { query, hits: [] };
      // expand prefixes and typos here, so lunr only sees exact terms that exist
      const wanted = new Map<string, { boost: number; scope: Scope }>();
      const add = (term: string, boost: number, scope: Scope) => {
        const w = wanted.get(term);
        if (!w) wanted.set(term, { boost, scope });
        else {
          w.boost += boost;
          if (WIDTH[scope] > WIDTH[w.scope]) w.scope = scope;
        }
      };
      for (const c of query.clauses) {
        if (c.prefix) for (const term of prefixTerms(terms, c.term)) add(term, c.boost, c.scope);
        else if (c.editDistance) for (const term of oneEditTerms(termSet, c.term)) add(term, c.boost, c.scope);
        else if (termSet.has(c.term)) add(c.term, c.boost, c.scope);
      }
      if (!wanted.size) return { query, hits: [] };
      const hits = score([...wanted].map(([term, { boost, scope }]) => ({ term, boost, fields: scopes[scope] })));
      return { query, hits: rankHits(hits, packed.docs, names, query) };
    },
  };
}

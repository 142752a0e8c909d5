/**
 * The search engine used in the browser (and by the benchmark and tests): unpacks the index file into
 * lunr, runs parsed queries, ranks, filters and highlights. No I/O: the caller fetches the index file.
 */
import { loadLunrIndex } from './lunr-index.ts';
import { oneEditTerms, prefixTerms } from './expand.ts';
import { parseQuery, type ParsedQuery, type QueryOptions } from './query.ts';
import { docNames, rankHits, type DocNames, type RankedHit } from './rank.ts';
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

export function createSearcher(packed: PackedIndex): Searcher {
  const { index, frequency } = loadLunrIndex(packed);
  const options: QueryOptions = { frequency: (term) => frequency.get(term), documents: packed.docs.length, clauseTitles: packed.clauseTitles };
  const fields = packed.fields.map((f) => f.name);
  const shortFields = fields.filter((f) => f !== 'body');
  const names: DocNames[] = packed.docs.map(docNames);
  const termSet = new Set(packed.terms);
  return {
    docs: packed.docs,
    industries: packed.industries,
    vocabulary: vocabulary(packed.synonyms, packed.words),
    search(raw: string): SearchResult {
      const query = parseQuery(raw, packed.synonyms, options);
      if (!query.clauses.length) return { query, hits: [] };
      // expand prefixes and typos here, so lunr only sees exact terms that exist
      const wanted = new Map<string, { boost: number; short: boolean }>();
      const add = (term: string, boost: number, short: boolean) => {
        const w = wanted.get(term);
        if (!w) wanted.set(term, { boost, short });
        else {
          w.boost += boost;
          w.short &&= short;
        }
      };
      for (const c of query.clauses) {
        const short = c.scope === 'short';
        if (c.prefix) for (const term of prefixTerms(packed.terms, c.term)) add(term, c.boost, short);
        else if (c.editDistance) for (const term of oneEditTerms(termSet, c.term)) add(term, c.boost, short);
        else if (termSet.has(c.term)) add(c.term, c.boost, short);
      }
      if (!wanted.size) return { query, hits: [] };
      const results = index.query((q) => {
        for (const [term, { boost, short }] of wanted) {
          q.clause({ term, boost, usePipeline: false, fields: short ? shortFields : fields });
        }
      });
      const raw_ = results.map((r) => ({ doc: Number(r.ref), score: r.score, matched: Object.keys(r.matchData.metadata) }));
      return { query, hits: rankHits(raw_, packed.docs, names, query) };
    },
  };
}

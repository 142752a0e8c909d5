/**
 * Loads the search index (/search-index.json, written by src/pages/search-index.json.ts) and the engine
 * once per page, for the search page and the header's suggestions. A failure can be retried.
 */
import type { Searcher } from '../lib/search/engine.ts';

export const INDEX_URL = '/search-index.json';
let loading: Promise<Searcher> | null = null;

export function loadSearcher(): Promise<Searcher> {
  loading ??= Promise.all([
    import('../lib/search/engine.ts'),
    fetch(INDEX_URL).then((res) => {
      if (!res.ok) throw new Error(`${res.status} ${INDEX_URL}`);
      return res.json();
    }),
  ])
    .then(([engine, packed]) => engine.createSearcher(packed))
    .catch((err: unknown) => {
      loading = null;
      throw err;
    });
  return loading;
}

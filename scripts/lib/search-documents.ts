/**
 * Search documents from content/ on disk, for the benchmark and the tests: the same shared function
 * (searchCorpus) that the site's index endpoint calls with astro:content entries.
 */
import { readContent, formatProblem } from './content-source.ts';
import { searchCorpus, type SearchCorpus } from '../../src/lib/search/documents.ts';
import { buildSearchIndex } from '../../src/lib/search/build-index.ts';
import type { PackedIndex, SearchDocument } from '../../src/lib/search/types.ts';

export type { SearchCorpus };

export function loadSearchCorpus(root: string): SearchCorpus {
  const content = readContent(root);
  if (content.problems.length) throw new Error(`content has problems:\n${content.problems.map(formatProblem).join('\n')}`);
  return searchCorpus(content);
}

export const buildCorpusIndex = (corpus: SearchCorpus): PackedIndex => buildSearchIndex(corpus.docs, corpus.synonyms);

/** The documents repeated to n (copy k of document "x" gets id "x~k" and its own URL); the original id is before "~". */
export function replicate(docs: SearchDocument[], n: number): SearchDocument[] {
  return Array.from({ length: n }, (_, i) => {
    const doc = docs[i % docs.length];
    const copy = Math.floor(i / docs.length);
    return copy === 0 ? doc : { ...doc, id: `${doc.id}~${copy}`, url: `${doc.url}${doc.url.includes('#') ? '-' : '#'}copy-${copy}` };
  });
}

export const originalId = (id: string) => id.split('~')[0];

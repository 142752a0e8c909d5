/**
 * /search-index.json: the site search index, built once at build time from the content collections with
 * the same function the benchmark and tests use (src/lib/search/documents.ts). The search page fetches
 * it on first use of the search box; no other page loads it.
 */
import { getCollection } from 'astro:content';
import { searchCorpus } from '../lib/search/documents.ts';
import { buildSearchIndex } from '../lib/search/build-index.ts';

export async function GET() {
  const [courses, lessons, cases, glossary] = await Promise.all([
    getCollection('courses'),
    getCollection('lessons'),
    getCollection('cases'),
    getCollection('glossary'),
  ]);
  const { docs, synonyms } = searchCorpus({ courses, lessons, cases, glossary });
  return new Response(JSON.stringify(buildSearchIndex(docs, synonyms)), { headers: { 'content-type': 'application/json' } });
}

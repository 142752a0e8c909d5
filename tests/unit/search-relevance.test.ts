/**
 * Relevance on the real content: the evaluation set in tests/search/eval-set.json (queries people type,
 * with the documents that must be in the top 5). recall@5 is printed per query type.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { buildSearchIndex } from '../../src/lib/search/build-index.ts';
import { createSearcher } from '../../src/lib/search/engine.ts';
import { buildCorpusIndex, loadSearchCorpus, replicate } from '../../scripts/lib/search-documents.ts';
import { evaluate, loadEvalSet } from '../search/eval.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpus = loadSearchCorpus(root);
const searcher = createSearcher(JSON.parse(JSON.stringify(buildCorpusIndex(corpus))));
const queries = loadEvalSet();
const ids = (q: string) => searcher.search(q).hits.map((h) => h.doc.id);

function report(name: string, result: ReturnType<typeof evaluate>) {
  const types = Object.entries(result.byType)
    .map(([type, r]) => `${type} ${r.recall.toFixed(2)} (${r.n})`)
    .join(', ');
  console.log(`${name}: recall@5 = ${result.recall.toFixed(3)} over ${queries.length} queries — ${types}`);
  for (const m of result.misses)
    console.log(`  miss ${m.recall.toFixed(2)} "${m.q}": expected ${m.expect.join(', ')}; top 5 ${m.top.join(', ')}`);
}

describe('the evaluation set', () => {
  it('has at least 60 real queries of every kind, naming documents that exist', () => {
    expect(queries.length).toBeGreaterThanOrEqual(60);
    const types = new Set(queries.map((q) => q.type));
    for (const type of ['abbreviation', 'synonym', 'clause', 'mixed', 'typo', 'fullwidth', 'industry', 'topic'])
      expect(types).toContain(type);
    expect(queries.filter((q) => q.type === 'typo').length).toBeGreaterThanOrEqual(8);
    expect(queries.filter((q) => q.type === 'clause').length).toBeGreaterThanOrEqual(8);
    const known = new Set(corpus.docs.map((d) => d.id));
    for (const q of queries) for (const id of q.expect) expect(known, `${q.q}: ${id}`).toContain(id);
    expect(new Set(queries.map((q) => q.q)).size).toBe(queries.length);
  });
});

describe('relevance', () => {
  it('recall@5 is at least 0.95 on the real content', () => {
    const result = evaluate(queries, ids);
    report(`real content (${corpus.docs.length} documents)`, result);
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('recall@5 stays at least 0.95 with the content replicated to 2,000 documents', () => {
    const big = createSearcher(JSON.parse(JSON.stringify(buildSearchIndex(replicate(corpus.docs, 2000), corpus.synonyms))));
    const result = evaluate(queries, (q) => big.search(q).hits.map((h) => h.doc.id));
    report('2,000 documents', result);
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it('puts the glossary term and the lesson for 鱼骨图 on top, the lesson first among lessons', () => {
    const hits = searcher.search('鱼骨图').hits;
    expect(hits[0]).toMatchObject({ nameHit: true, doc: { id: 'term:cause-and-effect-diagram' } });
    expect(hits.find((h) => h.doc.kind !== 'term')!.doc.id).toBe('lesson:seven-quality-tools/cause-and-effect-diagram');
  });

  it('finds 9.2.1 and 9.2.2 for 9.2, and ranks documents about exactly 9.2 first', () => {
    const hits = searcher.search('9.2').hits;
    const clauses = hits.flatMap((h) => h.doc.clauses);
    expect(clauses).toEqual(expect.arrayContaining(['9.2', '9.2.1', '9.2.2']));
    expect(hits.slice(0, 2).every((h) => h.doc.clauses.includes('9.2'))).toBe(true);
    expect(hits.some((h) => !h.doc.clauses.includes('9.2') && h.doc.clauses.includes('9.2.2'))).toBe(true);
  });

  it('treats ＩＳＯ９００１, iso9001 and ISO 9001 as one query', () => {
    expect(ids('ＩＳＯ９００１')).toEqual(ids('iso9001'));
    expect(ids('ISO 9001')).toEqual(ids('iso9001'));
    expect(ids('Iso 9001')).toEqual(ids('iso9001'));
  });

  it('gives an abbreviation and its full name the same best answers', () => {
    expect(ids('内审').slice(0, 3)).toContain(ids('内部审核')[0]);
    expect(ids('管评').slice(0, 3)).toContain(ids('管理评审')[0]);
    expect(ids('5S')[0]).toBe(ids('6S')[0]);
  });

  it('finds 螺蛳粉 and nothing for gibberish', () => {
    expect(ids('螺蛳粉')[0]).toBe('case:liuzhou-snail-noodles');
    expect(ids('zzqqxx')).toEqual([]);
  });
});

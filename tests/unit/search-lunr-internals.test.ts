/**
 * The lunr internals the site search relies on (docs/search.md, "What the engine relies on in lunr"). The
 * engine builds lunr's index itself (src/lib/search/lunr-index.ts) instead of running lunr.Builder, so a lunr
 * release that changes any of these would silently change scores or break search: these tests fail first.
 */
import lunr from 'lunr';
import { describe, expect, it } from 'vitest';

const L = lunr as any;

describe('lunr internals used by the search engine', () => {
  it('is lunr 2.3 (the version the engine was written and measured against)', () => {
    expect(L.version).toMatch(/^2\.3\./);
  });

  it('BM25 with k1 = 1.2 and b = 0.75, and lunr.idf as the engine computes it', () => {
    const builder = new L.Builder();
    expect(builder._k1).toBe(1.2);
    expect(builder._b).toBe(0.75);
    // a term in 3 of 10 documents (the posting counts documents once, whatever the fields)
    const posting = { _index: 0, body: { a: {}, b: {} }, title: { c: {} } };
    expect(L.idf(posting, 10)).toBeCloseTo(Math.log(1 + Math.abs((10 - 3 + 0.5) / (3 + 0.5))), 12);
  });

  it('rounds field vector scores to three decimals in lunr.Builder', () => {
    const index = lunr(function () {
      this.ref('id');
      this.field('body');
      this.add({ id: 'd0', body: 'quality audit audit' });
      this.add({ id: 'd1', body: 'quality' });
    });
    const elements: number[] = (index as any).fieldVectors['body/d0'].elements;
    for (let i = 1; i < elements.length; i += 2) expect(elements[i]).toBe(Math.round(elements[i] * 1000) / 1000);
  });

  it('builds an Index from invertedIndex, fieldVectors, tokenSet, fields and pipeline, and queries through tokenSet.intersect', () => {
    const asked: string[][] = [];
    const tokenSet = {
      intersect: (query: any) => ({
        toArray: () => {
          asked.push(query.toArray());
          return query.toArray().filter((t: string) => t === 'audit');
        },
      }),
    };
    const index = new L.Index({
      invertedIndex: { audit: { _index: 0, body: { d0: {} } } },
      fieldVectors: { 'body/d0': new L.Vector([0, 2.5]) },
      tokenSet,
      fields: ['body'],
      pipeline: new L.Pipeline(),
    });
    const results = index.query((q: any) => q.clause({ term: 'audit', boost: 2, usePipeline: false, fields: ['body'] }));
    expect(asked).toEqual([['audit']]);
    expect(results.map((r: any) => r.ref)).toEqual(['d0']);
    // Vector.similarity: the stored weight, the query vector normalised by its magnitude (one term: boost cancels)
    expect(results[0].score).toBeCloseTo(2.5, 6);
    expect(Object.keys(results[0].matchData.metadata)).toEqual(['audit']);
  });

  it('stems English words with lunr.stemmer on a lunr.Token (the tokenizer uses it)', () => {
    expect(L.stemmer(new L.Token('audits')).toString()).toBe('audit');
    expect(L.stemmer(new L.Token('processes')).toString()).toBe('process');
  });
});

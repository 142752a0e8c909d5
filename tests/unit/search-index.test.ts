import { describe, expect, it } from 'vitest';
import lunr from 'lunr';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSearchIndex, fieldTerms, FIELDS, packTerms, unpackTerms } from '../../src/lib/search/build-index.ts';
import { decodePostings, docRef, loadLunrIndex } from '../../src/lib/search/lunr-index.ts';
import { createSearcher } from '../../src/lib/search/engine.ts';
import type { SearchDocument } from '../../src/lib/search/types.ts';
import { buildCorpusIndex, loadSearchCorpus } from '../../scripts/lib/search-documents.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const doc = (id: string, title: string, body: string, extra: Partial<SearchDocument> = {}): SearchDocument => ({
  id,
  kind: 'lesson',
  url: `/x/${id}/`,
  title,
  clauses: [],
  keywords: [],
  headings: [],
  facets: [],
  summary: body.slice(0, 20),
  body,
  ...extra,
});

const small = [
  doc('a', '因果图：把原因摆上桌', '鱼骨图把原因按人机料法环测分类。鱼骨图要验证。', { clauses: ['10.2.1'], keywords: ['鱼骨图'] }),
  doc('b', '排列图：先抓关键的少数', '排列图又叫帕累托图。', { clauses: ['9.1.3'], headings: ['什么是排列图'] }),
  doc('c', '内部审核是什么', '内审是企业自己查自己。ISO 9001 条款 9.2 要求内审。', { clauses: ['9.2', '9.2.1'] }),
  doc('d', 'Internal audit basics', 'Audits check the quality management system.', { kind: 'term' }),
];

describe('the packed index', () => {
  const packed = buildSearchIndex(small, [['鱼骨图', '因果图']]);

  it('is JSON with sorted terms and the stored fields a result needs', () => {
    expect(JSON.parse(JSON.stringify(packed))).toEqual(packed);
    const terms = unpackTerms(packed.terms);
    expect(terms).toEqual([...terms].sort());
    expect(terms).toContain('鱼骨');
    expect(packed.postings.split(' ')).toHaveLength(terms.length);
    expect(packed.docs[0]).toEqual({
      id: 'a',
      kind: 'lesson',
      url: '/x/a/',
      title: '因果图：把原因摆上桌',
      clauses: ['10.2.1'],
      text: small[0].summary,
    });
    expect(packed.docs[3].aliases).toEqual([]);
    expect(packed.lengths.map((l) => l.length)).toEqual(FIELDS.map(() => small.length));
  });

  it('front-codes the sorted terms', () => {
    const sorted = ['8.5', '8.5.1', '8.5.2', 'audit', 'auditor', '内审', '内审员', '鱼骨', '𠮷田', '𠮷野'];
    expect(packTerms(sorted)).toBe('08.5\n3.1\n42\n0audit\n5or\n0内审\n2员\n0鱼骨\n0𠮷田\n1野');
    expect(unpackTerms(packTerms(sorted))).toEqual(sorted);
    expect(unpackTerms(packTerms([]))).toEqual([]);
    const long = ['abcdefghijklmn', 'abcdefghijklmo'];
    expect(unpackTerms(packTerms(long))).toEqual(long);
  });

  it('decodes postings back to documents and term frequencies', () => {
    const i = unpackTerms(packed.terms).indexOf('鱼骨');
    const decoded = decodePostings(packed.postings.split(' ')[i]);
    const body = FIELDS.findIndex((f) => f.name === 'body');
    expect(decoded).toContainEqual({ field: body, doc: 0, tf: 2 });
    expect(decodePostings('A0,3:2,1B5')).toEqual([
      { field: 0, doc: 0, tf: 1 },
      { field: 0, doc: 3, tf: 2 },
      { field: 0, doc: 4, tf: 1 },
      { field: 1, doc: 5, tf: 1 },
    ]);
  });

  it('scores exactly as an index built by lunr.Builder from the same tokens', () => {
    const reference = lunr(function () {
      this.pipeline.reset();
      this.searchPipeline.reset();
      this.ref('ref');
      for (const f of FIELDS) this.field(f.name, { boost: f.boost });
      small.forEach((d, n) => {
        const byField = fieldTerms(d);
        this.add({ ref: docRef(n), ...Object.fromEntries(FIELDS.map((f, i) => [f.name, byField[i]])) });
      });
    });
    const ours = loadLunrIndex(JSON.parse(JSON.stringify(packed))).index;
    for (const terms of [['鱼骨'], ['排列', '列图'], ['9.2'], ['audit', 'intern'], ['内审', '9.2.1', '鱼骨']]) {
      const run = (index: lunr.Index) =>
        Object.fromEntries(
          index
            .query((q) => terms.forEach((term) => q.clause({ term, usePipeline: false, boost: 2 })))
            .map((r) => [r.ref, r.score.toFixed(6)]),
        );
      expect(run(ours), terms.join(' ')).toEqual(run(reference));
    }
  });

  it('finds documents through the engine', () => {
    const search = createSearcher(JSON.parse(JSON.stringify(packed)));
    expect(search.search('因果图').hits[0].doc.id).toBe('a');
    expect(search.search('鱼骨图').hits.map((h) => h.doc.id)).toContain('a');
    expect(search.search('9.2').hits[0].doc.id).toBe('c');
    expect(search.search('ISO9001').hits[0].doc.id).toBe('c');
    expect(search.search('audit').hits.map((h) => h.doc.id)).toContain('d');
    expect(search.search('没有这个词').hits).toEqual([]);
  });
});

describe('the site index', () => {
  const corpus = loadSearchCorpus(root);
  const packed = buildCorpusIndex(corpus);

  it('carries no quiz data', () => {
    expect(JSON.stringify(packed)).not.toMatch(/"(answer|explanation|questions|quiz|prompt)"/);
  });

  it('is what the build wrote to dist/search-index.json (the benchmark indexes the same documents)', () => {
    const built = join(root, 'dist', 'search-index.json');
    const newest = (dir: string): number =>
      readdirSync(dir).reduce((m, name) => {
        const p = join(dir, name);
        return Math.max(m, statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs);
      }, 0);
    if (!existsSync(built) || statSync(built).mtimeMs < Math.max(newest(join(root, 'content')), newest(join(root, 'src/lib/search')))) {
      console.warn('dist/search-index.json is missing or older than the content: run `npm run build` to compare');
      return;
    }
    const site = JSON.parse(readFileSync(built, 'utf8'));
    expect(site.docs).toEqual(packed.docs);
    expect(site.terms).toEqual(packed.terms);
    expect(site.postings).toEqual(packed.postings);
    expect(site.synonyms).toEqual(packed.synonyms);
  });
});

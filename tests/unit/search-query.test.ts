import { describe, expect, it } from 'vitest';
import { expandSynonyms, parseQuery, WEIGHTS } from '../../src/lib/search/query.ts';
import { curatedSynonyms, mergeSynonyms, parseSynonyms } from '../../src/lib/search/synonyms.ts';
import { oneEditTerms, prefixTerms } from '../../src/lib/search/expand.ts';

const groups = mergeSynonyms(curatedSynonyms(), [
  { term: '因果图', english: 'cause-and-effect diagram', aliases: ['鱼骨图', '石川图'] },
  { term: '管理评审', english: 'management review', aliases: ['管评'] },
]);

describe('synonyms', () => {
  it('are checked when loaded', () => {
    expect(() => parseSynonyms({ groups: [['内审']] })).toThrow(/至少两个词/);
    expect(() => parseSynonyms({ groups: [['ＳＯＰ', 'sop']] })).toThrow(/重复/);
    expect(() => parseSynonyms({ groups: [] })).toThrow();
    expect(() => parseSynonyms({ groups: [['内审', '']] })).toThrow(/不能为空/);
    expect(curatedSynonyms().length).toBeGreaterThan(30);
  });

  it('hold the abbreviations people type, folded, with glossary names merged in', () => {
    const has = (...words: string[]) => groups.some((g) => words.every((w) => g.includes(w)));
    expect(has('内审', '内部审核')).toBe(true);
    expect(has('管评', '管理评审')).toBe(true);
    expect(has('鱼骨图', '因果图', '石川图')).toBe(true);
    expect(has('排列图', '帕累托图')).toBe(true);
    expect(has('5s', '6s')).toBe(true);
    expect(has('因果图', 'cause-and-effect diagram')).toBe(true);
    // the same group is not added twice
    const keys = groups.map((g) => [...g].sort().join('|'));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('swap the longest synonym found for each other member of its group', () => {
    const phrases = expandSynonyms('内审怎么做', groups).map((v) => v.phrase);
    expect(phrases[0]).toBe('内审怎么做');
    expect(phrases).toContain('内部审核怎么做');
    // 内审员 is matched whole, so 内审 inside it is left alone
    const staff = expandSynonyms('内审员', groups).map((v) => v.phrase);
    expect(staff).toContain('内部审核员');
    expect(staff).not.toContain('内部审核员员');
  });

  it('match Latin synonyms as whole words only', () => {
    expect(expandSynonyms('5s', groups).map((v) => v.phrase)).toContain('6s');
    expect(expandSynonyms('25s', groups)).toHaveLength(1);
    expect(expandSynonyms('sops', groups)).toHaveLength(1);
  });
});

describe('parseQuery', () => {
  it('searches what was typed everywhere, synonyms in titles and names only', () => {
    const q = parseQuery('鱼骨图', groups);
    expect(q.text).toBe('鱼骨图');
    expect(q.variants[0]).toMatchObject({ phrase: '鱼骨图', source: 'typed', weight: 1 });
    expect(q.variants.slice(1).every((v) => v.source === 'synonym' && v.weight === WEIGHTS.synonym)).toBe(true);
    const typed = q.clauses.find((c) => c.term === '鱼骨')!;
    expect(typed.scope).toBe('all');
    const synonym = q.clauses.find((c) => c.term === '因果')!;
    expect(synonym.scope).toBe('short');
    expect(synonym.boost).toBeLessThan(typed.boost);
    expect(q.highlight).toEqual(expect.arrayContaining(['鱼骨图', '因果图', '鱼骨']));
  });

  it('matches a clause number exactly and by prefix, and adds the clause title', () => {
    const q = parseQuery('9.2', groups, { clauseTitles: { '9.2': '内部审核' } });
    expect(q.clause).toBe('9.2');
    expect(q.clauses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ term: '9.2', prefix: false }),
        expect.objectContaining({ term: '9.2.', prefix: true }),
      ]),
    );
    expect(q.variants.map((v) => v.source)).toContain('clause-title');
    expect(parseQuery('条款 8.5.1', groups).clause).toBe('8.5.1');
    expect(parseQuery('８．５．１', groups).clause).toBe('8.5.1');
    // a bare chapter number finds its clauses
    expect(parseQuery('条款8', groups).clauses).toEqual(expect.arrayContaining([expect.objectContaining({ term: '8.', prefix: true })]));
  });

  it('adds prefixes and one-typo matches for Latin words typed', () => {
    const q = parseQuery('hacpp', groups);
    expect(q.clauses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ term: 'hacpp', prefix: true }),
        expect.objectContaining({ term: 'hacpp', editDistance: 1 }),
      ]),
    );
  });

  it('gives the same query for full-width, half-width, case and spacing', () => {
    const a = parseQuery('ＩＳＯ９００１', groups);
    const b = parseQuery('iso9001', groups);
    const c = parseQuery('ISO 9001', groups);
    const termsOf = (q: typeof a) => q.clauses.map((x) => `${x.term}|${x.prefix}|${x.editDistance}`).sort();
    expect(termsOf(a)).toEqual(termsOf(b));
    expect(termsOf(c)).toEqual(termsOf(b));
  });

  it('drops words that carry no meaning when others remain', () => {
    const frequency = (term: string) => (['怎么', '处理'].includes(term) ? { body: 90, short: 40 } : { body: 1, short: 1 });
    const q = parseQuery('投诉怎么处理', [], { frequency, documents: 100 });
    expect(q.variants[0].tokens.map((t) => t.term)).not.toContain('怎么');
    expect(q.variants[0].tokens.map((t) => t.term)).toContain('投诉');
    // but never everything
    expect(parseQuery('怎么', [], { frequency, documents: 100 }).variants[0].tokens).toHaveLength(1);
  });

  it('returns an empty query for nothing searchable', () => {
    expect(parseQuery('  ，。！ ', groups)).toMatchObject({ text: '', clauses: [] });
  });
});

describe('prefix and typo expansion against the index terms', () => {
  const sorted = ['8.5', '8.5.1', '8.5.2', '8.6', 'haccp', 'pdca', '内审'];
  it('finds every term with a prefix by binary search', () => {
    expect(prefixTerms(sorted, '8.5.')).toEqual(['8.5.1', '8.5.2']);
    expect(prefixTerms(sorted, 'hac')).toEqual(['haccp']);
    expect(prefixTerms(sorted, 'zzz')).toEqual([]);
  });
  it('finds terms one edit away, swaps included', () => {
    const set = new Set(sorted);
    expect(oneEditTerms(set, 'hacpp')).toEqual(['haccp']);
    expect(oneEditTerms(set, 'pdac')).toEqual(['pdca']);
    expect(oneEditTerms(set, 'pdcaa')).toEqual(['pdca']);
    expect(oneEditTerms(set, 'haccp')).toEqual([]);
  });
});

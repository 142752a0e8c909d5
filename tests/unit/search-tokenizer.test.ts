import { describe, expect, it } from 'vitest';
import { fold, foldWithMap, normalizeQuery } from '../../src/lib/search/normalize.ts';
import { stem, terms, tokenize } from '../../src/lib/search/tokenize.ts';

const kinds = (text: string) => tokenize(text).map((t) => `${t.term}/${t.kind}`);

describe('fold: one form for what people type', () => {
  it('folds full-width, case and spacing', () => {
    expect(fold('ＩＳＯ９００１')).toBe('iso9001');
    expect(fold('  ISO   9001 ')).toBe('iso9001');
    expect(fold('GB/T 19001')).toBe('gb/t19001');
    expect(fold('８．５．１')).toBe('8.5.1');
    expect(fold('ＳＯＰ（作业指导书）')).toBe('sop(作业指导书)');
    expect(fold('内部 审核')).toBe('内部审核'); // no spaces between Chinese characters
    expect(fold('内部\u3000审核')).toBe('内部审核'); // ideographic space
    expect(fold('5S 管理')).toBe('5s 管理');
    expect(fold('“cause–effect”')).toBe('“cause-effect”');
  });

  it('keeps a map from folded characters back to the original text', () => {
    const { folded, map } = foldWithMap('Ａ内审');
    expect(folded).toBe('a内审');
    expect(map).toEqual([0, 1, 2, 3]);
    const surrogate = foldWithMap('𠮷田Ｂ');
    expect(surrogate.folded).toBe('𠮷田b');
    expect(surrogate.map.slice(0, 3)).toEqual([0, 0, 2]);
  });

  it('normalises a query: folded, trimmed, at most 64 characters', () => {
    expect(normalizeQuery('  ＰＤＣＡ ')).toBe('pdca');
    expect(normalizeQuery('质'.repeat(100))).toHaveLength(64);
  });
});

describe('tokenize: the same cut at build time and in the browser', () => {
  it('cuts Chinese into bigrams plus dictionary words of three or more characters', () => {
    expect(terms('鱼骨图')).toEqual(['鱼骨', '骨图']);
    expect(terms('内审')).toEqual(['内审']);
    expect(kinds('不合格品控制')).toEqual(['不合/han', '合格/han', '格品/han', '品控/han', '控制/han', '不合格/word']);
  });

  it('keeps a lone character between punctuation', () => {
    expect(kinds('人、机、料')).toEqual(['人/han1', '机/han1', '料/han1']);
  });

  it('never pairs characters across punctuation, Latin words or digits', () => {
    expect(terms('质量，方针')).toEqual(['质量', '方针']);
    expect(terms('QC七大手法')).toEqual(['qc', '七大', '大手', '手法']);
  });

  it('stems Latin words with lunr and drops English stop words', () => {
    expect(terms('Internal Audits')).toEqual(['intern', 'audit']);
    expect(terms('auditing')).toEqual([stem('auditing')]);
    expect(stem('auditing')).toBe('audit');
    expect(terms('context of the organization')).toEqual(['context', 'organ']);
  });

  it('keeps ISO 9001 clause numbers whole', () => {
    expect(kinds('条款 8.5.1 的要求')).toEqual(['条款/han', '8.5.1/clause', '的要/han', '要求/han']);
    expect(terms('7.5.3.1')).toEqual(['7.5.3.1']);
    expect(terms('（条款10.2.1）')).toEqual(['条款', '10.2.1']);
  });

  it('makes ＩＳＯ９００１, iso9001 and ISO 9001 the same words', () => {
    const expected = new Set(['iso9001', 'iso', '9001']);
    for (const text of ['ＩＳＯ９００１', 'iso9001', 'ISO 9001', 'ISO9001:2015']) {
      expect(new Set(terms(text).filter((t) => t !== '2015')), text).toEqual(expected);
    }
    expect(kinds('ISO 9001')).toEqual(['iso9001/compound', 'iso/part', '9001/part']);
  });

  it('keeps short letter-digit codes as one word', () => {
    expect(kinds('5S和6S')).toEqual(['5s/compound', '和/han1', '6s/compound']);
    expect(terms('5M1E')).toEqual(['5m1e']);
    expect(terms('５Ｓ')).toEqual(['5s']);
  });

  it('returns nothing for punctuation only', () => {
    expect(tokenize('……！？')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { groupByInitial, pinyinInitial } from '../../src/lib/pinyin-initial.ts';

describe('pinyin initials for the glossary index', () => {
  it('files Chinese words under the first letter of their pinyin', () => {
    expect(pinyinInitial('认可')).toBe('R');
    expect(pinyinInitial('内部审核')).toBe('N');
    expect(pinyinInitial('纠正措施')).toBe('J');
    expect(pinyinInitial('顾客满意')).toBe('G');
    expect(pinyinInitial('阿')).toBe('A');
    expect(pinyinInitial('验证')).toBe('Y');
    expect(pinyinInitial('作业指导书')).toBe('Z');
  });

  it('files Latin words under their letter and anything else under #', () => {
    expect(pinyinInitial('PDCA 循环')).toBe('P');
    expect(pinyinInitial('5S')).toBe('#');
  });

  it('groups in A–Z order with # last', () => {
    const groups = groupByInitial(['质量', '5S', '八', 'PDCA', '不合格'], (w) => w);
    expect(groups.map((g) => g.letter)).toEqual(['B', 'P', 'Z', '#']);
    expect(groups[0].items).toEqual(['八', '不合格']);
  });
});

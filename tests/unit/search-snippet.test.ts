import { describe, expect, it } from 'vitest';
import { highlight, snippet } from '../../src/lib/search/snippet.ts';
import { suggest, vocabulary } from '../../src/lib/search/suggest.ts';

const marked = (segments: { text: string; hit: boolean }[]) => segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');

describe('highlight and snippet', () => {
  it('marks matches, folding full-width and case, in the original text', () => {
    expect(marked(highlight('因果图：把原因摆上桌', ['因果图']))).toBe('[因果图]：把原因摆上桌');
    expect(marked(highlight('通过 ＩＳＯ ９００１ 认证', ['iso 9001']))).toBe('通过 [ＩＳＯ ９００１] 认证');
    expect(marked(highlight('条款 8.5.1 和 8.5.2', ['8.5']))).toBe('条款 [8.5].1 和 [8.5].2');
    // overlapping bigrams join into one mark
    expect(marked(highlight('内部审核是什么', ['内部', '部审', '审核']))).toBe('[内部审核]是什么');
    expect(highlight('没有匹配', ['鱼骨'])).toEqual([{ text: '没有匹配', hit: false }]);
  });

  it('cuts a window around the densest matches, from a sentence start, with ellipses', () => {
    const text = `${'开头的句子没有关键词。'.repeat(8)}鱼骨图要叫上一线员工一起画。${'结尾也没有。'.repeat(10)}`;
    const out = snippet(text, ['鱼骨图'], 40);
    expect(out[0]).toEqual({ text: '…', hit: false });
    expect(marked(out)).toContain('…[鱼骨图]要叫上一线员工一起画。');
    expect(out.at(-1)).toEqual({ text: '…', hit: false });
    expect(out.map((s) => s.text).join('').length).toBeLessThanOrEqual(42);
  });

  it('starts at the beginning when nothing matches, and returns short texts whole', () => {
    expect(marked(snippet('短文本', ['鱼骨']))).toBe('短文本');
    const out = snippet('甲'.repeat(100), ['鱼骨'], 20);
    expect(out[0].text).toBe('甲'.repeat(20));
    expect(out.at(-1)!.text).toBe('…');
  });
});

describe('suggestions for no results', () => {
  const words = vocabulary(
    [
      ['鱼骨图', '因果图', '石川图'],
      ['内审', '内部审核'],
      ['haccp', '危害分析与关键控制点'],
    ],
    ['螺蛳粉', '童装'],
  );
  it('offers names sharing characters with what was typed', () => {
    expect(suggest('鱼刺图', words)[0]).toBe('鱼骨图');
    expect(suggest('内部审计', words)[0]).toBe('内部审核');
    expect(suggest('螺丝粉', words)).toContain('螺蛳粉');
    expect(suggest('haccq', words)[0]).toBe('haccp');
  });
  it('offers nothing when nothing is similar', () => {
    expect(suggest('xyzzy', words)).toEqual([]);
    expect(suggest('', words)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseSrt, parseSrtTime } from '../../scripts/lib/srt.ts';
import { toVtt } from '../../scripts/lib/media-script.ts';

describe('SRT captions', () => {
  it('reads times with comma or dot milliseconds', () => {
    expect(parseSrtTime('00:01:02,500')).toBe(62.5);
    expect(parseSrtTime('1:00:00.05')).toBe(3600.05);
    expect(parseSrtTime('00:61:00,000')).toBeNull();
    expect(parseSrtTime('soon')).toBeNull();
  });

  it('turns cues into WebVTT, dropping SRT formatting tags and a BOM, with CRLF line ends', () => {
    const srt =
      '\uFEFF1\r\n00:00:01,000 --> 00:00:03,200\r\n先看<i>首件</i>\r\n第二行\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000 X1:0\r\n再量尺寸\r\n';
    const { cues, problems } = parseSrt(srt);
    expect(problems).toEqual([]);
    expect(cues).toEqual([
      { start: 1, end: 3.2, text: '先看首件\n第二行' },
      { start: 4, end: 6, text: '再量尺寸' },
    ]);
    expect(toVtt(cues)).toBe('WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.200\n先看首件 第二行\n\n2\n00:00:04.000 --> 00:00:06.000\n再量尺寸\n');
  });

  it('names the line of every problem and rejects the file', () => {
    const srt = [
      '1',
      '00:00:05,000 --> 00:00:04,000',
      '倒着走',
      '',
      '2',
      '00:00:06,000 -> 00:00:07,000',
      '箭头不对',
      '',
      '3',
      '00:00:08,000 --> 00:00:09,000',
      '',
    ].join('\n');
    const { problems } = parseSrt(srt);
    expect(problems).toEqual([
      { line: 2, message: '结束时间必须晚于开始时间' },
      { line: 5, message: expect.stringContaining('应为时间行') },
      { line: 9, message: '这条字幕没有文字' },
    ]);
  });

  it('reports overlapping cues and an empty file', () => {
    expect(parseSrt('00:00:01,000 --> 00:00:05,000\n一\n\n00:00:04,000 --> 00:00:06,000\n二\n').problems).toEqual([
      { line: 4, message: '和上一条字幕时间重叠' },
    ]);
    expect(parseSrt('\n\n').problems).toEqual([{ line: 1, message: '文件里没有字幕' }]);
  });
});

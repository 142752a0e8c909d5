/**
 * jsonRoute writes a RawJson (the presented questions, serialised once per VM) as it is: the answer must be the
 * same JSON as if the value had been serialised on the spot, including for text that itself looks like the
 * placeholder or holds quotes, backslashes and control characters.
 */
import { describe, expect, it } from 'vitest';
import { RawJson, stringifyWithRaw } from '../../src/server/http.ts';

describe('stringifyWithRaw', () => {
  it('puts the raw text in place and leaves everything else as JSON.stringify writes it', () => {
    const questions = [{ ref: 'c/l#q1', type: 'single', prompt: '“质量”\\ "引号" \u0001raw\u0001', options: ['甲', '乙'] }];
    const body = { id: 'a1', title: '\u0001raw\u0001', questions: new RawJson(JSON.stringify(questions)), passMark: 80 };
    const out = stringifyWithRaw(body);
    expect(JSON.parse(out)).toEqual({ id: 'a1', title: '\u0001raw\u0001', questions, passMark: 80 });
  });

  it('is plain JSON.stringify without a RawJson, and a later answer never reuses an earlier raw text', () => {
    stringifyWithRaw({ questions: new RawJson('[1,2,3]') });
    const body = { title: '\u0001raw\u0001', n: 1 };
    expect(stringifyWithRaw(body)).toBe(JSON.stringify(body));
  });
});

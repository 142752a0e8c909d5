import { describe, expect, it } from 'vitest';
import { formatInt } from '../../src/lib/format.ts';

describe('formatInt', () => {
  it('groups whole numbers by thousands exactly as zh-CN does', () => {
    for (const n of [0, 7, 42, 999, 1000, 1234, 12345, 123456, 1234567, 10000000, -1, -1234, -999999, Number.MAX_SAFE_INTEGER]) {
      expect(formatInt(n), String(n)).toBe(n.toLocaleString('zh-CN'));
    }
    expect(formatInt(1234567)).toBe('1,234,567');
  });
  it('leaves fractions and values beyond exact integers to the locale', () => {
    expect(formatInt(1234.5)).toBe((1234.5).toLocaleString('zh-CN'));
    expect(formatInt(1e21)).toBe((1e21).toLocaleString('zh-CN'));
  });
});

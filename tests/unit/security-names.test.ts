import { describe, expect, it } from 'vitest';
import { checkName, NAME_MAX } from '../../src/lib/security/names.ts';

describe('one rule for names', () => {
  it('accepts real names and normalises whitespace', () => {
    for (const name of ['王小丽', '欧阳娜娜', '买买提·艾力', 'Anna Li', '𠮷田', '李　明']) expect(checkName(name).ok, name).toBe(true);
    expect(checkName('  张   三  ')).toEqual({ ok: true, value: '张 三' });
  });

  it('refuses blank, too short, too long, invisible characters and names without letters', () => {
    expect(checkName('')).toMatchObject({ ok: false, code: 'name_required' });
    expect(checkName('   ')).toMatchObject({ ok: false, code: 'name_required' });
    expect(checkName(undefined)).toMatchObject({ ok: false, code: 'name_required' });
    expect(checkName(42)).toMatchObject({ ok: false, code: 'name_required' });
    expect(checkName('王')).toMatchObject({ ok: false, code: 'name_too_short' });
    expect(checkName('王'.repeat(NAME_MAX + 1))).toMatchObject({ ok: false, code: 'name_too_long' });
    expect(checkName('王\u200b丽')).toMatchObject({ ok: false, code: 'name_invalid_chars' });
    expect(checkName('王\u202e丽')).toMatchObject({ ok: false, code: 'name_invalid_chars' });
    expect(checkName('123456')).toMatchObject({ ok: false, code: 'name_no_letter' });
    expect(checkName('……')).toMatchObject({ ok: false, code: 'name_no_letter' });
  });

  it('refuses a huge name at once, without splitting it into characters', () => {
    // Refused on its raw length (NAME_RAW_MAX), even when trimming and collapsing spaces would shorten it:
    // the cost is measured by `npm run bench:abuse`.
    expect(checkName(`王${' '.repeat(200)}丽`)).toMatchObject({ ok: false, code: 'name_too_long' });
    expect(checkName('a'.repeat(30 * 1024 * 1024))).toMatchObject({ ok: false, code: 'name_too_long' });
  });

  it('gives every refusal a Chinese message', () => {
    for (const bad of ['', '王', '王'.repeat(40), '王\u0000丽', '123']) {
      const r = checkName(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

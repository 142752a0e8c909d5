import { describe, expect, it } from 'vitest';
import { normaliseUscc, usccCheckCharacter, validateUscc } from '../../src/lib/uscc.ts';

// Published example codes of real registrations (check characters computed by the issuing authorities).
const REAL = ['91350100M000100Y43', '91110000600037341L', '91440300708461136T'];

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(REAL)('accepts the valid code %s and reads its region', (code) => {
    const result = validateUscc(code);
    expect(result).toMatchObject({ ok: true, code, regionCode: code.slice(2, 8) });
  });

  it('computes the check character, mapping 31 to 0', () => {
    for (const code of REAL) expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it('rejects a wrong check character with a Chinese message', () => {
    const result = validateUscc('91350100M000100Y44');
    expect(result).toMatchObject({ ok: false, reason: 'checksum' });
    expect(!result.ok && result.message).toContain('校验位');
  });

  it('rejects letters that the alphabet leaves out, naming the position', () => {
    const result = validateUscc('91350100M000100I43');
    expect(result).toMatchObject({ ok: false, reason: 'character' });
    expect(!result.ok && result.message).toContain('第 16 位');
  });

  it('rejects a wrong length and says how many characters were typed', () => {
    const result = validateUscc('9135010');
    expect(result).toMatchObject({ ok: false, reason: 'length' });
    expect(!result.ok && result.message).toContain('7 位');
    expect(validateUscc('   ')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('folds lower case, spaces and full-width characters pasted from documents', () => {
    expect(normaliseUscc('９１３５ 0100m000100y43')).toBe('91350100M000100Y43');
    expect(validateUscc('９１３５ 0100m000100y43').ok).toBe(true);
  });
});

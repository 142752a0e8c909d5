import { describe, expect, it } from 'vitest';
import { formatResetCode, isWellFormedResetCode, normaliseResetCode, RESET_CODE_ALPHABET } from '../../src/lib/security/reset-codes.ts';

describe('one-time reset codes', () => {
  it('use no look-alike characters', () => {
    for (const c of '01OIL') expect(RESET_CODE_ALPHABET).not.toContain(c);
    expect(new Set(RESET_CODE_ALPHABET).size).toBe(RESET_CODE_ALPHABET.length);
  });
  it('accept what people type: lower case, spaces, the dash shown', () => {
    expect(normaliseResetCode(' abcd-2345 ')).toBe('ABCD2345');
    expect(normaliseResetCode('AB CD 23 45')).toBe('ABCD2345');
    expect(isWellFormedResetCode(normaliseResetCode(formatResetCode('ABCD2345')))).toBe(true);
  });
  it('refuse wrong lengths and characters outside the alphabet', () => {
    expect(isWellFormedResetCode('ABCD234')).toBe(false);
    expect(isWellFormedResetCode('ABCD2340')).toBe(false);
    expect(isWellFormedResetCode(normaliseResetCode(42))).toBe(false);
  });
});

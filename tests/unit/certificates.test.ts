import { describe, expect, it } from 'vitest';
import { CERT_ALPHABET, formatCertificateCode, isWellFormedCertificateCode, newCertificateCode } from '../../src/lib/certificate-code.ts';
import { maskName } from '../../src/lib/privacy.ts';

describe('certificate codes', () => {
  const fixed = (n: number) => 'ABCDEFGH23456789'.slice(0, n);
  it('issues readable codes with a check character', () => {
    const code = newCertificateCode(new Date('2026-11-28T00:00:00Z'), fixed);
    expect(code).toMatch(/^QA26-ABCD-EFGH-[A-Z2-9]$/);
    expect(isWellFormedCertificateCode(code)).toBe(true);
  });

  it('catches a single mistyped character', () => {
    const code = newCertificateCode(new Date('2026-01-01T00:00:00Z'), fixed);
    for (let i = 5; i < code.length; i++) {
      if (code[i] === '-') continue;
      const other = CERT_ALPHABET[(CERT_ALPHABET.indexOf(code[i]) + 1) % CERT_ALPHABET.length];
      expect(isWellFormedCertificateCode(code.slice(0, i) + other + code.slice(i + 1))).toBe(false);
    }
  });

  it('accepts codes typed in lower case or without dashes', () => {
    const code = newCertificateCode(new Date('2026-01-01T00:00:00Z'), fixed);
    const sloppy = code.toLowerCase().replace(/-/g, ' ');
    expect(isWellFormedCertificateCode(sloppy)).toBe(true);
    expect(formatCertificateCode(sloppy)).toBe(code);
    expect(isWellFormedCertificateCode('hello')).toBe(false);
  });
});

describe('masked names on public pages', () => {
  it('keeps the first and last character', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('王')).toBe('*');
  });
  it('treats a rare character outside the BMP as one character', () => {
    expect(maskName('𠮷野家')).toBe('𠮷*家');
    expect(maskName('张𠮷')).toBe('张*');
  });
});

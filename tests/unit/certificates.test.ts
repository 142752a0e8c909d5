import { describe, expect, it } from 'vitest';
import {
  CERT_ALPHABET,
  formatCertificateCode,
  isLegacyCertificateCode,
  isWellFormedCertificateCode,
  mod37Check,
  mod37Valid,
  newCertificateCode,
  normaliseCertificateCode,
} from '../../src/lib/certificate-code.ts';
import { maskName } from '../../src/lib/privacy.ts';

describe('certificate codes', () => {
  const fixed = (n: number) => 'ABCDEFGH23456789'.slice(0, n);
  const rng = (seed: number) => () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const randomWith = (random: () => number) => (n: number, alphabet: string) =>
    Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  /** every character a person could type at a position of the 12-character code: digits in the year, the alphabet elsewhere */
  const typeable = (i: number) => (i < 2 ? '0123456789' : CERT_ALPHABET);

  it('issues readable codes with an ISO/IEC 7064 MOD 37-2 check character', () => {
    const code = newCertificateCode(new Date('2026-11-28T00:00:00Z'), fixed);
    expect(code).toMatch(/^QA26-ABCD-EFGH-2[2-9A-HJKMNP-TV-Z]$/);
    expect(isWellFormedCertificateCode(code)).toBe(true);
    expect(isLegacyCertificateCode(code)).toBe(false);
    // the standard's own example (ISO/IEC 7064, MOD 37-2)
    expect(mod37Check('G123498654321')).toBe('H');
    expect(mod37Valid('G123498654321H')).toBe(true);
  });

  it('always finds a readable check character, whatever the random characters', () => {
    const random = rng(7);
    for (let n = 0; n < 3000; n++) {
      const code = newCertificateCode(new Date(Date.UTC(2026 + (n % 74), 0, 1)), randomWith(random));
      expect(code).toMatch(/^QA\d{2}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{2}$/);
      expect(isWellFormedCertificateCode(code), code).toBe(true);
    }
  });

  it('catches every single substitution and every adjacent swap, at every position (exhaustive over 300 codes)', {
    timeout: 30_000,
  }, () => {
    const random = rng(42);
    let tried = 0;
    for (let n = 0; n < 300; n++) {
      // years 2026..2099 and 2000..2025: the year's digits include 0 and 1, which the alphabet leaves out
      const raw = normaliseCertificateCode(newCertificateCode(new Date(Date.UTC(2000 + (n % 100), 5, 1)), randomWith(random)));
      expect(raw).toHaveLength(12);
      for (let i = 0; i < raw.length; i++) {
        for (const ch of typeable(i)) {
          if (ch === raw[i]) continue;
          const typo = raw.slice(0, i) + ch + raw.slice(i + 1);
          expect(isWellFormedCertificateCode(typo), `${raw} → ${typo}`).toBe(false);
          tried++;
        }
        if (i + 1 < raw.length && raw[i] !== raw[i + 1]) {
          const swapped = raw.slice(0, i) + raw[i + 1] + raw[i] + raw.slice(i + 2);
          expect(isWellFormedCertificateCode(swapped), `${raw} → ${swapped}`).toBe(false);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(300 * (2 * 9 + 10 * 29));
  });

  it('catches them for every possible code, not only sampled ones: the weights make any such change non-zero mod 37', () => {
    // A substitution at position i changes the sum by 2^(11-i)·Δ with 0 < |Δ| ≤ 35; a swap of positions i, i+1 by
    // 2^(10-i)·(a-b). 37 is prime and divides neither factor, so no change is ever 0 mod 37.
    const pow = (k: number) => {
      let x = 1;
      for (let j = 0; j < k; j++) x = (x * 2) % 37;
      return x;
    };
    for (let k = 0; k < 12; k++) for (let delta = 1; delta <= 35; delta++) expect((pow(k) * delta) % 37).not.toBe(0);
  });

  it('still recognises legacy 11-character codes by their old check character', () => {
    // issued before the switch with the weighted sum mod 30; these exist in databases and on paper
    for (const legacy of ['QA26-ABCD-EFGH-F', 'QA26-2345-6789-K']) {
      expect(isWellFormedCertificateCode(legacy), legacy).toBe(true);
      expect(isLegacyCertificateCode(legacy)).toBe(true);
      expect(formatCertificateCode(legacy.toLowerCase().replace(/-/g, ''))).toBe(legacy);
    }
    expect(isWellFormedCertificateCode('QA26-ABCD-EFGH-G')).toBe(false);
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

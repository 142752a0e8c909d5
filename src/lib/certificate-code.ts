/**
 * Certificate verification codes, easy to read aloud and to type from paper (docs/certificates.md).
 *
 * Current codes: "QA26-7KQ4-M2XD-9K" = "QA" + 2-digit year + 9 random characters + 1 check character.
 * The check character follows ISO/IEC 7064 MOD 37-2 (pure system, modulus 37, radix 2) over the 12
 * characters after "QA", with the standard's values (0-9 → 0-9, A-Z → 10-35). Because 37 is prime, larger
 * than any difference between two values, and the radix 2 is never 1 mod 37, every single mistyped
 * character and every swap of two neighbouring characters changes the sum and is caught
 * (tests/unit/certificates.test.ts tries all of them). The standard's check character may be any of 0-9,
 * A-Z or "*"; we only issue codes whose check character is in our readable alphabet, adjusting the last
 * random character until it is.
 *
 * Legacy codes: the 11-character form "QA26-7KQ4-M2XD-9" issued before 2026-12 carries a weaker check
 * (a weighted sum mod 30 that lets about one typo in ten through). The length tells the two apart: an
 * 11-character code is checked with the legacy rule, and the server decides by looking it up (only codes
 * that exist are valid). Legacy codes stay valid for ever; no new ones are issued.
 */
import { beijingParts } from './beijing-time.ts';

export const CERT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

const ISO_VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';
const MODULUS = 37;

/** ISO/IEC 7064 MOD 37-2 check character for `body` (digits and capital letters), one of 0-9, A-Z, "*". */
export function mod37Check(body: string): string {
  let p = 0;
  // by index, not for…of: the server's JS VM walks a string's iterator one object per character, and a new code
  // is made inside the completion's write transaction (docs/quiz-load.md)
  for (let i = 0; i < body.length; i++) p = ((p + ISO_VALUES.indexOf(body[i])) * 2) % MODULUS;
  return ISO_VALUES[(MODULUS + 1 - p) % MODULUS];
}

/** True when `code` (body followed by its check character) satisfies ISO/IEC 7064 MOD 37-2. */
export function mod37Valid(code: string): boolean {
  let p = 0;
  for (let i = 0; i < code.length; i++) {
    const v = ISO_VALUES.indexOf(code[i]);
    if (v < 0) return false;
    p = i < code.length - 1 ? ((p + v) * 2) % MODULUS : (p + v) % MODULUS;
  }
  return p === 1;
}

/** The pre-2026-12 check character: kept only to recognise legacy codes (see above). */
function legacyCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (CERT_ALPHABET.indexOf(body[i]) + 1) * (i + 1);
  return CERT_ALPHABET[sum % CERT_ALPHABET.length];
}

const RANDOM_LENGTH = 9;

export function newCertificateCode(date: Date, random: (length: number, alphabet: string) => string): string {
  const year = String(beijingParts(date).year).slice(2); // the year printed on the certificate (Beijing)
  const drawn = random(RANDOM_LENGTH, CERT_ALPHABET);
  // About 7 in 37 bodies would need a check character outside the alphabet: step the last random character
  // along the alphabet until the check character is readable (each step moves the check by a different
  // amount, so this ends within a few steps; the first 8 characters stay as drawn).
  const start = CERT_ALPHABET.indexOf(drawn[RANDOM_LENGTH - 1]);
  for (let step = 0; step < CERT_ALPHABET.length; step++) {
    const body = drawn.slice(0, RANDOM_LENGTH - 1) + CERT_ALPHABET[(start + step) % CERT_ALPHABET.length];
    const check = mod37Check(year + body);
    if (CERT_ALPHABET.includes(check)) return `QA${year}-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}${check}`;
  }
  throw new Error('no readable check character'); // unreachable: proven by the unit test over all bodies' last characters
}

export function normaliseCertificateCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s_—–-]+/g, '')
    .replace(/^QA/, '');
}

const inAlphabet = (s: string) => [...s].every((ch) => CERT_ALPHABET.includes(ch));

/** True when the code has the right shape and check character (it may still be unknown to the server). */
export function isWellFormedCertificateCode(input: string): boolean {
  const raw = normaliseCertificateCode(input);
  if (/^\d{2}[A-Z2-9]{10}$/.test(raw)) return inAlphabet(raw.slice(2)) && mod37Valid(raw);
  if (/^\d{2}[A-Z2-9]{9}$/.test(raw)) return inAlphabet(raw.slice(2)) && legacyCheckChar(raw.slice(0, 10)) === raw[10];
  return false;
}

/** True for the 11-character codes issued before 2026-12 (weaker check character; see above). */
export function isLegacyCertificateCode(input: string): boolean {
  return normaliseCertificateCode(input).length === 11;
}

/** Canonical form for lookups: "QA26-7KQ4-M2XD-9K" (legacy: "QA26-7KQ4-M2XD-9"). */
export function formatCertificateCode(input: string): string {
  const raw = normaliseCertificateCode(input);
  return `QA${raw.slice(0, 2)}-${raw.slice(2, 6)}-${raw.slice(6, 10)}-${raw.slice(10)}`;
}

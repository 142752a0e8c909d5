/**
 * Certificate verification codes: "QA26-7KQ4-M2XD-9", easy to read aloud and to type from paper.
 * The alphabet leaves out 0/O, 1/I/L and U; the last character is a check character (weighted sum mod 31) so
 * that a typo is caught before asking the server.
 */
import { beijingParts } from './beijing-time.ts';

export const CERT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (CERT_ALPHABET.indexOf(body[i]) + 1) * (i + 1);
  return CERT_ALPHABET[sum % CERT_ALPHABET.length];
}

export function newCertificateCode(date: Date, random: (length: number, alphabet: string) => string): string {
  const year = String(beijingParts(date).year).slice(2); // the year printed on the certificate (Beijing)
  const body = random(8, CERT_ALPHABET);
  return `QA${year}-${body.slice(0, 4)}-${body.slice(4)}-${checkChar(year + body)}`;
}

export function normaliseCertificateCode(input: string): string {
  return input.toUpperCase().replace(/[\s_—–-]+/g, '').replace(/^QA/, '');
}

/** True when the code has the right shape and check character (it may still be unknown to the server). */
export function isWellFormedCertificateCode(input: string): boolean {
  const raw = normaliseCertificateCode(input);
  if (!/^\d{2}[A-Z2-9]{9}$/.test(raw)) return false;
  const body = raw.slice(0, 10);
  if (![...body.slice(2)].every((ch) => CERT_ALPHABET.includes(ch))) return false;
  return checkChar(body) === raw[10];
}

/** Canonical form "QA26-7KQ4-M2XD-9" for lookups. */
export function formatCertificateCode(input: string): string {
  const raw = normaliseCertificateCode(input);
  return `QA${raw.slice(0, 2)}-${raw.slice(2, 6)}-${raw.slice(6, 10)}-${raw.slice(10)}`;
}

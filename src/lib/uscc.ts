/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters; the 18th is a check
 * character computed from the first 17 with weights 3^(i) mod 31.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccResult =
  | { ok: true; code: string; regionCode: string }
  | { ok: false; reason: 'empty' | 'length' | 'character' | 'checksum'; message: string };

/** Upper-cases, and removes spaces and full-width forms people paste from documents. */
export function normaliseUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s-]/g, '')
    .toUpperCase();
}

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const c = 31 - (sum % 31);
  return USCC_ALPHABET[c === 31 ? 0 : c];
}

export function validateUscc(input: string): UsccResult {
  const code = normaliseUscc(input);
  if (!code) return { ok: false, reason: 'empty', message: '请填写统一社会信用代码' };
  if (code.length !== 18) {
    return { ok: false, reason: 'length', message: `统一社会信用代码应为 18 位，您填写了 ${code.length} 位` };
  }
  const bad = [...code].findIndex((ch) => !USCC_ALPHABET.includes(ch));
  if (bad >= 0) {
    return {
      ok: false,
      reason: 'character',
      message: `第 ${bad + 1} 位“${code[bad]}”不是有效字符（代码中不使用 I、O、S、V、Z）`,
    };
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return { ok: false, reason: 'checksum', message: '统一社会信用代码校验位不对，请对照营业执照逐位核对' };
  }
  return { ok: true, code, regionCode: code.slice(2, 8) };
}

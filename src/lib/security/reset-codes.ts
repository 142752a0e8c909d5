/**
 * One-time reset codes that an enterprise manager issues to a staff member who has no working email
 * (docs/privacy.md, "Password reset"). No I/O: the server draws and hashes them, the pages format them.
 *
 * 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L): 31^8 ≈ 8.5·10^11 codes. A code is
 * valid for RESET_CODE_HOURS, once, and burns after RESET_CODE_MAX_FAILURES wrong tries against it.
 */
export const RESET_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RESET_CODE_LENGTH = 8;
export const RESET_CODE_HOURS = 24;
export const RESET_CODE_MAX_FAILURES = 5;

/** What a person types, made comparable: case, spaces and dashes do not matter. */
export function normaliseResetCode(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return raw
    .toUpperCase()
    .replace(/[\s\-_]/g, '')
    .slice(0, 32);
}

export function isWellFormedResetCode(code: string): boolean {
  return code.length === RESET_CODE_LENGTH && Array.from(code).every((c) => RESET_CODE_ALPHABET.includes(c));
}

/** "ABCD-EFGH": easier to read out over the phone. */
export const formatResetCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

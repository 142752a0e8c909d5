/**
 * Password rule for accounts created on the platform. No I/O. A minimum length plus a short list of the
 * passwords most tried by attackers (common-passwords.json: kept as data, extend it there), the account's own
 * email, and trivial patterns (one repeated character, a straight run of digits or letters).
 */
import COMMON from './common-passwords.json' with { type: 'json' };

export const PASSWORD_MIN = 8;
/** bcrypt ignores bytes after 72 (UTF-8; a Chinese character is 3); longer input is refused before hashing. */
export const PASSWORD_MAX = 72;

/** UTF-8 length without TextEncoder (absent in PocketBase's JS engine). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const common = new Set((COMMON as string[]).map((p) => p.toLowerCase()));

export type PasswordCheck =
  | { ok: true }
  | { ok: false; code: 'weak_password' | 'password_too_long' | 'common_password' | 'password_like_email'; message: string };

function isStraightRun(p: string): boolean {
  if (/^(.)\1*$/.test(p)) return true;
  const codes = Array.from(p.toLowerCase(), (c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
}

export function checkPassword(password: unknown, email = ''): PasswordCheck {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN)
    return { ok: false, code: 'weak_password', message: `密码至少 ${PASSWORD_MIN} 位` };
  if (password.length > PASSWORD_MAX || utf8Length(password) > PASSWORD_MAX) {
    return { ok: false, code: 'password_too_long', message: `密码太长：最多 ${PASSWORD_MAX} 个英文字母或数字（一个汉字算 3 个）` };
  }
  const lower = password.toLowerCase();
  if (common.has(lower) || isStraightRun(password))
    return { ok: false, code: 'common_password', message: '这个密码太常见，很容易被猜到，请换一个（可以用几个词加数字组合）' };
  const local = email.toLowerCase().split('@')[0];
  if (email && (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local)))) {
    return { ok: false, code: 'password_like_email', message: '密码不能包含邮箱名，请换一个' };
  }
  return { ok: true };
}

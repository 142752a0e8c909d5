import { describe, expect, it } from 'vitest';
import { checkPassword, PASSWORD_MIN } from '../../src/lib/security/passwords.ts';
import COMMON from '../../src/lib/security/common-passwords.json' with { type: 'json' };

describe('password rule', () => {
  it('refuses the passwords attackers try first, short ones and trivial runs', () => {
    for (const p of [
      '12345678',
      'password',
      'PASSWORD',
      'qwerty123',
      'woaini1314',
      'aaaaaaaa',
      'abcdefghi',
      '98765432',
      'demo-pass-2026',
    ]) {
      expect(checkPassword(p).ok, p).toBe(false);
    }
    expect(checkPassword('short')).toMatchObject({ ok: false, code: 'weak_password' });
    expect(checkPassword('x'.repeat(73))).toMatchObject({ ok: false, code: 'password_too_long' });
    // bcrypt would silently ignore what follows the 72nd byte
    expect(checkPassword('质'.repeat(25))).toMatchObject({ ok: false, code: 'password_too_long' });
    expect(checkPassword('质量学堂'.repeat(6)).ok).toBe(true);
  });

  it('every listed password is refused and the list is at least the minimum length or refused anyway', () => {
    for (const p of COMMON as string[]) expect(checkPassword(p).ok, p).toBe(false);
  });

  it('refuses a password made of the email name', () => {
    expect(checkPassword('zhangwei2026', 'zhangwei@example.com')).toMatchObject({ ok: false, code: 'password_like_email' });
  });

  it('accepts ordinary strong passwords, with Chinese messages on refusals', () => {
    for (const p of ['secret-pass-1', '织里童装2026春', 'correct horse battery'])
      expect(checkPassword(p, 'li@example.com').ok, p).toBe(true);
    const r = checkPassword('1234');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(String(PASSWORD_MIN));
  });
});

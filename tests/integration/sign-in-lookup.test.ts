/**
 * Signing in finds the account by email (PocketBase's auth-with-password runs `WHERE email = ? LIMIT 1`), as do
 * the uniqueness check at registration and the password-reset request. PocketBase's unique index on email is
 * partial (`WHERE email != ''`), which SQLite cannot use for `email = ?`: without the plain index of migration
 * 1764900000 every sign-in read the whole users table (a full scan per sign-in at 3 million learners).
 */
import { describe, expect, it } from 'vitest';
import { api, readDataDb, registerLearner } from './helpers.ts';

const plan = (sql: string, ...values: string[]) => {
  const db = readDataDb();
  try {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((r) => r.detail).join('\n');
  } finally {
    db.close();
  }
};

describe('finding an account by email', () => {
  it('signs in with the email and password given at registration, and refuses a wrong password', async () => {
    const learner = await registerLearner();
    const signIn = (password: string) =>
      api<{ record?: { id: string } }>('/api/collections/users/auth-with-password', { body: { identity: learner.email, password } });
    const ok = await signIn('secret-pass-1'); // the helpers' registration password
    expect(ok.status).toBe(200);
    expect(ok.body.record?.id).toBe(learner.id);
    expect((await signIn('wrong-pass-1')).status).toBe(400);
  });

  it('looks the email up through an index, not by reading every account', () => {
    // PocketBase's sign-in lookup (core.FindAuthRecordByEmail) and a uniqueness check of the same shape
    for (const [sql, ...values] of [
      ['SELECT users.* FROM users WHERE email = ? LIMIT 1', 'someone@example.com'],
      ['SELECT COUNT(*) FROM users WHERE email = ? AND id != ?', 'someone@example.com', 'x'],
    ]) {
      const detail = plan(sql, ...values);
      expect(detail, sql).toMatch(/SEARCH users USING (COVERING )?INDEX idx_users_email_lookup \(email=\?\)/);
      expect(detail, sql).not.toMatch(/SCAN users/);
    }
  });
});

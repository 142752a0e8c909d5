/**
 * The server caches the auth record behind each token for a few seconds on /api/qa/ routes (authcache.go,
 * docs/quiz-load.md). A token must still stop working as soon as its key changes or its user is deleted
 * through the server, and within the cache's bound (10 s) when another process changes the database.
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { api, registerLearner, superuserToken } from './helpers.ts';

const CACHE_TTL_S = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const me = (token: string) => api('/api/qa/me', { token });

describe('cached auth records on /api/qa/ routes', () => {
  it('refuses a token right after its password (and so its token key) changed', async () => {
    const learner = await registerLearner();
    expect((await me(learner.token)).status).toBe(200); // now cached
    expect((await me(learner.token)).status).toBe(200);
    const admin = await superuserToken();
    const changed = await api(`/api/collections/users/records/${learner.id}`, {
      method: 'PATCH',
      token: admin,
      body: { password: 'another-pass-9', passwordConfirm: 'another-pass-9' },
    });
    expect(changed.status).toBe(200);
    expect((await me(learner.token)).status).toBe(401);
    expect((await api('/api/qa/attempts', { token: learner.token, body: { quiz: 'x/final' } })).status).toBe(401);
  });

  it("refuses a deleted user's token right away", async () => {
    const learner = await registerLearner();
    expect((await me(learner.token)).status).toBe(200);
    const admin = await superuserToken();
    expect((await api(`/api/collections/users/records/${learner.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await me(learner.token)).status).toBe(401);
  });

  it('sees a role change right away', async () => {
    const learner = await registerLearner();
    expect((await api('/api/qa/manager/staff', { token: learner.token })).status).toBe(403);
    const admin = await superuserToken();
    await api(`/api/collections/users/records/${learner.id}`, { method: 'PATCH', token: admin, body: { role: 'enterprise_manager' } });
    expect((await api('/api/qa/manager/staff', { token: learner.token })).status).toBe(200);
  });

  it(`refuses a token within ${CACHE_TTL_S} s when another process rotates its key in the database`, async () => {
    const learner = await registerLearner();
    expect((await me(learner.token)).status).toBe(200);
    const db = new DatabaseSync(join(inject('pbDataDir'), 'data.db'));
    db.exec('PRAGMA busy_timeout = 10000');
    db.prepare('UPDATE users SET tokenKey = ? WHERE id = ?').run(`rotated-by-another-process-${Date.now()}`, learner.id);
    db.close();
    const changedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - changedAt < (CACHE_TTL_S + 5) * 1000) {
      status = (await me(learner.token)).status;
      if (status === 200) await sleep(250);
    }
    expect(status).toBe(401);
    expect(Date.now() - changedAt).toBeLessThan((CACHE_TTL_S + 1) * 1000);
  }, 30_000);
});

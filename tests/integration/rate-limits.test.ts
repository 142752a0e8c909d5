/**
 * docs/security.md rule 4: the limits bite. This file runs its own PocketBase at the production values
 * (factor 1); the shared test server multiplies them by 100 because the suites sign in hundreds of times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPocketBase, type RunningServer } from '../../scripts/lib/pocketbase.ts';
import { ACCOUNT_LIMITS, IP_LIMITS } from '../../src/lib/security/rate-limits.ts';
import { randomUscc } from './helpers.ts';

let server: RunningServer;
let dataDir: string;
const limit = (label: string) => IP_LIMITS.find((l) => l.label === label)!.maxRequests;

async function call(path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Sends until the first 429 (or `max` requests); returns how many were answered before it, and the 429 reply. */
async function untilLimited(max: number, send: (i: number) => Promise<{ status: number; body: any }>) {
  for (let i = 0; i < max; i++) {
    const reply = await send(i);
    if (reply.status === 429) return { answered: i, reply };
  }
  return { answered: max, reply: null };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'qa-rate-'));
  server = await startPocketBase({ port: await freePort(), dataDir, demo: false, rateLimitFactor: 1 });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rate limits at their production values', () => {
  it('locks an account after too many wrong passwords, even for the right one, and says so in Chinese', { timeout: 90_000 }, async () => {
    const email = `rate.${Date.now()}@example.com`;
    const reg = await call('/api/qa/register', {
      name: '限流测试',
      email,
      password: 'right-pass-2026',
      uscc: randomUscc('330502'),
      enterpriseName: '限流测试企业',
      countyCode: '330502',
      sector: '04',
      consent: true,
    });
    expect(reg.status).toBe(200);
    const login = (password: string) => call('/api/collections/users/auth-with-password', { identity: email, password });
    for (let i = 0; i < ACCOUNT_LIMITS.loginFailures.maxRequests; i++) expect((await login(`wrong-${i}`)).status).toBe(400);
    const locked = await login('right-pass-2026');
    expect(locked.status).toBe(429);
    expect(locked.body.message).toMatch(/登录失败次数太多/);
    // an account nobody has is throttled the same way: the answer does not tell whether it exists
    const ghost = `ghost.${Date.now()}@example.com`;
    for (let i = 0; i < ACCOUNT_LIMITS.loginFailures.maxRequests; i++)
      await call('/api/collections/users/auth-with-password', { identity: ghost, password: `x-${i}` });
    expect((await call('/api/collections/users/auth-with-password', { identity: ghost, password: 'y' })).body.message).toBe(
      locked.body.message,
    );
  });

  it('limits logins per IP across accounts', async () => {
    // Sent at once, so that all fall in one fixed window however slow password hashing is on this machine.
    const max = limit('*:authWithPassword');
    const replies = await Promise.all(
      Array.from({ length: max + 5 }, (_, i) =>
        call('/api/collections/users/auth-with-password', { identity: `spray.${i}@example.com`, password: 'guess-2026' }),
      ),
    );
    const limited = replies.filter((r) => r.status === 429).length;
    expect(limited).toBeGreaterThanOrEqual(5);
    expect(replies.length - limited).toBeLessThanOrEqual(max);
  }, 90_000);

  it('limits registration, password reset and certificate verification per IP', async () => {
    const register = await untilLimited(limit('POST /api/qa/register') + 2, () => call('/api/qa/register', {}));
    expect(register.reply?.status).toBe(429);
    // the first test registered once in the same window (when run with it)
    expect([limit('POST /api/qa/register') - 1, limit('POST /api/qa/register')]).toContain(register.answered);
    const reset = await untilLimited(limit('*:requestPasswordReset') + 2, (i) =>
      call('/api/collections/users/request-password-reset', { email: `reset.${i}@example.com` }),
    );
    expect(reset.answered).toBe(limit('*:requestPasswordReset'));
    const verify = await untilLimited(limit('GET /api/qa/certificates/') + 2, (i) => call(`/api/qa/certificates/QA26-AAAA-AAA${i % 10}-A`));
    expect(verify.answered).toBe(limit('GET /api/qa/certificates/'));
  });
});

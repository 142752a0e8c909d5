/**
 * "Forgot password" by email through PocketBase's own mailer, against a local SMTP sink (tests/support/smtp-sink.ts):
 * its own server, started with the QA_SMTP_* variables (docs/deployment.md, "Email").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPocketBase, type RunningServer } from '../../scripts/lib/pocketbase.ts';
import { decodeMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { randomUscc } from '../support/content.ts';

let sink: SmtpSink;
let server: RunningServer;
let dataDir: string;

async function call(path: string, init: { body?: unknown; token?: string } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: init.token } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  dataDir = mkdtempSync(join(tmpdir(), 'qa-mail-'));
  const port = await freePort();
  server = await startPocketBase({
    port,
    dataDir,
    demo: false,
    rateLimitFactor: 100,
    env: {
      QA_SMTP_HOST: '127.0.0.1',
      QA_SMTP_PORT: String(sink.port),
      QA_MAIL_FROM: 'noreply@xuetang.test',
      QA_APP_URL: `http://127.0.0.1:${port}`,
    },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await sink?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('password reset by email', () => {
  it("mails a Chinese link to the site's own page; the token sets a new password and ends old sessions", async () => {
    expect((await call('/api/qa/password/options')).body).toEqual({ email: true });
    const email = `mail.${Date.now()}@example.com`;
    const registered = await call('/api/qa/register', {
      body: {
        name: '邮件学员',
        email,
        password: 'secret-pass-1',
        uscc: randomUscc('330502'),
        enterpriseName: '邮件测试有限公司',
        countyCode: '330502',
        sector: '04',
        consent: true,
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    const old = await call('/api/collections/users/auth-with-password', { body: { identity: email, password: 'secret-pass-1' } });

    const asked = await call('/api/collections/users/request-password-reset', { body: { email } });
    expect(asked.status).toBe(204);
    const unknown = await call('/api/collections/users/request-password-reset', { body: { email: `nobody.${Date.now()}@example.com` } });
    expect(unknown.status, 'no enumeration: the same answer for an unknown address').toBe(asked.status);

    const mail = decodeMail((await sink.waitFor(email)).raw);
    expect(mail).toMatch(/Subject: =\?UTF-8\?|重置您在质量学堂的密码/i);
    expect(mail).toContain('设置新密码');
    const token = new RegExp(`${server.url.replace(/[.:/]/g, '\\$&')}/reset-password/\\?token=([\\w.-]+)`).exec(mail)?.[1];
    expect(token, mail.slice(0, 2000)).toBeTruthy();

    const weak = await call('/api/collections/users/confirm-password-reset', {
      body: { token, password: '12345678', passwordConfirm: '12345678' },
    });
    expect(weak.status, "the platform's password rule applies").toBe(400);
    expect(JSON.stringify(weak.body)).toMatch(/密码/);

    const confirmed = await call('/api/collections/users/confirm-password-reset', {
      body: { token, password: 'brand-new-pass-9', passwordConfirm: 'brand-new-pass-9' },
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(204);
    expect((await call('/api/qa/me', { token: old.body.token })).status, 'old session ended').toBe(401);
    const signedIn = await call('/api/collections/users/auth-with-password', { body: { identity: email, password: 'brand-new-pass-9' } });
    expect(signedIn.status).toBe(200);
    expect(
      sink.mails.filter((m) => m.to.some((t) => t.includes('nobody.'))),
      'nothing sent to an unknown address',
    ).toHaveLength(0);
  });
});

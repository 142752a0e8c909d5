/**
 * The request log (docs/logging.md): a fast successful request on a learner's hot path (quiz start and submit,
 * video progress, lesson read) is not written to PocketBase's log; refusals, failures and other routes are.
 * Fails if PocketBase renames the key its activity logger reads (requestlog.go).
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { api, content, registerLearner } from './helpers.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function loggedUrls(marker: string): { url: string; status: number }[] {
  const db = new DatabaseSync(join(inject('pbDataDir'), 'auxiliary.db'), { readOnly: true });
  try {
    return (
      db.prepare("SELECT data ->> 'url' AS url, data ->> 'status' AS status FROM _logs WHERE data ->> 'url' LIKE ?").all(`%${marker}%`) as {
        url: string;
        status: number;
      }[]
    ).map((r) => ({ url: r.url, status: Number(r.status) }));
  } finally {
    db.close();
  }
}

describe('request log', () => {
  it('leaves out fast successes on the hot paths and keeps refusals and other routes', async () => {
    const learner = await registerLearner();
    const marker = `log${Date.now()}`;
    const courseId = Object.keys(content.courses)[0];
    const ok = await api(`/api/qa/attempts?m=${marker}-ok`, { token: learner.token, body: { quiz: `${courseId}/final` } });
    expect(ok.status).toBe(200);
    const refused = await api(`/api/qa/attempts?m=${marker}-refused`, { token: learner.token, body: { quiz: 'no-such/quiz' } });
    expect(refused.status).toBe(404);
    expect((await api(`/api/qa/me?m=${marker}-other`, { token: learner.token })).status).toBe(200);
    // PocketBase writes its log in batches (every few seconds when quiet)
    let rows: { url: string; status: number }[] = [];
    for (let i = 0; i < 60 && rows.length < 2; i++) {
      await sleep(500);
      rows = loggedUrls(marker);
    }
    const statusOf = (suffix: string) => rows.find((r) => r.url.includes(`${marker}-${suffix}`))?.status;
    expect(statusOf('refused')).toBe(404);
    expect(statusOf('other')).toBe(200);
    expect(statusOf('ok')).toBeUndefined();
  }, 45_000);
});

/**
 * docs/security.md rule 11: a data directory that ever held demo data refuses to serve for production
 * (demo seeding off) while a demo credential works, says how to fix it, and serves once it is fixed.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, PB_BIN, ROOT, startPocketBase } from '../../scripts/lib/pocketbase.ts';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../src/lib/demo-accounts.ts';

const dirs = (dataDir: string) => [
  `--dir=${dataDir}`,
  `--hooksDir=${join(ROOT, 'pb_hooks')}`,
  `--migrationsDir=${join(ROOT, 'pb_migrations')}`,
];

/** `serve` without demo seeding; resolves with the exit code and output if it stops, or 'running' once healthy. */
async function serveForProduction(
  dataDir: string,
): Promise<{ outcome: 'running' | number; output: string; stop: () => void; url: string }> {
  const port = await freePort();
  const child = spawn(PB_BIN, ['serve', `--http=127.0.0.1:${port}`, ...dirs(dataDir)], {
    env: { ...process.env, QA_DEMO_SEED: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  const healthy = (async () => {
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return 'running' as const;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    return 'running' as const;
  })();
  const outcome = await Promise.race([exited, healthy]);
  return { outcome, output, stop: () => child.kill('SIGTERM'), url: `http://127.0.0.1:${port}` };
}

describe('starting for production', () => {
  it('refuses while demo credentials work, explains the fix, and starts after `demo-disable`', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qa-prod-'));
    try {
      const seeded = await startPocketBase({ port: await freePort(), dataDir, demo: true });
      await seeded.stop();

      const refused = await serveForProduction(dataDir);
      refused.stop();
      expect(refused.outcome, refused.output).not.toBe('running');
      expect(refused.output).toContain('拒绝以生产模式启动');
      expect(refused.output).toContain(DEMO_ADMIN.email);
      expect(refused.output).toContain('learner@example.com');
      expect(refused.output).toContain('demo-disable');

      const disable = spawnSync(PB_BIN, ['demo-disable', ...dirs(dataDir)], { encoding: 'utf8' });
      expect(disable.status, disable.stderr).toBe(0);
      expect(disable.stdout).toContain('demo credentials disabled');

      const started = await serveForProduction(dataDir);
      try {
        expect(started.outcome, started.output).toBe('running');
        const login = (collection: string, identity: string, password: string) =>
          fetch(`${started.url}/api/collections/${collection}/auth-with-password`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ identity, password }),
          });
        expect((await login('users', 'learner@example.com', DEMO_PASSWORD)).status).toBe(400);
        expect((await login('_superusers', DEMO_ADMIN.email, DEMO_ADMIN.password)).status).toBe(400);
      } finally {
        started.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a fresh production data dir starts (no demo data, nothing to refuse)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qa-prod-fresh-'));
    try {
      const started = await serveForProduction(dataDir);
      started.stop();
      expect(started.outcome, started.output).toBe('running');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, portIsFree } from '../../scripts/lib/pocketbase.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm start`'s script; resolves once it prints that the platform is running, or when it exits. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<{ running: boolean; code: number | null }>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop')) resolve({ running: true, code: null });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ running: false, code }));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

describe('npm start', () => {
  it('serves site, API and admin UI on one port, seeds demo data once, and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'qa-start-'));
    try {
      const first = start({ PORT: String(port), QA_DATA_DIR: dataDir });
      expect((await first.ready).running, first.output()).toBe(true);
      expect(first.output()).toContain('learner@example.com');
      expect(first.output()).toContain('demo data created');
      // main.go loads the routes' bundle into every pooled JS VM at start; a broken bundle would say so here.
      expect(first.output()).not.toContain('warming up the JS VMs');
      for (const path of ['/', '/courses/', '/api/health', '/_/']) {
        expect((await fetch(`http://127.0.0.1:${port}${path}`)).status, path).toBe(200);
      }
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      expect(await portIsFree(port)).toBe(true); // PocketBase stopped with it

      const second = start({ PORT: String(port), QA_DATA_DIR: dataDir });
      expect((await second.ready).running, second.output()).toBe(true);
      expect(second.output()).not.toContain('demo data created');
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('says what to do when the port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    const run = start({ PORT: String(port), QA_DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-start-')) });
    expect(await run.ready).toEqual({ running: false, code: 1 });
    expect(run.output()).toContain(`端口 ${port} 已被占用`);
    expect(run.output()).toContain(`PORT=${port + 1} npm start`);
    blocker.close();
  }, 60_000);

  it('says what to do when the data folder cannot be written', async () => {
    const run = start({ PORT: String(await freePort()), QA_DATA_DIR: '/dev/null/pb_data' });
    expect(await run.ready).toEqual({ running: false, code: 1 });
    expect(run.output()).toContain('不可写');
    expect(run.output()).toContain('QA_DATA_DIR');
  }, 60_000);
});

/**
 * `npm run backup` while the shared test server takes writes, then `npm run restore` into a fresh folder and a
 * second server started on it (docs/backup.md): the restored records are there and the statistics counters
 * equal a recount of the restored completions (the snapshot is transactionally consistent).
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { factsOfRows, recount } from '../../src/lib/stats/keys.ts';
import { DEMO_ADMIN } from '../../src/lib/demo-accounts.ts';
import { freePort, ROOT, startPocketBase, type RunningServer } from '../../scripts/lib/pocketbase.ts';
import { completeCourse, content, registerLearner } from './helpers.ts';

const work = mkdtempSync(join(tmpdir(), 'qa-backup-'));
let restoredServer: RunningServer | undefined;
afterAll(async () => {
  await restoredServer?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Asynchronous, so this process's write load goes on while the backup runs. */
const runAsync = (script: string, args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [join(ROOT, 'scripts', script), ...args], { encoding: 'utf8', cwd: ROOT }, (err, stdout, stderr) =>
      resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], { encoding: 'utf8', cwd: ROOT });

async function call(url: string, path: string, init: { body?: unknown; token?: string } = {}) {
  const res = await fetch(`${url}${path}`, {
    method: init.body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: init.token } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

// `recount` takes completions in completion order (time, then id): it decides where a person's first counts
async function all(url: string, collection: string, token: string, sort = 'id') {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const reply = await call(url, `/api/collections/${collection}/records?perPage=500&page=${page}&sort=${sort}`, { token });
    items.push(...reply.body.items);
    if (page >= reply.body.totalPages) return items;
  }
}

describe('backup under write load, restore into a fresh folder', () => {
  it('restores a consistent snapshot that a server starts on', async () => {
    const dataDir = inject('pbDataDir');
    const courses = Object.keys(content.courses);
    const before = await registerLearner({ county: '320102' });
    await completeCourse(before, courses[0]);

    // write load: learners registering and completing courses while the backup runs
    let stop = false;
    const load = (async () => {
      let n = 0;
      while (!stop && n < 40) {
        const l = await registerLearner({ county: n % 2 ? '320102' : '440305' });
        await completeCourse(l, courses[n % courses.length]);
        n++;
      }
      return n;
    })();
    await new Promise((r) => setTimeout(r, 1500));
    let duringBackup = 0;
    const counting = setInterval(() => duringBackup++, 50);
    const made = await runAsync('backup.ts', ['--data-dir', dataDir, '--out', work]);
    clearInterval(counting);
    stop = true;
    const written = await load;
    expect(made.status, made.stderr).toBe(0);
    expect(written, 'writes happened around the backup').toBeGreaterThan(0);
    expect(duringBackup, 'the test process kept running (and writing) during the backup').toBeGreaterThan(0);
    const dir = /backup written: (.+)/.exec(made.stdout)![1].trim();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['data.db', 'auxiliary.db']));

    // refused while a server runs on the target folder; nothing changed there
    const refused = run('restore.ts', [dir, '--data-dir', dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('PocketBase is running');

    // a damaged backup is refused, naming the file
    const damaged = join(work, 'damaged');
    spawnSync('cp', ['-r', dir, damaged]);
    writeFileSync(join(damaged, 'auxiliary.db'), 'not a database');
    const bad = run('restore.ts', [damaged, '--data-dir', join(work, 'never')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/auxiliary\.db: .*(bytes|checksum)/);
    expect(existsSync(join(work, 'never'))).toBe(false);

    // restore into a folder that has old data: it is kept aside
    const target = join(work, 'restored');
    spawnSync('mkdir', ['-p', target]);
    writeFileSync(join(target, 'old-marker'), 'x');
    const restored = run('restore.ts', [dir, `--data-dir=${target}`]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/before-restore-/);
    expect(existsSync(join(target, 'old-marker'))).toBe(false);

    restoredServer = await startPocketBase({ port: await freePort(), dataDir: target, demo: true, rateLimitFactor: 100 });
    const url = restoredServer.url;
    const signIn = await call(url, '/api/collections/users/auth-with-password', {
      body: { identity: before.email, password: 'secret-pass-1' },
    });
    expect(signIn.status, 'an account from before the backup signs in').toBe(200);
    const admin = (
      await call(url, '/api/collections/_superusers/auth-with-password', {
        body: { identity: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
      })
    ).body.token;
    const completions = await all(url, 'completions', admin, 'completed_at,id');
    expect(completions.length).toBe(manifest.counts.completions);
    expect(completions.some((c) => c.user === before.id)).toBe(true);
    const facts = factsOfRows(completions);
    const stored = await all(url, 'stat_counts', admin);
    const got = new Map(
      stored
        .filter((r) => r.attendee_times > 0)
        .map((r) => [
          `${r.period}|${r.region}|${r.dim}`,
          { attendeeTimes: r.attendee_times, attendees: r.attendees, enterprises: r.enterprises },
        ]),
    );
    expect(got).toEqual(recount(facts));
  });
});

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PB_BIN, ROOT } from '../../scripts/lib/pocketbase.ts';

const migrations = readdirSync(join(ROOT, 'pb_migrations')).filter((f) => f.endsWith('.js'));

function pocketbase(dir: string, ...args: string[]) {
  const run = spawnSync(
    PB_BIN,
    [...args, `--dir=${dir}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`, `--migrationsDir=${join(ROOT, 'pb_migrations')}`],
    { input: 'y\n', encoding: 'utf8' },
  );
  expect(run.status, run.stderr + run.stdout).toBe(0);
  return run.stdout;
}

const collections = (dir: string) => {
  const db = new DatabaseSync(join(dir, 'data.db'), { readOnly: true });
  const names = (db.prepare('SELECT name FROM _collections WHERE system = FALSE ORDER BY name').all() as { name: string }[]).map(
    (r) => r.name,
  );
  db.close();
  return names;
};

describe('pb_migrations', () => {
  it('apply, every one rolls back with its down, and apply again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-migrate-'));
    try {
      pocketbase(dir, 'migrate', 'up');
      const applied = collections(dir);
      expect(applied).toEqual(
        expect.arrayContaining([
          'completions',
          'courses',
          'enterprises',
          'lesson_progress',
          'quiz_attempts',
          'sessions',
          'stat_counts',
          'surveys',
          'users',
          'policies',
          'case_submissions',
          'programme_records',
          'assessments',
        ]),
      );
      pocketbase(dir, 'migrate', 'down', String(migrations.length));
      expect(collections(dir)).toEqual(['users']);
      pocketbase(dir, 'migrate', 'up');
      expect(collections(dir)).toEqual(applied);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PB_BIN, ROOT } from '../../scripts/lib/pocketbase.ts';
import {
  listFactsOfRow,
  recountEnterpriseRows,
  type EnterpriseTotals,
  type StoredListRow,
} from '../../src/lib/stats/enterprise-periods.ts';

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
      // The trained-enterprise summaries' migration fills its table from the completions already there, and its
      // down drops it.
      const summaries = migrations.filter((f) => f >= '1764800000_stat_enterprises.js').length;
      const tables = () => {
        const db = new DatabaseSync(join(dir, 'data.db'), { readOnly: true });
        const names = (
          db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'stat_%'").all() as { name: string }[]
        ).map((r) => r.name);
        db.close();
        return names;
      };
      expect(tables()).toContain('stat_enterprises');
      const write = new DatabaseSync(join(dir, 'data.db'));
      const insert = write.prepare(
        `INSERT INTO completions (id, user, enterprise, course, certificate_code, channel, province_code, prefecture_code, county_code, sector, month,
           completed_at, revoked) VALUES (?1, ?2, ?3, ?1, ?1, 'online', ?4, ?5, ?6, '04', ?7, ?8, ?9)`,
      );
      const history: [string, string, string, string, string, string, string, string, number][] = [
        ['c1', 'u1', 'e1', '33', '3305', '330502', '2026-01', '2025-12-31 23:30:00.000Z', 0],
        ['c2', 'u1', 'e1', '33', '3305', '330502', '2026-03', '2026-03-01 02:00:00.000Z', 0],
        ['c3', 'u2', 'e1', '33', '3301', '330106', '2025-06', '2025-06-01 02:00:00.000Z', 0],
        ['c4', 'u3', 'e2', '66', '6590', '659001', '2026-05', '2026-05-01 02:00:00.000Z', 0],
        ['c5', 'u4', 'e2', '66', '6590', '659001', '2026-05', '2026-05-02 02:00:00.000Z', 1],
      ];
      for (const row of history) insert.run(...row);
      write.close();
      pocketbase(dir, 'migrate', 'down', String(summaries));
      expect(tables()).not.toContain('stat_enterprises');
      pocketbase(dir, 'migrate', 'up');
      const db = new DatabaseSync(join(dir, 'data.db'), { readOnly: true });
      const stored = new Map<string, EnterpriseTotals>();
      for (const r of db.prepare('SELECT * FROM stat_enterprises').all() as Record<string, string | number>[])
        stored.set(`${r.region}|${r.period}|${r.enterprise}`, {
          attendeeTimes: Number(r.attendee_times),
          attendees: Number(r.attendees),
          lastCompletion: String(r.last_completed),
        });
      const counted = db.prepare('SELECT * FROM completions WHERE revoked = FALSE').all() as unknown as StoredListRow[];
      db.close();
      expect(stored.get('33|2026|e1')).toEqual({ attendeeTimes: 2, attendees: 1, lastCompletion: '2026-03-01 02:00:00.000Z' });
      expect(stored).toEqual(recountEnterpriseRows(counted.map(listFactsOfRow)));

      pocketbase(dir, 'migrate', 'down', String(migrations.length));
      expect(collections(dir)).toEqual(['users']);
      pocketbase(dir, 'migrate', 'up');
      expect(collections(dir)).toEqual(applied);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

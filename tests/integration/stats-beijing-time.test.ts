/**
 * Reporting periods are cut in Beijing time, through a real PocketBase: completions recorded before the
 * upgrade carry UTC months; the migration re-derives them in Beijing time and rebuilds the counters, and its
 * down restores the UTC months. Counters are compared with `recount` each time.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PB_BIN, ROOT } from '../../scripts/lib/pocketbase.ts';
import { factsOfRow, recount, type Channel, type CompletionRow, type Counts } from '../../src/lib/stats/keys.ts';
import { toPbDate } from '../../src/lib/beijing-time.ts';

const MIGRATION = '1764400200_beijing_months.js';

function pocketbase(dir: string, ...args: string[]) {
  const run = spawnSync(
    PB_BIN,
    [...args, `--dir=${dir}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`, `--migrationsDir=${join(ROOT, 'pb_migrations')}`],
    { input: 'y\n', encoding: 'utf8' },
  );
  expect(run.status, run.stderr + run.stdout).toBe(0);
  return run.stdout + run.stderr;
}

// [instant, person, channel]: one enterprise in Huzhou (330502), another in a Corps city (659001).
const COMPLETIONS: [string, string, Channel][] = [
  ['2026-01-31T23:30:00Z', 'a', 'online'], // 07:30 on 1 February in Beijing
  ['2026-01-31T15:59:59Z', 'b', 'online'], // 23:59:59 on 31 January in Beijing
  ['2025-12-31T23:30:00Z', 'c', 'in_person'], // 07:30 on 1 January 2026 in Beijing
  ['2026-03-31T16:00:00Z', 'a', 'online'], // 00:00 on 1 April: Q2
  ['2026-03-31T15:00:00Z', 'c', 'online'], // 23:00 on 31 March: Q1
];

function seed(db: DatabaseSync) {
  const now = '2026-04-01 00:00:00.000Z';
  db.prepare(
    "INSERT INTO enterprises (id, name, uscc, county_code, prefecture_code, province_code, sector, size, created, updated) VALUES ('ent00000000000a', '湖州测试企业', '91330502MA2B3C4D5E', '330502', '3305', '33', '04', 'micro', ?, ?)",
  ).run(now, now);
  db.prepare(
    "INSERT INTO enterprises (id, name, uscc, county_code, prefecture_code, province_code, sector, size, created, updated) VALUES ('ent00000000000b', '兵团测试企业', '91659001MA2B3C4D5F', '659001', '6590', '66', '01', 'micro', ?, ?)",
  ).run(now, now);
  for (const person of ['a', 'b', 'c']) {
    db.prepare(
      "INSERT INTO users (id, email, emailVisibility, verified, password, tokenKey, name, role, enterprise, jurisdiction, created, updated) VALUES (?, ?, 0, 1, 'x', ?, ?, 'learner', ?, '', ?, ?)",
    ).run(
      `usr00000000000${person}`,
      `${person}@boundary.example.com`,
      `tk-${person}`,
      `学员${person}`,
      person === 'c' ? 'ent00000000000b' : 'ent00000000000a',
      now,
      now,
    );
  }
  COMPLETIONS.forEach(([iso, person, channel], i) => {
    const at = toPbDate(new Date(iso));
    const [province, prefecture, county, sector, enterprise] =
      person === 'c' ? ['66', '6590', '659001', '01', 'ent00000000000b'] : ['33', '3305', '330502', '04', 'ent00000000000a'];
    db.prepare(`INSERT INTO completions (id, user, course, enterprise, learner_name, enterprise_name, province_code, prefecture_code, county_code, sector, channel, completed_at, month, certificate_code, revoked, revoked_reason, score, created)
      VALUES (?, ?, ?, ?, '学员', '企业', ?, ?, ?, ?, ?, ?, ?, ?, 0, '', 100, ?)`)
      // The month as the code before the upgrade stored it: the UTC month.
      .run(
        `cmp00000000000${i}`,
        `usr00000000000${person}`,
        `course-${i}`,
        enterprise,
        province,
        prefecture,
        county,
        sector,
        channel,
        at,
        iso.slice(0, 7),
        `QA26-TEST-000${i}-2`,
        at,
      );
  });
}

function read(dir: string) {
  const db = new DatabaseSync(join(dir, 'data.db'), { readOnly: true });
  const months = Object.fromEntries(
    (db.prepare('SELECT id, month FROM completions ORDER BY id').all() as { id: string; month: string }[]).map((r) => [r.id, r.month]),
  );
  const facts = (
    db.prepare('SELECT * FROM completions WHERE revoked = FALSE ORDER BY completed_at, id').all() as Record<string, string>[]
  ).map((c) => factsOfRow(c as unknown as CompletionRow));
  const stored = new Map(
    (
      db
        .prepare('SELECT period, region, dim, attendee_times, attendees, enterprises FROM stat_counts WHERE attendee_times > 0')
        .all() as Record<string, any>[]
    ).map((r): [string, Counts] => [
      `${r.period}|${r.region}|${r.dim}`,
      { attendeeTimes: r.attendee_times, attendees: r.attendees, enterprises: r.enterprises },
    ]),
  );
  db.close();
  return { months, stored, expected: recount(facts) };
}

const total = (stored: Map<string, Counts>, period: string, region = '') => stored.get(`${period}|${region}|total`)?.attendeeTimes ?? 0;

describe('reporting periods in Beijing time, migrated', () => {
  it('moves boundary completions to their Beijing month, quarter and year, rebuilds, and rolls back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-beijing-'));
    try {
      pocketbase(dir, 'migrate', 'up');
      // Back to the state before this upgrade (and any later migration), then completions as the old code stored them.
      const later = readdirSync(join(ROOT, 'pb_migrations')).filter((f) => f.endsWith('.js') && f >= MIGRATION).length;
      pocketbase(dir, 'migrate', 'down', String(later));
      const db = new DatabaseSync(join(dir, 'data.db'));
      seed(db);
      db.close();
      pocketbase(dir, 'stats-rebuild');
      const before = read(dir);
      expect(before.stored).toEqual(before.expected);
      expect(total(before.stored, '2026-01')).toBe(2); // the UTC cut: 23:30 UTC on 31 January counted in January
      expect(total(before.stored, '2025')).toBe(1);

      pocketbase(dir, 'migrate', 'up');
      const after = read(dir);
      expect(after.months).toEqual({
        cmp000000000000: '2026-02',
        cmp000000000001: '2026-01',
        cmp000000000002: '2026-01',
        cmp000000000003: '2026-04',
        cmp000000000004: '2026-03',
      });
      expect(after.stored).toEqual(after.expected);
      expect(total(after.stored, '2026-01')).toBe(2); // b (31 January, 23:59:59) and c (New Year's morning)
      expect(total(after.stored, '2026-02')).toBe(1);
      expect(total(after.stored, '2025')).toBe(0);
      expect(total(after.stored, '2025-Q4')).toBe(0);
      expect(total(after.stored, '2026-Q1')).toBe(4);
      expect(total(after.stored, '2026-Q2')).toBe(1);
      expect(total(after.stored, '2026-Q1', '66')).toBe(2); // the Corps city counts in 66
      expect(after.stored.get('2026-Q1|33|total')).toEqual({ attendeeTimes: 2, attendees: 2, enterprises: 1 });
      expect(after.stored.get('2026|330502|channel:online')).toEqual({ attendeeTimes: 3, attendees: 2, enterprises: 1 });
      // The per-day firsts (migration 1764700200, which runs after this one) are filled from the same completions,
      // cut in Beijing days: 23:30 UTC on 31 December is New Year's Day, a first of the year 2026.
      const db2 = new DatabaseSync(join(dir, 'data.db'), { readOnly: true });
      const days = db2.prepare("SELECT day, attendee_times AS t, attendees_year AS a FROM stat_days WHERE region = '' ORDER BY day").all();
      db2.close();
      expect(days).toEqual([
        { day: '2026-01-01', t: 1, a: 1 }, // c
        { day: '2026-01-31', t: 1, a: 1 }, // b
        { day: '2026-02-01', t: 1, a: 1 }, // a
        { day: '2026-03-31', t: 1, a: 0 }, // c again
        { day: '2026-04-01', t: 1, a: 0 }, // a again
      ]);

      pocketbase(dir, 'migrate', 'down', String(later));
      const rolledBack = read(dir);
      expect(rolledBack.months).toEqual(before.months);
      expect(rolledBack.stored).toEqual(before.stored);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

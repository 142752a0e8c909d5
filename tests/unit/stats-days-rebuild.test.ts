/**
 * The rebuild's SQL (src/server/stats-rebuild.ts) must produce exactly the day rows of recountDays, the
 * counters of recount and the trained-enterprise summaries of recountEnterpriseRows, on random histories with people changing employer, enterprises moving county (the
 * Corps included), revoked completions and instants at Beijing day, month, quarter and year boundaries.
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import {
  dayCountsOfRow,
  dayFactsOfRow,
  DAY_FIELDS,
  recountDays,
  type DayCounts,
  type StoredDayRow,
} from '../../src/lib/stats/day-firsts.ts';
import { factsOfRow, monthOf, recount, type CompletionRow, type Counts } from '../../src/lib/stats/keys.ts';
import { enterpriseStatements, rebuildStatements } from '../../src/server/stats-rebuild.ts';
import {
  listFactsOfRow,
  recountEnterpriseRows,
  type EnterpriseTotals,
  type StoredListRow,
} from '../../src/lib/stats/enterprise-periods.ts';
import { parsePbDate } from '../../src/lib/beijing-time.ts';

const SCHEMA = [
  `CREATE TABLE completions (id TEXT PRIMARY KEY, user TEXT, enterprise TEXT, course TEXT, channel TEXT, province_code TEXT,
     prefecture_code TEXT, county_code TEXT, sector TEXT, month TEXT, completed_at TEXT, revoked BOOLEAN DEFAULT FALSE)`,
  `CREATE TABLE stat_counts (id TEXT PRIMARY KEY, period TEXT, region TEXT, dim TEXT, attendee_times INTEGER, attendees INTEGER,
     enterprises INTEGER)`,
  `CREATE TABLE stat_days (region TEXT NOT NULL, day TEXT NOT NULL, attendee_times INTEGER NOT NULL DEFAULT 0,
     attendees_year INTEGER NOT NULL DEFAULT 0, attendees_quarter INTEGER NOT NULL DEFAULT 0, attendees_month INTEGER NOT NULL DEFAULT 0,
     enterprises_year INTEGER NOT NULL DEFAULT 0, enterprises_quarter INTEGER NOT NULL DEFAULT 0,
     enterprises_month INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (region, day)) WITHOUT ROWID`,
  `CREATE TABLE stat_enterprises (region TEXT NOT NULL, period TEXT NOT NULL, enterprise TEXT NOT NULL,
     attendee_times INTEGER NOT NULL DEFAULT 0, attendees INTEGER NOT NULL DEFAULT 0, last_completed TEXT NOT NULL DEFAULT '',
     PRIMARY KEY (region, period, enterprise)) WITHOUT ROWID`,
];
const places = [
  ['33', '3305', '330502'],
  ['33', '3305', '330523'],
  ['33', '3301', '330106'],
  ['66', '6590', '659001'],
  ['65', '6501', '650102'],
];
const pad = (n: number) => String(n).padStart(2, '0');

describe('rebuild of the per-day firsts', () => {
  it('equals recountDays (and the counters recount) on random histories', () => {
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    for (let trial = 0; trial < 40; trial++) {
      const db = new DatabaseSync(':memory:');
      for (const sql of SCHEMA) db.exec(sql);
      const insert = db.prepare(
        `INSERT INTO completions (id, user, enterprise, course, channel, province_code, prefecture_code, county_code, sector, month,
           completed_at, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const taken = new Set<string>();
      for (let n = 0; n < 60; n++) {
        const user = `u${random(12)}`;
        const course = `c${random(8)}`;
        if (taken.has(`${user}/${course}`)) continue;
        taken.add(`${user}/${course}`);
        const enterprise = `e${(Number(user.slice(1)) + (random(5) === 0 ? 1 : 0)) % 5}`;
        const [province, prefecture, county] = places[(Number(enterprise.slice(1)) + (random(6) === 0 ? 1 : 0)) % places.length];
        const month = [11, 12, 1, 2, 3, 4][random(6)];
        const year = month >= 11 ? 2025 : 2026;
        const day = Math.min([1, 2, 15, 30, 31][random(5)], new Date(Date.UTC(year, month, 0)).getUTCDate());
        const instant = `${year}-${pad(month)}-${pad(day)} ${pad([0, 15, 16, 23][random(4)])}:${pad(random(60))}:00.000Z`;
        insert.run(
          `id${String(n).padStart(4, '0')}`,
          user,
          enterprise,
          course,
          random(3) ? 'online' : 'in_person',
          province,
          prefecture,
          county,
          ['04', '18'][random(2)],
          monthOf(parsePbDate(instant)!),
          instant,
          random(12) === 0 ? 1 : 0,
        );
      }
      for (const sql of rebuildStatements()) db.exec(sql);

      const rows = db.prepare('SELECT * FROM completions WHERE revoked = FALSE ORDER BY completed_at, id').all() as Record<
        string,
        string
      >[];
      const expectedDays = recountDays(rows.map((r) => dayFactsOfRow(r as unknown as StoredDayRow)));
      const storedDays = new Map<string, DayCounts>();
      for (const r of db.prepare('SELECT * FROM stat_days').all() as Record<string, number | string>[]) {
        const c = dayCountsOfRow(r);
        if (DAY_FIELDS.some((k) => c[k] !== 0)) storedDays.set(`${r.region}|${r.day}`, c);
      }
      expect(storedDays, `trial ${trial}`).toEqual(expectedDays);

      // The trained-enterprise summaries (stat_enterprises) equal their recount.
      const expectedSummaries = recountEnterpriseRows(rows.map((r) => listFactsOfRow(r as unknown as StoredListRow)));
      const storedSummaries = new Map<string, EnterpriseTotals>();
      for (const r of db.prepare('SELECT * FROM stat_enterprises').all() as Record<string, number | string>[])
        storedSummaries.set(`${r.region}|${r.period}|${r.enterprise}`, {
          attendeeTimes: Number(r.attendee_times),
          attendees: Number(r.attendees),
          lastCompletion: String(r.last_completed),
        });
      expect(storedSummaries, `trial ${trial}`).toEqual(expectedSummaries);
      expect(storedSummaries.size).toBeGreaterThan(0);

      // An admin edit can make a month disagree with its instant: such a completion counts in no year of the
      // summaries (as the scan of a whole year leaves it out), only in "all".
      db.exec("UPDATE completions SET month = '2024-06' WHERE rowid % 7 = 3");
      for (const sql of enterpriseStatements()) db.exec(sql);
      const edited = db.prepare('SELECT * FROM completions WHERE revoked = FALSE').all() as Record<string, string>[];
      const storedAfterEdit = new Map<string, EnterpriseTotals>();
      for (const r of db.prepare('SELECT * FROM stat_enterprises').all() as Record<string, number | string>[])
        storedAfterEdit.set(`${r.region}|${r.period}|${r.enterprise}`, {
          attendeeTimes: Number(r.attendee_times),
          attendees: Number(r.attendees),
          lastCompletion: String(r.last_completed),
        });
      expect(storedAfterEdit, `trial ${trial}, edited months`).toEqual(
        recountEnterpriseRows(edited.map((r) => listFactsOfRow(r as unknown as StoredListRow))),
      );

      const expectedCounts = recount(rows.map((r) => factsOfRow(r as unknown as CompletionRow)));
      const storedCounts = new Map<string, Counts>();
      for (const r of db.prepare('SELECT * FROM stat_counts WHERE attendee_times > 0').all() as Record<string, number | string>[])
        storedCounts.set(`${r.period}|${r.region}|${r.dim}`, {
          attendeeTimes: Number(r.attendee_times),
          attendees: Number(r.attendees),
          enterprises: Number(r.enterprises),
        });
      expect(storedCounts, `trial ${trial}`).toEqual(expectedCounts);
      db.close();
    }
  });
});

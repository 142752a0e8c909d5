/**
 * A new completion's day-row firsts are decided from the earliest other completions of its person and enterprise
 * (EARLIEST_SQL in src/server/stats-days.ts). For the enterprise the query reads, per region level and period
 * kind, the one earliest completion by an index seek on (enterprise, completed_at) instead of grouping every
 * completion of the enterprise in the year. The day-row changes it leads to must be exactly those from the
 * grouped reading, over random histories (several regions, years, quarters and months, Beijing-day edges,
 * revoked completions, the new completion itself excluded); and the enterprise part must use the seek.
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { EARLIEST_BY_LEVEL_SQL, EARLIEST_SQL, earliestParams, readEarliest } from '../../src/server/stats-days.ts';
import {
  beijingDayOf,
  dayInsertDeltas,
  DAY_KINDS,
  periodInstants,
  periodOfDay,
  type EarliestSeen,
} from '../../src/lib/stats/day-firsts.ts';
import { monthOf } from '../../src/lib/stats/keys.ts';
import { seededRandom } from '../../scripts/lib/bench-math.ts';

const sqlite = (dbxSql: string) => dbxSql.replace(/\{:(\w+)\}/g, ':$1');
/** A statement that, like the server's (qasql.go), ignores parameters it does not use. */
const prepared = (db: DatabaseSync, dbxSql: string) => {
  const statement = db.prepare(sqlite(dbxSql));
  statement.setAllowUnknownNamedParameters(true);
  return statement;
};

function database() {
  const db = new DatabaseSync(':memory:');
  db.exec(`CREATE TABLE completions (id TEXT PRIMARY KEY NOT NULL, user TEXT DEFAULT '' NOT NULL, enterprise TEXT DEFAULT '' NOT NULL,
    course TEXT DEFAULT '' NOT NULL, channel TEXT DEFAULT '' NOT NULL, month TEXT DEFAULT '' NOT NULL, completed_at TEXT DEFAULT '' NOT NULL,
    province_code TEXT DEFAULT '' NOT NULL, prefecture_code TEXT DEFAULT '' NOT NULL, county_code TEXT DEFAULT '' NOT NULL,
    revoked BOOLEAN DEFAULT FALSE NOT NULL)`);
  db.exec('CREATE UNIQUE INDEX idx_completions_user_course ON completions (user, course)');
  db.exec('CREATE INDEX idx_completions_enterprise_firsts ON completions (enterprise, month, channel, course, revoked, id)');
  db.exec('CREATE INDEX idx_completions_enterprise_time ON completions (enterprise, completed_at)');
  return db;
}

/** The grouped reading the seeks replace: every completion of the person and the enterprise in the year. */
const GROUPED = `SELECT 'p' AS who, province_code AS province, prefecture_code AS prefecture, county_code AS county, MIN(completed_at) AS completedAt
       FROM completions WHERE user = :user AND id != :id AND revoked = FALSE AND month >= :first AND month <= :last
       GROUP BY province_code, prefecture_code, county_code, month
     UNION ALL
     SELECT 'e', province_code, prefecture_code, county_code, MIN(completed_at)
       FROM completions WHERE enterprise = :enterprise AND id != :id AND revoked = FALSE AND month >= :first AND month <= :last
       GROUP BY province_code, prefecture_code, county_code, month`;

const places = [
  { province: '33', prefecture: '3305', county: '330502' },
  { province: '33', prefecture: '3305', county: '330521' },
  { province: '33', prefecture: '3301', county: '330106' },
  { province: '66', prefecture: '6590', county: '659001' },
];
// instants around the year's, quarters' and months' Beijing edges (16:00 UTC the day before)
const instants = [
  '2025-12-31 15:59:59.999Z',
  '2025-12-31 16:00:00.000Z',
  '2026-01-15 08:00:00.000Z',
  '2026-03-31 15:59:59.999Z',
  '2026-03-31 16:00:00.000Z',
  '2026-04-30 16:00:00.000Z',
  '2026-06-30 03:00:00.000Z',
  '2026-11-30 16:00:00.000Z',
  '2026-12-01 10:00:00.000Z',
  '2026-12-31 15:59:59.999Z',
  '2026-12-31 16:00:00.000Z',
];

describe('the earliest other completions that decide a new completion’s day-row firsts', () => {
  it('periodInstants bound exactly the instants whose Beijing day is in the period', () => {
    const edges = ['2024-02-28 15:59:59.999Z', '2024-02-28 16:00:00.000Z', '2024-02-29 16:00:00.000Z', '2100-02-28 16:00:00.000Z'];
    for (const instant of [...instants, ...edges])
      for (const day of ['2024-02-29', '2024-03-01', '2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31', '2027-01-01', '2100-03-01'])
        for (const kind of DAY_KINDS) {
          const { from, to } = periodInstants(day, kind);
          expect(from <= instant && instant < to, `${instant} in the ${kind} of ${day}`).toBe(
            periodOfDay(beijingDayOf(instant), kind) === periodOfDay(day, kind),
          );
        }
  });

  it('give the same day-row changes as every completion of the enterprise grouped, over random histories', () => {
    const random = seededRandom(20261201);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    let compared = 0;
    for (let round = 0; round < 60; round++) {
      const db = database();
      const insert = db.prepare(
        `INSERT INTO completions (id, user, enterprise, course, month, completed_at, province_code, prefecture_code, county_code, revoked)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const n = 1 + Math.floor(random() * 50);
      const rows: { id: string; user: string; enterprise: string; place: (typeof places)[number]; at: string }[] = [];
      for (let i = 0; i < n; i++) {
        const place = pick(places.slice(0, 1 + (round % places.length)));
        const at = pick(instants);
        const r = { id: `c${round}x${i}`, user: `u${Math.floor(random() * 6)}`, enterprise: pick(['e1', 'e1', 'e2']), place, at };
        try {
          insert.run(
            r.id,
            r.user,
            r.enterprise,
            `course${i}`,
            monthOf(Date.parse(at.replace(' ', 'T'))),
            at,
            place.province,
            place.prefecture,
            place.county,
            random() < 0.15 ? 1 : 0,
          );
          rows.push(r);
        } catch {
          /* the same (user, course) twice: skipped */
        }
      }
      const statements = new Map([EARLIEST_SQL, EARLIEST_BY_LEVEL_SQL].map((sql) => [sql, prepared(db, sql)]));
      const seek = (sql: string, params: Record<string, string>) =>
        statements.get(sql)!.all(params) as unknown as (EarliestSeen & { who: string })[];
      const grouped = db.prepare(GROUPED);
      for (const r of rows) {
        const facts = { user: r.user, enterprise: r.enterprise, ...r.place, completedAt: r.at };
        const params = earliestParams(r.id, facts);
        const deltas = (seen: (EarliestSeen & { who: string })[]) =>
          dayInsertDeltas(
            facts,
            seen.filter((x) => x.who === 'p'),
            seen.filter((x) => x.who === 'e'),
          );
        const seen = readEarliest(seek, r.id, facts);
        const fromSeeks = dayInsertDeltas(facts, seen.person, seen.enterprise);
        const fromAll = deltas(
          grouped.all({
            user: params.user,
            enterprise: params.enterprise,
            id: params.id,
            first: params.first,
            last: params.last,
          }) as unknown as (EarliestSeen & { who: string })[],
        );
        expect(fromSeeks, `round ${round}, completion ${r.id}`).toEqual(fromAll);
        compared++;
      }
      db.close();
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('reads the enterprise by seeks on (enterprise, completed_at), never by the enterprise alone', () => {
    const db = database();
    const params = earliestParams('x', { user: 'u', enterprise: 'e', ...places[0], completedAt: '2026-12-01 10:00:00.000Z' });
    const plan = (sql: string) => (prepared(db, `EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    const seeks = (sql: string) =>
      plan(sql).filter((d) => d.includes('idx_completions_enterprise_time (enterprise=? AND completed_at>? AND completed_at<?)')).length;
    expect(seeks(EARLIEST_SQL)).toBe(3);
    expect(seeks(EARLIEST_BY_LEVEL_SQL)).toBe(9);
    // a MIN() inside a subquery would be computed by scanning (a co-routine)
    expect(
      [...plan(EARLIEST_SQL), ...plan(EARLIEST_BY_LEVEL_SQL)].some((d) => /CO-ROUTINE|enterprise_firsts \(enterprise=\?/.test(d)),
    ).toBe(false);
  });
});

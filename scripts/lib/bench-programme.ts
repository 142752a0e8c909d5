/**
 * Programme data at national scale for `npm run bench:stats`: the report's 265 policies and 149
 * recommended cases (20 selected), organising records for every province, and 20,000 in-person sessions
 * with their regions, so that the assessment queries are timed on realistic volumes.
 */
import { DatabaseSync } from 'node:sqlite';
import type { RegionChain } from '../../src/lib/regions.ts';

const TYPES = ['subsidy', 'award', 'fee_reduction', 'procurement', 'credit', 'training', 'other'];

export function seedProgrammeBench(db: DatabaseSync, counties: RegionChain[]): void {
  let n = 0;
  const id = (prefix: string) => `${prefix}${String(n++).padStart(15 - prefix.length, '0')}`;
  const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length];
  db.exec('BEGIN');
  const policy = db.prepare(
    "INSERT INTO policies (id, title, authority, region, type, issued_on, valid_until, eligibility, benefit, how_to_apply) VALUES (?, ?, '基准测试局', ?, ?, ?, '', '小微企业', '补助', '申请')",
  );
  for (let i = 0; i < 265; i++) {
    const c = pick(counties, i);
    const region = [c.province, c.prefecture, c.county, ''][i % 4];
    policy.run(id('bp'), `基准测试政策 ${i}`, region, TYPES[i % TYPES.length], `2026-${String(1 + (i % 12)).padStart(2, '0')}-15`);
  }
  const record = db.prepare("INSERT INTO programme_records (id, region, kind, title, held_on) VALUES (?, ?, 'meeting', ?, ?)");
  for (let i = 0; i < 640; i++)
    record.run(id('br'), pick(counties, i).province, `基准测试会议 ${i}`, `2026-${String(1 + (i % 12)).padStart(2, '0')}-10`);
  const kase = db.prepare(
    "INSERT INTO case_submissions (id, enterprise, state, province_code, prefecture_code, county_code, sector, title, recommended_at, decided_at) VALUES (?, 'x', ?, ?, ?, ?, '18', ?, '2026-05-01 00:00:00.000Z', ?)",
  );
  for (let i = 0; i < 149; i++) {
    const c = pick(counties, i * 3);
    const state = i < 20 ? 'selected' : i < 60 ? 'declined' : 'recommended';
    kase.run(
      id('bc'),
      state,
      c.province,
      c.prefecture,
      c.county,
      `基准测试案例 ${i}`,
      state === 'recommended' ? '' : '2026-07-01 00:00:00.000Z',
    );
  }
  const session = db.prepare(
    "INSERT INTO sessions (id, trainer, course, title, held_on, province_code, prefecture_code, county_code) VALUES (?, 'x', 'c', '基准测试培训', ?, ?, ?, ?)",
  );
  for (let i = 0; i < 20_000; i++) {
    const c = pick(counties, i);
    session.run(
      id('bs'),
      `2026-${String(1 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)} 04:00:00.000Z`,
      c.province,
      c.prefecture,
      c.county,
    );
  }
  db.exec('COMMIT');
}

/**
 * The helped enterprises' survey: in 2025 and 2026, an answer from every enterprise whose assistance was accepted
 * that year (the report's evaluation covered all 5,639 helped enterprises), mostly satisfied (the report: 97.5 %),
 * every level of the scales present, improvements ticked and sizes of change given, so that the province table and
 * the public page summarise realistic volumes.
 */
export function seedSurveysBench(db: DatabaseSync): void {
  db.exec(`INSERT INTO surveys (id, enterprise, year, province_code, prefecture_code, county_code, sector, satisfaction, effect,
      improvements, changes, instrument, follow_up, gov_support, gov_support_areas, created, updated)
    SELECT printf('bv%013d', rowid), enterprise, substr(accepted_at, 1, 4), province_code, prefecture_code, county_code, sector,
      CASE WHEN rowid % 40 = 0 THEN 1 + (rowid / 40) % 3 ELSE 4 + rowid % 2 END, CASE WHEN rowid % 25 = 0 THEN 1 + (rowid / 25) % 2 ELSE 3 + rowid % 2 END,
      CASE rowid % 3 WHEN 0 THEN '["awareness","rules","first_pass_yield"]' WHEN 1 THEN '["awareness","sales_revenue"]' ELSE '["rules"]' END,
      CASE rowid % 3 WHEN 0 THEN json_object('first_pass_yield', (rowid % 400) / 20.0) WHEN 1 THEN json_object('sales_revenue', rowid % 7 - 2.5) ELSE '{}' END,
      2, 1 + (rowid / 4) % 5, CASE (rowid / 4) % 3 WHEN 0 THEN 'needs_improvement' ELSE 'adequate' END,
      CASE (rowid / 4) % 3 WHEN 0 THEN '["funds","technical"]' ELSE '[]' END,
      substr(accepted_at, 1, 4) || '-12-10 02:00:00.000Z', substr(accepted_at, 1, 4) || '-12-10 02:00:00.000Z'
    FROM assistances WHERE accepted_at != ''`);
}

/**
 * Before each timed request of the "cold" keys: every data version raised (migration 1764600600), as if every
 * source of the programme's answers had changed, so that the server recomputes every part from the database.
 * Written from this process, as another writer would (WAL: PocketBase's readers are not blocked).
 */
export function bumpDataVersions(dbPath: string): { bump: () => Promise<void>; close: () => void } {
  const db = new DatabaseSync(dbPath);
  db.exec('PRAGMA busy_timeout = 10000');
  const update = db.prepare('UPDATE qa_data_versions SET version = version + 1');
  return {
    bump: async () => {
      update.run();
    },
    close: () => db.close(),
  };
}

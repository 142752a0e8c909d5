/**
 * Programme data at national scale for `npm run bench:stats`: the report's 265 policies and 149
 * recommended cases (20 selected), organising records for every province, and 20,000 in-person sessions
 * with their regions, so that the assessment queries are timed on realistic volumes.
 */
import type { DatabaseSync } from 'node:sqlite';
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

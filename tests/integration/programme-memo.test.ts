/**
 * The assessment, its regional breakdown, the province table and the public page are memoised on the versions of
 * the tables they read (migration 1764600600: a trigger raises a table's version in the same transaction as
 * every write) and on the training counters, read on every request. Rows are written here straight into
 * SQLite, as a maintenance script or the admin UI would, not through the routes: each write must show in the
 * very next answer, and a memoised answer must equal the one computed with nothing memoised.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { api, login } from './helpers.ts';

// Tibet (54, Lhasa 5401, Chengguan 540102): no demo data there, so every change below is ours.
const P = '54';
const PREF = '5401';
const COUNTY = '540102';
const ENTERPRISE = 'memotestent0001';
const at = (day: string) => `${day} 04:00:00.000Z`;

const db = new DatabaseSync(join(inject('pbDataDir'), 'data.db'));
db.exec('PRAGMA busy_timeout = 10000');
const sql = (statement: string, ...params: (string | number)[]) => db.prepare(statement).run(...params);
/** What a memo may not hide: forces every part of every answer to be computed again. */
const forgetEverything = () => sql('UPDATE qa_data_versions SET version = version + 1');
afterAll(() => db.close());

type Json = any;
const withoutTime = (body: Json) => ({ ...body, generatedAt: null });

describe('memoised programme answers', () => {
  it('show every write to their sources at once, and equal the answers computed from scratch', async () => {
    const national = await login('regulator@example.com');
    const assessment = async () => (await api('/api/qa/assessment?year=2026', { token: national })).body;
    const regions = async () => (await api(`/api/qa/assessment/regions?year=2026&region=${P}`, { token: national })).body;
    const provinces = async () => (await api('/api/qa/stats/provinces?period=2026', { token: national })).body;
    const publicPage = async () => (await api('/api/qa/stats/public?period=2026')).body;
    const figures = async () => (await assessment()).rows.find((r: Json) => r.province === P).figures;
    const tibet = async () => (await provinces()).rows.find((r: Json) => r.code === P);

    const before = { figures: await figures(), regions: await regions(), table: await tibet(), national: (await publicPage()).national };
    const lhasa = (b: Json) => b.rows.find((r: Json) => r.code === PREF).counts;

    sql(
      "INSERT INTO policies (id, title, authority, region, type, issued_on, valid_until, eligibility, benefit, how_to_apply) VALUES ('memotestpol0001', '测试政策', '测试局', ?, 'subsidy', '2026-06-15', '', '小微企业', '补助', '申请')",
      PREF,
    );
    expect((await figures()).policies).toBe(before.figures.policies + 1);
    sql(
      "INSERT INTO programme_records (id, region, kind, title, held_on) VALUES ('memotestrec0001', ?, 'meeting', '测试会议', '2026-06-10')",
      P,
    );
    expect((await figures()).organisingRecords).toBe(before.figures.organisingRecords + 1);
    sql(
      "INSERT INTO case_submissions (id, enterprise, state, province_code, prefecture_code, county_code, sector, title, recommended_at, decided_at) VALUES ('memotestcas0001', ?, 'selected', ?, ?, ?, '18', '测试案例', ?, ?)",
      ENTERPRISE,
      P,
      PREF,
      COUNTY,
      at('2026-05-01'),
      at('2026-07-01'),
    );
    expect(await figures()).toMatchObject({
      casesRecommended: before.figures.casesRecommended + 1,
      casesSelected: before.figures.casesSelected + 1,
    });
    sql(
      "INSERT INTO sessions (id, trainer, course, title, held_on, province_code, prefecture_code, county_code) VALUES ('memotestses0001', 'x', 'c', '测试培训', ?, ?, ?, ?)",
      at('2026-06-01'),
      P,
      PREF,
      COUNTY,
    );
    expect((await figures()).sessionsHeld).toBe(before.figures.sessionsHeld + 1);
    expect(lhasa(await regions()).sessionsHeld).toBe(lhasa(before.regions).sessionsHeld + 1);

    sql(
      "INSERT INTO assistances (id, enterprise, state, origin, province_code, prefecture_code, county_code, sector, accepted_at, finished_at, created, updated) VALUES ('memotestass0001', ?, 'active', 'enterprise', ?, ?, ?, '18', ?, '', ?, ?)",
      ENTERPRISE,
      P,
      PREF,
      COUNTY,
      at('2026-03-01'),
      at('2026-03-01'),
      at('2026-03-01'),
    );
    expect((await figures()).enterprisesHelped).toBe(before.figures.enterprisesHelped + 1);
    expect((await tibet()).helped).toBe(before.table.helped + 1);
    expect((await publicPage()).national.helped).toBe(before.national.helped + 1);

    sql(
      "INSERT INTO surveys (id, enterprise, year, province_code, prefecture_code, county_code, sector, satisfaction, effect, instrument, follow_up, gov_support) VALUES ('memotestsur0001', ?, '2026', ?, ?, ?, '18', 5, 4, 2, 5, 'adequate')",
      ENTERPRISE,
      P,
      PREF,
      COUNTY,
    );
    const row = (await assessment()).rows.find((r: Json) => r.province === P);
    const rate = (id: string) => row.indicators.find((i: Json) => i.id === id).measures[0];
    expect(rate('satisfaction')).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(rate('improvement')).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect((await tibet()).surveyed).toBe(before.table.surveyed + 1);
    expect((await publicPage()).national.surveyed).toBe(before.national.surveyed + 1);

    // Training comes from the counters on every request: a completion moves them (here by hand, then back).
    const counter = "UPDATE stat_counts SET attendee_times = attendee_times + ? WHERE period = '2026' AND region = '33' AND dim = 'total'";
    const zhejiang = async () => (await assessment()).rows.find((r: Json) => r.province === '33').figures.attendeeTimes;
    const trained = await zhejiang();
    sql(counter, 7);
    expect(await zhejiang()).toBe(trained + 7);
    sql(counter, -7);
    expect(await zhejiang()).toBe(trained);

    // Memoised (every part of the last answers came from some memo) against nothing memoised.
    const memo = { assessment: await assessment(), regions: await regions(), table: await provinces(), page: await publicPage() };
    forgetEverything();
    expect(withoutTime(await assessment())).toEqual(withoutTime(memo.assessment));
    expect(await regions()).toEqual(memo.regions);
    expect(await provinces()).toEqual(memo.table);
    expect(withoutTime(await publicPage())).toEqual(withoutTime(memo.page));

    // Updates and deletes count too: the session moves to last year, then everything goes.
    sql("UPDATE sessions SET held_on = ? WHERE id = 'memotestses0001'", at('2025-06-01'));
    expect((await figures()).sessionsHeld).toBe(before.figures.sessionsHeld);
    for (const table of ['policies', 'programme_records', 'case_submissions', 'sessions', 'assistances', 'surveys'])
      sql(`DELETE FROM ${table} WHERE id LIKE 'memotest%'`);
    expect(await figures()).toEqual(before.figures);
    expect(await regions()).toEqual(before.regions);
    expect(await tibet()).toEqual(before.table);
  });
});

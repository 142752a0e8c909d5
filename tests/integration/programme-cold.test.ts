/**
 * The programme's answers right after their inputs change (issue 17, the "cold" path): counted by grouped SQL
 * (helped enterprises within a region, the survey tally, levels by province) instead of row by row. Each answer
 * must equal a recount of the raw rows by the pure definitions (helpedInPeriod, answerFromStored, summariseSurveys)
 * after assistances and survey answers are written, changed and deleted straight in SQLite (as a script would):
 * Qinghai (63) gets its own random history; the national figures are recounted over every row of the database.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { seededRandom } from '../../scripts/lib/bench-math.ts';
import { helpedInPeriod, periodRange } from '../../src/lib/assistance/helped.ts';
import { parsePeriod } from '../../src/lib/stats/keys.ts';
import { answerFromStored, CLEAR_EFFECT_FROM, SATISFIED_FROM } from '../../src/lib/survey/instrument.ts';
import { summariseSurveys } from '../../src/lib/survey/summary.ts';
import { api, login } from './helpers.ts';

const db = new DatabaseSync(join(inject('pbDataDir'), 'data.db'));
db.exec('PRAGMA busy_timeout = 10000');
afterAll(() => {
  db.prepare("DELETE FROM assistances WHERE id LIKE 'coldtest%'").run();
  db.prepare("DELETE FROM surveys WHERE id LIKE 'coldtest%'").run();
  db.close();
});

const COUNTIES = ['630102', '630103', '630104', '630121', '630202', '630203', '630223'];
const YEAR = '2026';
type Json = any;
type Row = Record<string, string | number>;
const all = (sql: string, ...params: string[]) => db.prepare(sql).all(...params) as Row[];
const iso = (v: unknown) => (v ? String(v).replace(' ', 'T') : null);
const parse = (text: unknown) => {
  try {
    return JSON.parse(String(text)) as unknown;
  } catch {
    return null;
  }
};

/** Helped enterprises and their answers per region of a level, by the definitions, from every row of the database. */
function recount(level: 2 | 4 | 6) {
  const range = periodRange(parsePeriod(YEAR)!);
  const helped = new Map<string, Set<string>>();
  for (const a of all('SELECT enterprise, province_code, prefecture_code, county_code, accepted_at, finished_at FROM assistances')) {
    if (!helpedInPeriod({ enterprise: String(a.enterprise), acceptedAt: iso(a.accepted_at), finishedAt: iso(a.finished_at) }, range))
      continue;
    const r = String(level === 2 ? a.province_code : level === 4 ? a.prefecture_code : a.county_code);
    helped.set(r, (helped.get(r) ?? new Set()).add(String(a.enterprise)));
  }
  const answers = new Map(all('SELECT enterprise, satisfaction, effect FROM surveys WHERE year = ?', YEAR).map((s) => [s.enterprise, s]));
  const out: Record<string, { helped: number; responses: number; satisfied: number; improved: number }> = {};
  for (const [r, enterprises] of helped) {
    const theirs = [...enterprises].map((e) => answers.get(e)).filter((s) => s !== undefined);
    out[r] = {
      helped: enterprises.size,
      responses: theirs.length,
      satisfied: theirs.filter((s) => Number(s.satisfaction) >= SATISFIED_FROM).length,
      improved: theirs.filter((s) => Number(s.effect) >= CLEAR_EFFECT_FROM).length,
    };
  }
  return out;
}

function answersIn(region: string) {
  return all(
    'SELECT satisfaction, effect, improvements, changes, follow_up, gov_support, gov_support_areas FROM surveys WHERE year = ? AND county_code LIKE ?',
    YEAR,
    `${region}%`,
  ).map((r) =>
    answerFromStored({
      satisfaction: Number(r.satisfaction),
      effect: Number(r.effect),
      improvements: parse(r.improvements),
      changes: parse(r.changes),
      follow_up: Number(r.follow_up),
      gov_support: String(r.gov_support),
      gov_support_areas: parse(r.gov_support_areas),
    }),
  );
}

const figuresOf = (h: { helped: number; responses: number; satisfied: number; improved: number } | undefined) => ({
  enterprisesHelped: h?.helped ?? 0,
  rates: {
    improvedRate: { numerator: h?.improved ?? 0, denominator: h?.responses ?? 0 },
    satisfiedRate: { numerator: h?.satisfied ?? 0, denominator: h?.responses ?? 0 },
  },
});

describe('programme answers after a change equal a recount', () => {
  it('helped enterprises, their answers and the survey summary, nationally and inside a province and a prefecture', async () => {
    const national = await login('regulator@example.com');
    const get = async (path: string, token: string | undefined = national) => {
      const r = await api(path, { token });
      expect(r.status, path).toBe(200);
      return r.body as Json;
    };
    const rand = seededRandom(1764700300);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
    const insertAssistance = db.prepare(
      "INSERT INTO assistances (id, enterprise, state, origin, province_code, prefecture_code, county_code, sector, accepted_at, finished_at, created, updated) VALUES (?, ?, ?, 'enterprise', '63', ?, ?, '18', ?, ?, ?, ?)",
    );
    const insertAnswer = db.prepare(
      "INSERT INTO surveys (id, enterprise, year, province_code, prefecture_code, county_code, sector, satisfaction, effect, improvements, changes, instrument, follow_up, gov_support, gov_support_areas) VALUES (?, ?, ?, '63', ?, ?, '18', ?, ?, ?, ?, 2, ?, ?, ?)",
    );
    const day = () =>
      `${pick(['2025', '2026', '2027'])}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-0${1 + Math.floor(rand() * 9)} 0${Math.floor(rand() * 10)}:00:00.000Z`;
    let n = 0;
    const addHistory = () => {
      for (let i = 0; i < 40; i++) {
        const county = pick(COUNTIES);
        const accepted = rand() < 0.1 ? '' : day();
        const finished =
          accepted && rand() < 0.4
            ? accepted < '2026'
              ? pick(['2025-12-31 15:59:59.999Z', '2025-12-31 16:00:00.000Z', '2026-05-01 00:00:00.000Z'])
              : day()
            : '';
        const id = `coldtest${String(n++).padStart(7, '0')}`;
        // an enterprise of its own, or one that had an assistance before (maybe elsewhere after a move)
        const enterprise =
          rand() < 0.3 && n > 5
            ? `coldtestent${String(Math.floor(rand() * (n - 1))).padStart(4, '0')}`
            : `coldtestent${String(n).padStart(4, '0')}`;
        // one open assistance per enterprise (a unique index): a second one is closed
        const state = finished || rand() < 0.5 ? 'closed' : 'active';
        try {
          insertAssistance.run(id, enterprise, state, county.slice(0, 4), county, accepted, finished, accepted || day(), accepted || day());
        } catch {
          insertAssistance.run(id, enterprise, 'closed', county.slice(0, 4), county, accepted, finished || accepted, day(), day());
        }
        if (rand() < 0.7) {
          try {
            insertAnswer.run(
              `coldtestsv${String(n).padStart(5, '0')}`,
              enterprise,
              pick([YEAR, YEAR, '2025']),
              county.slice(0, 4),
              county,
              pick([1, 2, 3, 4, 5, 5]),
              pick([1, 2, 3, 4, 4]),
              pick(['["awareness","rules"]', '["first_pass_yield","first_pass_yield"]', '[]', 'not json', '["cost",3]']),
              pick(['{"first_pass_yield":17.8}', '{"sales_revenue":-3.25,"profit_margin":"x"}', '{}', '[1]']),
              pick([0, 3, 4, 5]),
              pick(['needs_improvement', 'adequate', '']),
              pick(['["funds","funds","technical"]', '[]', '["other"]']),
            );
          } catch {
            // the enterprise already answered that year (unique): keep the first answer
          }
        }
      }
    };

    const check = async (label: string) => {
      // Nationally: the assessment's row for Qinghai, the province table, the public page's totals.
      const byProvince = recount(2);
      const row = (await get(`/api/qa/assessment?year=${YEAR}`)).rows.find((r: Json) => r.province === '63');
      const rate = (id: string) => row.indicators.find((i: Json) => i.id === id).measures[0];
      const q = figuresOf(byProvince['63']);
      expect(row.figures.enterprisesHelped, label).toBe(q.enterprisesHelped);
      expect(rate('improvement'), label).toMatchObject(q.rates.improvedRate);
      expect(rate('satisfaction'), label).toMatchObject(q.rates.satisfiedRate);
      const table = (await get(`/api/qa/stats/provinces?period=${YEAR}`)).rows.find((r: Json) => r.code === '63');
      const qinghai = summariseSurveys(answersIn('63'));
      expect(table, label).toMatchObject({ helped: q.enterprisesHelped, surveyed: qinghai.responses, satisfied: qinghai.satisfied });
      const page = (await get(`/api/qa/stats/public?period=${YEAR}`, undefined)).national;
      const nation = summariseSurveys(answersIn(''));
      expect(page, label).toMatchObject({ surveyed: nation.responses, satisfied: nation.responses >= 5 ? nation.satisfied : null });
      // The survey route: the full summary of a province and of the nation.
      const survey = async (region: string) => {
        const { region: _r, regionName: _n, period: _p, ...summary } = await get(`/api/qa/stats/survey?period=${YEAR}&region=${region}`);
        return summary;
      };
      expect(await survey('63'), label).toEqual(qinghai);
      expect(await survey('national'), label).toEqual(nation);
      // Inside the province (prefectures) and inside Xining (counties): each row and the region's own total line.
      for (const [region, level] of [
        ['63', 4],
        ['6301', 6],
      ] as const) {
        const expected = recount(level);
        const own = recount(region.length as 2 | 4)[region];
        const breakdown = await get(`/api/qa/assessment/regions?year=${YEAR}&region=${region}`);
        for (const r of breakdown.rows) {
          const e = figuresOf(expected[r.code]);
          expect({ helped: r.counts.enterprisesHelped, rates: r.rates }, `${label} ${r.code}`).toEqual({
            helped: e.enterprisesHelped,
            rates: e.rates,
          });
        }
        const o = figuresOf(own);
        expect({ helped: breakdown.total.counts.enterprisesHelped, rates: breakdown.total.rates }, `${label} ${region}`).toEqual({
          helped: o.enterprisesHelped,
          rates: o.rates,
        });
      }
    };

    await check('before');
    addHistory();
    await check('written');
    expect(recount(4)['6301']?.helped ?? 0).toBeGreaterThan(0);
    // Changes: some assistances end before the year, some answers change level, some rows go.
    db.prepare(
      "UPDATE assistances SET finished_at = '2025-06-01 00:00:00.000Z', state = 'closed' WHERE id LIKE 'coldtest%' AND rowid % 3 = 0 AND accepted_at != '' AND accepted_at < '2025-06'",
    ).run();
    db.prepare(
      "UPDATE surveys SET satisfaction = 2, effect = 1, improvements = '[\"product\"]' WHERE id LIKE 'coldtest%' AND rowid % 2 = 0",
    ).run();
    db.prepare("UPDATE assistances SET county_code = '630223', prefecture_code = '6302' WHERE id LIKE 'coldtest%' AND rowid % 5 = 1").run();
    await check('changed');
    db.prepare("DELETE FROM assistances WHERE id LIKE 'coldtest%' AND rowid % 4 = 0").run();
    db.prepare("DELETE FROM surveys WHERE id LIKE 'coldtest%' AND rowid % 3 = 0").run();
    await check('deleted');
  });
});

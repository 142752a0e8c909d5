/**
 * The survey summary is counted by SQLite in groups (surveyTallySql + tallyFromGroups). It must give exactly what
 * the answers one by one give (answerFromStored, then tallyAnswers / summariseSurveys): random answers over
 * regions and years, including what a direct write could leave (items twice, unknown items, numbers in the
 * lists, malformed JSON, non-numeric and out-of-range values, old answers without follow-up or support).
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/bench-math.ts';
import { parsePeriod } from '../../src/lib/stats/keys.ts';
import { answerFromStored } from '../../src/lib/survey/instrument.ts';
import { summariseSurveys, summaryFromTally } from '../../src/lib/survey/summary.ts';
import { hundredthsOf, tallyAnswers, tallyFromGroups, type TallyGroups } from '../../src/lib/survey/tally.ts';
import { surveyTallySql } from '../../src/server/survey/tally-sql.ts';

interface Row {
  id: string;
  year: string;
  county_code: string;
  satisfaction: number;
  effect: number;
  improvements: string;
  changes: string;
  follow_up: number;
  gov_support: string;
  gov_support_areas: string;
}

const COLUMNS =
  'id, year, province_code, prefecture_code, county_code, satisfaction, effect, improvements, changes, follow_up, gov_support, gov_support_areas';

function randomRow(rand: () => number, i: number): Row {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const items = ['awareness', 'rules', 'product', 'first_pass_yield', 'sales_revenue', 'cost', 'unknown_item', 7, null];
  const list = (from: readonly unknown[]) => Array.from({ length: Math.floor(rand() * 4) }, () => pick(from));
  const changes: Record<string, unknown> = {};
  for (const item of ['first_pass_yield', 'sales_revenue', 'profit_margin', 'customer_complaints', 'awareness'])
    if (rand() < 0.4) changes[item] = pick([Math.round((rand() * 200 - 50) * 100) / 100, 17.8, -3.25, 0, '12', null, 1000, -100]);
  return {
    id: `s${i}`,
    year: pick(['2025', '2026']),
    county_code: pick(['330502', '330106', '330102', '440305', '540102']),
    satisfaction: pick([1, 2, 3, 4, 5, 5, 4, 0, 2.5, 6]),
    effect: pick([1, 2, 3, 4, 4, 3, 0, 5]),
    improvements: rand() < 0.05 ? pick(['not json', '"awareness"', '{"a":1}', '']) : JSON.stringify(list(items)),
    changes: rand() < 0.05 ? pick(['[1,2]', 'nope', '']) : JSON.stringify(changes),
    follow_up: pick([0, 1, 2, 3, 4, 5, 5, 6]),
    gov_support: pick(['needs_improvement', 'adequate', '', 'maybe']),
    gov_support_areas: rand() < 0.05 ? 'bad' : JSON.stringify(list(['funds', 'technical', 'other', 'funds', 'space', 3])),
  };
}

function groupsFromSql(db: DatabaseSync, region: string, periodKey: string): TallyGroups {
  const { sql, params } = surveyTallySql(region, parsePeriod(periodKey)!);
  const bound: Record<string, string> = {};
  for (const m of sql.matchAll(/\{:(\w+)\}/g)) bound[m[1]] = params[m[1]];
  const row = db.prepare(sql.replace(/\{:(\w+)\}/g, ':$1')).get(bound) as { data: string };
  return JSON.parse(row.data) as TallyGroups;
}

function answersOf(rows: Row[]) {
  const parse = (text: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  };
  return rows.map((r) =>
    answerFromStored({
      satisfaction: r.satisfaction,
      effect: r.effect,
      improvements: parse(r.improvements),
      changes: parse(r.changes),
      follow_up: r.follow_up,
      gov_support: r.gov_support,
      gov_support_areas: parse(r.gov_support_areas),
    }),
  );
}

describe('surveyTallySql', () => {
  it('counts what the answers one by one count, for every region level and period', () => {
    const rand = seededRandom(23);
    const db = new DatabaseSync(':memory:');
    db.exec(`CREATE TABLE surveys (id TEXT PRIMARY KEY, year TEXT, province_code TEXT, prefecture_code TEXT, county_code TEXT,
      satisfaction NUMERIC, effect NUMERIC, improvements JSON, changes JSON, follow_up NUMERIC, gov_support TEXT, gov_support_areas JSON)`);
    const insert = db.prepare(
      `INSERT INTO surveys (${COLUMNS}) VALUES (${COLUMNS.split(', ')
        .map(() => '?')
        .join(', ')})`,
    );
    let compared = 0;
    for (let round = 0; round < 10; round++) {
      db.exec('DELETE FROM surveys');
      const rows = Array.from({ length: 150 }, (_, i) => randomRow(rand, i));
      for (const r of rows)
        insert.run(
          r.id,
          r.year,
          r.county_code.slice(0, 2),
          r.county_code.slice(0, 4),
          r.county_code,
          r.satisfaction,
          r.effect,
          r.improvements,
          r.changes,
          r.follow_up,
          r.gov_support,
          r.gov_support_areas,
        );
      for (const region of ['', '33', '3305', '330502', '54', '11'])
        for (const periodKey of ['2026', '2025', 'all']) {
          const mine = rows.filter((r) => r.county_code.startsWith(region) && (periodKey === 'all' || r.year === periodKey));
          const answers = answersOf(mine);
          const tally = tallyFromGroups(groupsFromSql(db, region, periodKey));
          expect(tally, `${region || 'national'} ${periodKey}`).toEqual(tallyAnswers(answers));
          expect(summaryFromTally(tally)).toEqual(summariseSurveys(answers));
          compared += mine.length;
        }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('an empty table gives the empty summary', () => {
    const db = new DatabaseSync(':memory:');
    db.exec(`CREATE TABLE surveys (id TEXT, year TEXT, province_code TEXT, prefecture_code TEXT, county_code TEXT, satisfaction NUMERIC,
      effect NUMERIC, improvements JSON, changes JSON, follow_up NUMERIC, gov_support TEXT, gov_support_areas JSON)`);
    expect(summaryFromTally(tallyFromGroups(groupsFromSql(db, '', '2026')))).toEqual(summariseSurveys([]));
  });
});

describe('sizes of change in hundredths', () => {
  it('sums exactly and averages half up to two decimals', () => {
    expect(hundredthsOf(17.8)).toBe(1780);
    expect(hundredthsOf(-3.25)).toBe(-325);
    expect(hundredthsOf(0.29)).toBe(29); // 0.29 * 100 = 28.999999999999996 in binary
    const s = summariseSurveys(
      [0.1, 0.2, 0.35].map((v) =>
        answerFromStored({ satisfaction: 5, effect: 4, improvements: ['profit_margin'], changes: { profit_margin: v } }),
      ),
    );
    // (0.10 + 0.20 + 0.35) / 3 = 0.21666… → 0.22
    expect(s.changes.find((c) => c.item === 'profit_margin')).toMatchObject({ reported: 3, average: 0.22 });
    const half = summariseSurveys(
      [1.01, 1.02].map((v) =>
        answerFromStored({ satisfaction: 5, effect: 4, improvements: ['profit_margin'], changes: { profit_margin: v } }),
      ),
    );
    expect(half.changes.find((c) => c.item === 'profit_margin')!.average).toBe(1.02); // 1.015 half up
  });
});

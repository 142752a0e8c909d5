/**
 * Indicators 4 to 6 are counted by one SQL statement (helpedFiguresSql). It must give, for every region, what
 * the definitions give: 帮扶企业数 = distinct enterprises with an assistance in force in the period
 * (helpedInPeriod), and, among those enterprises, the ones with a survey answer of the year, the satisfied ones
 * and the ones reporting a clear effect (the instrument's thresholds). Random histories: enterprises with
 * several assistances (some in two regions after a move), answers in other years, unhelped answers; nationally and
 * within a province or prefecture (the regional breakdown reads only that region's assistances).
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { helpedInPeriod, periodRange } from '../../src/lib/assistance/helped.ts';
import { CLEAR_EFFECT_FROM, SATISFIED_FROM } from '../../src/lib/survey/instrument.ts';
import { parsePeriod } from '../../src/lib/stats/keys.ts';
import { toPbDate } from '../../src/lib/beijing-time.ts';
import { helpedFiguresSql } from '../../src/server/programme/assistance-source.ts';
import { seededRandom } from '../../scripts/lib/bench-math.ts';

interface Assistance {
  enterprise: string;
  county: string;
  accepted: number | null;
  finished: number | null;
}
interface Answer {
  enterprise: string;
  year: string;
  satisfaction: number;
  effect: number;
}

function reference(assistances: Assistance[], answers: Answer[], periodKey: string, level: 2 | 4 | 6) {
  const period = parsePeriod(periodKey)!;
  const range = periodRange(period);
  const helped = new Map<string, Set<string>>();
  for (const a of assistances) {
    const facts = {
      enterprise: a.enterprise,
      acceptedAt: a.accepted === null ? null : new Date(a.accepted).toISOString(),
      finishedAt: a.finished === null ? null : new Date(a.finished).toISOString(),
    };
    if (!helpedInPeriod(facts, range)) continue;
    const r = a.county.slice(0, level);
    helped.set(r, (helped.get(r) ?? new Set()).add(a.enterprise));
  }
  const out: Record<string, [number, number, number, number]> = {};
  for (const [r, enterprises] of helped) {
    const theirs = answers.filter((s) => enterprises.has(s.enterprise) && (period.kind === 'all' || s.year === periodKey.slice(0, 4)));
    const distinct = (list: Answer[]) => new Set(list.map((s) => s.enterprise)).size;
    out[r] = [
      enterprises.size,
      distinct(theirs),
      distinct(theirs.filter((s) => s.satisfaction >= SATISFIED_FROM)),
      distinct(theirs.filter((s) => s.effect >= CLEAR_EFFECT_FROM)),
    ];
  }
  return out;
}

describe('helpedFiguresSql', () => {
  it('counts helped, answering, satisfied and improved enterprises per region as the definitions do', () => {
    const rand = seededRandom(17);
    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
    const counties = ['330502', '330106', '330102', '440305', '540102'];
    const start = Date.UTC(2024, 11, 31, 16);
    const span = Date.UTC(2027, 0, 1) - start;
    const db = new DatabaseSync(':memory:');
    db.exec(`CREATE TABLE assistances (enterprise TEXT, province_code TEXT, prefecture_code TEXT, county_code TEXT, accepted_at TEXT DEFAULT '', finished_at TEXT DEFAULT '');
             CREATE TABLE surveys (enterprise TEXT, year TEXT, satisfaction NUMERIC, effect NUMERIC, UNIQUE (enterprise, year))`);
    for (let round = 0; round < 20; round++) {
      db.exec('DELETE FROM assistances; DELETE FROM surveys');
      const assistances: Assistance[] = [];
      const answers: Answer[] = [];
      for (let i = 0; i < 60; i++) {
        const enterprise = `e${Math.floor(rand() * 25)}`;
        const accepted = rand() < 0.15 ? null : start + Math.floor(rand() * span);
        const finished = accepted === null || rand() < 0.4 ? null : accepted + Math.floor(rand() * span * 0.5);
        assistances.push({ enterprise, county: pick(counties), accepted, finished });
      }
      for (let e = 0; e < 25; e++)
        for (const year of ['2025', '2026'])
          if (rand() < 0.5)
            answers.push({ enterprise: `e${e}`, year, satisfaction: 1 + Math.floor(rand() * 5), effect: 1 + Math.floor(rand() * 4) });
      const insert = db.prepare('INSERT INTO assistances VALUES (?, ?, ?, ?, ?, ?)');
      for (const a of assistances)
        insert.run(
          a.enterprise,
          a.county.slice(0, 2),
          a.county.slice(0, 4),
          a.county,
          a.accepted === null ? '' : toPbDate(a.accepted),
          a.finished === null ? '' : toPbDate(a.finished),
        );
      const answer = db.prepare('INSERT INTO surveys VALUES (?, ?, ?, ?)');
      for (const s of answers) answer.run(s.enterprise, s.year, s.satisfaction, s.effect);
      for (const periodKey of ['2026', '2025', '2026-Q2', 'all'])
        for (const [level, within] of [
          [2, ''],
          [4, ''],
          [6, ''],
          [4, '33'],
          [6, '33'],
          [6, '3301'],
          [4, '44'],
          [6, '4403'],
          [4, '11'],
        ] as const) {
          const { sql, params } = helpedFiguresSql(level, parsePeriod(periodKey)!, within);
          const used = Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`{:${k}}`)));
          const row = db.prepare(sql.replace(/\{:(\w+)\}/g, ':$1')).get(used) as { helped: string; answers: string };
          const answered = JSON.parse(row.answers) as Record<string, [number, number, number]>;
          const got = Object.fromEntries(
            Object.entries(JSON.parse(row.helped) as Record<string, number>).map(([r, n]) => [r, [n, ...(answered[r] ?? [0, 0, 0])]]),
          );
          const expected = Object.fromEntries(
            Object.entries(reference(assistances, answers, periodKey, level)).filter(([r]) => r.startsWith(within)),
          );
          expect(got, `round ${round}, ${periodKey}, level ${level} within '${within}'`).toEqual(expected);
        }
    }
  });
});

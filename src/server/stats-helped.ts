/**
 * 帮扶企业数 and the helped enterprises' survey figures of every province and of the nation for a period, for
 * the province table and the public page. They change only when an assistance or a survey answer does, so they
 * are memoised on those two tables' versions (migration 1764600600, src/server/programme/cache.ts); the
 * training counters beside them are read by key on every request. Computed in one pass: one grouped query for
 * the helped enterprises by province, one for the nation, and one for the answers by (province, level), whose sum
 * is the nation's.
 */
import { listProvinces } from '../lib/regions.ts';
import type { Period } from '../lib/stats/keys.ts';
import type { Percentage } from '../lib/stats/percent.ts';
import { addLevel, headlineShares, MIN_PUBLISHED_RESPONSES, summaryFromTally, type SurveySummary } from '../lib/survey/summary.ts';
import { helpedCountNational, helpedCountsByProvince } from './assistance/helped.ts';
import { cached, dataVersions, versionKey } from './programme/cache.ts';
import { surveyTally } from './survey/tally-sql.ts';

export interface ProvinceHelped {
  helped: number;
  surveyed: number;
  satisfied: Percentage;
  clearEffect: Percentage;
}

export interface HelpedAndSurveys {
  provinces: Record<string, ProvinceHelped>;
  national: { helped: number; survey: NationalSurvey };
}

export const HELPED_SOURCES = ['assistances', 'surveys'] as const;

/**
 * Answers per (province, satisfaction, effect), grouped by SQLite: a province's headline shares need only how
 * many answers sit at each level, so the JS VM reads a few hundred groups instead of every answer.
 */
function levelsByProvince(app: PbApp, period: Period): Map<string, { responses: number; satisfaction: number[]; effect: number[] }> {
  const out = new DynamicModel({ data: '' });
  app
    .db()
    .newQuery(
      `SELECT COALESCE(json_group_array(json_array(p, s, e, n)), '[]') AS data FROM (
         SELECT province_code AS p, satisfaction AS s, effect AS e, COUNT(*) AS n FROM surveys
         ${period.kind === 'all' ? '' : 'WHERE year = {:year}'} GROUP BY p, s, e)`,
    )
    .bind({ year: period.key.slice(0, 4) })
    .one(out);
  const byProvince = new Map<string, { responses: number; satisfaction: number[]; effect: number[] }>();
  for (const [province, satisfaction, effect, n] of JSON.parse(out.data || '[]') as [string, number, number, number][]) {
    let levels = byProvince.get(province);
    if (!levels) byProvince.set(province, (levels = { responses: 0, satisfaction: [0, 0, 0, 0, 0], effect: [0, 0, 0, 0] }));
    levels.responses += n;
    addLevel(levels.satisfaction, satisfaction, 5, n);
    addLevel(levels.effect, effect, 4, n);
  }
  return byProvince;
}

/**
 * The survey summary of a region ('' = the nation) and period, memoised until an answer changes. Counted by
 * SQLite in groups (src/server/survey/tally-sql.ts; the rules are src/lib/survey/tally.ts): walking the nation's
 * 5,600 answers in the JS VM took most of a second. The survey route and the public page share it.
 */
export function surveySummary(app: PbApp, region: string, period: Period): SurveySummary {
  return cached(app, `survey:${period.key}:${region}`, versionKey(dataVersions(app), ['surveys']), () =>
    summaryFromTally(surveyTally(app, region, period)),
  );
}

/** The nation's headline survey shares for the public page; withheld (null) under MIN_PUBLISHED_RESPONSES answers. */
export interface NationalSurvey {
  responses: number;
  satisfied: Percentage | null;
  clearEffect: Percentage | null;
}

interface HelpedTable {
  provinces: Record<string, ProvinceHelped>;
  nationalSurvey: NationalSurvey;
}

function tableFigures(app: PbApp, period: Period): HelpedTable {
  const helped = helpedCountsByProvince(app, period);
  const levels = levelsByProvince(app, period);
  const provinces: Record<string, ProvinceHelped> = {};
  for (const p of listProvinces()) {
    const l = levels.get(p.code);
    const shares = headlineShares(l?.responses ?? 0, l?.satisfaction ?? [0, 0, 0, 0, 0], l?.effect ?? [0, 0, 0, 0]);
    provinces[p.code] = {
      helped: helped.get(p.code) ?? 0,
      surveyed: shares.responses,
      satisfied: shares.satisfied,
      clearEffect: shares.clearEffect,
    };
  }
  // The nation's answers are every group's, whatever province an answer names: its headline shares are those of
  // the summed levels (what summariseSurveys gives over every answer, without reading them one by one).
  const all = { responses: 0, satisfaction: [0, 0, 0, 0, 0], effect: [0, 0, 0, 0] };
  for (const l of levels.values()) {
    all.responses += l.responses;
    l.satisfaction.forEach((n, i) => (all.satisfaction[i] += n));
    l.effect.forEach((n, i) => (all.effect[i] += n));
  }
  const national = headlineShares(all.responses, all.satisfaction, all.effect);
  const shown = national.responses >= MIN_PUBLISHED_RESPONSES;
  return {
    provinces,
    nationalSurvey: {
      responses: national.responses,
      satisfied: shown ? national.satisfied : null,
      clearEffect: shown ? national.clearEffect : null,
    },
  };
}

/** The province table's and the public page's helped and survey figures, memoised until an assistance or answer changes. */
function helpedTable(app: PbApp, period: Period): HelpedTable {
  return cached(app, `stats-helped:${period.key}:provinces`, versionKey(dataVersions(app), HELPED_SOURCES), () =>
    tableFigures(app, period),
  );
}

/** The province table's part (32 rows). */
export function provinceHelped(app: PbApp, period: Period): Record<string, ProvinceHelped> {
  return helpedTable(app, period).provinces;
}

export function helpedAndSurveys(app: PbApp, period: Period): HelpedAndSurveys {
  const helped = cached(app, `stats-helped:${period.key}:national`, versionKey(dataVersions(app), ['assistances']), () =>
    helpedCountNational(app, period),
  );
  const table = helpedTable(app, period);
  return { provinces: table.provinces, national: { helped, survey: table.nationalSurvey } };
}

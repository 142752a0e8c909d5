/**
 * 帮扶企业数 and the helped enterprises' survey figures of every province and of the nation for a period, for
 * the province table and the public page. They change only when an assistance or a survey answer does, so they
 * are memoised on those two tables' versions (migration 1764600600, src/server/programme/cache.ts); the
 * training counters beside them are read by key on every request. Computed in one pass: one grouped query for
 * the helped enterprises by province, one for the nation, one for the provinces' answers by level, and the
 * nation's answers for its full published summary.
 */
import { listProvinces } from '../lib/regions.ts';
import type { Period } from '../lib/stats/keys.ts';
import type { Percentage } from '../lib/stats/percent.ts';
import {
  addLevel,
  headlineShares,
  publishable,
  summaryFromTally,
  type PublishableSurvey,
  type SurveySummary,
} from '../lib/survey/summary.ts';
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
  national: { helped: number; survey: PublishableSurvey };
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

function provinceFigures(app: PbApp, period: Period): Record<string, ProvinceHelped> {
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
  return provinces;
}

/** The province table's part (32 rows); the nation's figures (for the public page) are memoised apart. */
export function provinceHelped(app: PbApp, period: Period): Record<string, ProvinceHelped> {
  return cached(app, `stats-helped:${period.key}:provinces`, versionKey(dataVersions(app), HELPED_SOURCES), () =>
    provinceFigures(app, period),
  );
}

export function helpedAndSurveys(app: PbApp, period: Period): HelpedAndSurveys {
  const helped = cached(app, `stats-helped:${period.key}:national`, versionKey(dataVersions(app), ['assistances']), () =>
    helpedCountNational(app, period),
  );
  return { provinces: provinceHelped(app, period), national: { helped, survey: publishable(surveySummary(app, '', period)) } };
}

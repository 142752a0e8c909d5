/**
 * 帮扶企业数 and the helped enterprises' survey figures of every province and of the nation for a period, for
 * the province table and the public page. They change only when an assistance or a survey answer does, so they
 * are memoised on those two tables' versions (migration 1764600600, src/server/programme/cache.ts); the
 * training counters beside them are read by key on every request. Computed in one pass: one grouped query for
 * the helped enterprises by province, one for the nation, one for every survey answer of the year.
 */
import { listProvinces } from '../lib/regions.ts';
import type { Period } from '../lib/stats/keys.ts';
import type { Percentage } from '../lib/stats/percent.ts';
import { publishable, summariseSurveys, type PublishableSurvey } from '../lib/survey/summary.ts';
import { helpedCountNational, helpedCountsByProvince } from './assistance/helped.ts';
import { cached, dataVersions, versionKey } from './programme/cache.ts';
import { surveyAnswersByProvince } from './survey/answers.ts';

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

function compute(app: PbApp, period: Period): HelpedAndSurveys {
  const helped = helpedCountsByProvince(app, period);
  const answers = surveyAnswersByProvince(app, period);
  const provinces: Record<string, ProvinceHelped> = {};
  for (const p of listProvinces()) {
    const survey = summariseSurveys(answers.get(p.code) ?? []);
    provinces[p.code] = { helped: helped.get(p.code) ?? 0, surveyed: survey.responses, satisfied: survey.satisfied, clearEffect: survey.clearEffect };
  }
  return {
    provinces,
    national: { helped: helpedCountNational(app, period), survey: publishable(summariseSurveys([...answers.values()].flat())) },
  };
}

export function helpedAndSurveys(app: PbApp, period: Period): HelpedAndSurveys {
  return cached(app, `stats-helped:${period.key}`, versionKey(dataVersions(app), HELPED_SOURCES), () => compute(app, period));
}

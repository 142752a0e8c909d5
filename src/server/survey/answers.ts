/** Reading survey answers for summaries: one region and period, straight from SQLite. */
import type { Period } from '../../lib/stats/keys.ts';
import { answerFromStored, type SurveyAnswer } from '../../lib/survey/instrument.ts';

function parse(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw || 'null');
  } catch {
    return null;
  }
}

/** Answers of a region (GB/T 2260 code of 2, 4 or 6 digits; '' for the whole country) in the period's year. */
export function surveyAnswers(app: PbApp, region: string, period: Period): SurveyAnswer[] {
  const column = region.length === 2 ? 'province_code' : region.length === 4 ? 'prefecture_code' : region.length === 6 ? 'county_code' : '';
  const conditions = [column ? `${column} = {:region}` : '1 = 1'];
  if (period.kind !== 'all') conditions.push('year = {:year}');
  const rows = arrayOf(
    new DynamicModel({
      instrument: 0,
      satisfaction: 0,
      effect: 0,
      improvements: '',
      changes: '',
      follow_up: 0,
      gov_support: '',
      gov_support_areas: '',
    }),
  );
  app
    .db()
    .newQuery(
      `SELECT COALESCE(instrument, 0) AS instrument, satisfaction, effect, COALESCE(improvements, '') AS improvements, COALESCE(changes, '') AS changes,
              COALESCE(follow_up, 0) AS follow_up, COALESCE(gov_support, '') AS gov_support, COALESCE(gov_support_areas, '') AS gov_support_areas
       FROM surveys WHERE ${conditions.join(' AND ')}`,
    )
    .bind({ region, year: period.key.slice(0, 4) })
    .all(rows);
  return rows.map((r) =>
    answerFromStored({
      instrument: r.instrument,
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

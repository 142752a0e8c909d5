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

/** A JSON column as SQLite's json() (already parsed by JSON.parse with the row), null when not valid JSON, as parse() does. */
const jsonColumn = (column: string) => `CASE WHEN json_valid(${column}) THEN json(${column}) END`;

/**
 * Every answer of the period's year grouped by the province recorded on it (the province table and the public
 * page summarise each province and the nation): one query whose rows SQLite returns as one JSON document, where
 * surveyAnswers per province would be 33 queries and a model per row in the JS VM.
 */
export function surveyAnswersByProvince(app: PbApp, period: Period): Map<string, SurveyAnswer[]> {
  const out = new DynamicModel({ data: '' });
  app
    .db()
    .newQuery(
      `SELECT COALESCE(json_group_array(json_array(province_code, COALESCE(instrument, 0), satisfaction, effect, ${jsonColumn('improvements')},
                ${jsonColumn('changes')}, COALESCE(follow_up, 0), COALESCE(gov_support, ''), ${jsonColumn('gov_support_areas')})), '[]') AS data
       FROM surveys ${period.kind === 'all' ? '' : 'WHERE year = {:year}'}`,
    )
    .bind({ year: period.key.slice(0, 4) })
    .one(out);
  const byProvince = new Map<string, SurveyAnswer[]>();
  for (const [province, instrument, satisfaction, effect, improvements, changes, follow_up, gov_support, gov_support_areas] of JSON.parse(
    out.data || '[]',
  ) as [string, number, number, number, unknown, unknown, number, string, unknown][]) {
    const answer = answerFromStored({ instrument, satisfaction, effect, improvements, changes, follow_up, gov_support, gov_support_areas });
    const list = byProvince.get(province);
    if (list) list.push(answer);
    else byProvince.set(province, [answer]);
  }
  return byProvince;
}

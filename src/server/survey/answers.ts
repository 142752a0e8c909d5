/** Reading survey answers for summaries: one region and period, straight from SQLite. */
import type { Period } from '../../lib/stats/keys.ts';
import { answerFromStored, type SurveyAnswer } from '../../lib/survey/instrument.ts';

/** A JSON column as SQLite's json() (parsed with the row), null when not valid JSON: what parsing the text gives. */
const jsonColumn = (column: string) => `CASE WHEN json_valid(${column}) THEN json(${column}) END`;

/**
 * Answers of a region (GB/T 2260 code of 2, 4 or 6 digits; '' for the whole country) in the period's year, as
 * one JSON document built by SQLite: a model per row costs far more in PocketBase's JS VM (the nation's answers
 * are thousands).
 */
export function surveyAnswers(app: PbApp, region: string, period: Period): SurveyAnswer[] {
  const column = region.length === 2 ? 'province_code' : region.length === 4 ? 'prefecture_code' : region.length === 6 ? 'county_code' : '';
  const conditions = [column ? `${column} = {:region}` : '1 = 1'];
  if (period.kind !== 'all') conditions.push('year = {:year}');
  const out = new DynamicModel({ data: '' });
  app
    .db()
    .newQuery(
      `SELECT COALESCE(json_group_array(json_array(COALESCE(instrument, 0), satisfaction, effect, ${jsonColumn('improvements')},
                ${jsonColumn('changes')}, COALESCE(follow_up, 0), COALESCE(gov_support, ''), ${jsonColumn('gov_support_areas')})), '[]') AS data
       FROM surveys WHERE ${conditions.join(' AND ')}`,
    )
    .bind({ region, year: period.key.slice(0, 4) })
    .one(out);
  return (JSON.parse(out.data || '[]') as [number, number, number, unknown, unknown, number, string, unknown][]).map(
    ([instrument, satisfaction, effect, improvements, changes, follow_up, gov_support, gov_support_areas]) =>
      answerFromStored({ instrument, satisfaction, effect, improvements, changes, follow_up, gov_support, gov_support_areas }),
  );
}

/**
 * The survey tally of a region and period counted by SQLite (a few hundred groups instead of every answer in the
 * JS VM): the statement only groups identical stored values and counts them; which groups count for what is
 * tallyFromGroups' (src/lib/survey/tally.ts). tests/unit/survey-tally-sql.test.ts runs this statement on random
 * and malformed answers and compares it with the tally of the answers one by one.
 */
import type { Period } from '../../lib/stats/keys.ts';
import { tallyFromGroups, type SurveyTally, type TallyGroups } from '../../lib/survey/tally.ts';
import { sqlRows } from '../sql.ts';

/** A JSON column's text when it holds valid JSON of that type ('array', 'object'), else NULL (no elements). */
const jsonOf = (column: string, type: 'array' | 'object') =>
  `CASE WHEN json_valid(${column}) THEN CASE WHEN json_type(${column}) = '${type}' THEN ${column} END END`;

/** The statement and its parameters; one row with one column `data`, the TallyGroups as JSON text. */
export function surveyTallySql(region: string, period: Period): { sql: string; params: Record<string, string> } {
  const column = region.length === 2 ? 'province_code' : region.length === 4 ? 'prefecture_code' : region.length === 6 ? 'county_code' : '';
  const where = (s: string) =>
    [column ? `${s}.${column} = {:region}` : '', period.kind === 'all' ? '' : `${s}.year = {:year}`].filter(Boolean).join(' AND ') ||
    '1 = 1';
  const elements = (jsonColumn: string, condition: string) =>
    `SELECT COALESCE(json_group_array(json_array(v, n)), '[]') FROM (
       SELECT j.value AS v, COUNT(DISTINCT s.rowid) AS n FROM surveys s, json_each(${jsonOf(`s.${jsonColumn}`, 'array')}) j
       WHERE ${where('s')}${condition} AND j.type = 'text' GROUP BY j.value)`;
  const sql = `SELECT json_object(
      'levels', json((SELECT COALESCE(json_group_array(json_array(satisfaction, effect, follow_up, gov_support, n)), '[]') FROM (
         SELECT s.satisfaction, s.effect, s.follow_up, s.gov_support, COUNT(*) AS n FROM surveys s WHERE ${where('s')}
         GROUP BY s.satisfaction, s.effect, s.follow_up, s.gov_support))),
      'items', json((${elements('improvements', '')})),
      'areas', json((${elements('gov_support_areas', " AND s.gov_support = 'needs_improvement'")})),
      'changes', json((SELECT COALESCE(json_group_array(json_array(k, n, h)), '[]') FROM (
         SELECT j.key AS k, COUNT(*) AS n, SUM(CAST(ROUND(j.value * 100) AS INTEGER)) AS h
         FROM surveys s, json_each(${jsonOf('s.changes', 'object')}) j
         WHERE ${where('s')} AND j.type IN ('integer', 'real') GROUP BY j.key)))) AS data`;
  return { sql, params: { region, year: period.key.slice(0, 4) } };
}

/** The tally of the answers of a region ('' = the nation) in a period. */
export function surveyTally(app: PbApp, region: string, period: Period): SurveyTally {
  const { sql, params } = surveyTallySql(region, period);
  const [row] = sqlRows<{ data: string }>(app.db(), sql, params);
  return tallyFromGroups(JSON.parse(row?.data || '{"levels":[],"items":[],"areas":[],"changes":[]}') as TallyGroups);
}

/**
 * The one place that reads the assistance records and the helped-enterprise survey for the assessment
 * (indicators 4 to 6) and for experts' case authorship. Definitions are the assistance workflow's own:
 * 帮扶企业数 from the record (src/lib/assistance/helped.ts, through src/server/assistance/helped.ts), improvement
 * and satisfaction from the helped enterprises' survey answers (src/lib/survey/instrument.ts thresholds).
 */
import { parsePeriod, type Period } from '../../lib/stats/keys.ts';
import { CLEAR_EFFECT_FROM, SATISFIED_FROM } from '../../lib/survey/instrument.ts';
import { helpedInPeriodSql, helpedRangeParams, periodRange } from '../../lib/assistance/helped.ts';

export interface HelpedCounts {
  helped: number;
  improved: number;
  satisfied: number;
  responses: number;
}

export interface HelpedFigures {
  available: boolean;
  note: string;
  /** keyed by region code at the requested level */
  byRegion: Map<string, HelpedCounts>;
}

/**
 * Helped enterprises, and their improvement and satisfaction, by region at one level (2, 4 or 6 digits), in a
 * year: one grouped query. The helped test is helpedInPeriodSql (the SQL form of helpedInPeriod, unit-tested
 * against it); an enterprise counts once per region of its assistances' snapshots; its answer is its survey of
 * that year, satisfied and improved by the instrument's thresholds. `within` ('' = everywhere, or a province or
 * prefecture code) limits the count to the regions inside it: a province's breakdown reads that province's
 * assistances only (an index range), not the whole country's. At national scale (tens of thousands of
 * assistances) reading every row into the JS VM took over a second per uncached assessment.
 */
export function helpedFigures(app: PbApp, year: string, level: 2 | 4 | 6, within = ''): HelpedFigures {
  const byRegion = new Map<string, HelpedCounts>();
  const period = parsePeriod(year);
  if (!period) return { available: true, note: '', byRegion };
  const { sql, params } = helpedFiguresSql(level, period, within);
  const out = new DynamicModel({ helped: '', answers: '' });
  app.db().newQuery(sql).bind(params).one(out);
  const answers = JSON.parse(out.answers || '{}') as Record<string, [number, number, number]>;
  for (const [region, helped] of Object.entries(JSON.parse(out.helped || '{}') as Record<string, number>)) {
    const [responses, satisfied, improved] = answers[region] ?? [0, 0, 0];
    byRegion.set(region, { helped, responses, satisfied, improved });
  }
  return { available: true, note: '', byRegion };
}

const COLUMN_OF_LEVEL = { 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' } as const;

/**
 * The statement behind helpedFigures (exported for the unit test that checks it against the definitions): two
 * groupings in one statement. Helped: distinct enterprises per region, from the assistances alone (covering
 * indexes by province and by prefecture). Answers: one row per (region, enterprise) with an answer of the year
 * and an assistance in force there: the same counts as COUNT(DISTINCT) over the helped set joined to the
 * answers. Nationally they are read from the year's answers outwards (a few thousand, each joined to its
 * enterprise's assistances); within a region from its assistances outwards (each joined to its enterprise's
 * answer by the unique (enterprise, year) index), so that the work follows the region's size.
 */
export function helpedFiguresSql(level: 2 | 4 | 6, period: Period, within = ''): { sql: string; params: Record<string, string> } {
  const column = COLUMN_OF_LEVEL[level];
  const scope = (alias: string) => (within ? ` AND ${alias}${COLUMN_OF_LEVEL[within.length as 2 | 4]} = {:within}` : '');
  const year = period.kind === 'all' ? '' : ' AND s.year = {:year}';
  const inForce = helpedInPeriodSql('a.accepted_at', 'a.finished_at');
  const answered = within
    ? `FROM assistances a CROSS JOIN surveys s ON s.enterprise = a.enterprise WHERE ${inForce}${scope('a.')}${year}`
    : `FROM surveys s CROSS JOIN assistances a ON a.enterprise = s.enterprise WHERE ${inForce}${year}`;
  const sql = `SELECT
      (SELECT COALESCE(json_group_object(r, n), '{}') FROM (
         SELECT ${column} AS r, COUNT(DISTINCT enterprise) AS n FROM assistances WHERE ${helpedInPeriodSql()}${scope('')} GROUP BY r)) AS helped,
      (SELECT COALESCE(json_group_object(r, json_array(responses, satisfied, improved)), '{}') FROM (
         SELECT r, COUNT(*) AS responses, COALESCE(SUM(satisfied), 0) AS satisfied, COALESCE(SUM(improved), 0) AS improved FROM (
           SELECT a.${column} AS r, s.enterprise, MAX(s.satisfaction >= ${Number(SATISFIED_FROM)}) AS satisfied,
                  MAX(s.effect >= ${Number(CLEAR_EFFECT_FROM)}) AS improved
           ${answered}
           GROUP BY r, s.enterprise)
         GROUP BY r)) AS answers`;
  return {
    sql,
    params: { ...helpedRangeParams(periodRange(period)), year: period.key.slice(0, 4), within },
  };
}

/** Enterprises an expert is assisting now or has assisted (active or closed), for case authorship. */
export function assistedEnterprises(app: PbApp, expertId: string): string[] {
  const rows = arrayOf(new DynamicModel({ enterprise: '' }));
  app
    .db()
    .newQuery("SELECT DISTINCT enterprise FROM assistances WHERE expert = {:expert} AND state IN ('active', 'closed')")
    .bind({ expert: expertId })
    .all(rows);
  return rows.map((r) => r.enterprise as string);
}

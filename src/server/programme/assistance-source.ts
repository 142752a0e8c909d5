/**
 * The one place that reads the assistance records and the helped-enterprise survey for the assessment
 * (indicators 4 to 6) and for experts' case authorship. Definitions are the assistance workflow's own:
 * 帮扶企业数 from the record (src/lib/assistance/helped.ts, through src/server/assistance/helped.ts), improvement
 * and satisfaction from the helped enterprises' survey answers (src/lib/survey/instrument.ts thresholds).
 */
import { parsePeriod } from '../../lib/stats/keys.ts';
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
 * that year, satisfied and improved by the instrument's thresholds. At national scale (tens of thousands of
 * assistances) reading every row into the JS VM took over a second per uncached assessment.
 */
export function helpedFigures(app: PbApp, year: string, level: 2 | 4 | 6): HelpedFigures {
  const byRegion = new Map<string, HelpedCounts>();
  const period = parsePeriod(year);
  if (!period) return { available: true, note: '', byRegion };
  const column = level === 2 ? 'province_code' : level === 4 ? 'prefecture_code' : 'county_code';
  const out = new DynamicModel({ data: '' });
  app
    .db()
    .newQuery(
      `SELECT COALESCE(json_group_array(json_array(r, helped, responses, satisfied, improved)), '[]') AS data FROM (
         SELECT h.r AS r, COUNT(DISTINCT h.enterprise) AS helped, COUNT(DISTINCT s.enterprise) AS responses,
                COUNT(DISTINCT CASE WHEN s.satisfaction >= ${Number(SATISFIED_FROM)} THEN s.enterprise END) AS satisfied,
                COUNT(DISTINCT CASE WHEN s.effect >= ${Number(CLEAR_EFFECT_FROM)} THEN s.enterprise END) AS improved
         FROM (SELECT DISTINCT ${column} AS r, enterprise FROM assistances WHERE ${helpedInPeriodSql()}) h
         LEFT JOIN surveys s ON s.enterprise = h.enterprise ${period.kind === 'all' ? '' : 'AND s.year = {:year}'}
         GROUP BY h.r)`,
    )
    .bind({ ...helpedRangeParams(periodRange(period)), year: period.key.slice(0, 4) })
    .one(out);
  for (const [region, helped, responses, satisfied, improved] of JSON.parse(out.data || '[]') as [
    string,
    number,
    number,
    number,
    number,
  ][]) {
    byRegion.set(region, { helped, responses, satisfied, improved });
  }
  return { available: true, note: '', byRegion };
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

/**
 * What the platform counted for each region of one level in an assessment year: the raw figures behind
 * the seven indicators. Training figures come from the exact counters (stat_counts, period = the year);
 * policies, organising records and cases are few and are bucketed here; sessions by their region.
 */
import { emptyFigures, type RegionFigures } from '../../lib/provincial-assessment/measures.ts';
import { helpedFigures } from './assistance-source.ts';

const sqlList = (values: string[]) => values.map((v) => `'${v.replace(/[^0-9]/g, '')}'`).join(', ');

/** Rows as one JSON document built by SQLite: far cheaper in PocketBase's JS VM than a model per row. */
function json<T>(app: PbApp, sql: string, params: Record<string, unknown>): T[] {
  const out = new DynamicModel({ data: '' });
  app.db().newQuery(`SELECT COALESCE(json_group_array(json(row)), '[]') AS data FROM (${sql})`).bind(params).one(out);
  return JSON.parse(out.data || '[]') as T[];
}

/** SQL for the code at `level` (2, 4, 6) that contains a region code column; the Corps' 6590xx belong to 66. */
function bucketSql(column: string, level: 2 | 4 | 6): { expr: string; where: string } {
  if (level === 2)
    return { expr: `CASE WHEN ${column} GLOB '6590*' THEN '66' ELSE substr(${column}, 1, 2) END`, where: `length(${column}) >= 2` };
  return { expr: `substr(${column}, 1, ${level})`, where: `length(${column}) >= ${level}` };
}

/**
 * Figures for every region in `regions` (all of one level: 2, 4 or 6 digits) in `year` (YYYY).
 * A region's figures include everything inside it (a province's counties' policies count for the province).
 * Every count is one grouped SQL query over the year; the JS VM only touches one row per region.
 */
export function regionFigures(app: PbApp, year: string, regions: readonly string[]): Map<string, RegionFigures> {
  const out = new Map<string, RegionFigures>(regions.map((r) => [r, emptyFigures()]));
  if (!regions.length) return out;
  const level = regions[0].length as 2 | 4 | 6;
  const from = `${year}-01-01`;
  const to = `${Number(year) + 1}-01-01`;
  const list = sqlList([...out.keys()]);
  const each = <T extends { r: string }>(rows: T[], apply: (f: RegionFigures, row: T) => void) =>
    rows.forEach((row) => {
      const f = out.get(row.r);
      if (f) apply(f, row);
    });

  const policy = bucketSql('region', level);
  each(
    json<{ r: string; n: number }>(
      app,
      `SELECT json_object('r', ${policy.expr}, 'n', COUNT(*)) AS row FROM policies WHERE issued_on >= {:from} AND issued_on < {:to} AND ${policy.where} GROUP BY ${policy.expr}`,
      { from, to },
    ),
    (f, row) => {
      f.counts.policies = row.n;
    },
  );
  each(
    json<{ r: string; n: number }>(
      app,
      `SELECT json_object('r', ${policy.expr}, 'n', COUNT(*)) AS row FROM programme_records WHERE held_on >= {:from} AND held_on < {:to} AND ${policy.where} GROUP BY ${policy.expr}`,
      { from, to },
    ),
    (f, row) => {
      f.counts.organisingRecords = row.n;
    },
  );
  // A case counts as recommended in the year the province recommended it, and as selected in the year the ministry selected it.
  const county = bucketSql('county_code', level);
  each(
    json<{ r: string; rec: number; sel: number }>(
      app,
      `SELECT json_object('r', ${county.expr},
      'rec', SUM(recommended_at >= {:from} AND recommended_at < {:to}),
      'sel', SUM(state = 'selected' AND decided_at >= {:from} AND decided_at < {:to})) AS row
    FROM case_submissions WHERE state IN ('recommended', 'selected', 'declined') AND ${county.where} GROUP BY ${county.expr}`,
      { from, to },
    ),
    (f, row) => {
      f.counts.casesRecommended = row.rec ?? 0;
      f.counts.casesSelected = row.sel ?? 0;
    },
  );

  const column = ({ 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' } as const)[level];
  each(
    json<{ r: string; n: number }>(
      app,
      `SELECT json_object('r', ${column}, 'n', COUNT(*)) AS row FROM sessions WHERE ${column} IN (${list}) AND held_on >= {:from} AND held_on < {:to} GROUP BY ${column}`,
      { from, to },
    ),
    (f, row) => {
      f.counts.sessionsHeld = row.n;
    },
  );
  each(
    json<{ r: string; t: number; e: number }>(
      app,
      `SELECT json_object('r', region, 't', attendee_times, 'e', enterprises) AS row FROM stat_counts WHERE period = {:year} AND dim = 'total' AND region IN (${list})`,
      { year },
    ),
    (f, row) => {
      f.counts.attendeeTimes = row.t;
      f.counts.enterprisesTrained = row.e;
    },
  );
  // Courses offered: courses that at least one person completed in the region in the year.
  each(
    json<{ r: string; n: number }>(
      app,
      `SELECT json_object('r', region, 'n', COUNT(*)) AS row FROM stat_counts WHERE period = {:year} AND region IN (${list}) AND dim >= 'course:' AND dim < 'course;' AND attendee_times > 0 GROUP BY region`,
      { year },
    ),
    (f, row) => {
      f.counts.coursesOffered = row.n;
    },
  );

  const helped = helpedFigures(app, year, level);
  for (const [code, f] of out) {
    const h = helped.byRegion.get(code);
    if (h) {
      f.counts.enterprisesHelped = h.helped;
      f.rates.improvedRate = { numerator: h.improved, denominator: h.responses };
      f.rates.satisfiedRate = { numerator: h.satisfied, denominator: h.responses };
    }
    if (!helped.available) f.notes.push(helped.note);
  }
  return out;
}

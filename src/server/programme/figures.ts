/**
 * What the platform counted for each region of one level in an assessment year: the raw figures behind
 * the seven indicators. Training figures come from the exact counters (stat_counts, period = the year);
 * policies, organising records and cases are few and are bucketed here; sessions by their region.
 */
import { ancestorAt } from '../../lib/assessment/bucket.ts';
import { emptyFigures, type RegionFigures } from '../../lib/assessment/measures.ts';
import { helpedFigures } from './assistance-source.ts';

const sqlList = (values: string[]) => values.map((v) => `'${v.replace(/[^0-9]/g, '')}'`).join(', ');

function rows<T extends Record<string, unknown>>(app: PbApp, sql: string, params: Record<string, unknown>, shape: T): T[] {
  const out = arrayOf(new DynamicModel(shape));
  app.db().newQuery(sql).bind(params).all(out);
  return out as T[];
}

/**
 * Figures for every region in `regions` (all of one level: 2, 4 or 6 digits) in `year` (YYYY).
 * A region's figures include everything inside it (a province's counties' policies count for the province).
 */
export function regionFigures(app: PbApp, year: string, regions: readonly string[]): Map<string, RegionFigures> {
  const out = new Map<string, RegionFigures>(regions.map((r) => [r, emptyFigures()]));
  if (!regions.length) return out;
  const level = regions[0].length as 2 | 4 | 6;
  const bucket = (code: string) => {
    const at = ancestorAt(code, level);
    return at !== null ? out.get(at) : undefined;
  };
  const from = `${year}-01-01`;
  const to = `${Number(year) + 1}-01-01`;
  const inYear = { from, to };

  for (const r of rows(app, 'SELECT region FROM policies WHERE issued_on >= {:from} AND issued_on < {:to}', inYear, { region: '' })) {
    const f = bucket(r.region);
    if (f) f.counts.policies += 1;
  }
  for (const r of rows(app, 'SELECT region FROM programme_records WHERE held_on >= {:from} AND held_on < {:to}', inYear, { region: '' })) {
    const f = bucket(r.region);
    if (f) f.counts.organisingRecords += 1;
  }
  // A case counts as recommended in the year the province recommended it, and as selected in the year the ministry selected it.
  for (const r of rows(app, "SELECT county_code, state, recommended_at, decided_at FROM case_submissions WHERE state IN ('recommended', 'selected', 'declined')", {}, { county_code: '', state: '', recommended_at: '', decided_at: '' })) {
    const f = bucket(r.county_code);
    if (!f) continue;
    if (r.recommended_at >= from && r.recommended_at < to) f.counts.casesRecommended += 1;
    if (r.state === 'selected' && r.decided_at >= from && r.decided_at < to) f.counts.casesSelected += 1;
  }

  const column = ({ 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' } as const)[level];
  const list = sqlList([...out.keys()]);
  for (const r of rows(app, `SELECT ${column} AS region, COUNT(*) AS n FROM sessions WHERE ${column} IN (${list}) AND held_on >= {:from} AND held_on < {:to} GROUP BY ${column}`, inYear, { region: '', n: 0 })) {
    out.get(r.region)!.counts.sessionsHeld = r.n;
  }
  for (const r of rows(app, `SELECT region, attendee_times, enterprises FROM stat_counts WHERE period = {:year} AND dim = 'total' AND region IN (${list})`, { year }, { region: '', attendee_times: 0, enterprises: 0 })) {
    const f = out.get(r.region)!;
    f.counts.attendeeTimes = r.attendee_times;
    f.counts.enterprisesTrained = r.enterprises;
  }
  // Courses offered: courses that at least one person completed in the region in the year.
  for (const r of rows(app, `SELECT region, COUNT(*) AS n FROM stat_counts WHERE period = {:year} AND region IN (${list}) AND dim >= 'course:' AND dim < 'course;' AND attendee_times > 0 GROUP BY region`, { year }, { region: '', n: 0 })) {
    out.get(r.region)!.counts.coursesOffered = r.n;
  }

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

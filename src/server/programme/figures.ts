/**
 * What the platform counted for each region of one level in an assessment year: the raw figures behind
 * the seven indicators, in parts by source (src/lib/provincial-assessment/parts.ts). Training figures come from
 * the exact counters (stat_counts, period = the year) and are read by key on every request; the other parts are
 * grouped SQL queries over the year, memoised until a table they read changes (migration 1764600600 keeps a
 * version per table, raised in the same transaction as the write).
 */
import type { RegionFigures } from '../../lib/provincial-assessment/measures.ts';
import {
  figuresOf,
  type FigureParts,
  type HelpedTuple,
  type OrganisingTuple,
  type TrainingPart,
} from '../../lib/provincial-assessment/parts.ts';
import { helpedFigures } from './assistance-source.ts';
import { cached, versionKey, type DataVersions } from './cache.ts';

const sqlList = (values: readonly string[]) => values.map((v) => `'${v.replace(/[^0-9]/g, '')}'`).join(', ');

/** One JSON value built by SQLite: far cheaper in PocketBase's JS VM than a model per row. */
function jsonValue<T>(app: PbApp, sql: string, params: Record<string, unknown>, empty: string): T {
  const out = new DynamicModel({ data: '' });
  app.db().newQuery(`SELECT COALESCE((${sql}), '${empty}') AS data`).bind(params).one(out);
  return JSON.parse(out.data || empty) as T;
}

/** SQL for the code at `level` (2, 4, 6) that contains a region code column; the Corps' 6590xx belong to 66. */
function bucketSql(column: string, level: 2 | 4 | 6): { expr: string; where: string } {
  if (level === 2)
    return { expr: `CASE WHEN ${column} GLOB '6590*' THEN '66' ELSE substr(${column}, 1, 2) END`, where: `length(${column}) >= 2` };
  return { expr: `substr(${column}, 1, ${level})`, where: `length(${column}) >= ${level}` };
}

const yearBounds = (year: string) => ({ from: `${year}-01-01`, to: `${Number(year) + 1}-01-01` });
const levelOf = (regions: readonly string[]) => regions[0].length as 2 | 4 | 6;

/**
 * Policies, organising records and cases of the year by region: three grouped queries over small tables.
 * A region's figures include everything inside it (a province's counties' policies count for the province).
 */
export function organisingPart(app: PbApp, year: string, regions: readonly string[]): Record<string, OrganisingTuple> {
  const level = levelOf(regions);
  const policy = bucketSql('region', level);
  const county = bucketSql('county_code', level);
  // A case counts as recommended in the year the province recommended it, and as selected in the year the ministry selected it.
  const rows = jsonValue<[string, number, number, number, number][]>(
    app,
    `SELECT json_group_array(json_array(r, p, o, rec, sel)) FROM (
       SELECT r, SUM(p) AS p, SUM(o) AS o, SUM(rec) AS rec, SUM(sel) AS sel FROM (
         SELECT ${policy.expr} AS r, 1 AS p, 0 AS o, 0 AS rec, 0 AS sel FROM policies
           WHERE issued_on >= {:from} AND issued_on < {:to} AND ${policy.where}
         UNION ALL
         SELECT ${policy.expr}, 0, 1, 0, 0 FROM programme_records WHERE held_on >= {:from} AND held_on < {:to} AND ${policy.where}
         UNION ALL
         SELECT ${county.expr}, 0, 0, IFNULL(recommended_at >= {:from} AND recommended_at < {:to}, 0),
                IFNULL(state = 'selected' AND decided_at >= {:from} AND decided_at < {:to}, 0)
           FROM case_submissions WHERE state IN ('recommended', 'selected', 'declined') AND ${county.where}
       ) WHERE r IN (${sqlList(regions)}) GROUP BY r)`,
    yearBounds(year),
    '[]',
  );
  return Object.fromEntries(rows.map(([r, ...counts]) => [r, counts as OrganisingTuple]));
}

const COLUMN_OF_LEVEL = { 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' } as const;

/**
 * In-person sessions held in the year, by the region recorded on the session. Inside one region (`within`, a
 * province or prefecture) the sessions are read by that region's index range, not the whole country's.
 */
export function sessionsPart(app: PbApp, year: string, regions: readonly string[], within = ''): Record<string, number> {
  const column = COLUMN_OF_LEVEL[levelOf(regions)];
  const scope = within ? `${COLUMN_OF_LEVEL[within.length as 2 | 4]} = {:within} AND ` : '';
  return jsonValue(
    app,
    `SELECT json_group_object(r, n) FROM (SELECT ${column} AS r, COUNT(*) AS n FROM sessions
       WHERE ${scope}${column} IN (${sqlList(regions)}) AND held_on >= {:from} AND held_on < {:to} GROUP BY ${column})`,
    { ...yearBounds(year), within },
    '{}',
  );
}

/** Helped enterprises and their survey answers (indicators 4 to 6), from the one place that reads them. */
export function helpedPart(
  app: PbApp,
  year: string,
  regions: readonly string[],
  within = '',
): { byRegion: Record<string, HelpedTuple>; notes: string[] } {
  const helped = helpedFigures(app, year, levelOf(regions), within);
  const byRegion: Record<string, HelpedTuple> = {};
  for (const r of regions) {
    const h = helped.byRegion.get(r);
    if (h) byRegion[r] = [h.helped, h.responses, h.satisfied, h.improved];
  }
  return { byRegion, notes: helped.available ? [] : [helped.note] };
}

/** The SQL of the training part: two look-ups by key in stat_counts, as JSON text (also the part's memo key). */
function trainingSql(regions: readonly string[]): string {
  const list = sqlList(regions);
  return `json_object(
    'totals', json((SELECT json_group_object(region, json_array(attendee_times, enterprises)) FROM stat_counts
               WHERE period = {:year} AND dim = 'total' AND region IN (${list}))),
    'courses', json((SELECT json_group_object(region, n) FROM (SELECT region, COUNT(*) AS n FROM stat_counts
               WHERE period = {:year} AND region IN (${list}) AND dim >= 'course:' AND dim < 'course;' AND attendee_times > 0 GROUP BY region))))`;
}

/**
 * What the answer for these regions depends on, read in one statement: the table versions and the training
 * part (both small). Equal states give equal figures, so the state is the memo key of everything built on them.
 */
export interface FigureState {
  versions: DataVersions;
  training: string;
}

export function figureState(app: PbApp, year: string, regions: readonly string[]): FigureState {
  const out = new DynamicModel({ versions: '', training: '' });
  app
    .db()
    .newQuery(`SELECT (SELECT json_group_object(name, version) FROM qa_data_versions) AS versions, ${trainingSql(regions)} AS training`)
    .bind({ year })
    .one(out);
  return { versions: JSON.parse(out.versions || '{}') as DataVersions, training: String(out.training) };
}

/** The tables each part is computed from: a part is recomputed only when one of them changes. */
export const PART_SOURCES = {
  organising: ['policies', 'programme_records', 'case_submissions'],
  sessions: ['sessions'],
  helped: ['assistances', 'surveys'],
} as const;

export const stateKey = (state: FigureState) => `${versionKey(state.versions, Object.values(PART_SOURCES).flat())}|${state.training}`;

/**
 * Figures for every region in `regions` (all of one level: 2, 4 or 6 digits) in `year` (YYYY). `scope` names
 * the set of regions in the memo ("provinces"; "in:33", the regions inside 33; "own:3305", 3305 itself). Each part is memoised on the versions of its
 * own tables; with `state` undefined, it is read now.
 */
export function regionFigures(
  app: PbApp,
  year: string,
  regions: readonly string[],
  scope: string,
  state: FigureState = figureState(app, year, regions),
): Map<string, RegionFigures> {
  if (!regions.length) return new Map();
  const memo = <T>(part: keyof typeof PART_SOURCES, compute: () => T) =>
    cached(app, `figures:${part}:${year}:${scope}`, versionKey(state.versions, PART_SOURCES[part]), compute);
  // Regions inside one region ("in:33", "own:3305") read only that region's assistances and sessions (index ranges).
  const within = /^(in|own):(\d{2}|\d{4})$/.exec(scope)?.[2] ?? '';
  const helped = memo('helped', () => helpedPart(app, year, regions, within));
  const parts: FigureParts = {
    organising: memo('organising', () => organisingPart(app, year, regions)),
    sessions: memo('sessions', () => sessionsPart(app, year, regions, within)),
    helped: helped.byRegion,
    training: JSON.parse(state.training) as TrainingPart,
    notes: helped.notes,
  };
  return figuresOf(parts, regions);
}

/**
 * Regulators' statistics over a custom range of Beijing days, counted from the completions themselves (the
 * monthly counters cannot answer "1–15 March"), with the same days one year earlier, and the list of trained
 * enterprises in the jurisdiction.
 *
 *   GET /api/qa/stats/range?region=&from=&to=                  totals of the range and of last year's range
 *   GET /api/qa/stats/enterprises?region=&from=&to=&q=&sort=&dir=&page=   trained enterprises, one page
 *   GET /api/qa/stats/enterprises/export?region=&from=&to=&q=&sort=&dir=  every row, CSV (same writer)
 *
 * Counts (src/lib/stats/keys.ts, docs/statistics.md): 培训人次 = course completions (not revoked), 培训人数 =
 * distinct people with one, 培训企业数 = distinct enterprises. The region is the enterprise's at completion
 * (the snapshot on the completion row), as on the dashboard. Ranges that start a year, quarter or month are sums
 * of per-day firsts (stat_days); the list of a whole year, the year so far or all time reads the per-enterprise
 * summaries (stat_enterprises, src/server/stats-enterprises.ts); every other query seeks the covering (region,
 * month, completed_at, revoked, enterprise, user) index of migration 1764530000 and never reads the completion rows.
 */
import { regionName } from '../lib/regions.ts';
import { firstsKindOf } from '../lib/stats/day-firsts.ts';
import { checkRange, rangeBounds, sameRangeLastYear, yearOnYear, type Change, type DateRange } from '../lib/stats/date-range.ts';
import { tablesToCsv, type DataTable } from '../lib/stats/export.ts';
import { enterpriseListTable, ENTERPRISE_SORTS, type EnterpriseSort } from '../lib/stats/enterprise-list.ts';
import { listPeriodOf } from '../lib/stats/enterprise-periods.ts';
import { sqlRows } from './sql.ts';
import { badRequest, query as queryOf } from './http.ts';
import { regulatorScope, type Counts } from './stats.ts';
import { rangeFromDays } from './stats-days.ts';

export interface RangeTotals {
  range: DateRange;
  counts: Counts;
}
export interface RangeResponse {
  region: string;
  regionName: string;
  current: RangeTotals;
  lastYear: RangeTotals;
  change: { attendeeTimes: Change; attendees: Change; enterprises: Change };
}
export interface TrainedEnterprise {
  id: string;
  name: string;
  region: string;
  regionName: string;
  attendeeTimes: number;
  attendees: number;
  lastCompletion: string;
}
export interface EnterpriseListResponse {
  region: string;
  regionName: string;
  range: DateRange | null;
  q: string;
  sort: EnterpriseSort;
  dir: 'asc' | 'desc';
  page: number;
  perPage: number;
  total: number;
  rows: TrainedEnterprise[];
}

export const PER_PAGE = 20;
/** The export writes at most this many enterprises (a whole province in one file stays usable in Excel). */
export const EXPORT_MAX_ROWS = 100_000;

/** The completions column that holds a region of this code's level; national has none. */
function regionColumn(region: string): string | null {
  if (region === '') return null;
  if (region.length === 2) return 'province_code';
  if (region.length === 4) return 'prefecture_code';
  return 'county_code';
}

/** WHERE clause for the completions of a region in a range (bound: region, firstMonth, lastMonth, start, end). */
function rangeWhere(region: string, range: DateRange | null): { sql: string; params: Record<string, unknown> } {
  const column = regionColumn(region);
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (column) {
    parts.push(`c.${column} = {:region}`);
    params.region = region;
  }
  if (range) {
    const b = rangeBounds(range);
    // month first (the index's second column), then the exact instants
    parts.push('c.month >= {:firstMonth} AND c.month <= {:lastMonth} AND c.completed_at >= {:start} AND c.completed_at < {:end}');
    Object.assign(params, b);
  }
  parts.push('c.revoked = FALSE');
  return { sql: parts.join(' AND '), params };
}

function rangeParam(e: PbRequestEvent, required: boolean): DateRange | null {
  const q = queryOf(e);
  if (!required && !q.from && !q.to) return null;
  const checked = checkRange(q.from, q.to);
  if (!checked.ok) throw badRequest(checked.message, { [checked.field]: { code: checked.code, message: checked.message } });
  return checked.range;
}

/**
 * The range's totals, exact. A range that starts a year, a quarter or a month and ends inside it (the default
 * "1 January to today", the same days last year, whole years, quarter- and month-to-date) is the sum of at most
 * 366 day rows of the region (stat_days: that day's completions and the people and enterprises whose first
 * completion of the period in the region falls on it; src/lib/stats/day-firsts.ts), at every region level.
 * Any other range is counted from the covering index (linear in the region's completions of the range).
 */
export function rangeCounts(app: PbApp, region: string, range: DateRange): Counts {
  const kind = firstsKindOf(range);
  if (kind) return rangeFromDays(app.concurrentDB(), region, range, kind);
  return countedFromCompletions(app, region, range);
}

/** The range's totals counted from the covering (region, month, completed_at, revoked, enterprise, user) index. */
export function countedFromCompletions(app: PbApp, region: string, range: DateRange): Counts {
  const where = rangeWhere(region, range);
  const out = new DynamicModel({ t: 0, a: 0, e: 0 });
  app
    .concurrentDB()
    .newQuery(`SELECT COUNT(*) AS t, COUNT(DISTINCT c.user) AS a, COUNT(DISTINCT c.enterprise) AS e FROM completions c WHERE ${where.sql}`)
    .bind(where.params)
    .one(out);
  return { attendeeTimes: Number(out.t), attendees: Number(out.a), enterprises: Number(out.e) };
}

/** GET /api/qa/stats/range */
export function statsRange(e: PbRequestEvent): RangeResponse {
  const { region } = regulatorScope(e);
  const range = rangeParam(e, true)!;
  const previous = sameRangeLastYear(range);
  const current = rangeCounts(e.app, region, range);
  const before = rangeCounts(e.app, region, previous);
  return {
    region,
    regionName: regionName(region),
    current: { range, counts: current },
    lastYear: { range: previous, counts: before },
    change: {
      attendeeTimes: yearOnYear(current.attendeeTimes, before.attendeeTimes),
      attendees: yearOnYear(current.attendees, before.attendees),
      enterprises: yearOnYear(current.enterprises, before.enterprises),
    },
  };
}

const ORDER: Record<EnterpriseSort, string> = { name: 'name', times: 't', people: 'a', last: 'last' };

function listParams(e: PbRequestEvent) {
  const q = queryOf(e);
  const search = (q.q ?? '').trim();
  if (Array.from(search).length > 50)
    throw badRequest('搜索的企业名称太长（最多 50 个字）', { q: { code: 'too_long', message: 'q: at most 50 characters' } });
  const sort = (q.sort || 'times') as EnterpriseSort;
  if (!ENTERPRISE_SORTS.includes(sort))
    throw badRequest('排序方式不对', { sort: { code: 'invalid_sort', message: `sort must be one of ${ENTERPRISE_SORTS.join(', ')}` } });
  const dir = q.dir === 'asc' ? 'asc' : q.dir === 'desc' || !q.dir ? (sort === 'name' && !q.dir ? 'asc' : 'desc') : null;
  if (!dir) throw badRequest('排序方向只能是 asc 或 desc', { dir: { code: 'invalid_dir', message: 'dir must be asc or desc' } });
  const page = q.page ? Number(q.page) : 1;
  if (!Number.isInteger(page) || page < 1 || page > 100_000)
    throw badRequest('页码不对', { page: { code: 'invalid_page', message: 'page must be a positive integer' } });
  return { search, sort, dir: dir as 'asc' | 'desc', page };
}

export interface ListQuery {
  region: string;
  range: DateRange | null;
  search: string;
  sort: EnterpriseSort;
  dir: 'asc' | 'desc';
}

/**
 * Where the list's rows come from: the summaries (stat_enterprises) when the range is exactly one of their periods
 * (no range = "all"; a whole year; the year so far when the region has no counted completion of the year after
 * it, which holds for "1 January to today": listPeriodOf), else the completions of the range grouped by
 * enterprise from the covering index (linear in them).
 */
export function listSource(app: PbApp, region: string, range: DateRange | null): { period: string } | null {
  const summary = listPeriodOf(range);
  if (!summary) return null;
  if (!summary.complete && laterInYear(app, region, range!)) return null;
  return { period: summary.period };
}

/**
 * Whether the region has a counted completion of the range's year that the range leaves out: one dated at or
 * after the range's end (one seek per month of the year on the covering (region, month, completed_at, revoked)
 * index; nothing is found when the range ends today), or one of a later month of the year dated inside the range
 * (only an edit that made month and instant disagree leaves one).
 */
function laterInYear(app: PbApp, region: string, range: DateRange): boolean {
  const column = regionColumn(region);
  if (!column) throw new Error('the list needs a region');
  const year = range.from.slice(0, 4);
  const b = rangeBounds(range);
  const yearEnd = rangeBounds({ from: `${year}-12-31`, to: `${year}-12-31` }).end;
  const months = Array.from({ length: 12 }, (_, i) => `'${year}-${String(i + 1).padStart(2, '0')}'`).join(', ');
  const rows = sqlRows<{ later: number }>(
    app.concurrentDB(),
    `SELECT 1 AS later FROM completions c WHERE c.${column} = {:region} AND c.month IN (${months})
       AND c.completed_at >= {:end} AND c.completed_at < {:yearEnd} AND c.revoked = FALSE
     UNION ALL
     SELECT 1 FROM completions c WHERE c.${column} = {:region} AND c.month > {:lastMonth} AND c.month <= {:yearLast}
       AND c.completed_at >= {:start} AND c.completed_at < {:end} AND c.revoked = FALSE
     LIMIT 1`,
    { region, end: b.end, start: b.start, lastMonth: b.lastMonth, yearEnd, yearLast: `${year}-12` },
  );
  return rows.length > 0;
}

type ListRow = [string, string, string, number, number, string];

const toTrained = ([id, name, county, t, a, last]: ListRow): TrainedEnterprise => ({
  id,
  name,
  region: county,
  regionName: county ? regionName(county) : '',
  attendeeTimes: t,
  attendees: a,
  lastCompletion: last,
});

/**
 * The default view from the summaries: one range of idx_stat_enterprises_times (region, period, completions
 * DESC, enterprise) read in order up to the page's end, each row's name and county by primary key; the total is
 * the number of the region's summary rows of the period (index entries: one per trained enterprise).
 */
function pageBySummaryTimes(app: PbApp, region: string, period: string, limit: number, offset: number) {
  const db = app.concurrentDB();
  // The page's keys from the index alone (skipping `offset` entries reads nothing else), then each row's figures
  // by primary key.
  const rows = sqlRows<{ id: string; name: string; county: string; t: number; a: number; last: string }>(
    db,
    `SELECT p.enterprise AS id, COALESCE(en.name, '') AS name, COALESCE(en.county_code, '') AS county, s.attendee_times AS t,
            s.attendees AS a, s.last_completed AS last
     FROM (SELECT enterprise, attendee_times FROM stat_enterprises
           WHERE region = {:region} AND period = {:period} ORDER BY attendee_times DESC, enterprise LIMIT {:limit} OFFSET {:offset}) p
     JOIN stat_enterprises s ON s.region = {:region} AND s.period = {:period} AND s.enterprise = p.enterprise
     LEFT JOIN enterprises en ON en.id = p.enterprise ORDER BY p.attendee_times DESC, p.enterprise`,
    { region, period, limit, offset },
  );
  const total = sqlRows<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM stat_enterprises WHERE region = {:region} AND period = {:period}', {
    region,
    period,
  })[0];
  return { total: Number(total?.n ?? 0), rows: rows.map((r) => toTrained([r.id, r.name, r.county, Number(r.t), Number(r.a), r.last])) };
}

/**
 * One page of trained enterprises and the number of all of them. From the summaries when the range is one of
 * their periods (listSource): the default order (completions, most first) reads the sort index; other orders and
 * name searches read the region's summary rows of the period (one per enterprise). Otherwise grouped from the
 * covering index of the completions. Both give the same rows, order (ties by id) and total.
 */
export function enterpriseRows(app: PbApp, l: ListQuery, limit: number, offset: number): { total: number; rows: TrainedEnterprise[] } {
  const source = listSource(app, l.region, l.range);
  if (source && !l.search && l.sort === 'times' && l.dir === 'desc') return pageBySummaryTimes(app, l.region, source.period, limit, offset);
  let grouped: string;
  let params: Record<string, unknown>;
  if (source) {
    grouped = `SELECT enterprise, attendee_times AS t, attendees AS a, last_completed AS last FROM stat_enterprises
               WHERE region = {:region} AND period = {:period}`;
    params = { region: l.region, period: source.period, limit, offset };
  } else {
    const where = rangeWhere(l.region, l.range);
    grouped = `SELECT c.enterprise AS enterprise, COUNT(*) AS t, COUNT(DISTINCT c.user) AS a, MAX(c.completed_at) AS last
               FROM completions c WHERE ${where.sql} GROUP BY c.enterprise`;
    params = { ...where.params, limit, offset };
  }
  // Names are the enterprise's current name (the registry), looked up by primary key after grouping.
  let nameFilter = '';
  if (l.search) {
    nameFilter = "WHERE en.name LIKE {:like} ESCAPE '\\'";
    params.like = `%${l.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const dir = l.dir.toUpperCase();
  // Sorted by a figure and not searched: the page is cut from the groups before any name is looked up (20 primary-key
  // lookups instead of one per enterprise); by name or searched, every group needs its name first.
  const byFigure = !l.search && l.sort !== 'name';
  const sql = byFigure
    ? `WITH g AS (${grouped}),
            page AS (SELECT enterprise AS id, t, a, last FROM g ORDER BY ${ORDER[l.sort]} ${dir}, enterprise LIMIT {:limit} OFFSET {:offset}),
            named AS (SELECT p.id, COALESCE(en.name, '') AS name, COALESCE(en.county_code, '') AS county, p.t, p.a, p.last
                      FROM page p LEFT JOIN enterprises en ON en.id = p.id ORDER BY p.${ORDER[l.sort]} ${dir}, p.id)
       SELECT (SELECT COUNT(*) FROM g) AS total,
              COALESCE((SELECT json_group_array(json_array(id, name, county, t, a, last)) FROM named), '[]') AS data`
    : `WITH g AS (${grouped}),
            named AS (SELECT g.enterprise AS id, COALESCE(en.name, '') AS name, COALESCE(en.county_code, '') AS county, g.t AS t, g.a AS a, g.last AS last
                      FROM g LEFT JOIN enterprises en ON en.id = g.enterprise ${nameFilter}),
            page AS (SELECT * FROM named ORDER BY ${ORDER[l.sort]} ${dir}, id LIMIT {:limit} OFFSET {:offset})
       SELECT (SELECT COUNT(*) FROM named) AS total,
              COALESCE((SELECT json_group_array(json_array(id, name, county, t, a, last)) FROM page), '[]') AS data`;
  const out = new DynamicModel({ total: 0, data: '' });
  app.concurrentDB().newQuery(sql).bind(params).one(out);
  return { total: Number(out.total), rows: (JSON.parse(out.data || '[]') as ListRow[]).map(toTrained) };
}

/**
 * The list is read within a province: nationally it would group every completion of the range in the
 * country (about a million enterprises at national scale, seconds of CPU per page view, and more rows than
 * the CSV holds), so a national regulator picks a province first (docs/statistics.md).
 */
function listScope(e: PbRequestEvent): string {
  const { region } = regulatorScope(e);
  if (region === '') {
    const message = '全国的培训企业名单请先选择一个省份查看（全国企业数量太多，按省查看和导出）';
    throw badRequest(message, { region: { code: 'province_required', message } });
  }
  return region;
}

/** GET /api/qa/stats/enterprises */
export function trainedEnterprises(e: PbRequestEvent): EnterpriseListResponse {
  const region = listScope(e);
  const range = rangeParam(e, false);
  const { search, sort, dir, page } = listParams(e);
  const { total, rows } = enterpriseRows(e.app, { region, range, search, sort, dir }, PER_PAGE, (page - 1) * PER_PAGE);
  return { region, regionName: regionName(region), range, q: search, sort, dir, page, perPage: PER_PAGE, total, rows };
}

/** GET /api/qa/stats/enterprises/export: the whole list (as sorted and searched) as CSV. */
export function trainedEnterprisesCsv(e: PbRequestEvent): { csv: string; filename: string } {
  const region = listScope(e);
  const range = rangeParam(e, false);
  const { search, sort, dir } = listParams(e);
  const { total, rows } = enterpriseRows(e.app, { region, range, search, sort, dir }, EXPORT_MAX_ROWS, 0);
  const table: DataTable = enterpriseListTable(rows, { regionName: regionName(region), range, total, search });
  const scope = range ? `${range.from}至${range.to}` : '全部期间';
  return { csv: tablesToCsv([table]), filename: `质量学堂_培训企业名单_${regionName(region)}_${scope}.csv` };
}

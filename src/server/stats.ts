import { childRegions, jurisdictionLevel, regionName, listProvinces } from '../lib/regions.ts';
import { regionWithin } from '../lib/stats/jurisdiction.ts';
import { BOM } from '../lib/stats/export.ts';
import { isXpccCitySql, XPCC_CODE } from '../lib/xpcc.ts';
import { monthsOfPeriod, parsePeriod, yearOf, type Period } from '../lib/stats/keys.ts';
import { IAF_SECTORS } from '../lib/iaf-sectors.ts';
import { MIN_PUBLISHED_RESPONSES } from '../lib/survey/summary.ts';
import { content } from './content.ts';
import { helpedAndSurveys, provinceHelped, type ProvinceHelped } from './stats-helped.ts';
import { badRequest, forbidden, QaError, requireAuth } from './http.ts';
import type { StatCountsRecord } from './pb-types.ts';

import type { Counts } from '../lib/stats/keys.ts';
export type { Counts };
const ZERO: Counts = { attendeeTimes: 0, attendees: 0, enterprises: 0 };

/** The regulator making the request, and the region they asked for (default: their whole jurisdiction). */
export function regulatorScope(e: PbRequestEvent): { jurisdiction: string; region: string } {
  const user = requireAuth(e);
  if (user.getString('role') !== 'regulator') throw forbidden('只有监管部门账号可以查看统计');
  const jurisdiction = user.getString('jurisdiction');
  const asked = e.requestInfo().query.region;
  const region = asked === undefined || asked === '' ? jurisdiction : asked === 'national' ? '' : asked;
  if (jurisdictionLevel(region) === null) {
    throw badRequest(`区域代码“${region}”不是有效的 GB/T 2260 代码`, {
      region: { code: 'invalid_region', message: 'region must be a GB/T 2260 code of 2, 4 or 6 digits, or "national"' },
    });
  }
  if (!regionWithin(jurisdiction, region)) {
    throw new QaError(403, 'outside_jurisdiction', `您的管辖范围是${regionName(jurisdiction)}，无权查看${regionName(region)}的数据`);
  }
  return { jurisdiction, region };
}

export function periodParam(e: PbRequestEvent): Period {
  const raw = e.requestInfo().query.period || yearOf(Date.now());
  const period = parsePeriod(raw);
  if (!period) {
    throw badRequest(`统计期间“${raw}”格式不对：可以是 2026-03（月）、2026-Q1（季度）、2026（年）或 all（全部）`, {
      period: { code: 'invalid_period', message: 'period must be YYYY-MM, YYYY-Qn, YYYY or all' },
    });
  }
  return period;
}

type Row = Omit<StatCountsRecord, 'id'>;

/** Rows come back as one JSON document built by SQLite: far cheaper in the JS VM than a model per row. */
function query(app: PbApp, where: string, params: Record<string, unknown>, orderBy = ''): Row[] {
  const out = new DynamicModel({ data: '' });
  app
    .db()
    .newQuery(
      `SELECT COALESCE(json_group_array(json_array(period, region, dim, attendee_times, attendees, enterprises)), '[]') AS data
       FROM (SELECT period, region, dim, attendee_times, attendees, enterprises FROM stat_counts WHERE ${where} ${orderBy})`,
    )
    .bind(params)
    .one(out);
  return (JSON.parse(out.data || '[]') as [string, string, string, number, number, number][]).map(
    ([period, region, dim, attendee_times, attendees, enterprises]) => ({
      period,
      region,
      dim,
      attendee_times,
      attendees,
      enterprises,
    }),
  );
}

const counts = (r?: Row): Counts =>
  r ? { attendeeTimes: r.attendee_times, attendees: r.attendees, enterprises: r.enterprises } : { ...ZERO };
const sqlList = (values: string[]) => values.map((v) => `'${v.replace(/[^0-9A-Za-z:_-]/g, '')}'`).join(', ');

export function totalsFor(app: PbApp, period: string, region: string): Counts {
  return counts(query(app, "period = {:period} AND region = {:region} AND dim = 'total'", { period, region })[0]);
}

function monthsWithData(app: PbApp, region: string): string[] {
  return query(
    app,
    "region = {:region} AND dim = 'total' AND period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'",
    { region },
    'ORDER BY period',
  ).map((r) => r.period);
}

function lastUpdate(app: PbApp): string | null {
  const row = new DynamicModel({ last: '' });
  app.db().newQuery("SELECT COALESCE(MAX(completed_at), '') AS last FROM completions").one(row);
  return row.last || null;
}

/** GET /api/qa/stats/dashboard?period=&region= : everything the dashboard shows, for one region and period. */
export function dashboard(e: PbRequestEvent) {
  const { jurisdiction, region } = regulatorScope(e);
  const period = periodParam(e);
  const app = e.app;
  const here = query(app, 'period = {:period} AND region = {:region}', { period: period.key, region });
  const byDim = (prefix: string) => here.filter((r) => r.dim.startsWith(prefix));
  const months = monthsOfPeriod(period, period.kind === 'all' ? monthsWithData(app, region) : []);
  const trendRows = months.length ? query(app, `period IN (${sqlList(months)}) AND region = {:region} AND dim = 'total'`, { region }) : [];
  const children = childRegions(region);
  const childRows = children.length
    ? query(app, `period = {:period} AND dim = 'total' AND region IN (${sqlList(children.map((c) => c.code))})`, { period: period.key })
    : [];
  return {
    region,
    regionName: regionName(region),
    jurisdiction,
    jurisdictionName: regionName(jurisdiction),
    period: { key: period.key, kind: period.kind, months },
    totals: counts(here.find((r) => r.dim === 'total')),
    byChannel: ['online', 'in_person'].map((channel) => ({ channel, ...counts(here.find((r) => r.dim === `channel:${channel}`)) })),
    trend: months.map((month) => ({ month, ...counts(trendRows.find((r) => r.period === month)) })),
    breakdown: children.map((c) => ({ code: c.code, name: c.name, ...counts(childRows.find((r) => r.region === c.code)) })),
    bySector: byDim('sector:')
      .map((r) => ({ code: r.dim.slice(7), name: IAF_SECTORS[r.dim.slice(7)] ?? r.dim.slice(7), ...counts(r) }))
      .sort((a, b) => b.attendeeTimes - a.attendeeTimes),
    byCourse: byDim('course:')
      .map((r) => ({ course: r.dim.slice(7), title: content().courses[r.dim.slice(7)]?.title ?? r.dim.slice(7), ...counts(r) }))
      .sort((a, b) => b.attendeeTimes - a.attendeeTimes),
    lastUpdate: lastUpdate(app),
    generatedAt: new Date().toISOString(),
  };
}

/** GET /api/qa/stats/summary?period=&region= : the three headline figures. */
export function summary(e: PbRequestEvent) {
  const { region } = regulatorScope(e);
  const period = periodParam(e);
  return { region, regionName: regionName(region), period: period.key, totals: totalsFor(e.app, period.key, region) };
}

/** GET /api/qa/stats/provinces?period= : the province comparison table (national regulators). */
export function provinces(e: PbRequestEvent) {
  const { jurisdiction } = regulatorScope(e);
  if (jurisdiction !== '') throw forbidden('省份对比表仅向国家级监管账号开放');
  const period = periodParam(e);
  return { period: period.key, rows: provinceRows(e.app, period) };
}

function provinceRows(app: PbApp, period: Period, helped: Record<string, ProvinceHelped> = provinceHelped(app, period)) {
  const codes = listProvinces();
  const rows = query(app, `period = {:period} AND dim = 'total' AND region IN (${sqlList(codes.map((p) => p.code))})`, {
    period: period.key,
  });
  // 帮扶企业数 comes from the assistance record; survey respondents are a self-selected subset of it.
  return codes.map((p) => ({ code: p.code, name: p.name, ...counts(rows.find((r) => r.region === p.code)), ...helped[p.code] }));
}

/** GET /api/qa/stats/public?period= : national and per-province aggregates, no personal data, no login. */
export function publicStats(e: PbRequestEvent) {
  const period = periodParam(e);
  const programme = helpedAndSurveys(e.app, period);
  const national = programme.national.survey;
  return {
    period: period.key,
    national: {
      ...totalsFor(e.app, period.key, ''),
      helped: programme.national.helped,
      surveyed: national.responses,
      satisfied: national.satisfied,
      clearEffect: national.clearEffect,
    },
    // Survey shares of small groups are withheld (null) so that no single enterprise's answer shows.
    provinces: provinceRows(e.app, period, programme.provinces).map((row) => ({ ...row, ...maybeWithheld(row) })),
    lastUpdate: lastUpdate(e.app),
    generatedAt: new Date().toISOString(),
  };
}

function maybeWithheld(row: { surveyed: number; satisfied: unknown; clearEffect: unknown }) {
  return row.surveyed < MIN_PUBLISHED_RESPONSES ? { satisfied: null, clearEffect: null } : {};
}

function dimLabel(dim: string): string {
  if (dim === 'total') return '合计';
  const [kind, value] = [dim.slice(0, dim.indexOf(':')), dim.slice(dim.indexOf(':') + 1)];
  if (kind === 'sector') return `行业 ${value} ${IAF_SECTORS[value] ?? ''}`.trim();
  if (kind === 'course') return `课程 ${content().courses[value]?.title ?? value}`;
  return value === 'online' ? '线上' : '线下';
}

/**
 * Rows per page of the full export (about 1 MB of CSV): each page is one indexed SELECT, so memory stays flat
 * whatever the size; pages are large because each has a fixed cost (the names table, the seek). The test server
 * sets QA_EXPORT_PAGE_ROWS lower so that a small dataset spans many pages.
 */
export const EXPORT_PAGE_ROWS = 10_000;
const exportPageRows = () => Number($os.getenv('QA_EXPORT_PAGE_ROWS')) || EXPORT_PAGE_ROWS;

/**
 * GET /api/qa/stats/export?period=&region= : every counter of the region and the regions inside it, for the
 * period and its months, as CSV (UTF-8 with BOM so that Excel opens Chinese correctly), streamed page by page.
 *
 * Read-only: every page is read on the read pool inside one read transaction (one consistent WAL snapshot),
 * so an export of any size never holds the single writer (quiz submissions and completions go on while it
 * runs) and never holds more than one page in memory. Pages follow the (period, region, dim) key index
 * (keyset pagination, no OFFSET), and each page's CSV text is assembled by SQLite in one statement.
 */
export function streamExportCsv(e: PbRequestEvent): { rows: number } {
  const { region } = regulatorScope(e);
  const period = periodParam(e);
  const months = monthsOfPeriod(period, period.kind === 'all' ? monthsWithData(e.app, region) : []);
  const periods = [period.key, ...months.filter((m) => m !== period.key)];
  // Code ranges (not LIKE) so that the key index is used; the Corps' cities 6590xx belong to 66.
  const col = 's.region';
  const range = `(${col} = {:region} OR (${col} > {:region} AND ${col} < {:regionEnd}))`;
  const corps = isXpccCitySql(col);
  const within =
    region === ''
      ? '1 = 1'
      : region === XPCC_CODE
        ? `(${col} = '${XPCC_CODE}' OR ${corps})`
        : region.length === 2
          ? `${range} AND NOT ${corps}`
          : range;
  const names = JSON.stringify([
    ...subtreeOf(region).map((code): [string, string] => [`r:${code}`, regionName(code)]),
    ...allDims().map((dim): [string, string] => [`d:${dim}`, dimLabel(dim)]),
  ]);
  const quoted = (column: string) => `'"' || replace(COALESCE(${column}, ''), '"', '""') || '"'`;
  const pageRows = exportPageRows();
  // char(31) sorts below every character of a period, region or dim, so the largest joined key is the page's last row.
  const pageSql = `WITH names AS MATERIALIZED (SELECT value ->> 0 AS code, value ->> 1 AS name FROM json_each({:names})),
    page AS (SELECT s.period, s.region, s.dim, s.attendee_times, s.attendees, s.enterprises FROM stat_counts s
             WHERE s.period IN (${sqlList(periods)}) AND ${within} AND (s.period, s.region, s.dim) > ({:afterPeriod}, {:afterRegion}, {:afterDim})
             ORDER BY s.period, s.region, s.dim LIMIT ${pageRows})
    SELECT COALESCE(group_concat(line, char(13) || char(10)), '') AS csv, COUNT(*) AS rows, COALESCE(MAX(k), '') AS last FROM (
      SELECT p.period || ',' || CASE p.region WHEN '' THEN '000000' ELSE p.region END || ',' || ${quoted('rn.name')} || ',' || ${quoted('dn.name')}
             || ',' || p.attendee_times || ',' || p.attendees || ',' || p.enterprises AS line,
             p.period || char(31) || p.region || char(31) || p.dim AS k
      FROM page p LEFT JOIN names rn ON rn.code = 'r:' || p.region LEFT JOIN names dn ON dn.code = 'd:' || p.dim
      ORDER BY p.period, p.region, p.dim)`;
  const db = e.app.concurrentDB();
  const tx = db.begin(); // a read transaction: the snapshot every page is read from
  let rows = 0;
  try {
    // "完整明细" keeps it apart from the on-screen tables' export of the same region and period (看板表格)
    const name = `质量学堂统计_${regionName(region)}_${period.key}_完整明细.csv`;
    e.response.header().set('Content-Type', 'text/csv; charset=utf-8');
    e.response.header().set('Content-Disposition', `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(name)}`);
    e.response.header().set('Cache-Control', 'no-store');
    let after = ['', '', ''];
    let started = false;
    for (;;) {
      const out = new DynamicModel({ csv: '', rows: 0, last: '' });
      tx.newQuery(pageSql)
        .bind({ region, regionEnd: `${region}\uffff`, names, afterPeriod: after[0], afterRegion: after[1], afterDim: after[2] })
        .one(out);
      const n = out.rows as number;
      // The first page is read before anything is sent, so a failing query still answers with an error status.
      const chunk = `${started ? '' : `${BOM}${EXPORT_HEADER}\r\n`}${out.csv as string}${n ? '\r\n' : ''}`;
      if (!started) e.response.writeHeader(200);
      started = true;
      e.response.write(toBytes(chunk, 0));
      e.flush();
      rows += n;
      if (n < pageRows) break;
      after = (out.last as string).split('\u001f');
    }
  } finally {
    tx.rollback(); // nothing was written: ending the read transaction releases the snapshot
  }
  return { rows };
}

/** The full export's columns; each count says what it counts (see docs/statistics.md). */
export const EXPORT_HEADER =
  '统计期间,区划代码,区划名称,维度,培训人次（课程完成次数：线上学完并通过结业测验或线下培训记录完成，不是听课人次）,培训人数（完成至少一门课程的人数）,培训企业数（有员工完成课程的企业数）';

/** A region and every region inside it. */
function subtreeOf(region: string): string[] {
  const out = [region];
  for (const child of childRegions(region)) out.push(...subtreeOf(child.code));
  return out;
}

function allDims(): string[] {
  return [
    'total',
    ...Object.keys(IAF_SECTORS).map((s) => `sector:${s}`),
    'channel:online',
    'channel:in_person',
    ...Object.keys(content().courses).map((c) => `course:${c}`),
  ];
}

import { jurisdictionLevel, regionName } from '../lib/regions.ts';
import { parseMonthRange } from '../lib/stats/period.ts';
import { regionColumn, regionWithin } from '../lib/stats/jurisdiction.ts';
import { badRequest, forbidden, QaError, requireAuth } from './http.ts';

/** The regulator making the request, and the region they asked for (default: their whole jurisdiction). */
export function regulatorScope(e: PbRequestEvent): { jurisdiction: string; region: string } {
  const user = requireAuth(e);
  if (user.getString('role') !== 'regulator') throw forbidden('只有监管部门账号可以查看统计');
  const jurisdiction = user.getString('jurisdiction');
  const asked = e.requestInfo().query.region;
  const region = asked === undefined ? jurisdiction : asked === 'national' ? '' : asked;
  if (jurisdictionLevel(region) === null) {
    throw badRequest(`区域代码“${region}”不是有效的 GB/T 2260 代码`, { region: { code: 'invalid_region', message: 'region must be a GB/T 2260 code of 2, 4 or 6 digits' } });
  }
  if (!regionWithin(jurisdiction, region)) {
    throw new QaError(403, 'outside_jurisdiction', `您的管辖范围是${regionName(jurisdiction)}，无权查看${regionName(region)}的数据`);
  }
  return { jurisdiction, region };
}

export function regionFilter(region: string): { sql: string; params: Record<string, string> } {
  const column = regionColumn(region);
  return column ? { sql: `${column} = {:region}`, params: { region } } : { sql: '1 = 1', params: {} };
}

/** GET /api/qa/stats/summary?from=YYYY-MM&to=YYYY-MM&region=CODE */
export function summary(e: PbRequestEvent) {
  const { region } = regulatorScope(e);
  const q = e.requestInfo().query;
  const period = parseMonthRange(q.from, q.to, new Date());
  if (!period.ok) throw badRequest(period.message, { [period.field]: { code: 'invalid_month', message: period.message } });
  const where = regionFilter(region);
  const row = new DynamicModel({ attendee_times: 0, attendees: 0, enterprises: 0 });
  e.app
    .db()
    .newQuery(
      `SELECT COUNT(*) AS attendee_times, COUNT(DISTINCT user) AS attendees, COUNT(DISTINCT enterprise) AS enterprises
       FROM completions WHERE revoked = FALSE AND month >= {:from} AND month <= {:to} AND ${where.sql}`,
    )
    .bind({ from: period.range.from, to: period.range.to, ...where.params })
    .one(row);
  return {
    region,
    regionName: regionName(region),
    period: period.range,
    totals: { attendeeTimes: row.attendee_times, attendees: row.attendees, enterprises: row.enterprises },
  };
}

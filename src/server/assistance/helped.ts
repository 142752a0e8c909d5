/**
 * 帮扶企业数 from the assistance record (definition: src/lib/assistance/helped.ts), for the statistics
 * routes: the training dashboard's province table and the public page read it from here.
 */
import { helpedInPeriod, helpedInPeriodSql, helpedRangeParams, periodRange, type AssistanceFacts } from '../../lib/assistance/helped.ts';
import { regionColumn } from '../../lib/stats/jurisdiction.ts';
import type { Period } from '../../lib/stats/keys.ts';

export interface AssistanceRow extends AssistanceFacts {
  id: string;
  state: string;
  province: string;
  prefecture: string;
  county: string;
  sector: string;
  body: string;
}

/** PocketBase stores dates as "2026-03-01 10:00:00.000Z"; this makes them ISO for Date.parse everywhere. */
export const isoOf = (value: string) => (value ? value.replace(' ', 'T') : '');

/** Every assistance ever accepted whose enterprise lies in the region ("" = national). */
export function acceptedIn(app: PbApp, region: string): AssistanceRow[] {
  const column = regionColumn(region);
  const where = column ? `accepted_at != '' AND ${column} = {:region}` : "accepted_at != ''";
  const out = new DynamicModel({ data: '' });
  app
    .db()
    .newQuery(
      `SELECT COALESCE(json_group_array(json_array(id, enterprise, accepted_at, finished_at, state, province_code, prefecture_code, county_code, sector, body)), '[]') AS data
       FROM assistances WHERE ${where}`,
    )
    .bind({ region })
    .one(out);
  return (JSON.parse(out.data || '[]') as string[][]).map(
    ([id, enterprise, accepted, finished, state, province, prefecture, county, sector, body]) => ({
      id,
      enterprise,
      acceptedAt: isoOf(accepted),
      finishedAt: isoOf(finished) || null,
      state,
      province,
      prefecture,
      county,
      sector,
      body,
    }),
  );
}

/** The accepted assistances in force during the period, in the region. */
export function helpedRows(app: PbApp, region: string, period: Period): AssistanceRow[] {
  const range = periodRange(period);
  return acceptedIn(app, region).filter((r) => helpedInPeriod(r, range));
}

/** 帮扶企业数: distinct enterprises with an accepted assistance in the period and region. */
export function helpedCount(app: PbApp, region: string, period: Period): number {
  return new Set(helpedRows(app, region, period).map((r) => r.enterprise)).size;
}

/**
 * 帮扶企业数 of every province-level unit at once (by the snapshotted province_code, as helpedCount), counted by SQLite in one
 * grouped query: the province table and the public page would otherwise read every assistance of the
 * country into the JS VM, province by province.
 */
export function helpedCountsByProvince(app: PbApp, period: Period): Map<string, number> {
  const out = new DynamicModel({ data: '' });
  app
    .db()
    .newQuery(
      `SELECT COALESCE(json_group_array(json_array(p, n)), '[]') AS data FROM (
         SELECT province_code AS p, COUNT(DISTINCT enterprise) AS n FROM assistances
         WHERE ${helpedInPeriodSql()} GROUP BY p)`,
    )
    .bind(helpedRangeParams(periodRange(period)))
    .one(out);
  return new Map(JSON.parse(out.data || '[]') as [string, number][]);
}

/** 帮扶企业数 of the whole country, counted by SQLite. */
export function helpedCountNational(app: PbApp, period: Period): number {
  const out = new DynamicModel({ n: 0 });
  app
    .db()
    .newQuery(`SELECT COUNT(DISTINCT enterprise) AS n FROM assistances WHERE ${helpedInPeriodSql()}`)
    .bind(helpedRangeParams(periodRange(period)))
    .one(out);
  return Number(out.n);
}

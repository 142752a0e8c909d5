/**
 * Keeps the per-day firsts (stat_days, migration 1764700200; definitions in src/lib/stats/day-firsts.ts) exact:
 * applyCompletionDays runs in the transaction that records a completion, dayFactsOf/addDayDeltas serve the
 * revocation and deletion hooks (src/server/revocation.ts), the rebuild recomputes every row
 * (src/server/stats-rebuild.ts), and rangeFromDays answers a range that starts a year, quarter or month.
 */
import {
  beijingDayOf,
  DAY_COLUMNS,
  DAY_FIELDS,
  DAY_KINDS,
  dayInsertDeltas,
  type DayDelta,
  type DayFacts,
  type DayKind,
  type EarliestSeen,
} from '../lib/stats/day-firsts.ts';
import { sqlExec, sqlRows, type Db } from './sql.ts';

export function dayFactsOf(r: PbRecord): DayFacts {
  return {
    user: r.getString('user'),
    enterprise: r.getString('enterprise'),
    province: r.getString('province_code'),
    prefecture: r.getString('prefecture_code'),
    county: r.getString('county_code'),
    completedAt: r.getString('completed_at'),
  };
}

/** One statement for all of a change's rows (usually 4: one per region level of the completion's day). */
export const UPSERT_DAYS = `INSERT INTO stat_days (region, day, ${DAY_COLUMNS.join(', ')})
  SELECT value ->> 0, value ->> 1, ${DAY_COLUMNS.map((_, i) => `value ->> ${i + 2}`).join(', ')} FROM json_each({:rows}) WHERE TRUE
  ON CONFLICT (region, day) DO UPDATE SET ${DAY_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/** Adds day-row changes (negative ones too) in one statement. */
export function addDayDeltas(tx: PbApp, deltas: readonly DayDelta[]): void {
  if (!deltas.length) return;
  const rows = deltas.map((d) => [d.region, d.day, ...DAY_FIELDS.map((k) => d[k])]);
  sqlExec(tx.db(), UPSERT_DAYS, { rows: JSON.stringify(rows) });
}

/**
 * The earliest other counted completion of the person and of the enterprise per (region, month), in the new
 * completion's year (no coarser period kind is kept): the person's ~20 rows by the (user, course) index, the
 * enterprise's by (enterprise, month), grouped to a few rows.
 */
function earliestOf(tx: PbApp, id: string, f: DayFacts): { person: EarliestSeen[]; enterprise: EarliestSeen[] } {
  const year = beijingDayOf(f.completedAt).slice(0, 4);
  const rows = sqlRows<EarliestSeen & { who: string }>(tx.db(), EARLIEST_SQL, {
    user: f.user,
    enterprise: f.enterprise,
    id,
    first: `${year}-01`,
    last: `${year}-12`,
  });
  const of = (who: string) => rows.filter((r) => r.who === who);
  return { person: of('p'), enterprise: of('e') };
}

/** Bind user, enterprise, id (the new completion, left out), first and last month of its year. */
export const EARLIEST_SQL = `SELECT 'p' AS who, province_code AS province, prefecture_code AS prefecture, county_code AS county, MIN(completed_at) AS completedAt
       FROM completions WHERE user = {:user} AND id != {:id} AND revoked = FALSE AND month >= {:first} AND month <= {:last}
       GROUP BY province_code, prefecture_code, county_code, month
     UNION ALL
     SELECT 'e', province_code, prefecture_code, county_code, MIN(completed_at)
       FROM completions WHERE enterprise = {:enterprise} AND id != {:id} AND revoked = FALSE AND month >= {:first} AND month <= {:last}
       GROUP BY province_code, prefecture_code, county_code, month`;

/**
 * Adds a new completion to the day rows: one grouped read and one upsert, in the transaction that saved it
 * (call right after the counters' applyCompletionFacts). Exact whatever the recording order: a completion
 * dated before the member's current first moves that first (dayInsertDeltas).
 */
export function applyCompletionDays(tx: PbApp, id: string, f: DayFacts): void {
  const earliest = earliestOf(tx, id, f);
  addDayDeltas(tx, dayInsertDeltas(f, earliest.person, earliest.enterprise));
}

/**
 * A range [start of a period of `kind`, to] of a region from its day rows: one seek on the (region, day) key
 * and at most 366 rows. See firstsKindOf for which ranges qualify.
 */
export function rangeFromDays(
  db: Db,
  region: string,
  range: { from: string; to: string },
  kind: DayKind,
): { attendeeTimes: number; attendees: number; enterprises: number } {
  if (!DAY_KINDS.includes(kind)) throw new Error(`rangeFromDays: unknown kind ${kind}`);
  const row = sqlRows<{ t: number; a: number; e: number }>(
    db,
    `SELECT COALESCE(SUM(attendee_times), 0) AS t, COALESCE(SUM(attendees_${kind}), 0) AS a, COALESCE(SUM(enterprises_${kind}), 0) AS e
     FROM stat_days WHERE region = {:region} AND day >= {:from} AND day <= {:to}`,
    { region, from: range.from, to: range.to },
  )[0];
  return { attendeeTimes: Number(row?.t ?? 0), attendees: Number(row?.a ?? 0), enterprises: Number(row?.e ?? 0) };
}

/**
 * Keeps the trained-enterprise summaries (stat_enterprises, migration 1764800000; definitions and reference
 * recount in src/lib/stats/enterprise-periods.ts) exact, and reads them for the list
 * (src/server/stats-range.ts):
 * - applyCompletionEnterprise runs in the transaction that records a completion (right after the day rows): one
 *   read of the person's other completions at the same enterprise (a handful, by the (user, course) index) and
 *   one upsert of its 6 rows (3 region levels x year and "all"). Nothing grows with the enterprise's size.
 * - refreshEnterpriseRows serves the revocation, reinstatement, deletion and edit hooks (src/server/revocation.ts):
 *   they already hold every counted completion of the enterprise, so the touched rows are recounted and stored
 *   as absolute values (rows left without a completion are deleted).
 * - the rebuild recomputes every row (src/server/stats-rebuild.ts).
 */
import { enterpriseInsertRows, enterpriseRowsOfKeys, type EnterpriseRow, type ListFacts } from '../lib/stats/enterprise-periods.ts';
import { boundedMemo } from '../lib/bounded-memo.ts';
import { beijingDayOf } from '../lib/stats/day-firsts.ts';
import { sqlExec, sqlRowsText, writerDb } from './sql.ts';
import { dayFactsOf } from './stats-days.ts';

export function listFactsOf(r: PbRecord): ListFacts {
  return { ...dayFactsOf(r), month: r.getString('month') };
}

/**
 * The same person's other counted completions at the same enterprise: a handful, by the person's index
 * (`+enterprise` keeps SQLite off the (enterprise, completed_at) index, which would walk every completion of a
 * large enterprise).
 */
export const SAME_PERSON_SQL = `SELECT province_code AS province, prefecture_code AS prefecture, county_code AS county, month, completed_at AS completedAt
  FROM completions WHERE user = {:user} AND +enterprise = {:enterprise} AND id != {:id} AND revoked = FALSE`;

/** A new completion's rows: completions and people added, the last completion the later one. */
export const ADD_ENTERPRISE_ROWS = `INSERT INTO stat_enterprises (region, period, enterprise, attendee_times, attendees, last_completed)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM jsonb_each(jsonb({:rows})) WHERE TRUE
  ON CONFLICT (region, period, enterprise) DO UPDATE SET attendee_times = attendee_times + excluded.attendee_times,
    attendees = attendees + excluded.attendees, last_completed = MAX(last_completed, excluded.last_completed)`;

/** Recounted rows stored as they are. */
const SET_ENTERPRISE_ROWS = `INSERT INTO stat_enterprises (region, period, enterprise, attendee_times, attendees, last_completed)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM jsonb_each(jsonb({:rows})) WHERE TRUE
  ON CONFLICT (region, period, enterprise) DO UPDATE SET attendee_times = excluded.attendee_times,
    attendees = excluded.attendees, last_completed = excluded.last_completed`;

const DELETE_ENTERPRISE_ROWS = `DELETE FROM stat_enterprises WHERE (region, period, enterprise) IN
  (SELECT value ->> 0, value ->> 1, value ->> 2 FROM jsonb_each(jsonb({:rows})))`;

const asJson = (rows: readonly EnterpriseRow[]) =>
  JSON.stringify(rows.map((r) => [r.region, r.period, r.enterprise, r.attendeeTimes, r.attendees, r.lastCompletion]));

/**
 * Adds a new completion to its enterprise's summaries, in the transaction that saved it. Exact in any recording
 * order: only "is this person new to the enterprise in this region and period" depends on other completions.
 */
export function applyCompletionEnterprise(tx: PbApp, id: string, f: ListFacts): void {
  const othersText = sqlRowsText(writerDb(tx), SAME_PERSON_SQL, { user: f.user, enterprise: f.enterprise, id });
  const insertRows = () => {
    const others = (JSON.parse(othersText) as Omit<ListFacts, 'user' | 'enterprise'>[]).map((o) => ({
      ...o,
      user: f.user,
      enterprise: f.enterprise,
    }));
    return enterpriseInsertRows(f, others);
  };
  const year = beijingDayOf(f.completedAt).slice(0, 4);
  const shared = sharedInsertRows(`${f.enterprise}|${f.province}|${f.prefecture}|${f.county}|${f.month}|${year}|${othersText}`, () => {
    const rows = insertRows();
    return rows.every((r) => r.lastCompletion === f.completedAt) ? { json: asJson(rows), at: JSON.stringify(f.completedAt) } : null;
  });
  const json = shared ? shared.json.split(shared.at).join(JSON.stringify(f.completedAt)) : asJson(insertRows());
  if (json !== '[]') sqlExec(writerDb(tx), ADD_ENTERPRISE_ROWS, { rows: json });
}

/**
 * A new completion's summary rows, as the upsert's JSON, by what they depend on: the enterprise, the places, the
 * stored month, the Beijing year and the same person's other completions read; the completion's own instant only as
 * the rows' last completion, which is put in on use. In a cohort's burst those repeat for every learner, and making
 * the rows in the JS VM took 0.4 ms while the single writer was held (docs/quiz-load.md). null: the rows hold the
 * instant elsewhere too, and are made each time.
 */
const sharedInsertRows = boundedMemo<{ json: string; at: string } | null>(1000);

/**
 * Stores the rows of `keys` recounted over the enterprise's counted completions as they now are (the caller
 * passes every one of them): after a revocation, reinstatement, deletion or edit.
 */
export function refreshEnterpriseRows(tx: PbApp, enterpriseCompletions: readonly ListFacts[], keys: Iterable<string>): void {
  const rows = enterpriseRowsOfKeys(enterpriseCompletions, keys);
  const kept = rows.filter((r) => r.attendeeTimes > 0);
  const gone = rows.filter((r) => r.attendeeTimes === 0);
  if (kept.length) sqlExec(writerDb(tx), SET_ENTERPRISE_ROWS, { rows: asJson(kept) });
  if (gone.length) sqlExec(writerDb(tx), DELETE_ENTERPRISE_ROWS, { rows: asJson(gone) });
}

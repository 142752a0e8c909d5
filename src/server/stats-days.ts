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
  periodInstants,
} from '../lib/stats/day-firsts.ts';
import { boundedMemo } from '../lib/bounded-memo.ts';
import { sqlExec, sqlRows, sqlRowsText, writerDb, type Db } from './sql.ts';

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
  SELECT value ->> 0, value ->> 1, ${DAY_COLUMNS.map((_, i) => `value ->> ${i + 2}`).join(', ')} FROM jsonb_each(jsonb({:rows})) WHERE TRUE
  ON CONFLICT (region, day) DO UPDATE SET ${DAY_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/** Adds day-row changes (negative ones too) in one statement. */
export function addDayDeltas(tx: PbApp, deltas: readonly DayDelta[]): void {
  if (!deltas.length) return;
  sqlExec(writerDb(tx), UPSERT_DAYS, { rows: dayRowsJson(deltas) });
}

const dayRowsJson = (deltas: readonly DayDelta[]) => JSON.stringify(deltas.map((d) => [d.region, d.day, ...DAY_FIELDS.map((k) => d[k])]));

/**
 * The earliest other counted completions of the person and of the enterprise that decide the new completion's
 * firsts (dayInsertDeltas takes, per region level and period kind, the earliest matching one). The person's
 * ~20 rows of the year come grouped by (region, month), by the (user, course) index. For the enterprise, its
 * earliest other completion in each period kind (year, quarter, month) of the new one, nationally, by one seek
 * on (enterprise, completed_at) each (migration 1764700500). When that completion is in the new one's
 * province, prefecture and county (an enterprise's completions nearly always are), it is also the earliest at
 * every region level; otherwise a second query seeks per level too. Either way the deltas are exactly those
 * from all the enterprise's rows (tests/unit/day-firsts-sql.test.ts). Reading them grouped was a scan of every
 * completion of the enterprise in the year inside the write transaction: 2.7 ms at 3,000 completions of one
 * enterprise, growing with each (docs/quiz-load.md).
 */
export function readEarliest(
  query: (sql: string, params: Record<string, string>) => (EarliestSeen & { who: string })[],
  id: string,
  f: DayFacts,
): { person: EarliestSeen[]; enterprise: EarliestSeen[] } {
  const params = earliestParams(id, f);
  const { person, enterprise, elsewhere } = splitEarliest(query(EARLIEST_SQL, params), f);
  if (elsewhere) for (const r of query(EARLIEST_BY_LEVEL_SQL, params)) if (r.completedAt !== null) enterprise.push(r);
  return { person, enterprise };
}

/** EARLIEST_SQL's rows by whose they are; `elsewhere`: an enterprise first lies outside the new one's places. */
function splitEarliest(rows: (EarliestSeen & { who: string })[], f: DayFacts) {
  const person = rows.filter((r) => r.who === 'p');
  const enterprise = rows.filter((r) => r.who === 'e' && r.completedAt !== null);
  const elsewhere = enterprise.some((r) => r.county !== f.county || r.prefecture !== f.prefecture || r.province !== f.province);
  return { person, enterprise, elsewhere };
}

const earliestOf = (tx: PbApp, id: string, f: DayFacts) =>
  readEarliest((sql, params) => sqlRows<EarliestSeen & { who: string }>(writerDb(tx), sql, params), id, f);

/** EARLIEST_SQL's (and EARLIEST_BY_LEVEL_SQL's) parameters for a new completion `id` with these facts. */
export function earliestParams(id: string, f: DayFacts): Record<string, string> {
  return {
    user: f.user,
    enterprise: f.enterprise,
    id,
    province: f.province,
    prefecture: f.prefecture,
    county: f.county,
    ...dayParams(beijingDayOf(f.completedAt)),
  };
}

/**
 * The parameters that depend only on the Beijing day: its year's months and its periods' bounds. Made once per
 * VM and day: string arithmetic, yet 0.15 ms in the JS VM, inside every completion's write transaction.
 */
const dayParams = (day: string) =>
  periodParams(day, () => {
    const params: Record<string, string> = { first: `${day.slice(0, 4)}-01`, last: `${day.slice(0, 4)}-12` };
    for (const kind of DAY_KINDS) {
      const { from, to } = periodInstants(day, kind);
      params[`from_${kind}`] = from;
      params[`to_${kind}`] = to;
    }
    return params;
  });
const periodParams = boundedMemo<Record<string, string>>(400);

/**
 * The enterprise's earliest other counted completion in one period kind, nationally or in one region level:
 * one seek on (enterprise, completed_at), which SQLite stops at the first row that qualifies (a lone MIN() at
 * the top of a SELECT; inside a subquery it would scan); the other columns are that row's (SQLite's rule for
 * bare columns beside a lone MIN()). No such completion: one row of NULLs.
 */
const enterpriseFirst = (region: string, kind: DayKind) =>
  `SELECT 'e' AS who, province_code AS province, prefecture_code AS prefecture, county_code AS county, MIN(completed_at) AS completedAt
       FROM completions WHERE enterprise = {:enterprise} AND completed_at >= {:from_${kind}} AND completed_at < {:to_${kind}}
         AND revoked = FALSE AND id != {:id}${region ? ` AND ${region}_code = {:${region}}` : ''}`;

/** The person's grouped rows and the enterprise's national firsts (bind with earliestParams). */
export const EARLIEST_SQL = `SELECT 'p' AS who, province_code AS province, prefecture_code AS prefecture, county_code AS county, MIN(completed_at) AS completedAt
       FROM completions WHERE user = {:user} AND id != {:id} AND revoked = FALSE AND month >= {:first} AND month <= {:last}
       GROUP BY province_code, prefecture_code, county_code, month
     UNION ALL
     ${DAY_KINDS.map((kind) => enterpriseFirst('', kind)).join('\n     UNION ALL\n     ')}`;

/** The enterprise's firsts in each region level of the new completion, when its national ones lie elsewhere. */
export const EARLIEST_BY_LEVEL_SQL = ['province', 'prefecture', 'county']
  .flatMap((region) => DAY_KINDS.map((kind) => enterpriseFirst(region, kind)))
  .join('\n     UNION ALL\n     ');

/**
 * Adds a new completion to the day rows: one read of the earliest completions (rarely two) and one upsert, in the transaction that saved it
 * (call right after the counters' applyCompletionFacts). Exact whatever the recording order: a completion
 * dated before the member's current first moves that first (dayInsertDeltas).
 */
export function applyCompletionDays(tx: PbApp, id: string, f: DayFacts, latest = false): void {
  if (latest && applyLatestDays(tx, id, f)) return;
  const earliest = earliestOf(tx, id, f);
  const others = [...earliest.person, ...earliest.enterprise];
  if (!others.every((o) => o.completedAt <= f.completedAt)) {
    addDayDeltas(tx, dayInsertDeltas(f, earliest.person, earliest.enterprise)); // recorded after the fact: rare
    return;
  }
  const key = `${beijingDayOf(f.completedAt)}|${f.province}|${f.prefecture}|${f.county}|${JSON.stringify(earliest)}`;
  const json = liveDayRowsJson(key, () => dayRowsJson(dayInsertDeltas(f, earliest.person, earliest.enterprise)));
  if (json !== '[]') sqlExec(writerDb(tx), UPSERT_DAYS, { rows: json });
}

/**
 * The day-row changes of a completion that is its person's and enterprise's latest, as the upsert's JSON: they
 * then depend on its Beijing day and places and on the earlier completions read (each either is the first of its
 * period and region, or it is not), not on the instant itself nor on who it is. In a cohort's burst those repeat
 * for every learner, and dayInsertDeltas took 0.7 ms in the JS VM while the single writer was held
 * (docs/quiz-load.md), so each VM makes them once per distinct key.
 */
const liveDayRowsJson = boundedMemo<string>(1000);

/**
 * applyCompletionDays for a completion known to be its person's and enterprise's latest (liveCompletionInstant):
 * nothing is later, so the rows depend only on the day, the places and EARLIEST_SQL's answer, and are looked up by
 * that answer's text, unparsed (parsing it and writing the parsed rows back as the key took 0.1-0.15 ms inside the
 * single writer). false when the enterprise's firsts lie elsewhere (the second query decides): the caller then
 * takes the general path.
 */
function applyLatestDays(tx: PbApp, id: string, f: DayFacts): boolean {
  const text = sqlRowsText(writerDb(tx), EARLIEST_SQL, earliestParams(id, f));
  const json = latestDayRowsJson(`${beijingDayOf(f.completedAt)}|${f.province}|${f.prefecture}|${f.county}|${text}`, () => {
    const { person, enterprise, elsewhere } = splitEarliest(JSON.parse(text), f);
    return elsewhere ? null : dayRowsJson(dayInsertDeltas(f, person, enterprise));
  });
  if (json === null) return false;
  if (json !== '[]') sqlExec(writerDb(tx), UPSERT_DAYS, { rows: json });
  return true;
}

/** applyLatestDays' rows by EARLIEST_SQL's text; null: the firsts lie elsewhere (not kept, made each time). */
const latestDayRowsJson = boundedMemo<string | null>(1000);

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

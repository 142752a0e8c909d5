/**
 * Keeps stat_counts exact: applyCompletionFacts runs in the transaction that records a completion, addDeltas
 * applies a revocation's difference; rebuildStats (stats-rebuild.ts) recomputes everything from raw
 * completions with the same definitions (src/lib/stats/keys.ts), for maintenance and migrations.
 */
import {
  counterDeltaRows,
  isNewFrom,
  revocationDeltas,
  type Channel,
  type CompletionFacts,
  type CounterDelta,
  type CounterDeltaRow,
  type EarlierCompletion,
} from '../lib/stats/keys.ts';
import { boundedMemo } from '../lib/bounded-memo.ts';
import { sqlExec, sqlRows, sqlRowsText, writerDb } from './sql.ts';

export function factsOf(r: PbRecord): CompletionFacts {
  return {
    user: r.getString('user'),
    enterprise: r.getString('enterprise'),
    course: r.getString('course'),
    month: r.getString('month'),
    province: r.getString('province_code'),
    prefecture: r.getString('prefecture_code'),
    county: r.getString('county_code'),
    sector: r.getString('sector'),
    channel: r.getString('channel') as Channel,
  };
}

/** An earlier, counted completion of the same enterprise (the new one itself excluded). */
const OTHER_OF_ENTERPRISE = 'enterprise = {:enterprise} AND revoked = FALSE AND id != {:id}';

/**
 * The distinct (month, channel, course) of the person's and the enterprise's other completions: all the
 * membership test needs. A person has a few completions, read directly. An enterprise may have thousands: its
 * distinct triples are walked along idx_completions_enterprise_firsts (migration 1764700100), each step one
 * index seek to the next larger triple (same month and channel, next course; else same month, next channel;
 * else next month), so the cost follows the number of distinct triples, not of completions (0.03 ms instead
 * of 0.9-1.2 ms at 3,000 completions of one enterprise; docs/quiz-load.md).
 */
export const EARLIER_SQL = `SELECT DISTINCT 'person' AS who, month, channel, course FROM completions WHERE user = {:user} AND id != {:id} AND revoked = FALSE
  UNION ALL
  SELECT * FROM (
    WITH RECURSIVE firsts(month, channel, course) AS (
      SELECT * FROM (SELECT month, channel, course FROM completions WHERE ${OTHER_OF_ENTERPRISE} ORDER BY month, channel, course LIMIT 1)
      UNION ALL
      SELECT n.month, n.channel, n.course FROM firsts f JOIN completions n ON n.rowid = COALESCE(
        (SELECT rowid FROM completions WHERE ${OTHER_OF_ENTERPRISE} AND month = f.month AND channel = f.channel AND course > f.course
           ORDER BY course LIMIT 1),
        (SELECT rowid FROM completions WHERE ${OTHER_OF_ENTERPRISE} AND month = f.month AND channel > f.channel
           ORDER BY channel, course LIMIT 1),
        (SELECT rowid FROM completions WHERE ${OTHER_OF_ENTERPRISE} AND month > f.month ORDER BY month, channel, course LIMIT 1))
    )
    SELECT 'enterprise' AS who, month, channel, course FROM firsts
  )`;

function earlierOf(rowsText: string): { person: EarlierCompletion[]; enterprise: EarlierCompletion[] } {
  const rows = JSON.parse(rowsText) as { who: string; month: string; channel: string; course: string }[];
  const of = (who: string) => rows.filter((r) => r.who === who).map((r) => ({ month: r.month, channel: r.channel, course: r.course }));
  return { person: of('person'), enterprise: of('enterprise') };
}

/**
 * A new completion's 64 counter rows, as the JSON the upsert takes, by everything they depend on: the month,
 * places, sector, channel and course, and the earlier completions EARLIER_SQL read (isNewFrom does not look at
 * who the member is). In a cohort's burst those are the same for every learner (each person new, the enterprise
 * already counted), and making the rows in the JS VM took 0.6-0.7 ms while the single writer was held
 * (docs/quiz-load.md), so each VM makes them once per distinct key.
 */
const counterRowsJson = boundedMemo<string>(1000);

/**
 * One statement adds all of a completion's counter deltas (64 rows: 4 periods x 4 region levels x 4
 * dimensions), or a revocation's, passed as one JSON array: row by row, each would be a trip through the JS VM and SQLite's
 * parser while the single writer is held, and 64 rows of placeholders would be slow to parse as well. The array is
 * read as SQLite's binary JSON (jsonb_each(jsonb(…))): with json_each each row's six `->>` parsed that row's text
 * again: 263-367 µs for the 64 rows instead of 161-240 µs through go-sqlite3 (docs/quiz-load.md). The other statements that take rows as one
 * JSON array (day rows, summaries, the video batch) read it the same way.
 */
export const UPSERT_DELTAS = `INSERT INTO stat_counts (period, region, dim, attendee_times, attendees, enterprises)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM jsonb_each(jsonb({:deltas})) WHERE TRUE
  ON CONFLICT (period, region, dim) DO UPDATE SET
    attendee_times = attendee_times + excluded.attendee_times,
    attendees = attendees + excluded.attendees,
    enterprises = enterprises + excluded.enterprises`;

/**
 * Another counted completion of the same person or enterprise at or after `at`: the new one is then not the
 * latest, and may take over someone's "first in the period" (an in-person session recorded after the fact,
 * dated before a colleague's online completion). One seek each on (user, completed_at) and
 * (enterprise, completed_at) (migration 1764700500); a live completion finds nothing.
 */
const LATER_SQL = `SELECT 1 AS later FROM completions WHERE user = {:user} AND completed_at >= {:at} AND id != {:id} AND revoked = FALSE
  UNION ALL
  SELECT 1 FROM completions WHERE enterprise = {:enterprise} AND completed_at >= {:at} AND id != {:id} AND revoked = FALSE
  LIMIT 1`;

/**
 * Adds a completion just inserted by createCompletion to the counters (call inside the transaction that saved
 * it; `latest`: it is known to be its person's and enterprise's latest, as liveCompletionInstant makes a live one).
 * Distinct people and enterprises are counted where their first completion of the period (by completion
 * time, then id, as `recount` orders them) was made. When the new completion is the latest of its person and
 * enterprise, it is first exactly where they had none before; otherwise it may move an existing first (to
 * another region, sector or channel), so the counters change by the difference it makes among the completions
 * sharing its person or enterprise, as for a reinstated one (revocationDeltas).
 */
export function applyCompletionFacts(tx: PbApp, id: string, facts: CompletionFacts, completedAt: string, latest = false): void {
  if (!latest && sqlRows(writerDb(tx), LATER_SQL, { user: facts.user, enterprise: facts.enterprise, at: completedAt, id }).length) {
    const related = tx.findRecordsByFilter(
      'completions',
      '(user = {:user} || enterprise = {:enterprise}) && revoked = false',
      '+completed_at,+id',
      0,
      0,
      { user: facts.user, enterprise: facts.enterprise },
    );
    const target = related.findIndex((r) => r.id === id);
    if (target >= 0) addDeltas(tx, revocationDeltas(related.map(factsOf), target, false));
    return;
  }
  const earlierText = sqlRowsText(writerDb(tx), EARLIER_SQL, { user: facts.user, enterprise: facts.enterprise, id });
  const { month, province, prefecture, county, sector, channel, course } = facts;
  const json = counterRowsJson(`${month}|${province}|${prefecture}|${county}|${sector}|${channel}|${course}|${earlierText}`, () => {
    const earlier = earlierOf(earlierText);
    const isNew = isNewFrom(earlier.person, earlier.enterprise);
    return JSON.stringify(counterDeltaRows(facts, (period, kind) => isNew(period, kind)));
  });
  sqlExec(writerDb(tx), UPSERT_DELTAS, { deltas: json });
}

/** Adds counter deltas (negative ones too) in one statement. */
export function addDeltas(tx: PbApp, deltas: readonly CounterDelta[]): void {
  addDeltaRows(
    tx,
    deltas.map((d) => [d.period, d.region, d.dim, d.attendeeTimes, d.attendees, d.enterprises]),
  );
}

function addDeltaRows(tx: PbApp, rows: readonly CounterDeltaRow[]): void {
  if (!rows.length) return;
  sqlExec(writerDb(tx), UPSERT_DELTAS, { deltas: JSON.stringify(rows) });
}

export { rebuildStats, rebuildStatements } from './stats-rebuild.ts';

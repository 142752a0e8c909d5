/**
 * Keeps stat_counts exact: applyCompletion runs in the transaction that records a completion; rebuildStats
 * recomputes everything from raw completions with the same definitions
 * (src/lib/stats/keys.ts), for maintenance and after a revocation.
 */
import { counterDeltas, isNewFrom, type Channel, type CompletionFacts, type CounterDelta, type EarlierCompletion } from '../lib/stats/keys.ts';

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

/**
 * The distinct (month, channel, course) of the person's and the enterprise's other completions: all the
 * membership test needs. DISTINCT keeps this to a few rows for an enterprise with thousands of completions.
 */
function earlierOf(tx: PbApp, completion: PbRecord): { person: EarlierCompletion[]; enterprise: EarlierCompletion[] } {
  const rows = arrayOf(new DynamicModel({ who: '', month: '', channel: '', course: '' }));
  tx.db()
    .newQuery(
      `SELECT DISTINCT 'person' AS who, month, channel, course FROM completions WHERE user = {:user} AND id != {:id} AND revoked = FALSE
       UNION ALL
       SELECT DISTINCT 'enterprise', month, channel, course FROM completions WHERE enterprise = {:enterprise} AND id != {:id} AND revoked = FALSE`,
    )
    .bind({ user: completion.getString('user'), enterprise: completion.getString('enterprise'), id: completion.id })
    .all(rows);
  const of = (who: string) => rows.filter((r) => r.who === who).map((r) => ({ month: r.month, channel: r.channel, course: r.course }));
  return { person: of('person'), enterprise: of('enterprise') };
}

/**
 * One statement adds all of a completion's counter deltas (64 rows: 4 periods x 4 region levels x 4
 * dimensions), or a revocation's, passed as one JSON array: row by row, each would be a trip through the JS VM and SQLite's
 * parser while the single writer is held, and 64 rows of placeholders would be slow to parse as well.
 */
const UPSERT_DELTAS = `INSERT INTO stat_counts (period, region, dim, attendee_times, attendees, enterprises)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each({:deltas}) WHERE TRUE
  ON CONFLICT (period, region, dim) DO UPDATE SET
    attendee_times = attendee_times + excluded.attendee_times,
    attendees = attendees + excluded.attendees,
    enterprises = enterprises + excluded.enterprises`;

/** Adds one new completion to the counters (call inside the transaction that saved it). */
export function applyCompletion(tx: PbApp, completion: PbRecord): void {
  const facts = factsOf(completion);
  const earlier = earlierOf(tx, completion);
  const isNew = isNewFrom(earlier.person, earlier.enterprise);
  addDeltas(tx, counterDeltas(facts, (period, kind) => isNew(period, kind)));
}

/** Adds counter deltas (negative ones too) in one statement. */
export function addDeltas(tx: PbApp, deltas: readonly CounterDelta[]): void {
  if (!deltas.length) return;
  const rows = deltas.map((d) => [d.period, d.region, d.dim, d.attendeeTimes, d.attendees, d.enterprises]);
  tx.db().newQuery(UPSERT_DELTAS).bind({ deltas: JSON.stringify(rows) }).execute();
}

const PERIOD_SQL: Record<string, string> = {
  month: 'month',
  quarter: "substr(month, 1, 4) || '-Q' || ((CAST(substr(month, 6, 2) AS INTEGER) + 2) / 3)",
  year: 'substr(month, 1, 4)',
  all: "'all'",
};

/** SQL statements that recompute stat_counts from completions. */
export function rebuildStatements(): string[] {
  // The indexes are dropped while millions of rows are inserted, and recreated at the end.
  const statements = ['DELETE FROM stat_counts', 'DROP INDEX IF EXISTS idx_stat_counts_key', 'DROP INDEX IF EXISTS idx_stat_counts_region'];
  for (const expr of Object.values(PERIOD_SQL)) {
    statements.push(
      'DROP TABLE IF EXISTS temp.qa_ranked',
      // Each completion with its period and whether it is the first, in that period, of its person,
      // enterprise, person+channel, enterprise+channel and enterprise+course (ties broken by id).
      `CREATE TEMP TABLE qa_ranked AS
       SELECT period, county_code AS county, sector, course, channel,
         ROW_NUMBER() OVER (PARTITION BY period, user ORDER BY completed_at, id) = 1 AS p1,
         ROW_NUMBER() OVER (PARTITION BY period, enterprise ORDER BY completed_at, id) = 1 AS e1,
         ROW_NUMBER() OVER (PARTITION BY period, user, channel ORDER BY completed_at, id) = 1 AS pc1,
         ROW_NUMBER() OVER (PARTITION BY period, enterprise, channel ORDER BY completed_at, id) = 1 AS ec1,
         ROW_NUMBER() OVER (PARTITION BY period, enterprise, course ORDER BY completed_at, id) = 1 AS eo1
       FROM (SELECT *, ${expr} AS period FROM completions WHERE revoked = FALSE)`,
      'DROP TABLE IF EXISTS temp.qa_county',
      // County level first; every attribution is to exactly one county, so higher levels are sums.
      `CREATE TEMP TABLE qa_county AS
       SELECT period, county, 'total' AS dim, COUNT(*) AS t, SUM(p1) AS a, SUM(e1) AS e FROM qa_ranked GROUP BY period, county
       UNION ALL SELECT period, county, 'sector:' || sector, COUNT(*), SUM(p1), SUM(e1) FROM qa_ranked GROUP BY period, county, sector
       UNION ALL SELECT period, county, 'channel:' || channel, COUNT(*), SUM(pc1), SUM(ec1) FROM qa_ranked GROUP BY period, county, channel
       UNION ALL SELECT period, county, 'course:' || course, COUNT(*), COUNT(*), SUM(eo1) FROM qa_ranked GROUP BY period, county, course`,
      `INSERT INTO stat_counts (period, region, dim, attendee_times, attendees, enterprises)
       SELECT period, county, dim, t, a, e FROM qa_county`,
      // Prefecture, province (the Corps' cities 6590xx belong to 66) and national roll-ups.
      `INSERT INTO stat_counts (period, region, dim, attendee_times, attendees, enterprises)
       SELECT period, substr(county, 1, 4), dim, SUM(t), SUM(a), SUM(e) FROM qa_county GROUP BY period, substr(county, 1, 4), dim`,
      `INSERT INTO stat_counts (period, region, dim, attendee_times, attendees, enterprises)
       SELECT period, CASE WHEN substr(county, 1, 4) = '6590' THEN '66' ELSE substr(county, 1, 2) END AS province, dim, SUM(t), SUM(a), SUM(e)
       FROM qa_county GROUP BY period, province, dim`,
      `INSERT INTO stat_counts (period, region, dim, attendee_times, attendees, enterprises)
       SELECT period, '', dim, SUM(t), SUM(a), SUM(e) FROM qa_county GROUP BY period, dim`,
      'DROP TABLE temp.qa_ranked',
      'DROP TABLE temp.qa_county',
    );
  }
  statements.push(
    'CREATE UNIQUE INDEX idx_stat_counts_key ON stat_counts (period, region, dim)',
    'CREATE INDEX idx_stat_counts_region ON stat_counts (region, dim, period)',
  );
  return statements;
}

export function rebuildStats(app: PbApp): void {
  app.runInTransaction((tx) => {
    // Sorting millions of rows: a worker thread for sorts and a larger page cache;
    // restored afterwards because the connection goes back to the pool.
    const pragma = (sql: string) => tx.db().newQuery(sql).execute();
    pragma('PRAGMA threads = 2');
    pragma('PRAGMA cache_size = -262144');
    try {
      for (const sql of rebuildStatements()) tx.db().newQuery(sql).execute();
    } finally {
      pragma('PRAGMA cache_size = -2000');
      pragma('PRAGMA threads = 0');
    }
  });
}

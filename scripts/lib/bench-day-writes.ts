/**
 * What the per-day firsts and the trained-enterprise summaries add to each completion's transaction, measured on the bench's database in Node's
 * SQLite (the same statements the server runs through its prepared-statement helper): for a sample of
 * completions, each treated as if it were being recorded now, the counters' work (their read of the person's
 * and enterprise's other completions, counterDeltas, the 64-row upsert) and the day rows' (the grouped read,
 * dayInsertDeltas, the upsert of about 4 rows) and the summaries' (the person's
 * other completions at the enterprise, enterpriseInsertRows, the upsert of 6 rows), in one transaction that is rolled back. CPU of this process.
 */
import { DatabaseSync } from 'node:sqlite';
import { counterDeltas, factsOfRow, isNewFrom, type CompletionRow } from '../../src/lib/stats/keys.ts';
import { DAY_FIELDS, dayFactsOfRow, dayInsertDeltas, type EarliestSeen, type StoredDayRow } from '../../src/lib/stats/day-firsts.ts';
import { readEarliest, UPSERT_DAYS } from '../../src/server/stats-days.ts';
import { enterpriseInsertRows, listFactsOfRow, type ListFacts, type StoredListRow } from '../../src/lib/stats/enterprise-periods.ts';
import { ADD_ENTERPRISE_ROWS, SAME_PERSON_SQL } from '../../src/server/stats-enterprises.ts';
import { EARLIER_SQL, UPSERT_DELTAS } from '../../src/server/stats-aggregates.ts';

const named = (sql: string) => sql.replace(/\{:(\w+)\}/g, ':$1');
/** The counters' statements as src/server/stats-aggregates.ts runs them (earlierOf, the upsert). */
const COUNTERS_READ = named(EARLIER_SQL);
const COUNTERS_UPSERT = named(UPSERT_DELTAS);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

export function timeCompletionWrites(dbPath: string, sample = 500) {
  const db = new DatabaseSync(dbPath);
  // Every n-th counted completion, and as many of the largest enterprise's (the costliest group read).
  const total = (db.prepare('SELECT MAX(rowid) AS n FROM completions').get() as { n: number }).n;
  const every = Math.max(1, Math.floor(total / sample));
  const picked = db
    .prepare(
      `SELECT id, user, enterprise, course, channel, month, province_code, prefecture_code, county_code, sector, completed_at FROM completions
       WHERE rowid % ${every} = 0 AND revoked = FALSE LIMIT ${sample}`,
    )
    .all() as Record<string, string>[];
  const largest = (
    db.prepare('SELECT enterprise FROM completions GROUP BY enterprise ORDER BY COUNT(*) DESC LIMIT 1').get() as { enterprise: string }
  ).enterprise;
  const inLargest = db
    .prepare(
      `SELECT id, user, enterprise, course, channel, month, province_code, prefecture_code, county_code, sector, completed_at FROM completions
       WHERE enterprise = ? AND revoked = FALSE LIMIT 50`,
    )
    .all(largest) as Record<string, string>[];
  const countersRead = db.prepare(COUNTERS_READ);
  const countersUpsert = db.prepare(COUNTERS_UPSERT);
  // the server's reads of the earliest completions (readEarliest), each statement prepared once; like the
  // server's (qasql.go) they ignore the parameters they do not use
  const daysStatements = new Map<string, ReturnType<typeof db.prepare>>();
  const daysRead = (sql: string) => {
    let statement = daysStatements.get(sql);
    if (!statement) {
      statement = db.prepare(named(sql));
      statement.setAllowUnknownNamedParameters(true);
      daysStatements.set(sql, statement);
    }
    return statement;
  };
  const daysUpsert = db.prepare(named(UPSERT_DAYS));
  const listRead = db.prepare(named(SAME_PERSON_SQL));
  const listUpsert = db.prepare(named(ADD_ENTERPRISE_ROWS));

  const measure = (rows: Record<string, string>[]) => {
    let counters = 0;
    let days = 0;
    let listed = 0;
    db.exec('BEGIN');
    try {
      for (const c of rows) {
        let t = process.cpuUsage();
        const earlier = countersRead.all({ user: c.user, enterprise: c.enterprise, id: c.id }) as Record<string, string>[];
        const of = (who: string) =>
          earlier.filter((r) => r.who === who).map((r) => ({ month: r.month, channel: r.channel, course: r.course }));
        const isNew = isNewFrom(of('person'), of('enterprise'));
        const facts = factsOfRow(c as unknown as CompletionRow);
        const deltas = counterDeltas(facts, (p, k) => isNew(p, k)).map((d) => [
          d.period,
          d.region,
          d.dim,
          d.attendeeTimes,
          d.attendees,
          d.enterprises,
        ]);
        countersUpsert.run({ deltas: JSON.stringify(deltas) });
        counters += cpuMs(t);

        t = process.cpuUsage();
        const dayFacts = dayFactsOfRow(c as unknown as StoredDayRow);
        const seen = readEarliest(
          (sql, params) => daysRead(sql).all(params) as unknown as (EarliestSeen & { who: string })[],
          c.id,
          dayFacts,
        );
        const dayDeltas = dayInsertDeltas(dayFacts, seen.person, seen.enterprise);
        daysUpsert.run({ rows: JSON.stringify(dayDeltas.map((d) => [d.region, d.day, ...DAY_FIELDS.map((k) => d[k])])) });
        days += cpuMs(t);

        t = process.cpuUsage();
        const f = listFactsOfRow(c as unknown as StoredListRow);
        const others = (listRead.all({ user: c.user, enterprise: c.enterprise, id: c.id }) as unknown as ListFacts[]).map((o) => ({
          ...o,
          user: f.user,
          enterprise: f.enterprise,
        }));
        const rows = enterpriseInsertRows(f, others);
        listUpsert.run({
          rows: JSON.stringify(rows.map((r) => [r.region, r.period, r.enterprise, r.attendeeTimes, r.attendees, r.lastCompletion])),
        });
        listed += cpuMs(t);
      }
    } finally {
      db.exec('ROLLBACK');
    }
    return { counters: (counters * 1000) / rows.length, days: (days * 1000) / rows.length, listed: (listed * 1000) / rows.length };
  };
  measure(picked.slice(0, 50)); // warm the page cache
  const spread = measure(picked);
  const large = measure(inLargest);
  db.close();
  console.log(
    `Per completion, in Node's SQLite (CPU; ${picked.length} completions spread over the data, then ${inLargest.length} of the largest enterprise):` +
      `\n  counters (read, counterDeltas, 64-row upsert): ${spread.counters.toFixed(0)} µs, largest enterprise ${large.counters.toFixed(0)} µs` +
      `\n  day rows (grouped read, dayInsertDeltas, ~4-row upsert): ${spread.days.toFixed(0)} µs, largest enterprise ${large.days.toFixed(0)} µs` +
      `\n  enterprise summaries (the person's completions there, enterpriseInsertRows, 6-row upsert): ${spread.listed.toFixed(0)} µs, largest enterprise ${large.listed.toFixed(0)} µs`,
  );
  return {
    write_counters_us: Math.round(spread.counters),
    write_days_us: Math.round(spread.days),
    write_counters_largest_us: Math.round(large.counters),
    write_days_largest_us: Math.round(large.days),
    write_enterprises_us: Math.round(spread.listed),
    write_enterprises_largest_us: Math.round(large.listed),
  };
}

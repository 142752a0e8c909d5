/**
 * Recomputes stat_counts from raw completions (maintenance, and the migration that moved periods to Beijing
 * time). The definitions are those of src/lib/stats/keys.ts (`recount` is the reference; the recount
 * integration test and `npm run bench:stats -- --rebuild` compare the two), expressed so that SQLite does a
 * fixed number of passes over the completions whatever their number:
 *
 * 1. Three sorts of the completions (by person, by enterprise, by enterprise and course, each in completion
 *    order) give every completion the month of the previous completion of the same person, of the same
 *    person on the same channel, of the same enterprise (and channel), and of the same enterprise in the same
 *    course. Periods are contiguous runs of months, so a completion is a person's first in a period exactly
 *    when the previous one lies in an earlier period: one sort answers month, quarter, year and "all" at once
 *    (the previous version sorted twenty times and kept each period's ranking in its own temporary table).
 * 2. Three GROUP BYs fold completions to (month, county, sector | channel | course) with, for each period
 *    kind, how many were firsts; coarser periods and higher regions are sums of these, because every
 *    completion is attributed to exactly one county and one month.
 * 3. Rows are appended with sequential ids (random ids would scatter millions of inserts across the
 *    primary-key tree); the two indexes are rebuilt once at the end.
 */
import { monthOfSql } from '../lib/stats/keys.ts';
import { provinceOfCodeSql } from '../lib/xpcc.ts';

/**
 * Re-derives the stored reporting month of every completion from its instant (Beijing time, monthOf); only
 * rows whose month changes are written. Returns how many changed. Follow with rebuildStats.
 */
export function rederiveMonths(app: PbApp): number {
  const month = monthOfSql('completed_at');
  const result = app.db().newQuery(`UPDATE completions SET month = ${month} WHERE completed_at != '' AND month IS NOT ${month}`).execute();
  return Number(result.rowsAffected());
}

/** Period kinds as divisors of a month index (year * 12 + month - 1); "all" has no divisor. */
const KINDS = [
  { suffix: 'm', divisor: 1 },
  { suffix: 'q', divisor: 3 },
  { suffix: 'y', divisor: 12 },
  { suffix: 'a', divisor: 0 },
] as const;

/** The period key of month index `mi` for a kind: "2026-03", "2026-Q1", "2026", "all". */
function periodKeySql(kind: (typeof KINDS)[number], mi = 'mi'): string {
  const year = `(${mi} / 12)`;
  if (kind.suffix === 'm') return `printf('%04d-%02d', ${year}, ${mi} % 12 + 1)`;
  if (kind.suffix === 'q') return `printf('%04d-Q%d', ${year}, (${mi} % 12) / 3 + 1)`;
  if (kind.suffix === 'y') return `printf('%04d', ${year})`;
  return "'all'";
}

/** 1 when the completion is the first of its member in the period kind, given the previous one's month index. */
function isFirstSql(previous: string, kind: (typeof KINDS)[number]): string {
  if (kind.divisor === 0) return `(${previous} IS NULL)`;
  if (kind.divisor === 1) return `(${previous} IS NULL OR ${previous} < mi)`;
  return `(${previous} IS NULL OR ${previous} / ${kind.divisor} < mi / ${kind.divisor})`;
}

const sums = (previous: string, name: string) => KINDS.map((k) => `SUM(${isFirstSql(previous, k)}) AS ${name}_${k.suffix}`).join(', ');

/** SQL statements that recompute stat_counts from completions (run them in one transaction). */
export function rebuildStatements(): string[] {
  const s: string[] = [
    'DELETE FROM stat_counts',
    'DROP INDEX IF EXISTS idx_stat_counts_key',
    'DROP INDEX IF EXISTS idx_stat_counts_region',
    'DROP TABLE IF EXISTS temp.qa_r',
    // Every counted completion with its month index and the month index of the previous completion of the
    // same person (pp), person on the same channel (pc), enterprise (ep), enterprise on the same channel (ec)
    // and enterprise in the same course (eo), in completion order (time, then id, like revocations).
    `CREATE TEMP TABLE qa_r AS
     SELECT mi, county, sector, course, channel,
       LAG(mi) OVER person AS pp,
       CASE WHEN channel = 'online' THEN MAX(CASE WHEN channel = 'online' THEN mi END) OVER person_before
            ELSE MAX(CASE WHEN channel <> 'online' THEN mi END) OVER person_before END AS pc,
       LAG(mi) OVER firm AS ep,
       CASE WHEN channel = 'online' THEN MAX(CASE WHEN channel = 'online' THEN mi END) OVER firm_before
            ELSE MAX(CASE WHEN channel <> 'online' THEN mi END) OVER firm_before END AS ec,
       LAG(mi) OVER firm_course AS eo
     FROM (SELECT id, completed_at, user, enterprise, course, channel, county_code AS county, sector,
             CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) - 1 AS mi
           FROM completions WHERE revoked = FALSE)
     WINDOW person AS (PARTITION BY user ORDER BY completed_at, id),
            person_before AS (person ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
            firm AS (PARTITION BY enterprise ORDER BY completed_at, id),
            firm_before AS (firm ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
            firm_course AS (PARTITION BY enterprise, course ORDER BY completed_at, id)`,
    // Month-level folds by county and one dimension, with firsts counted for every period kind.
    'DROP TABLE IF EXISTS temp.qa_sector',
    `CREATE TEMP TABLE qa_sector AS SELECT mi, county, sector AS v, COUNT(*) AS t, ${sums('pp', 'a')}, ${sums('ep', 'e')}
     FROM qa_r GROUP BY mi, county, sector`,
    'DROP TABLE IF EXISTS temp.qa_channel',
    `CREATE TEMP TABLE qa_channel AS SELECT mi, county, channel AS v, COUNT(*) AS t, ${sums('pc', 'a')}, ${sums('ec', 'e')}
     FROM qa_r GROUP BY mi, county, channel`,
    'DROP TABLE IF EXISTS temp.qa_course',
    `CREATE TEMP TABLE qa_course AS SELECT mi, county, course AS v, COUNT(*) AS t, ${KINDS.map((k) => `COUNT(*) AS a_${k.suffix}`).join(', ')}, ${sums('eo', 'e')}
     FROM qa_r GROUP BY mi, county, course`,
    'DROP TABLE temp.qa_r',
    'DROP TABLE IF EXISTS temp.qa_county',
    'CREATE TEMP TABLE qa_county (period TEXT, county TEXT, dim TEXT, t INTEGER, a INTEGER, e INTEGER)',
  ];
  // County level for every period kind: sector, channel and course rows, and totals (the sum of the sectors:
  // each completion has exactly one sector, and a person's first completion in a period fixes both).
  for (const kind of KINDS) {
    const group = kind.divisor === 0 ? '' : kind.divisor === 1 ? 'mi, ' : `mi / ${kind.divisor}, `;
    const period = periodKeySql(kind, kind.divisor === 0 ? '0' : 'MIN(mi)');
    for (const [table, prefix] of [
      ['qa_sector', 'sector:'],
      ['qa_channel', 'channel:'],
      ['qa_course', 'course:'],
    ]) {
      s.push(`INSERT INTO temp.qa_county SELECT ${period}, county, '${prefix}' || v, SUM(t), SUM(a_${kind.suffix}), SUM(e_${kind.suffix})
              FROM temp.${table} GROUP BY ${group}county, v`);
    }
    s.push(`INSERT INTO temp.qa_county SELECT ${period}, county, 'total', SUM(t), SUM(a_${kind.suffix}), SUM(e_${kind.suffix})
            FROM temp.qa_sector GROUP BY ${group}county`);
  }
  s.push('DROP TABLE temp.qa_sector', 'DROP TABLE temp.qa_channel', 'DROP TABLE temp.qa_course');
  // County rows as they are; each higher level is the sum of the level below (a person or an enterprise is
  // attributed to exactly one county per period, so the counts add up): prefectures from counties, province-level
  // units from prefectures (the Corps' 6590 belongs to 66), the nation from those. Each roll-up sorts the rows
  // of the level below it, not every county row again.
  const insert = (level: number, select: string) =>
    // 15-character PocketBase ids: "c", the level, then a sequence number.
    `INSERT INTO stat_counts (id, period, region, dim, attendee_times, attendees, enterprises)
     SELECT printf('c%d%013d', ${level}, ROW_NUMBER() OVER ()), * FROM (${select})`;
  s.push(
    insert(0, 'SELECT period, county, dim, t, a, e FROM temp.qa_county'),
    'DROP TABLE IF EXISTS temp.qa_prefecture',
    'CREATE TEMP TABLE qa_prefecture AS SELECT period, substr(county, 1, 4) AS r, dim, SUM(t) AS t, SUM(a) AS a, SUM(e) AS e FROM temp.qa_county GROUP BY period, r, dim',
    'DROP TABLE temp.qa_county',
    insert(1, 'SELECT period, r, dim, t, a, e FROM temp.qa_prefecture'),
    'DROP TABLE IF EXISTS temp.qa_province',
    `CREATE TEMP TABLE qa_province AS SELECT period, ${provinceOfCodeSql('r')} AS p, dim, SUM(t) AS t, SUM(a) AS a, SUM(e) AS e FROM temp.qa_prefecture GROUP BY period, p, dim`,
    'DROP TABLE temp.qa_prefecture',
    insert(2, 'SELECT period, p, dim, t, a, e FROM temp.qa_province'),
    insert(3, "SELECT period, '', dim, SUM(t), SUM(a), SUM(e) FROM temp.qa_province GROUP BY period, dim"),
    'DROP TABLE temp.qa_province',
  );
  s.push(
    'CREATE UNIQUE INDEX idx_stat_counts_key ON stat_counts (period, region, dim)',
    'CREATE INDEX idx_stat_counts_region ON stat_counts (region, dim, period)',
  );
  return s;
}

/**
 * Recomputes every counter in one transaction (the single writer is held while it runs).
 *
 * Memory stays bounded: PocketBase keeps temporary tables in memory (temp_store = MEMORY), which at national
 * scale would mean gigabytes of sorted copies of the completions; for the rebuild the writer's connection puts
 * them in temporary files behind a 256 MB page cache (no slower: measured 13.6 s against 14.7 s of CPU for
 * 100,000 completions in Node's SQLite). The setting can only change outside a transaction, so inside a
 * migration (already one transaction) the rebuild runs with PocketBase's setting.
 */
export function rebuildStats(app: PbApp): void {
  const writer = app.nonconcurrentDB();
  const tempStore = (mode: 'FILE' | 'MEMORY') => {
    try {
      writer.newQuery(`PRAGMA temp_store = ${mode}`).execute();
      return true;
    } catch {
      return false; // inside a transaction
    }
  };
  const onDisk = tempStore('FILE');
  try {
    app.runInTransaction((tx) => {
      // Sorting millions of rows: a worker thread for sorts and a larger page cache; restored afterwards
      // (PocketBase's own values) because the connection goes back to the pool.
      const pragma = (sql: string) => tx.db().newQuery(sql).execute();
      pragma('PRAGMA threads = 2');
      pragma('PRAGMA cache_size = -262144');
      try {
        for (const sql of rebuildStatements()) tx.db().newQuery(sql).execute();
      } finally {
        pragma('PRAGMA cache_size = -32000');
        pragma('PRAGMA threads = 0');
      }
    });
  } finally {
    if (onDisk) tempStore('MEMORY');
  }
}

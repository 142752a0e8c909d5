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
import { DAY_COLUMNS } from '../lib/stats/day-firsts.ts';
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

/**
 * Connection settings for the rebuild: a worker thread for sorts and a larger page cache (the sorter keeps up
 * to the cache size in memory before spilling to temporary files).
 */
export const REBUILD_PRAGMAS = ['PRAGMA threads = 2', 'PRAGMA cache_size = -262144'];

const sums = (previous: string, name: string) => KINDS.map((k) => `SUM(${isFirstSql(previous, k)}) AS ${name}_${k.suffix}`).join(', ');
const total = (name: string) => KINDS.map((k) => `SUM(${name}_${k.suffix})`).join(', ');

/** Region levels of the month-level tables: county, prefecture, province-level unit, nation. */
const LEVELS = [0, 1, 2, 3] as const;

/**
 * Per-day firsts (stat_days; definitions and reference recount in src/lib/stats/day-firsts.ts). The member of a
 * region's rows is (person, region) and (enterprise, region), so unlike the counters they are not sums of the
 * counties' rows. They ride on the counters' sorts instead of sorting again per level:
 * - nationally, a completion is a first of its year, quarter or month when the previous completion of the same
 *   person (enterprise) lies in an earlier one: the counters' pp and ep, folded by day;
 * - a person (enterprise) whose counted completions all lie in one county (almost everyone) has the same firsts
 *   in their county, prefecture and province-level unit as nationally: folded by (county, day) and summed up
 *   (a county code determines its prefecture and province-level unit, the Corps' 6590xx in 66, as for the counters);
 * - the others (MIN and MAX of the county over the same sort tell them apart; people who changed employer,
 *   enterprises that moved) get their own previous completion per region level from one small sort per level.
 * Every step reads each counted completion a fixed number of times: linear.
 */
const DAY_KINDS_SQL = KINDS.filter((k) => k.suffix !== 'a');
const DAY_TEMP_TABLES = ['qa_d0', 'qa_dm', 'qa_dx'];
/** Extra columns of the counters' window pass (qa_r) for the day rows (a county code determines its prefecture and
 * province-level unit, as for the counters' roll-ups). */
const DAY_COLUMNS_OF_R = `day, rowid AS rk,
       CASE WHEN MIN(county) OVER person_all IS NOT MAX(county) OVER person_all THEN user END AS mu,
       CASE WHEN MIN(county) OVER firm_all IS NOT MAX(county) OVER firm_all THEN enterprise END AS me`;
const DAY_COLUMN_LIST = DAY_COLUMNS.join(', ');
/** A county's codes at each region level above it. */
const LEVEL_OF_COUNTY = { province: provinceOfCodeSql('county'), prefecture: 'substr(county, 1, 4)', county: 'county' };
/** The same, of a county code in a column named region. */
const LEVEL_OF_COUNTY_REGION = { province: provinceOfCodeSql('region'), prefecture: 'substr(region, 1, 4)' };

function dayStatements(): string[] {
  const flags = (previous: string, name: string, only = 'TRUE') =>
    DAY_KINDS_SQL.map((k) => `SUM(${only} AND ${isFirstSql(previous, k)}) AS ${name}_${k.suffix}`).join(', ');
  // y, q, m: the stored column order (year, quarter, month)
  const cols = (name: string) => ['y', 'q', 'm'].map((k) => `${name}_${k}`).join(', ');
  const as = (name: string, alias: string) => ['y', 'q', 'm'].map((k) => `${name}_${k} AS ${alias}_${k}`).join(', ');
  const s = [
    // Completions and firsts by (county, day): national flags for everyone (n, f), one-region members only (p, e).
    `CREATE TEMP TABLE qa_d0 AS SELECT county, day, COUNT(*) AS t,
       ${flags('pp', 'n')}, ${flags('ep', 'f')}, ${flags('pp', 'p', 'mu IS NULL')}, ${flags('ep', 'e', 'me IS NULL')}
     FROM temp.qa_r GROUP BY county, day`,
    // The completions of members with more than one region, each once per kind of member.
    `CREATE TEMP TABLE qa_dm AS SELECT 'p' AS who, mu AS member, rk, mi, day, county FROM temp.qa_r WHERE mu IS NOT NULL
     UNION ALL SELECT 'e', me, rk, mi, day, county FROM temp.qa_r WHERE me IS NOT NULL`,
    'CREATE TEMP TABLE qa_dx (region TEXT, day TEXT, p_y INTEGER, p_q INTEGER, p_m INTEGER, e_y INTEGER, e_q INTEGER, e_m INTEGER)',
  ];
  for (const region of Object.values(LEVEL_OF_COUNTY)) {
    s.push(
      `INSERT INTO temp.qa_dx (region, day, ${DAY_KINDS_SQL.map((k) => `p_${k.suffix}`).join(', ')}, ${DAY_KINDS_SQL.map((k) => `e_${k.suffix}`).join(', ')})
       SELECT r, day, ${flags('prev', 'p', "who = 'p'")}, ${flags('prev', 'e', "who = 'e'")}
       FROM (SELECT who, ${region} AS r, day, mi, LAG(mi) OVER (PARTITION BY who, member, ${region} ORDER BY rk) AS prev FROM temp.qa_dm)
       GROUP BY r, day`,
    );
  }
  s.push(
    'DELETE FROM stat_days',
    `INSERT INTO stat_days (region, day, ${DAY_COLUMN_LIST})
     SELECT region, day, SUM(t), SUM(p_y), SUM(p_q), SUM(p_m), SUM(e_y), SUM(e_q), SUM(e_m) FROM (
       SELECT '' AS region, day, t, ${as('n', 'p')}, ${as('f', 'e')} FROM temp.qa_d0
       UNION ALL SELECT ${LEVEL_OF_COUNTY.province}, day, t, ${cols('p')}, ${cols('e')} FROM temp.qa_d0
       UNION ALL SELECT ${LEVEL_OF_COUNTY.prefecture}, day, t, ${cols('p')}, ${cols('e')} FROM temp.qa_d0
       UNION ALL SELECT county, day, t, ${cols('p')}, ${cols('e')} FROM temp.qa_d0
       UNION ALL SELECT region, day, 0, ${cols('p')}, ${cols('e')} FROM temp.qa_dx)
     GROUP BY region, day`,
    ...DAY_TEMP_TABLES.map((t) => `DROP TABLE temp.${t}`),
  );
  return s;
}

/**
 * The trained-enterprise summaries (stat_enterprises; definitions and reference recount in
 * src/lib/stats/enterprise-periods.ts): rows per (region, period, enterprise) at the county, prefecture and
 * province-level unit, for each year and "all".
 * 1. One grouping of the counted completions by (enterprise, county, year, person), kept in that order: the year
 *    is '' when the stored month and the Beijing instant disagree on it (such a completion counts only in "all").
 * 2. County rows stream out of that order: a year's people are its rows, "all" counts distinct people.
 * 3. An enterprise whose completions all lie in one county (almost every one) has the same rows in its
 *    prefecture and province-level unit (a county code determines both, the Corps' 6590xx in 66, as for the
 *    counters); the few others (enterprises that moved) are grouped again per level.
 * 4. Rows are written in key order, the sort index built once.
 * Linear: a fixed number of passes over the completions and over the summaries.
 */
const ENTERPRISE_TEMP_TABLES = ['qa_e1', 'qa_ec', 'qa_em'];

export function enterpriseStatements(): string[] {
  const year = "strftime('%Y', completed_at, '+8 hours')";
  const relabel = (region: string) =>
    `SELECT ${region}, period, enterprise, t, a, last FROM temp.qa_ec WHERE enterprise NOT IN (SELECT enterprise FROM temp.qa_em)`;
  const regroup = (region: string) =>
    `SELECT r, y, enterprise, SUM(n), COUNT(*), MAX(last) FROM (
       SELECT ${region} AS r, y, enterprise, user, SUM(n) AS n, MAX(last) AS last FROM temp.qa_e1
       WHERE y <> '' AND enterprise IN (SELECT enterprise FROM temp.qa_em) GROUP BY r, y, enterprise, user)
     GROUP BY r, y, enterprise
     UNION ALL SELECT ${region} AS r, 'all', enterprise, SUM(n), COUNT(DISTINCT user), MAX(last) FROM temp.qa_e1
       WHERE enterprise IN (SELECT enterprise FROM temp.qa_em) GROUP BY r, enterprise`;
  return [
    ...ENTERPRISE_TEMP_TABLES.map((t) => `DROP TABLE IF EXISTS temp.${t}`),
    `CREATE TEMP TABLE qa_e1 (enterprise TEXT NOT NULL, county TEXT NOT NULL, y TEXT NOT NULL, user TEXT NOT NULL, n INTEGER, last TEXT,
       PRIMARY KEY (enterprise, county, y, user)) WITHOUT ROWID`,
    `INSERT INTO temp.qa_e1 SELECT COALESCE(enterprise, ''), COALESCE(county_code, ''),
       CASE WHEN month >= ${year} || '-01' AND month <= ${year} || '-12' THEN ${year} ELSE '' END AS y, COALESCE(user, ''),
       COUNT(*), MAX(completed_at)
     FROM completions WHERE revoked = FALSE GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    `CREATE TEMP TABLE qa_ec AS
       SELECT county AS region, y AS period, enterprise, SUM(n) AS t, COUNT(*) AS a, MAX(last) AS last FROM temp.qa_e1
       WHERE y <> '' GROUP BY enterprise, county, y
     UNION ALL
       SELECT county, 'all', enterprise, SUM(n), COUNT(DISTINCT user), MAX(last) FROM temp.qa_e1 GROUP BY enterprise, county`,
    'CREATE TEMP TABLE qa_em AS SELECT enterprise FROM temp.qa_e1 GROUP BY enterprise HAVING MIN(county) <> MAX(county)',
    'DELETE FROM stat_enterprises',
    'DROP INDEX IF EXISTS idx_stat_enterprises_times',
    `INSERT INTO stat_enterprises (region, period, enterprise, attendee_times, attendees, last_completed)
     SELECT * FROM (
       SELECT region, period, enterprise, t, a, last FROM temp.qa_ec
       UNION ALL ${relabel(LEVEL_OF_COUNTY_REGION.prefecture)}
       UNION ALL ${relabel(LEVEL_OF_COUNTY_REGION.province)}
       UNION ALL ${regroup(LEVEL_OF_COUNTY.prefecture)}
       UNION ALL ${regroup(LEVEL_OF_COUNTY.province)}
     ) WHERE region <> '' ORDER BY 1, 2, 3`,
    ENTERPRISE_TIMES_INDEX,
    ...ENTERPRISE_TEMP_TABLES.map((t) => `DROP TABLE temp.${t}`),
  ];
}

/** The list's sort index (also in migration 1764800000): a region's year by completions is one range in order. */
export const ENTERPRISE_TIMES_INDEX =
  'CREATE INDEX idx_stat_enterprises_times ON stat_enterprises (region, period, attendee_times DESC, enterprise)';

/**
 * SQL statements that recompute stat_counts, the per-day firsts (stat_days) unless `days` is false (before
 * migration 1764700200 creates that table) and the trained-enterprise summaries (stat_enterprises) unless
 * `enterprises` is false (before migration 1764800000), from completions (run them in one transaction).
 */
export function rebuildStatements({ days = true, enterprises = days }: { days?: boolean; enterprises?: boolean } = {}): string[] {
  const monthTable = (level: number) =>
    // Keyed so that every coarser period is a prefix of the key: quarter, year and "all" are streaming
    // aggregates over this order, with no sort (y and q are the year and quarter indexes of mi).
    `CREATE TEMP TABLE qa_m${level} (region TEXT, dim TEXT, y INTEGER, q INTEGER, mi INTEGER, t INTEGER,
       a_m INTEGER, a_q INTEGER, a_y INTEGER, a_a INTEGER, e_m INTEGER, e_q INTEGER, e_y INTEGER, e_a INTEGER,
       PRIMARY KEY (region, dim, y, q, mi)) WITHOUT ROWID`;
  const s: string[] = [
    'DELETE FROM stat_counts',
    'DROP INDEX IF EXISTS idx_stat_counts_key',
    'DROP INDEX IF EXISTS idx_stat_counts_region',
    ...['qa_o', 'qa_r', 'qa_sc', 'qa_out', ...LEVELS.map((l) => `qa_m${l}`), ...DAY_TEMP_TABLES].map(
      (t) => `DROP TABLE IF EXISTS temp.${t}`,
    ),
    // 1. Every counted completion, narrow, in completion order (time, then id, like revocations): the
    // completed_at index gives the order, only completions at the same millisecond are sorted; the rowid is
    // the completion's rank, so the window sorts below compare integers instead of two texts.
    `CREATE TEMP TABLE qa_o AS
     SELECT user, enterprise, course, channel, county_code AS county, sector,
       CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) - 1 AS mi${days ? ", date(completed_at, '+8 hours') AS day" : ''}
     FROM completions WHERE revoked = FALSE ORDER BY completed_at, id`,
    // 2. The month index of the previous completion of the same person (pp), person on the same channel (pc),
    // enterprise (ep), enterprise on the same channel (ec) and enterprise in the same course (eo).
    `CREATE TEMP TABLE qa_r AS
     SELECT mi, county, sector, course, channel,
       LAG(mi) OVER person AS pp,
       CASE WHEN channel = 'online' THEN MAX(CASE WHEN channel = 'online' THEN mi END) OVER person_before
            ELSE MAX(CASE WHEN channel <> 'online' THEN mi END) OVER person_before END AS pc,
       LAG(mi) OVER firm AS ep,
       CASE WHEN channel = 'online' THEN MAX(CASE WHEN channel = 'online' THEN mi END) OVER firm_before
            ELSE MAX(CASE WHEN channel <> 'online' THEN mi END) OVER firm_before END AS ec,
       LAG(mi) OVER firm_course AS eo${
         days
           ? `,
       ${DAY_COLUMNS_OF_R}`
           : ''
       }
     FROM temp.qa_o
     WINDOW person AS (PARTITION BY user ORDER BY rowid),
            person_before AS (person ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
            firm AS (PARTITION BY enterprise ORDER BY rowid),
            firm_before AS (firm ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
            firm_course AS (PARTITION BY enterprise, course ORDER BY rowid)${
              days
                ? `,
            person_all AS (person ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
            firm_all AS (firm ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`
                : ''
            }`,
    'DROP TABLE temp.qa_o',
    ...(days ? dayStatements() : []),
    // 3. One fold by (county, sector, channel, month) serves the sector, channel and total rows (each is a sum
    // of it: a completion has one sector and one channel); courses need their own.
    `CREATE TEMP TABLE qa_sc AS SELECT county, sector, channel, mi, COUNT(*) AS t, ${sums('pp', 'a')}, ${sums('ep', 'e')},
       ${sums('pc', 'c')}, ${sums('ec', 'f')}
     FROM temp.qa_r GROUP BY county, sector, channel, mi`,
    ...LEVELS.map(monthTable),
    `INSERT INTO temp.qa_m0 SELECT county, 'course:' || course, mi / 12, mi / 3, mi, COUNT(*), ${KINDS.map(() => 'COUNT(*)').join(', ')}, ${sums('eo', 'e')}
     FROM temp.qa_r GROUP BY county, course, mi`,
    'DROP TABLE temp.qa_r',
    `INSERT INTO temp.qa_m0 SELECT county, 'sector:' || sector, mi / 12, mi / 3, mi, SUM(t), ${total('a')}, ${total('e')}
     FROM temp.qa_sc GROUP BY county, sector, mi`,
    `INSERT INTO temp.qa_m0 SELECT county, 'channel:' || channel, mi / 12, mi / 3, mi, SUM(t), ${total('c')}, ${total('f')}
     FROM temp.qa_sc GROUP BY county, channel, mi`,
    `INSERT INTO temp.qa_m0 SELECT county, 'total', mi / 12, mi / 3, mi, SUM(t), ${total('a')}, ${total('e')}
     FROM temp.qa_sc GROUP BY county, mi`,
    'DROP TABLE temp.qa_sc',
  ];
  // 4. Each higher level is the sum of the level below, month by month (a person or an enterprise is
  // attributed to exactly one county per completion, so the counts add up): prefectures from counties,
  // province-level units from prefectures (the Corps' 6590 belongs to 66), the nation from those.
  const columns = `SUM(t), ${total('a')}, ${total('e')}`;
  const parent = ['', 'substr(region, 1, 4)', provinceOfCodeSql('region'), "''"];
  for (const level of [1, 2, 3]) {
    s.push(
      `INSERT INTO temp.qa_m${level} SELECT ${parent[level]} AS r, dim, y, q, mi, ${columns}
       FROM temp.qa_m${level - 1} GROUP BY r, dim, y, q, mi`,
    );
  }
  // 5. Counters of every period kind from the month-level rows (quarter, year and all are prefixes of the
  // key: one pass each, no sort), staged so that they are written with sequential ids (random ids would
  // scatter millions of inserts across the primary-key tree).
  s.push('CREATE TEMP TABLE qa_out (period TEXT, region TEXT, dim TEXT, t INTEGER, a INTEGER, e INTEGER)');
  for (const level of LEVELS) {
    for (const kind of KINDS) {
      const m = `temp.qa_m${level}`;
      if (kind.suffix === 'm') {
        s.push(`INSERT INTO temp.qa_out SELECT ${periodKeySql(kind)}, region, dim, t, a_m, e_m FROM ${m}`);
        continue;
      }
      const group = kind.suffix === 'q' ? ', y, q' : kind.suffix === 'y' ? ', y' : '';
      s.push(
        `INSERT INTO temp.qa_out SELECT ${periodKeySql(kind, 'MIN(mi)')}, region, dim, SUM(t), SUM(a_${kind.suffix}), SUM(e_${kind.suffix})
         FROM ${m} GROUP BY region, dim${group}`,
      );
    }
  }
  s.push(
    ...LEVELS.map((l) => `DROP TABLE temp.qa_m${l}`),
    // 15-character PocketBase ids: "c" and the row's sequence number.
    `INSERT INTO stat_counts (id, period, region, dim, attendee_times, attendees, enterprises)
     SELECT printf('c%014d', rowid), period, region, dim, t, a, e FROM temp.qa_out`,
    'DROP TABLE temp.qa_out',
    'CREATE UNIQUE INDEX idx_stat_counts_key ON stat_counts (period, region, dim)',
    'CREATE INDEX idx_stat_counts_region ON stat_counts (region, dim, period)',
    ...(enterprises ? enterpriseStatements() : []),
  );
  return s;
}

/** Whether a table exists (stat_days does from migration 1764700200 on; earlier migrations rebuild too). */
function hasTable(tx: PbApp, name: string): boolean {
  const out = new DynamicModel({ n: 0 });
  tx.db().newQuery("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = {:name}").bind({ name }).one(out);
  return Number(out.n) > 0;
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
      for (const sql of REBUILD_PRAGMAS) pragma(sql);
      try {
        const days = hasTable(tx, 'stat_days');
        const enterprises = hasTable(tx, 'stat_enterprises');
        for (const sql of rebuildStatements({ days, enterprises })) tx.db().newQuery(sql).execute();
      } finally {
        pragma('PRAGMA cache_size = -32000');
        pragma('PRAGMA threads = 0');
      }
    });
  } finally {
    if (onDisk) tempStore('MEMORY');
  }
}

/**
 * Recomputes the trained-enterprise summaries alone (migration 1764800000 fills the new table this way; the
 * counters and day rows are left as they are). Same settings as rebuildStats.
 */
export function rebuildEnterpriseSummaries(app: PbApp): void {
  app.runInTransaction((tx) => {
    const pragma = (sql: string) => tx.db().newQuery(sql).execute();
    for (const sql of REBUILD_PRAGMAS) pragma(sql);
    try {
      for (const sql of enterpriseStatements()) tx.db().newQuery(sql).execute();
    } finally {
      pragma('PRAGMA cache_size = -32000');
      pragma('PRAGMA threads = 0');
    }
  });
}

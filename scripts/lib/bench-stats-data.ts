/**
 * The national-scale dataset of `npm run bench:stats`, generated inside SQLite with set-based statements:
 * every row is a function of its row number (a deterministic hash, below), so 10,000,000 completions are a
 * handful of INSERT … SELECT over a recursive counter instead of ten million prepared-statement calls from
 * JavaScript (the row-by-row version took about 40 minutes at full scale).
 *
 * Properties (the same as the row-by-row version, plus employer changes):
 * - enterprises spread uniformly at random over every county-level unit of the mainland and the Corps, each in
 *   one of the 39 IAF sectors, all "micro";
 * - learners each employed by a random enterprise; one learner in ten changes employer after their first
 *   completion (their later completions count for the new one, as the server records them);
 * - completion c is learner c mod L's (c div L)-th, each of a learner's completions a different course (so
 *   (user, course) stays unique), at a random instant in the 24 months from 2024-12 (Beijing months derived as
 *   the server derives them), 85 % online, 0.5 % revoked; written in completion order (rowid and id both follow
 *   the instant), as the server would have recorded them.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { RegionChain } from '../../src/lib/regions.ts';
import { monthOfSql } from '../../src/lib/stats/keys.ts';
import { benchUscc } from './bench-math.ts';

/** The prime modulus of the hash (2^31 - 1): products of two residues stay within SQLite's 64-bit integers. */
const P = 2147483647;

/**
 * A deterministic pseudo-random integer in [0, 2^31 - 1) from a non-negative integer expression `x` (< 2^31)
 * and a stream number: an affine map, then a square (non-linear, so two streams of the same row are not
 * linearly related), then another affine map, all modulo the prime P. Plain SQL, no extension.
 */
export function hashSql(x: string, stream: number): string {
  const a = `((${x}) * ${48271 + stream * 7919} + ${1_000_003 * (stream + 1)}) % ${P}`;
  return `(((${a}) * (${a}) % ${P}) * 16807 + (${a})) % ${P}`;
}

/** Rows 0 … n - 1 as `i` (a recursive counter: SQLite without the series extension). */
const series = (n: number) => `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${n - 1}) SELECT i FROM s`;

export interface StatsDataSize {
  enterprises: number;
  learners: number;
  completions: number;
}

const START = Date.UTC(2024, 11, 1) / 1000; // 2024-12-01T00:00Z
const SPAN = (Date.UTC(2026, 11, 1) - Date.UTC(2024, 11, 1)) / 1000; // seconds in the 24 months

/** Fills enterprises, users and completions (logging wall and CPU time per step); indexes are dropped and rebuilt once. */
export function generateStatsData(
  db: DatabaseSync,
  size: StatsDataSize,
  lists: { counties: RegionChain[]; sectors: string[]; courses: string[] },
  log: (msg: string) => void,
): void {
  const { enterprises: E, learners: L, completions: N } = size;
  if (Math.ceil(N / L) > lists.courses.length)
    throw new Error(`${N} completions for ${L} learners need more than ${lists.courses.length} courses`);
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE; PRAGMA cache_size = -200000; PRAGMA threads = 2;',
  );
  // Small lookup tables, filled from JavaScript (a few thousand rows).
  db.exec(`DROP TABLE IF EXISTS temp.g_county; DROP TABLE IF EXISTS temp.g_sector; DROP TABLE IF EXISTS temp.g_course;
    CREATE TEMP TABLE g_county (i INTEGER PRIMARY KEY, county TEXT, prefecture TEXT, province TEXT);
    CREATE TEMP TABLE g_sector (i INTEGER PRIMARY KEY, code TEXT);
    CREATE TEMP TABLE g_course (i INTEGER PRIMARY KEY, id TEXT);`);
  const fill = (sql: string, rows: unknown[][]) => {
    const stmt = db.prepare(sql);
    db.exec('BEGIN');
    for (const r of rows) stmt.run(...(r as string[]));
    db.exec('COMMIT');
  };
  fill(
    'INSERT INTO g_county VALUES (?, ?, ?, ?)',
    lists.counties.map((c, i) => [i, c.county, c.prefecture, c.province]),
  );
  fill(
    'INSERT INTO g_sector VALUES (?, ?)',
    lists.sectors.map((s, i) => [i, s]),
  );
  fill(
    'INSERT INTO g_course VALUES (?, ?)',
    lists.courses.map((s, i) => [i, s]),
  );
  // The USCC carries a check character (GB 32100): computed by the tested helper, called from SQL.
  db.function('g_uscc', { deterministic: true }, (county, n) => benchUscc(String(county), Number(n)));

  const nc = lists.counties.length;
  const ns = lists.sectors.length;
  const ncourse = lists.courses.length;
  // An enterprise's county and sector, and a learner's employers, as expressions of their numbers.
  const countyOf = (e: string) => `${hashSql(e, 1)} % ${nc}`;
  const sectorOf = (e: string) => `${hashSql(e, 2)} % ${ns}`;
  const employerOf = (u: string) => `${hashSql(u, 3)} % ${E}`;
  const movesOf = (u: string) => `${hashSql(u, 4)} % 10 = 0`;
  const newEmployerOf = (u: string) => `${hashSql(u, 5)} % ${E}`;
  const now = "'2026-11-28 00:00:00.000Z'";

  const indexes = (table: string) =>
    db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as {
      name: string;
      sql: string;
    }[];
  const timed = (label: string, fn: () => void) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    fn();
    const used = process.cpuUsage(cpu);
    // CPU seconds too: on a shared machine the wall time also measures the neighbours.
    log(`${label} in ${((performance.now() - t) / 1000).toFixed(1)} s (CPU ${((used.user + used.system) / 1e6).toFixed(1)} s)`);
  };
  const withoutIndexes = (table: string, label: string, insert: string) => {
    const saved = indexes(table);
    for (const i of saved) db.exec(`DROP INDEX ${i.name}`);
    timed(label, () => db.exec(insert));
    timed(`  ${saved.length} indexes of ${table}`, () => {
      for (const i of saved) db.exec(i.sql);
    });
  };

  db.exec('BEGIN');
  withoutIndexes(
    'enterprises',
    `enterprises: ${E.toLocaleString()}`,
    `INSERT INTO enterprises (id, name, uscc, county_code, prefecture_code, province_code, sector, size, created, updated)
     SELECT printf('e%014d', g.i), '基准测试企业' || g.i, g_uscc(c.county, g.i), c.county, c.prefecture, c.province, s.code, 'micro', ${now}, ${now}
     FROM (SELECT i, ${countyOf('i')} AS ci, ${sectorOf('i')} AS si FROM (${series(E)})) g
     JOIN g_county c ON c.i = g.ci JOIN g_sector s ON s.i = g.si`,
  );
  withoutIndexes(
    'users',
    `learners: ${L.toLocaleString()}`,
    `INSERT INTO users (id, email, emailVisibility, verified, password, tokenKey, name, role, enterprise, jurisdiction, created, updated)
     SELECT printf('u%014d', i), 'b' || i || '@bench.example.com', 0, 1, 'x', 'tk' || i, '学员' || i, 'learner',
       printf('e%014d', CASE WHEN ${L < N ? movesOf('i') : '0'} THEN ${newEmployerOf('i')} ELSE ${employerOf('i')} END), '', ${now}, ${now}
     FROM (${series(L)})`,
  );
  // The completion order: (instant, number) sorted once, narrow rows; the temporary table's rowid is the rank.
  db.exec('DROP TABLE IF EXISTS temp.g_order');
  timed(`completions: ${N.toLocaleString()} drawn and ordered`, () =>
    db.exec(`CREATE TEMP TABLE g_order AS
       SELECT c, strftime('%Y-%m-%d %H:%M:%S', s, 'unixepoch') || printf('.%03dZ', ms) AS at FROM (
         SELECT i AS c, ${START} + ${hashSql('i', 6)} % ${SPAN} AS s, ${hashSql('i', 7)} % 1000 AS ms FROM (${series(N)}))
       ORDER BY s, ms, c`),
  );
  withoutIndexes(
    'completions',
    `completions: ${N.toLocaleString()} written`,
    `INSERT INTO completions (id, user, course, enterprise, learner_name, enterprise_name, province_code, prefecture_code, county_code, sector,
       channel, completed_at, month, certificate_code, revoked, revoked_reason, score, created)
     SELECT printf('c%014d', r), printf('u%014d', u), k.id, printf('e%014d', e), '学员', '企业', c.province, c.prefecture, c.county, s.code,
       CASE WHEN ${hashSql('g.c', 8)} % 100 < 85 THEN 'online' ELSE 'in_person' END, at, ${monthOfSql('at')}, 'B' || g.c,
       revoked, CASE WHEN revoked THEN '基准测试撤销' ELSE '' END, 100, at
     FROM (SELECT r, c, at, u, e, ${countyOf('e')} AS ci, ${sectorOf('e')} AS si, (u + c / ${L}) % ${ncourse} AS ki, ${hashSql('c', 9)} % 1000 < 5 AS revoked
           FROM (SELECT r, c, at, u, CASE WHEN c >= ${L} AND ${movesOf('u')} THEN ${newEmployerOf('u')} ELSE ${employerOf('u')} END AS e
                 FROM (SELECT rowid AS r, c, at, c % ${L} AS u FROM g_order))) g
     JOIN g_county c ON c.i = g.ci JOIN g_sector s ON s.i = g.si JOIN g_course k ON k.i = g.ki
     ORDER BY r`,
  );
  db.exec('DROP TABLE temp.g_order; DROP TABLE temp.g_county; DROP TABLE temp.g_sector; DROP TABLE temp.g_course');
  db.exec('COMMIT');
}

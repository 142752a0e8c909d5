/**
 * Runs the statements of the statistics rebuild (src/server/stats-rebuild.ts) one by one in Node's SQLite on a
 * bench database and prints the CPU seconds (user + system of this process) of each: where the rebuild's time
 * goes, without PocketBase's pure-Go SQLite (about 2.4 times slower for the same statements).
 *
 *   node scripts/profile-stats-rebuild.ts /tmp/qa-bench-stats-XXXX/data.db [--no-days]
 *
 * (make the database with `npm run bench:stats -- --scale=0.1 --generate-only`). It rewrites stat_counts, the
 * per-day firsts (stat_days) and the trained-enterprise summaries (stat_enterprises; `--no-days`: the counters
 * only, to see what the day rows and summaries add).
 */
import { DatabaseSync } from 'node:sqlite';
import { rebuildStatements, REBUILD_PRAGMAS } from '../src/server/stats-rebuild.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: node scripts/profile-stats-rebuild.ts <data.db> [--no-days]');
const days = !process.argv.includes('--no-days');
const db = new DatabaseSync(path);
db.exec('PRAGMA temp_store = FILE');
for (const sql of REBUILD_PRAGMAS) db.exec(sql);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const total = cpu();
const wall = performance.now();
db.exec('BEGIN');
for (const sql of rebuildStatements({ days })) {
  const t = cpu();
  db.exec(sql);
  const s = cpu() - t;
  if (s >= 0.05) console.log(`${s.toFixed(2).padStart(7)} s  ${sql.replace(/\s+/g, ' ').slice(0, 110)}`);
}
db.exec('COMMIT');
const n = (db.prepare('SELECT COUNT(*) AS n FROM stat_counts').get() as { n: number }).n;
console.log(
  `total ${(cpu() - total).toFixed(1)} s CPU, ${((performance.now() - wall) / 1000).toFixed(1)} s wall, ${n.toLocaleString()} counters; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);

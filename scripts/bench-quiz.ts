/**
 * `npm run bench:quiz`: 3,000 learners start the same quiz within 10 seconds and submit it, against a real
 * PocketBase on this machine. Prints throughput, latency percentiles, errors and peak server memory.
 * Options: --learners=3000 --window=10 (seconds over which the starts arrive) --think=20-120 (seconds each
 * learner spends answering before submitting, uniformly in that range; ten questions take a real person at
 * least this long). --think=0-5 is the stress variant in which everyone submits almost at once.
 * --connections=256: the learners' requests go over at most that many keep-alive connections, as through a
 * reverse proxy that pools its connections to the server, with the benchmarks' own lean client
 * (scripts/lib/lean-http.ts); --client=undici or --client=fetch send them with undici's Agent or Node's global
 * fetch instead (a connection per waiting request), for comparison. The generator runs on the same cores as the
 * server: its own CPU per request is printed too.
 */
import { DatabaseSync } from 'node:sqlite';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from './build-server.ts';
import { ensurePocketBase, freePort, PB_BIN, ROOT, startPocketBase } from './lib/pocketbase.ts';
import { buildServerContent } from './lib/server-content.ts';
import { readContent } from './lib/content-source.ts';
import { answersFor } from './lib/answer-key.ts';
import { usccCheckCharacter } from '../src/lib/uscc.ts';
import type { QaRoutes } from '../src/server/api-contract.ts';
import { counterMismatches, factsOfRows, recount, type CompletionRow, type Counts } from '../src/lib/stats/keys.ts';
import { DAY_FIELDS, dayCountsOfRow, dayFactsOfRow, recountDays, type StoredDayRow } from '../src/lib/stats/day-firsts.ts';
import { percentile } from './lib/bench-math.ts';
import { parseArgs } from 'node:util';
import { Agent } from 'undici';
import { LeanHttpPool } from './lib/lean-http.ts';
import { sqliteInsertRates } from './lib/sqlite-rate.ts';

const { values: options } = parseArgs({
  options: {
    learners: { type: 'string', default: '3000' },
    window: { type: 'string', default: '10' },
    think: { type: 'string', default: '20-120' },
    connections: { type: 'string', default: '256' },
    client: { type: 'string', default: 'lean' },
  },
});
const arg = (name: keyof typeof options) => options[name];
const LEARNERS = Number(arg('learners'));
const WINDOW_S = Number(arg('window'));
const [THINK_MIN_S, THINK_MAX_S] = arg('think').split('-').map(Number);
const CONNECTIONS = Number(arg('connections'));
const CLIENT = arg('client');
if (!['lean', 'undici', 'fetch'].includes(CLIENT)) throw new Error(`--client=${CLIENT}: lean, undici or fetch`);
if (!(CONNECTIONS >= 1)) throw new Error(`--connections=${arg('connections')}: a number of connections, at least 1`);
const content = buildServerContent(readContent(ROOT));
const courseId = Object.keys(content.courses)[0];
const quiz = `${courseId}/final`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = percentile;

function seedLearners(dbPath: string) {
  const db = new DatabaseSync(dbPath);
  db.exec('PRAGMA journal_mode = WAL');
  const now = '2026-11-28 00:00:00.000Z';
  const first17 = '91330502MA0BENCH1';
  db.prepare(
    "INSERT INTO enterprises (id, name, uscc, county_code, prefecture_code, province_code, sector, size, created, updated) VALUES ('benchenterprise', '基准测试企业', ?, '330502', '3305', '33', '04', 'small', ?, ?)",
  ).run(first17 + usccCheckCharacter(first17), now, now);
  const insert = db.prepare(
    "INSERT INTO users (id, email, emailVisibility, verified, password, tokenKey, name, role, enterprise, jurisdiction, created, updated) VALUES (?, ?, 0, 1, 'x', ?, ?, 'learner', 'benchenterprise', '', ?, ?)",
  );
  db.exec('BEGIN');
  // Every learner has read the course's lessons, so passing the final quiz completes the course: the submit
  // then also records the completion, its certificate code and the statistics, as on a real training day.
  const read = db.prepare(
    'INSERT INTO lesson_progress (id, user, course, lesson, read_at, video_done, created, updated) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
  );
  for (let i = 0; i < LEARNERS; i++) {
    const id = `bl${String(i).padStart(13, '0')}`;
    insert.run(id, `quiz${i}@bench.example.com`, `tk${i}`, `学员${i}`, now, now);
    content.courses[courseId].lessons.forEach((lesson, n) =>
      read.run(`lp${String(i).padStart(10, '0')}${String(n).padStart(3, '0')}`, id, courseId, lesson, now, now, now),
    );
  }
  db.exec('COMMIT');
  db.close();
}

async function main() {
  ensurePocketBase();
  await buildServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-bench-quiz-'));
  const pbArgs = [`--dir=${dataDir}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`, `--migrationsDir=${join(ROOT, 'pb_migrations')}`];
  spawnSync(PB_BIN, ['migrate', 'up', ...pbArgs]);
  seedLearners(join(dataDir, 'data.db'));
  spawnSync(PB_BIN, ['superuser', 'upsert', 'bench@example.com', 'bench-pass-2026', ...pbArgs]);
  // All learners come from 127.0.0.1 here; in a real burst they come from many addresses.
  const server = await startPocketBase({ port: await freePort(), dataDir, demo: false, rateLimitFactor: 1000 });
  const url = server.url;
  const admin = (await (
    await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identity: 'bench@example.com', password: 'bench-pass-2026' }),
    })
  ).json()) as { token: string };
  const ids = (
    new DatabaseSync(join(dataDir, 'data.db'), { readOnly: true }).prepare("SELECT id FROM users WHERE email LIKE 'quiz%'").all() as {
      id: string;
    }[]
  ).map((r) => r.id);
  // Tokens through the superuser impersonation API: the burst measures quizzes, not password hashing.
  const tokens: string[] = [];
  for (const id of ids) {
    const res = await fetch(`${url}/api/collections/users/impersonate/${id}`, {
      method: 'POST',
      headers: { authorization: admin.token, 'content-type': 'application/json' },
      body: '{"duration":3600}',
    });
    tokens.push(((await res.json()) as { token: string }).token);
  }
  console.log(`${tokens.length} learners ready; quiz ${quiz} (${content.courses[courseId].finalQuiz.draw} questions drawn per attempt)`);
  // The host's speed just before the burst (scripts/lib/sqlite-rate.ts): the same build's p99 moves with it.
  const rawSqlite = sqliteInsertRates({ batched: false }).single;

  // utime + stime of the server, in clock ticks (100 per second on Linux)
  const serverCpuSeconds = () =>
    readFileSync(`/proc/${server.process.pid}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ')
      .slice(11, 13)
      .reduce((a, t) => a + Number(t), 0) / 100;
  const cpuBefore = serverCpuSeconds();
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/status`, 'utf8'))?.[1] ?? 0);
      peakRss = Math.max(peakRss, kb / 1024);
    } catch {
      /* process gone */
    }
  }, 100);

  const startLatency: number[] = [];
  const submitLatency: number[] = [];
  const errors: string[] = [];
  // The learners' requests over CONNECTIONS keep-alive connections, the rest queued: the lean client costs the
  // generator least CPU per request (0.8 ms with undici's Agent, more with the global fetch), which matters on
  // 2 shared cores.
  const agent = new Agent({ connections: CONNECTIONS, keepAliveTimeout: 60_000, headersTimeout: 0, bodyTimeout: 0 });
  const lean = new LeanHttpPool(new URL(url), CONNECTIONS);
  const send = async (path: string, token: string, body: string): Promise<{ status: number; json: unknown }> => {
    if (CLIENT === 'lean') {
      const res = await lean.post(path, { authorization: token }, body);
      return { status: res.status, json: JSON.parse(res.body) };
    }
    if (CLIENT === 'fetch') {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: token, 'content-type': 'application/json' },
        body,
      });
      return { status: res.status, json: await res.json() };
    }
    const res = await agent.request({
      origin: url,
      path,
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body,
    });
    return { status: res.statusCode, json: await res.body.json() };
  };
  const post = async <T>(path: string, token: string, body: unknown, into: number[]): Promise<T> => {
    const t = performance.now();
    const { status, json } = (await send(path, token, JSON.stringify(body))) as { status: number; json: T & { message?: string } };
    into.push(performance.now() - t);
    if (status !== 200) throw new Error(`${path} → ${status} ${json.message ?? ''}`);
    return json;
  };
  const client0 = process.cpuUsage();
  const began = performance.now();
  let lastStartAnswered = began;
  // CPU split by phase, meaningful when the phases do not overlap (--think longer than --window)
  let cpuStartsDone = NaN;
  let cpuFirstSubmit = NaN;
  await Promise.all(
    tokens.map(async (token, i) => {
      await sleep((i / tokens.length) * WINDOW_S * 1000);
      try {
        const key = `bench-start-${i}`.padEnd(16, 'x');
        const attempt = await post<QaRoutes['POST attempts']>('/api/qa/attempts', token, { quiz, key }, startLatency);
        lastStartAnswered = Math.max(lastStartAnswered, performance.now());
        if (startLatency.length === tokens.length) cpuStartsDone = serverCpuSeconds() - cpuBefore;
        await sleep((THINK_MIN_S + Math.random() * (THINK_MAX_S - THINK_MIN_S)) * 1000);
        if (Number.isNaN(cpuFirstSubmit)) cpuFirstSubmit = serverCpuSeconds() - cpuBefore;
        const result = await post<QaRoutes['POST attempts/{id}/submit']>(
          `/api/qa/attempts/${attempt.id}/submit`,
          token,
          { answers: answersFor(content, attempt), key: `bench-submit-${i}`.padEnd(16, 'x') },
          submitLatency,
        );
        if (!result.attempt.passed) errors.push(`learner ${i}: right answers not graded as passed`);
        else if (!result.newlyCompleted || !result.completion?.certificateCode)
          errors.push(`learner ${i}: passing the final did not complete the course`);
      } catch (err) {
        errors.push(String((err as Error).message ?? err));
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  clearInterval(rssTimer);
  const cpuSeconds = serverCpuSeconds() - cpuBefore;
  await agent.close();
  lean.close();
  // The load generator shares the 2 cores with the server: its own CPU is what the server did not get.
  const clientCpu = process.cpuUsage(client0);
  const clientCpuSeconds = (clientCpu.user + clientCpu.system) / 1e6;
  const db = new DatabaseSync(join(dataDir, 'data.db'), { readOnly: true });
  const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
  const attempts = count("SELECT COUNT(*) AS n FROM quiz_attempts WHERE status = 'submitted'");
  const completions = count('SELECT COUNT(*) AS n FROM completions');
  const attendeeTimes = count("SELECT attendee_times AS n FROM stat_counts WHERE period = 'all' AND region = '' AND dim = 'total'");
  // The statistics written by the burst (the group commit shares transactions between learners) against the
  // reference recounts over the raw completions: every counter, and every day row.
  const counted = db
    .prepare(
      'SELECT user, enterprise, course, month, province_code, prefecture_code, county_code, sector, channel, completed_at FROM completions WHERE revoked = FALSE ORDER BY completed_at, id',
    )
    .all() as unknown as (CompletionRow & StoredDayRow)[];
  const storedCounters = new Map(
    (db.prepare('SELECT * FROM stat_counts WHERE attendee_times > 0').all() as Record<string, string | number>[]).map(
      (r): [string, Counts] => [
        `${r.period}|${r.region}|${r.dim}`,
        { attendeeTimes: Number(r.attendee_times), attendees: Number(r.attendees), enterprises: Number(r.enterprises) },
      ],
    ),
  );
  const counterErrors = counterMismatches(
    new Map([...recount(factsOfRows(counted))].filter(([, c]) => c.attendeeTimes > 0)),
    storedCounters,
  );
  const expectedDays = recountDays(counted.map(dayFactsOfRow));
  const storedDays = db.prepare('SELECT * FROM stat_days').all() as Record<string, string | number>[];
  const dayErrors = storedDays.filter((r) => {
    const want = expectedDays.get(`${r.region}|${r.day}`);
    const got = dayCountsOfRow(r);
    return want ? DAY_FIELDS.some((k) => got[k] !== want[k]) : DAY_FIELDS.some((k) => got[k] !== 0);
  }).length;
  const storedDayKeys = new Set(storedDays.map((r) => `${r.region}|${r.day}`));
  const missingDays = [...expectedDays.keys()].filter((k) => !storedDayKeys.has(k)).length;
  if (counterErrors.length) errors.push(`${counterErrors.length} counters differ from the recount (first: ${counterErrors[0]})`);
  if (dayErrors + missingDays) errors.push(`${dayErrors + missingDays} day rows differ from the recount`);
  db.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const all = [...startLatency, ...submitLatency].sort((a, b) => a - b);
  const requests = all.length;
  const fmt = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `p50 ${pct(s, 50).toFixed(0)} ms, p95 ${pct(s, 95).toFixed(0)} ms, p99 ${pct(s, 99).toFixed(0)} ms`;
  };
  console.log(
    `\n${LEARNERS} learners, starts spread over ${WINDOW_S} s, each submits ${THINK_MIN_S}-${THINK_MAX_S} s after receiving the questions (${CLIENT === 'fetch' ? 'global fetch' : `${CLIENT}, ${CONNECTIONS} keep-alive connections`})`,
  );
  const burstSeconds = (lastStartAnswered - began) / 1000;
  console.log(
    `  start  : ${fmt(startLatency)}; ${startLatency.length} starts answered in ${burstSeconds.toFixed(1)} s = ${(startLatency.length / burstSeconds).toFixed(0)} starts/s`,
  );
  console.log(`  submit : ${fmt(submitLatency)}`);
  console.log(`  all    : ${fmt(all)}; ${requests} requests in ${seconds.toFixed(1)} s = ${(requests / seconds).toFixed(0)} requests/s`);
  console.log(
    `  errors : ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}; submitted attempts recorded: ${attempts}; completions: ${completions}; national attendee-times: ${attendeeTimes}`,
  );
  console.log(
    `  statistics: ${storedCounters.size} counters and ${storedDays.length} day rows checked against the recount: ${counterErrors.length + dayErrors + missingDays ? 'DIFFERENT' : 'equal'}`,
  );
  console.log(`  PocketBase CPU: ${cpuSeconds.toFixed(1)} s in all, ${((cpuSeconds * 1000) / requests).toFixed(2)} ms per request`);
  console.log(
    `  load generator CPU: ${clientCpuSeconds.toFixed(1)} s in all, ${((clientCpuSeconds * 1000) / requests).toFixed(2)} ms per request (same machine: CPU the server did not get)`,
  );
  const phasesApart = cpuFirstSubmit >= cpuStartsDone;
  const startCpuMs = phasesApart ? (cpuStartsDone * 1000) / startLatency.length : null;
  const submitCpuMs = phasesApart ? ((cpuSeconds - cpuFirstSubmit) * 1000) / submitLatency.length : null;
  if (phasesApart)
    console.log(`                  ${startCpuMs!.toFixed(2)} ms per start, ${submitCpuMs!.toFixed(2)} ms per completing submit`);
  else console.log('                  (starts and submits overlapped: no split per phase; use --think longer than --window for one)');
  console.log(`  PocketBase peak RSS: ${peakRss.toFixed(0)} MB (target: zero errors, p99 under 1 s)`);
  console.log(
    `  raw SQLite on this machine just before the burst: ${Math.round(rawSqlite).toLocaleString('en')} inserts/s one per transaction (the host's speed)`,
  );
  // The issue's keys first, in its order; then this benchmark's own.
  const bench = {
    learners: LEARNERS,
    errors: errors.length,
    p50_ms: Math.round(pct(all, 50)),
    p95_ms: Math.round(pct(all, 95)),
    p99_ms: Math.round(pct(all, 99)),
    throughput_rps: Math.round(requests / seconds),
    peak_rss_mb: Math.round(peakRss),
    think_s: `${THINK_MIN_S}-${THINK_MAX_S}`,
    start_burst_rps: Math.round(startLatency.length / burstSeconds),
    cpu_ms_per_request: Number(((cpuSeconds * 1000) / requests).toFixed(2)),
    ...(phasesApart ? { cpu_ms_per_start: Number(startCpuMs!.toFixed(2)), cpu_ms_per_submit: Number(submitCpuMs!.toFixed(2)) } : {}),
    completions,
    stats_match: counterErrors.length + dayErrors + missingDays === 0,
    client: CLIENT === 'fetch' ? 'fetch' : `${CLIENT}/${CONNECTIONS}`,
    client_cpu_ms_per_request: Number(((clientCpuSeconds * 1000) / requests).toFixed(2)),
    sqlite_insert_rps: Math.round(rawSqlite),
  };
  console.log(`BENCH ${JSON.stringify(bench)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

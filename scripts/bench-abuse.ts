/**
 * `npm run bench:abuse`: 20 anonymous clients keep sending oversized registrations (a 30 MB name, half with a
 * declared length, half streamed without one) at a real PocketBase while a normal client looks up enterprises;
 * prints the server's memory (RSS) and the normal requests' latency before, during and after.
 * docs/security.md rule 2: the body limit refuses them before anything is read or parsed, so both stay flat.
 * Options: --concurrency=20 --size-mb=30 --normal=300 (normal requests per phase).
 * The rate limits are raised (x1000) here so that what is measured is the body limit, not the rate limiter.
 */
import { parseArgs } from 'node:util';
import { percentile } from './lib/bench-math.ts';
import { request } from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from './build-server.ts';
import { ensurePocketBase, freePort, startPocketBase } from './lib/pocketbase.ts';
import { usccCheckCharacter } from '../src/lib/uscc.ts';

const { values: options } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '20' },
    'size-mb': { type: 'string', default: '30' },
    normal: { type: 'string', default: '300' },
  },
});
const arg = (name: keyof typeof options) => options[name];
const CONCURRENCY = Number(arg('concurrency'));
const SIZE_MB = Number(arg('size-mb'));
const NORMAL = Number(arg('normal'));

const pct = (values: number[], p: number) =>
  percentile(
    [...values].sort((a, b) => a - b),
    p,
  );
const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : 0;
};

/** One oversized registration on a connection of its own; resolves with the status (0 if the server cut it). */
function oversized(url: URL, payload: Buffer, chunked: boolean): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/qa/register',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': payload.length }) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

async function normalLatencies(base: string, uscc: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/api/qa/enterprises/lookup?uscc=${uscc}`);
    await res.text();
    if (res.status !== 200) throw new Error(`normal request answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

async function main() {
  ensurePocketBase();
  await buildServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-bench-abuse-'));
  const server = await startPocketBase({ port: await freePort(), dataDir, demo: false, rateLimitFactor: 1000 });
  const pid = server.process.pid!;
  const first17 = '91330502MA0ABCDE1';
  const uscc = first17 + usccCheckCharacter(first17);
  try {
    await normalLatencies(server.url, uscc, 50); // warm-up
    const rssBefore = rssMb(pid);
    const before = await normalLatencies(server.url, uscc, NORMAL);

    // The attackers run in a worker thread, so that their writes do not delay this thread's latency timings.
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 50);
    const worker = new Worker(new URL(import.meta.url), { workerData: { url: server.url, concurrency: CONCURRENCY, sizeMb: SIZE_MB } });
    await new Promise((r) => worker.once('message', r)); // all attackers under way
    const during = await normalLatencies(server.url, uscc, NORMAL);
    worker.postMessage('stop');
    const { sent, statuses } = await new Promise<{ sent: number; statuses: Record<string, number> }>((r) => worker.once('message', r));
    await worker.terminate();
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = rssMb(pid);

    const f = (x: number) => x.toFixed(1);
    console.log(`\nbench:abuse — ${CONCURRENCY} clients sending ${SIZE_MB} MB registrations (half with Content-Length, half chunked)`);
    console.log(
      `  oversized requests sent: ${sent}; answers: ${Object.entries(statuses)
        .map(([s, n]) => `${s === '0' ? 'cut' : s} × ${n}`)
        .join(', ')}`,
    );
    console.log(`  server RSS: before ${f(rssBefore)} MB, peak during ${f(rssPeak)} MB, after ${f(rssAfter)} MB`);
    console.log(`  normal requests (GET /api/qa/enterprises/lookup, ${NORMAL} per phase):`);
    console.log(`    before: p50 ${f(pct(before, 50))} ms, p99 ${f(pct(before, 99))} ms`);
    console.log(`    during: p50 ${f(pct(during, 50))} ms, p99 ${f(pct(during, 99))} ms`);
    const result = {
      oversized_requests: sent,
      concurrency: CONCURRENCY,
      size_mb: SIZE_MB,
      rss_before_mb: rssBefore,
      rss_peak_mb: rssPeak,
      rss_after_mb: rssAfter,
      p50_normal_ms_before: Number(f(pct(before, 50))),
      p99_normal_ms_before: Number(f(pct(before, 99))),
      p50_normal_ms_during: Number(f(pct(during, 50))),
      p99_normal_ms_during: Number(f(pct(during, 99))),
      statuses,
    };
    console.log(`BENCH ${JSON.stringify(result)}`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The worker: CONCURRENCY loops, each sending one oversized registration after another until told to stop. */
async function attack() {
  const { url, concurrency, sizeMb } = workerData as { url: string; concurrency: number; sizeMb: number };
  const target = new URL(url);
  const payload = Buffer.concat([
    Buffer.from('{"name":"'),
    Buffer.alloc(sizeMb * 1024 * 1024, 'x'),
    Buffer.from('","email":"a@example.com","password":"secret-pass-1"}'),
  ]);
  let stop = false;
  let sent = 0;
  const statuses: Record<string, number> = {};
  parentPort!.on('message', () => (stop = true));
  const loops = Array.from({ length: concurrency }, async (_, i) => {
    while (!stop) {
      sent++;
      const status = await oversized(target, payload, i % 2 === 1);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  });
  setTimeout(() => parentPort!.postMessage('started'), 300);
  await Promise.all(loops);
  parentPort!.postMessage({ sent, statuses });
}

if (isMainThread) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  void attack();
}

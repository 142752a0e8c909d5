/**
 * `npm run bench:faults`: SIGKILL PocketBase in the middle of sustained writes, restart it on the same data
 * directory, let the clients retry; then every acknowledged write must be present, none duplicated, and every
 * counter equal to a recount of the raw completions (scripts/lib/faults.ts, docs/faults.md).
 * Options: --learners=200 --trainers=10 --duration=60 (seconds of load) --kills=3 --history=20000
 * (completions before the load) --resend=0.1 (share of acknowledged writes sent again, as after a lost answer).
 */
import { parseArgs } from 'node:util';
import { buildServer } from './build-server.ts';
import { ensurePocketBase } from './lib/pocketbase.ts';
import { runFaults } from './lib/faults.ts';

const { values } = parseArgs({
  options: {
    learners: { type: 'string', default: '200' },
    trainers: { type: 'string', default: '10' },
    duration: { type: 'string', default: '60' },
    kills: { type: 'string', default: '3' },
    history: { type: 'string', default: '20000' },
    resend: { type: 'string', default: '0.1' },
  },
});
const number = (name: keyof typeof values, min: number, max: number) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name}=${values[name]}: expected a number from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
};
const options = {
  learners: number('learners', 1, 5000),
  trainers: number('trainers', 0, 200),
  durationS: number('duration', 2, 3600),
  kills: number('kills', 0, 20),
  history: number('history', 0, 5_000_000),
  resend: number('resend', 0, 1),
};
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

ensurePocketBase();
await buildServer();
log(
  `${options.learners} learners and ${options.trainers} trainers writing for ${options.durationS} s; ${options.kills} SIGKILL(s); ${Math.round(options.resend * 100)} % of acknowledged writes sent twice`,
);
const r = await runFaults({ ...options, log });

console.log('\nAcknowledged writes (2xx answers) and what the database holds after the crashes:');
for (const [kind, k] of Object.entries(r.byKind))
  console.log(`  ${kind.padEnd(22)} ${String(k.acknowledged).padStart(7)} acknowledged  ${String(k.present).padStart(7)} present`);
console.log(
  `  requests ${r.requests}, of which ${r.retries} retries after no answer and ${r.resent} deliberate resends of acknowledged writes`,
);
console.log(
  `  kills: ${r.kills}, requests in flight at each: ${r.inFlightAtKill.join(', ') || '-'}; restart to healthy: ${r.restartMs.map((ms) => `${ms} ms`).join(', ') || '-'}`,
);
console.log(
  `  lost ${r.lost}, duplicated ${r.duplicated}; ${r.completions} completions; ${r.counters} counters ${r.aggregates_match ? 'equal the recount' : 'DIFFER from the recount'}`,
);
for (const m of r.mismatches) console.log(`    ${m}`);
if (r.errors.length) {
  console.log(`  errors: ${r.errors.length}`);
  for (const e of r.errors.slice(0, 10)) console.log(`    ${e}`);
}
console.log(`  ${r.seconds.toFixed(0)} s in all`);
console.log(
  `BENCH ${JSON.stringify({ acknowledged: r.acknowledged, present: r.present, lost: r.lost, duplicated: r.duplicated, aggregates_match: r.aggregates_match, kills: r.kills, errors: r.errors.length, requests: r.requests, retries: r.retries, restart_ms: r.restartMs })}`,
);
if (r.lost || r.duplicated || !r.aggregates_match || r.errors.length) process.exit(1);

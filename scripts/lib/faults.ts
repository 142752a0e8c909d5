/**
 * The crash test behind `npm run bench:faults` and tests/integration/faults.test.ts (docs/faults.md): a real
 * PocketBase with a dataset, many clients writing what matters (lessons read, video progress reported, quiz
 * attempts started and submitted, courses completed, in-person sessions recorded), the server killed with SIGKILL in the middle and
 * restarted on the same data directory, clients retrying whatever got no answer with the same request key.
 * Each client remembers every write the server acknowledged (a 2xx answer); at the end the data directory is
 * read directly and every acknowledged write must be there, once, and every counter must equal `recount`
 * (src/lib/stats/keys.ts) over the raw completions.
 *
 * Lost answers are simulated too: a share of acknowledged requests is sent a second time with the same key,
 * as a phone's outbox does when the answer never arrived, so a write that is not idempotent shows up as a
 * duplicate in every run, not only when a kill happens to land between commit and answer.
 */
import { DatabaseSync } from 'node:sqlite';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, PB_BIN, ROOT, startPocketBase, type RunningServer } from './pocketbase.ts';
import { buildServerContent } from './server-content.ts';
import { readContent } from './content-source.ts';
import { answersFor, type DrawnAttempt } from './answer-key.ts';
import { regionChain } from '../../src/lib/regions.ts';
import { IAF_SECTORS } from '../../src/lib/iaf-sectors.ts';
import { usccCheckCharacter, USCC_ALPHABET } from '../../src/lib/uscc.ts';
import { counterMismatches, factsOfRows, monthOf, recount, type CompletionRow, type Counts } from '../../src/lib/stats/keys.ts';

export interface FaultOptions {
  /** learners working online at the same time */
  learners: number;
  /** trainers recording in-person sessions at the same time */
  trainers: number;
  /** seconds of load */
  durationS: number;
  /** SIGKILLs, spread evenly over the load */
  kills: number;
  /** completions already in the database before the load (some revoked), counted by `stats-rebuild` */
  history: number;
  /** share of acknowledged writes sent a second time (a lost answer, as an outbox retries) */
  resend: number;
  log?: (line: string) => void;
}

export interface FaultResult {
  acknowledged: number;
  present: number;
  lost: number;
  duplicated: number;
  aggregates_match: boolean;
  kills: number;
  /** requests in flight at each kill */
  inFlightAtKill: number[];
  /** SIGKILL to the restarted server answering /api/health */
  restartMs: number[];
  requests: number;
  retries: number;
  resent: number;
  /** acknowledged writes and those found, per kind */
  byKind: Record<string, { acknowledged: number; present: number }>;
  /** refusals (4xx other than 429) and requests that never got an answer: each is a defect */
  errors: string[];
  completions: number;
  counters: number;
  mismatches: string[];
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const id15 = (prefix: string, n: number) => prefix + String(n).padStart(15 - prefix.length, '0');

let seed = 20261201;
const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];

function orgCode(n: number): string {
  let s = '';
  for (let i = 0; i < 9; i++) {
    s = USCC_ALPHABET[n % 31] + s;
    n = Math.floor(n / 31);
  }
  return s;
}

// A few counties in different provinces, one of them a Corps city (counted in 66).
const COUNTIES = ['330502', '330521', '330106', '440305', '510104', '659001', '110105', '320583'];
const ENTERPRISES = 40;
const ATTENDEES = 200; // learners that only trainers record (in person)

interface Seeded {
  learners: string[];
  attendees: { id: string; email: string }[];
  trainers: string[];
}

/** Enterprises, learners, trainers and a history of completions (some revoked), written straight into SQLite. */
function seedDatabase(dbPath: string, options: FaultOptions, courses: string[]): Seeded {
  const db = new DatabaseSync(dbPath);
  db.exec('PRAGMA journal_mode = WAL');
  const now = '2026-11-28 00:00:00.000Z';
  const sectors = Object.keys(IAF_SECTORS);
  const chains = COUNTIES.map((c) => regionChain(c)!);
  const enterprise = db.prepare(
    'INSERT INTO enterprises (id, name, uscc, county_code, prefecture_code, province_code, sector, size, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const user = db.prepare(
    "INSERT INTO users (id, email, emailVisibility, verified, password, tokenKey, name, role, enterprise, jurisdiction, created, updated) VALUES (?, ?, 0, 1, 'x', ?, ?, ?, ?, '', ?, ?)",
  );
  const ents: { id: string; chain: (typeof chains)[number]; sector: string }[] = [];
  db.exec('BEGIN');
  for (let i = 0; i < ENTERPRISES; i++) {
    const chain = chains[i % chains.length];
    const first17 = `91${chain.county}${orgCode(i + 7)}`;
    const e = { id: id15('fe', i), chain, sector: pick(sectors) };
    enterprise.run(
      e.id,
      `故障测试企业${i}`,
      first17 + usccCheckCharacter(first17),
      chain.county,
      chain.prefecture,
      chain.province,
      e.sector,
      'micro',
      now,
      now,
    );
    ents.push(e);
  }
  const seeded: Seeded = { learners: [], attendees: [], trainers: [] };
  const entOf = new Map<string, (typeof ents)[number]>();
  // Learners of the load, attendees of in-person sessions, and the learners of the history.
  const historyLearners = Math.max(1, Math.ceil(options.history / 4));
  const people = options.learners + ATTENDEES + historyLearners;
  for (let i = 0; i < people; i++) {
    const id = id15('fu', i);
    const e = ents[Math.floor(rand() * ents.length)];
    const email = `fault${i}@bench.example.com`;
    user.run(id, email, `tk${id}`, `学员${i}`, 'learner', e.id, now, now);
    entOf.set(id, e);
    if (i < options.learners) seeded.learners.push(id);
    else if (i < options.learners + ATTENDEES) seeded.attendees.push({ id, email });
  }
  // A trainer records sessions only for the courses they look after (course_trainers): these look after all.
  const looksAfter = db.prepare('INSERT INTO course_trainers (id, course, trainer, created) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < options.trainers; i++) {
    const id = id15('ft', i);
    user.run(id, `trainer${i}@bench.example.com`, `tk${id}`, `培训老师${i}`, 'trainer', '', now, now);
    courses.forEach((course, c) => looksAfter.run(id15(`c${c}x`, i), course, id, now));
    seeded.trainers.push(id);
  }
  // History: completions over the past 24 months, in time order, 85 % online, 1 % revoked.
  const insert =
    db.prepare(`INSERT INTO completions (id, user, course, enterprise, learner_name, enterprise_name, province_code, prefecture_code, county_code, sector,
    channel, completed_at, month, certificate_code, revoked, revoked_reason, score, created) VALUES (?, ?, ?, ?, '学员', '企业', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 100, ?)`);
  const start = Date.UTC(2024, 11, 1);
  const span = Date.UTC(2026, 10, 1) - start;
  const rows: { user: string; course: string; at: number }[] = [];
  const taken = new Set<string>();
  for (let n = 0; rows.length < options.history && n < options.history * 4; n++) {
    const u = id15('fu', options.learners + ATTENDEES + Math.floor(rand() * historyLearners));
    const course = pick(courses);
    if (taken.has(`${u}|${course}`)) continue;
    taken.add(`${u}|${course}`);
    rows.push({ user: u, course, at: start + Math.floor(rand() * span) });
  }
  rows.sort((a, b) => a.at - b.at);
  rows.forEach((r, i) => {
    const e = entOf.get(r.user)!;
    const at = new Date(r.at).toISOString().replace('T', ' ');
    const revoked = rand() < 0.01;
    insert.run(
      id15('fc', i),
      r.user,
      r.course,
      e.id,
      e.chain.province,
      e.chain.prefecture,
      e.chain.county,
      e.sector,
      rand() < 0.85 ? 'online' : 'in_person',
      at,
      monthOf(r.at),
      `F${i.toString(36).toUpperCase().padStart(8, '0')}`,
      revoked ? 1 : 0,
      revoked ? '测试撤销' : '',
      at,
    );
  });
  db.exec('COMMIT');
  db.close();
  return seeded;
}

class Refused extends Error {}

/** Runs the crash test in a throw-away data directory and checks what survived. */
export async function runFaults(options: FaultOptions): Promise<FaultResult> {
  const log = options.log ?? (() => {});
  const began = performance.now();
  const content = buildServerContent(readContent(ROOT));
  const courses = Object.keys(content.courses);
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-faults-'));
  const pbArgs = [`--dir=${dataDir}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`, `--migrationsDir=${join(ROOT, 'pb_migrations')}`];
  try {
    const migrate = spawnSync(PB_BIN, ['migrate', 'up', ...pbArgs], { encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`migrate: ${migrate.stderr}`);
    const seeded = seedDatabase(join(dataDir, 'data.db'), options, courses);
    // The history's counters come from the server's own rebuild, as after an upgrade.
    const rebuild = spawnSync(PB_BIN, ['stats-rebuild', ...pbArgs], { encoding: 'utf8' });
    if (rebuild.status !== 0) throw new Error(`stats-rebuild: ${rebuild.stderr}${rebuild.stdout}`);
    spawnSync(PB_BIN, ['superuser', 'upsert', 'faults@example.com', 'faults-pass-2026', ...pbArgs]);
    log(
      `data: ${ENTERPRISES} enterprises in ${COUNTIES.length} counties, ${seeded.learners.length} online learners, ${seeded.attendees.length} in-person attendees, ${seeded.trainers.length} trainers, ${options.history} earlier completions`,
    );

    const port = await freePort();
    const start = () => startPocketBase({ port, dataDir, demo: false, rateLimitFactor: 1000 });
    let server: RunningServer = await start();
    const url = server.url;
    const admin = (await (
      await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identity: 'faults@example.com', password: 'faults-pass-2026' }),
      })
    ).json()) as { token: string };
    const tokens = new Map<string, string>();
    for (const id of [...seeded.learners, ...seeded.trainers]) {
      const res = await fetch(`${url}/api/collections/users/impersonate/${id}`, {
        method: 'POST',
        headers: { authorization: admin.token, 'content-type': 'application/json' },
        body: '{"duration":7200}',
      });
      tokens.set(id, ((await res.json()) as { token: string }).token);
    }

    const stats = { requests: 0, retries: 0, resent: 0, inFlight: 0 };
    const errors: string[] = [];
    let down = false;
    /** POSTs until the server answers 2xx (same body, same key); a refusal other than 429 is an error. */
    const call = async <T>(path: string, token: string, body: unknown, method = 'POST'): Promise<T> => {
      const deadline = Date.now() + 120_000;
      for (let attempt = 0; ; attempt++) {
        stats.requests++;
        stats.inFlight++;
        try {
          const res = await fetch(`${url}${path}`, {
            method,
            headers: { authorization: token, 'content-type': 'application/json' },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(15_000),
          });
          const text = await res.text();
          if (res.ok) return JSON.parse(text) as T;
          if (res.status !== 429 && res.status < 500) throw new Refused(`${method} ${path} → ${res.status} ${text.slice(0, 200)}`);
        } catch (err) {
          if (err instanceof Refused) throw err;
          // no answer (connection refused or reset, timeout): retry with the same key
        } finally {
          stats.inFlight--;
        }
        if (Date.now() > deadline) throw new Error(`${path}: no answer within 120 s`);
        stats.retries++;
        await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)) * (down ? 1 : 0.5 + rand()));
      }
    };
    /** An acknowledged write, sometimes sent again with the same key as if its answer had been lost. */
    const write = async <T>(path: string, token: string, body: unknown): Promise<T> => {
      const first = await call<T>(path, token, body);
      if (rand() >= options.resend) return first;
      stats.resent++;
      return call<T>(path, token, body);
    };

    // What the server acknowledged.
    const acked = {
      reads: [] as { user: string; course: string; lesson: string }[],
      starts: [] as { user: string; key: string; attempt: string; quiz: string }[],
      submits: [] as { attempt: string }[],
      completions: new Map<string, string>(), // user|course -> certificate code
      sessions: [] as { trainer: string; key: string; session: string; course: string; title: string; attendees: string[] }[],
      // each acknowledged video report's credited intervals (they only grow: the stored row must cover them)
      videos: [] as { user: string; course: string; lesson: string; intervals: [number, number][] }[],
    };
    const noteCompletion = (user: string, completion: { course: string; certificateCode: string } | null | undefined) => {
      if (!completion) return;
      const key = `${user}|${completion.course}`;
      const known = acked.completions.get(key);
      if (known && known !== completion.certificateCode)
        errors.push(`${key}: two certificate codes acknowledged (${known}, ${completion.certificateCode})`);
      acked.completions.set(key, completion.certificateCode);
    };

    const until = Date.now() + options.durationS * 1000;
    let keys = 0;
    const newKey = (who: string) => `f${who.slice(-6)}${(keys++).toString(36)}x${Math.floor(rand() * 1e9).toString(36)}`.padEnd(16, '0');

    // An online learner works through courses: every lesson read, the final quiz started and passed.
    const learner = async (user: string, offset: number) => {
      const token = tokens.get(user)!;
      for (let c = 0; Date.now() < until && c < courses.length; c++) {
        const course = content.courses[courses[(offset + c) % courses.length]];
        for (const lesson of course.lessons) {
          if (Date.now() >= until) return;
          const r = await write<{ completion: { course: string; certificateCode: string } | null }>('/api/qa/lessons/read', token, {
            lesson: `${course.id}/${lesson}`,
          });
          acked.reads.push({ user, course: course.id, lesson });
          noteCompletion(user, r.completion);
        }
        const quiz = `${course.id}/final`;
        const startKey = newKey(user);
        const attempt = await write<DrawnAttempt & { id: string }>('/api/qa/attempts', token, { quiz, key: startKey });
        acked.starts.push({ user, key: startKey, attempt: attempt.id, quiz });
        const submitted = await write<{ completion: { course: string; certificateCode: string } | null }>(
          `/api/qa/attempts/${attempt.id}/submit`,
          token,
          { answers: answersFor(content, attempt), key: newKey(user) },
        );
        acked.submits.push({ attempt: attempt.id });
        noteCompletion(user, submitted.completion);
        if (!submitted.completion) errors.push(`${user}: passing ${quiz} did not complete the course`);
      }
    };

    // Meanwhile the learner's player reports video progress (the batched write path, docs/api-load.md): each
    // report claims the next 15 s after what was credited, as the player's outbox does, every 0.3-0.6 s.
    const videoLessons = Object.values(content.lessons).filter((l) => l.video);
    const watcher = async (user: string, offset: number) => {
      const token = tokens.get(user)!;
      const lesson = videoLessons[offset % videoLessons.length];
      if (!lesson) return;
      let end = 0;
      while (Date.now() < until && end < lesson.video!.durationSeconds) {
        const r = await write<{ intervals: [number, number][]; completion?: { course: string; certificateCode: string } | null }>(
          '/api/qa/video-progress',
          token,
          { lesson: lesson.id, intervals: [[end, end + 15]], position: end + 15 },
        );
        acked.videos.push({ user, course: lesson.course, lesson: lesson.slug, intervals: r.intervals });
        noteCompletion(user, r.completion);
        end = r.intervals.reduce((m, iv) => Math.max(m, iv[1]), end);
        await sleep(300 + rand() * 300);
      }
    };

    // A trainer records in-person sessions of a few attendees each (the attendees' completions are in person).
    const trainer = async (id: string, n: number) => {
      const token = tokens.get(id)!;
      for (let s = 0; Date.now() < until; s++) {
        const course = pick(courses);
        const group = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => pick(seeded.attendees));
        const key = newKey(id);
        const title = `线下培训 ${n}-${s}`;
        const r = await write<{ session: string; attendees: { result: string }[] }>('/api/qa/sessions', token, {
          key,
          course,
          title,
          heldOn: new Date().toISOString().slice(0, 10),
          location: '测试会议室',
          attendees: group.map((a) => a.email).join('\n'),
        });
        acked.sessions.push({ trainer: id, key, session: r.session, course, title, attendees: [...new Set(group.map((a) => a.id))] });
        await sleep(200 + rand() * 300);
      }
    };

    // The killer: SIGKILL at evenly spread moments, restart on the same directory and port.
    const inFlightAtKill: number[] = [];
    const restartMs: number[] = [];
    const killer = (async () => {
      for (let k = 1; k <= options.kills; k++) {
        const at = until - options.durationS * 1000 + (options.durationS * 1000 * k) / (options.kills + 1);
        await sleep(Math.max(0, at - Date.now()));
        // the kill is meant to land mid-request: a fast server can be between requests at that instant, so
        // wait (up to 2 s) for one to be under way
        while (stats.inFlight === 0 && Date.now() < at + 2000) await sleep(1);
        const victim = server;
        inFlightAtKill.push(stats.inFlight);
        const killedAt = performance.now();
        down = true;
        await new Promise<void>((resolve) => {
          victim.process.once('exit', () => resolve());
          victim.process.kill('SIGKILL');
        });
        log(
          `SIGKILL at ${((options.durationS * 1000 * k) / (options.kills + 1) / 1000).toFixed(1)} s with ${inFlightAtKill.at(-1)} requests in flight`,
        );
        server = await start();
        down = false;
        restartMs.push(Math.round(performance.now() - killedAt));
        log(`restarted on the same data directory in ${restartMs.at(-1)} ms`);
      }
    })();

    const work = [
      ...seeded.learners.map((u, i) =>
        learner(u, i).catch((err) => {
          errors.push(`learner ${u}: ${(err as Error).message}`);
        }),
      ),
      ...seeded.learners.map((u, i) =>
        watcher(u, i).catch((err) => {
          errors.push(`video ${u}: ${(err as Error).message}`);
        }),
      ),
      ...seeded.trainers.map((t, i) =>
        trainer(t, i).catch((err) => {
          errors.push(`trainer ${t}: ${(err as Error).message}`);
        }),
      ),
    ];
    await Promise.all([...work, killer]);
    await server.stop();

    // Verification, straight from the database files.
    const db = new DatabaseSync(join(dataDir, 'data.db'), { readOnly: true });
    const one = (sql: string, ...params: string[]) => db.prepare(sql).get(...params) as Record<string, unknown> | undefined;
    const byKind: FaultResult['byKind'] = {};
    const tally = (kind: string, present: boolean) => {
      byKind[kind] ??= { acknowledged: 0, present: 0 };
      byKind[kind].acknowledged++;
      if (present) byKind[kind].present++;
    };
    for (const r of acked.reads)
      tally(
        'lesson read',
        !!one(
          "SELECT 1 AS x FROM lesson_progress WHERE user = ? AND course = ? AND lesson = ? AND read_at != ''",
          r.user,
          r.course,
          r.lesson,
        ),
      );
    for (const v of acked.videos) {
      const row = one(
        'SELECT video_intervals AS iv FROM lesson_progress WHERE user = ? AND course = ? AND lesson = ?',
        v.user,
        v.course,
        v.lesson,
      );
      const stored = row?.iv ? (JSON.parse(String(row.iv)) as [number, number][]) : [];
      const covered = v.intervals.every(([a, b]) => stored.some(([c, d]) => c <= a + 1e-6 && b <= d + 1e-6));
      tally('video progress', covered);
    }
    for (const s of acked.starts)
      tally(
        'quiz started',
        !!one('SELECT 1 AS x FROM quiz_attempts WHERE id = ? AND user = ? AND start_key = ?', s.attempt, s.user, s.key),
      );
    for (const s of acked.submits)
      tally('quiz submitted', !!one("SELECT 1 AS x FROM quiz_attempts WHERE id = ? AND status = 'submitted'", s.attempt));
    for (const [key, code] of acked.completions) {
      const [user, course] = key.split('|');
      tally(
        'course completed',
        !!one(
          'SELECT 1 AS x FROM completions WHERE user = ? AND course = ? AND certificate_code = ? AND revoked = FALSE',
          user,
          course,
          code,
        ),
      );
    }
    for (const s of acked.sessions) {
      const row = one('SELECT attendees FROM sessions WHERE id = ? AND trainer = ? AND create_key = ?', s.session, s.trainer, s.key);
      const listed = new Set(row ? (JSON.parse(String(row.attendees)) as string[]) : []);
      tally('session recorded', !!row && s.attendees.every((a) => listed.has(a)));
      for (const a of s.attendees)
        tally('in-person completion', !!one('SELECT 1 AS x FROM completions WHERE user = ? AND course = ?', a, s.course));
    }
    // Duplicates: one attempt per learner and quiz was started (one key each), one session per title, one
    // completion per person and course, one progress row per lesson.
    const count = (sql: string) => Number(one(sql)!.n);
    const duplicated =
      count("SELECT COUNT(*) - COUNT(DISTINCT user || '|' || quiz) AS n FROM quiz_attempts") +
      count("SELECT COUNT(*) - COUNT(DISTINCT trainer || '|' || title) AS n FROM sessions") +
      count("SELECT COUNT(*) - COUNT(DISTINCT user || '|' || course) AS n FROM completions") +
      count("SELECT COUNT(*) - COUNT(DISTINCT user || '|' || course || '|' || lesson) AS n FROM lesson_progress");

    // Every counter against a recount of the raw completions, in completion order.
    const facts = factsOfRows(
      db
        .prepare(
          'SELECT user, enterprise, course, month, province_code, prefecture_code, county_code, sector, channel FROM completions WHERE revoked = FALSE ORDER BY completed_at, id',
        )
        .all() as unknown as CompletionRow[],
    );
    const expected = new Map([...recount(facts)].filter(([, c]) => c.attendeeTimes > 0));
    const stored = new Map(
      (
        db
          .prepare('SELECT period, region, dim, attendee_times, attendees, enterprises FROM stat_counts WHERE attendee_times > 0')
          .all() as Record<string, string | number>[]
      ).map((r): [string, Counts] => [
        `${r.period}|${r.region}|${r.dim}`,
        { attendeeTimes: Number(r.attendee_times), attendees: Number(r.attendees), enterprises: Number(r.enterprises) },
      ]),
    );
    const mismatches = counterMismatches(expected, stored);
    const completions = count('SELECT COUNT(*) AS n FROM completions');
    db.close();

    const acknowledged = Object.values(byKind).reduce((s, k) => s + k.acknowledged, 0);
    const present = Object.values(byKind).reduce((s, k) => s + k.present, 0);
    return {
      acknowledged,
      present,
      lost: acknowledged - present,
      duplicated,
      aggregates_match: mismatches.length === 0,
      kills: options.kills,
      inFlightAtKill,
      restartMs,
      requests: stats.requests,
      retries: stats.retries,
      resent: stats.resent,
      byKind,
      errors,
      completions,
      counters: expected.size,
      mismatches,
      seconds: (performance.now() - began) / 1000,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

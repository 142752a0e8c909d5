/**
 * Video progress reports: the rules each report goes through (validation, interval merge, wall-clock credit,
 * "does this report finish the video?"), and the batch form of them that PocketBase's Go write path
 * (progress_batch.go, docs/api-load.md) runs in ONE call per batch on a goja runtime of its own.
 *
 * The JS route (`reportVideo` in src/server/learning.ts) and the Go batcher both use parseVideoReport and
 * applyVideoReport, so the rules live here and in src/lib/intervals.ts only. Bundled by scripts/build-server.ts
 * to pb_hooks/lib/progress-rules.js; no I/O, no PocketBase globals.
 */
import { pbDateMs, toPbDate } from './beijing-time.ts';
import { creditAvailable, ensureMerged, takeCreditMerged, watchedSeconds, type Interval } from './intervals.ts';
import { BODY_MESSAGES, isJsonContentType, LOGIN_MESSAGE, SERVER_ERROR_MESSAGE } from './request-messages.ts';
import { COMPLETION_OF_SQL, evaluateCompletion, FINAL_PASSED_SQL, LESSONS_DONE_SQL, type CompletionStatus } from './completion.ts';
import type { CompletionRule } from '../schemas/content.ts';
import { finalQuizId } from './quiz/bank.ts';

export interface FieldProblem {
  code: string;
  message: string;
}

/** A refusal, in the shape the routes answer errors with (src/server/http.ts). */
export interface ReportProblem {
  status: number;
  code: string;
  message: string;
  fields: Record<string, FieldProblem>;
}

const problem = (status: number, code: string, message: string, fields: Record<string, FieldProblem> = {}): ReportProblem => ({
  status,
  code,
  message,
  fields,
});
const invalid = (message: string, fields: Record<string, FieldProblem>) => problem(400, 'invalid', message, fields);

export const isProblem = (x: unknown): x is ReportProblem => typeof x === 'object' && x !== null && 'status' in x && 'code' in x;

export interface VideoLesson {
  id: string;
  course: string;
  slug: string;
  video?: { durationSeconds: number; watchThreshold: number };
}

export interface VideoReport {
  lesson: VideoLesson & { video: NonNullable<VideoLesson['video']> };
  intervals: Interval[];
  /** null: the report carries no usable position (the saved one stays) */
  position: number | null;
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function parseIntervals(raw: unknown): Interval[] | ReportProblem {
  if (!Array.isArray(raw) || raw.length > 500)
    return invalid('intervals 必须是不超过 500 段的 [开始秒, 结束秒] 列表', {
      intervals: { code: 'invalid_intervals', message: 'intervals must be an array of [start, end]' },
    });
  const out: Interval[] = [];
  for (let i = 0; i < raw.length; i++) {
    const iv = raw[i];
    // finite numbers (x - x is 0 for those only), no callbacks: this runs for every report in goja
    const ok =
      Array.isArray(iv) &&
      iv.length === 2 &&
      typeof iv[0] === 'number' &&
      typeof iv[1] === 'number' &&
      iv[0] - iv[0] === 0 &&
      iv[1] - iv[1] === 0;
    if (!ok) {
      return invalid(`第 ${i + 1} 段观看区间格式不对`, {
        intervals: { code: 'invalid_interval', message: `intervals[${i}] must be [start, end]` },
      });
    }
    out.push([iv[0], iv[1]]);
  }
  return out;
}

/** POST /api/qa/video-progress {lesson, intervals, position}: what the report says, or why it is refused. */
export function parseVideoReport(body: Record<string, unknown>, lessons: Record<string, VideoLesson>): VideoReport | ReportProblem {
  const id = body.lesson;
  if (typeof id !== 'string' || id === '')
    return invalid('进度上报缺少课时（lesson）', { lesson: { code: 'required', message: 'lesson is required' } });
  const lesson = own(lessons, id) ? lessons[id] : undefined;
  if (!lesson) return problem(404, 'not_found', `没有找到课时 ${String(id)}`);
  const video = lesson.video;
  if (!video) return invalid('这一课没有视频', { lesson: { code: 'no_video', message: 'lesson has no video' } });
  const intervals = parseIntervals(body.intervals);
  if (isProblem(intervals)) return intervals;
  const position =
    typeof body.position === 'number' && Number.isFinite(body.position)
      ? Math.max(0, Math.min(body.position, video.durationSeconds))
      : null;
  return { lesson: lesson as VideoReport['lesson'], intervals, position };
}

/** The video columns of a learner's progress on one lesson, as stored in lesson_progress. */
export interface VideoRow {
  /** '' for a row not stored yet */
  id: string;
  /** JSON text of the merged intervals ('' or 'null' when none) */
  intervals: string;
  position: number;
  done: boolean;
  /** PocketBase date of the last report ('' when none) */
  reported_at: string;
  /** the credit allowance left at reported_at (src/lib/intervals.ts) */
  credit: number;
}

export interface VideoReply {
  lesson: string;
  watchedFraction: number;
  videoDone: boolean;
  intervals: Interval[];
  position: number;
}

export interface AppliedReport {
  /** the row to store (id '' when new) and its watched fraction, rounded as stored */
  row: VideoRow & { fraction: number };
  reply: VideoReply;
  /** this report finishes the video: completion must be evaluated with it, in the same transaction */
  finishes: boolean;
}

/**
 * One report applied to the learner's row at `now`: only time that could really have been played counts, by
 * wall-clock time across all reports (one allowance per learner and lesson, grown by time and spent by every
 * report; a first report has no time to measure against and earns only the slack). Reports of the same
 * learner and lesson must be applied one after another, each to the row the previous one left.
 */
export function applyVideoReport(row: VideoRow | null, report: VideoReport, now: number): AppliedReport {
  const duration = report.lesson.video.durationSeconds;
  const previous = ensureMerged(row?.intervals && row.intervals !== 'null' ? (JSON.parse(row.intervals) as Interval[]) : [], duration);
  return applyToMerged(row, previous, pbDateMs(row?.reported_at), report, now, toPbDate(now));
}

/**
 * applyVideoReport on a row whose intervals are parsed and merged already (`previous`) and whose reported_at is
 * read (`lastAt`, NaN when none); `nowText` is toPbDate(now). The batch form keeps these from the report before.
 */
function applyToMerged(
  row: VideoRow | null,
  previous: Interval[],
  lastAt: number,
  report: VideoReport,
  now: number,
  nowText: string,
): AppliedReport {
  const { video } = report.lesson;
  const duration = video.durationSeconds;
  const allowance = creditAvailable(row && !Number.isNaN(lastAt) ? { allowance: row.credit, at: lastAt } : null, now);
  // previous is merged (applyVideoReport merges it, the batch keeps it merged)
  const credit = takeCreditMerged(previous, report.intervals, allowance);
  // credit.intervals is merged; merging it again within the duration changes it only if it runs past the end
  const last = credit.intervals.length > 0 ? credit.intervals[credit.intervals.length - 1][1] : 0;
  const merged = last <= duration ? credit.intervals : ensureMerged(credit.intervals, duration);
  // watchedFraction(merged, duration) without merging `merged` a second time (it is merged already)
  const fraction = duration > 0 ? Math.min(1, watchedSeconds(merged) / duration) : 0;
  // A report without a position keeps the saved one.
  const position = report.position ?? row?.position ?? 0;
  const videoDone = Boolean(row?.done) || fraction >= video.watchThreshold;
  return {
    row: {
      id: row?.id ?? '',
      intervals: JSON.stringify(merged),
      position,
      fraction: Math.round(fraction * 10000) / 10000,
      done: videoDone,
      reported_at: nowText,
      credit: Math.round((allowance - credit.used) * 1000) / 1000,
    },
    reply: { lesson: report.lesson.id, watchedFraction: fraction, videoDone, intervals: merged, position },
    // Only the report that finishes the video can complete the course; nearly all reports skip the completion queries.
    finishes: videoDone && !row?.done,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The batch form, called by progress_batch.go. Values cross the Go/JS boundary as plain arrays, one per field
// ("columns"), not as JSON text: goja's JSON.parse and JSON.stringify cost more than the rules themselves.

/** One request as the Go handler saw it. */
export interface BatchRequest {
  /** the signed-in learner's id; '' when the request has no learner's token */
  user: string;
  /** Content-Type header */
  type: string;
  /** Content-Length (-1 when unknown) */
  length: number;
  /** the body exceeded the size limit while being read */
  tooLarge?: boolean;
  /** the body as text */
  body: string;
}

/** The stored rows of a batch, column by column (row i is user[i], course[i], …). */
export interface BatchRows {
  user: string[];
  course: string[];
  lesson: string[];
  /** '' for a row not stored yet never appears: only stored rows are passed */
  id: string[];
  /** JSON text of the merged intervals ('' or 'null' when none) */
  intervals: string[];
  position: number[];
  done: boolean[];
  reported_at: string[];
  credit: number[];
}

/** A row to write: inserted when new, otherwise only its video columns are updated. */
export interface BatchWrite {
  id: string;
  user: string;
  course: string;
  lesson: string;
  intervals: string;
  position: number;
  fraction: number;
  done: boolean;
  at: string;
  credit: number;
}

/** What plan() gives Go: per request i, status[i] 0 and the row it needs (course[i], lesson[i]), or its refusal. */
export interface BatchPlan {
  status: number[];
  /** the refusal's JSON body, '' for an accepted request */
  body: string[];
  course: string[];
  lesson: string[];
}

/**
 * What apply() gives Go: per request i, status[i] and body[i] to answer (status 0: refused in the plan, answered
 * already; DELEGATE: hand it to the JS route, body[i] is its key), and the rows to write as ONE JSON text, the
 * parameter of the upsert statement (a JSON array of BatchWrite).
 */
export interface BatchApplied {
  status: number[];
  body: string[];
  writes: string;
  writeCount: number;
}

/** apply()'s status for a report handed to the JS route (it completes the course). */
export const DELEGATE = -1;

/** What the completion rule needs of a course (ServerContent's courses). */
export interface BatchCourse {
  lessons: string[];
  completion: CompletionRule;
}

let lessons: Record<string, VideoLesson> = {};
let courses: Record<string, BatchCourse> = {};
let planned: ({ user: string; key: string; report: VideoReport } | null)[] = [];

/** Loads the lessons and courses (pb_hooks/lib/content.js, as the JS routes read it) once per runtime. */
export function init(content: { lessons: Record<string, VideoLesson>; courses?: Record<string, BatchCourse> }): number {
  lessons = content.lessons;
  courses = content.courses ?? {};
  parsedRows.clear();
  return Object.keys(lessons).length;
}

/**
 * What a completion is decided from, for one learner and course, in one statement ({:user}, {:course}, {:quiz}):
 * `done` the JSON array of lessons done, `passed` 1 when a final is passed, `completion` the JSON array [id,
 * course, completed_at, certificate_code] of the completion recorded, or ''. Go runs it inside the batch's
 * write transaction (progress_batch.go) for the reports that finish a video.
 */
export const COURSE_FACTS_SQL = `SELECT (SELECT json_group_array(lesson) FROM (${LESSONS_DONE_SQL})) AS done,
  EXISTS (${FINAL_PASSED_SQL}) AS passed,
  COALESCE((SELECT json_array(id, course, completed_at, certificate_code) FROM (${COMPLETION_OF_SQL})), '') AS completion`;

/** COURSE_FACTS_SQL's row as Go hands it over. */
export interface CourseFacts {
  done: string;
  passed: boolean;
  /** '' when no completion is recorded */
  completion: string;
}

/** Reads CourseFacts of a learner and course inside the batch's transaction (Go). */
export type CourseFactsReader = (user: string, course: string, quiz: string) => CourseFacts;

/** What the JS route adds to the reply of a report that finishes the video (recordCompletionIfDue). */
export interface FinishOutcome {
  status: CompletionStatus;
  completion: { id: string; course: string; completedAt: string; certificateCode: string } | null;
}

/**
 * The answer to a report that finishes the video when it does not complete the course (the learner still has
 * lessons or the final quiz to do, or completed it before): what the JS route would answer, by the same rule
 * (evaluateCompletion) on the same facts, read in the same transaction as the write. null: it completes the
 * course now, which the JS route records (certificate, statistics). `doneHere`: lessons of this course that
 * earlier reports of the batch finished (not written yet).
 */
function settleFinish(
  user: string,
  lesson: VideoLesson,
  doneHere: (slug: string) => boolean,
  readFacts: CourseFactsReader,
): FinishOutcome | null {
  const course = courses[lesson.course];
  if (!course) return null; // not in this runtime's content: let the route decide
  const facts = readFacts(user, lesson.course, finalQuizId(lesson.course));
  const done = new Set<string>(JSON.parse(facts.done || '[]') as string[]);
  done.add(lesson.slug);
  for (const slug of course.lessons) if (doneHere(slug)) done.add(slug);
  const status = evaluateCompletion({ rule: course.completion, lessons: course.lessons, lessonsDone: done, finalQuizPassed: facts.passed });
  const recorded = facts.completion ? (JSON.parse(facts.completion) as [string, string, string, string]) : null;
  if (!recorded && status.complete) return null;
  return {
    status,
    completion: recorded ? { id: recorded[0], course: recorded[1], completedAt: recorded[2], certificateCode: recorded[3] } : null,
  };
}

const errorBody = (p: ReportProblem) => JSON.stringify({ status: p.status, code: p.code, message: p.message, data: p.fields });

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return value - value !== 0; // NaN and ±Infinity
  if (value === null || typeof value !== 'object') return false;
  // index loops, no callbacks: this runs over every report body in goja
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasNonFinite(value[i])) return true;
    return false;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) if (hasNonFinite((value as Record<string, unknown>)[keys[i]])) return true;
  return false;
}

/** The request body as the routes read it (checkedRequestInfo in src/server/http.ts), or why it cannot be read. */
export function readJsonBody(r: BatchRequest): Record<string, unknown> | ReportProblem {
  return readBody(r.type, r.length, Boolean(r.tooLarge), r.body);
}

function readBody(type: string, length: number, tooLarge: boolean, text: string): Record<string, unknown> | ReportProblem {
  if (length !== 0 && !isJsonContentType(type)) {
    return invalid(BODY_MESSAGES.contentType, { body: { code: 'content_type', message: BODY_MESSAGES.contentType } });
  }
  if (tooLarge) return problem(413, 'too_large', BODY_MESSAGES.tooLarge);
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  // Go's JSON decoder (PocketBase's, behind e.requestInfo()) refuses 1e999; JSON.parse makes it Infinity.
  if (parsed === undefined || hasNonFinite(parsed)) {
    return invalid(BODY_MESSAGES.malformed, { body: { code: 'malformed_json', message: BODY_MESSAGES.malformed } });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return invalid(BODY_MESSAGES.notObject, { body: { code: 'not_object', message: BODY_MESSAGES.notObject } });
  }
  return parsed as Record<string, unknown>;
}

const keyOf = (user: string, course: string, lesson: string) => `${user}|${course}|${lesson}`;

/**
 * Step 1 of a batch (outside the write transaction): reads and checks every request, in the order the route
 * does (body, sign-in, lesson, intervals). Refused requests get their answer; the others name the row they need.
 * The requests come column by column: request i is users[i], types[i], lengths[i], tooLarge[i], bodies[i].
 */
export function plan(users: string[], types: string[], lengths: number[], tooLarge: boolean[], bodies: string[]): BatchPlan {
  planned = [];
  const out: BatchPlan = { status: [], body: [], course: [], lesson: [] };
  for (let i = 0; i < users.length; i++) {
    const user = users[i];
    const body = readBody(types[i], lengths[i], tooLarge[i], bodies[i]);
    const report = isProblem(body) ? body : user ? parseVideoReport(body, lessons) : problem(401, 'unauthorized', LOGIN_MESSAGE);
    if (isProblem(report)) {
      planned.push(null);
      out.status.push(report.status);
      out.body.push(errorBody(report));
      out.course.push('');
      out.lesson.push('');
      continue;
    }
    const course = report.lesson.course;
    const slug = report.lesson.slug;
    planned.push({ user, key: keyOf(user, course, slug), report });
    out.status.push(0);
    out.body.push('');
    out.course.push(course);
    out.lesson.push(slug);
  }
  return out;
}

/**
 * The rows this runtime wrote last, parsed: a learner reports on the same lesson every 15 s, and parsing the
 * stored intervals and date again each time (goja's JSON.parse and Date) was a good part of a report's cost.
 * An entry is used only while the stored row still holds exactly the text it was made from, so a row written
 * elsewhere (the JS route, an import) is simply read afresh. Bounded: the oldest entries go first.
 */
interface ParsedRow {
  intervals: string;
  merged: Interval[];
  reportedAt: string;
  at: number;
}
const parsedRows = new Map<string, ParsedRow>();
const PARSED_ROWS_MAX = 50_000;

function remember(key: string, entry: ParsedRow) {
  parsedRows.delete(key); // re-inserted last: the Map's order is the order of use
  parsedRows.set(key, entry);
  if (parsedRows.size > PARSED_ROWS_MAX) {
    const oldest = parsedRows.keys().next();
    if (!oldest.done) parsedRows.delete(oldest.value);
  }
}

/**
 * Step 2 (inside the write transaction): applies the planned reports to the rows just read, in arrival order,
 * each report of a learner and lesson to the row the previous one left, as sequential requests would.
 *
 * A report that finishes the video is answered here too when it does not complete the course (`readFacts`
 * reads what completion is decided from, in this transaction; settleFinish). The one that completes the course
 * is not applied here: it and every later report of that learner and lesson (in this batch, or while the key is
 * `busy` with earlier such reports) are handed to the JS route, which applies them one at a time and records
 * the completion in the same transaction as the write. Without `readFacts` every finishing report is handed
 * over. New rows get their id from `newId` (PocketBase's id generator, from Go).
 */
export function apply(stored: BatchRows, busy: string[], now: number, newId: () => string, readFacts?: CourseFactsReader): BatchApplied {
  const rows = new Map<string, VideoRow>();
  for (let i = 0; i < stored.user.length; i++) {
    rows.set(keyOf(stored.user[i], stored.course[i], stored.lesson[i]), {
      id: stored.id[i],
      intervals: stored.intervals[i],
      position: stored.position[i],
      done: stored.done[i],
      reported_at: stored.reported_at[i],
      credit: stored.credit[i],
    });
  }
  const delegated = new Set<string>(busy);
  const writes = new Map<string, string>(); // key → the BatchWrite's JSON text
  const nowText = toPbDate(now);
  const out: BatchApplied = { status: [], body: [], writes: '[]', writeCount: 0 };
  for (let i = 0; i < planned.length; i++) {
    const p = planned[i];
    if (!p) {
      out.status.push(0);
      out.body.push('');
      continue;
    }
    if (delegated.has(p.key)) {
      out.status.push(DELEGATE);
      out.body.push(p.key);
      continue;
    }
    const row = rows.get(p.key) ?? null;
    const duration = p.report.lesson.video.durationSeconds;
    let known = parsedRows.get(p.key);
    if (!known || !row || known.intervals !== row.intervals || known.reportedAt !== row.reported_at) known = undefined;
    const previous = known
      ? known.merged
      : ensureMerged(row?.intervals && row.intervals !== 'null' ? (JSON.parse(row.intervals) as Interval[]) : [], duration);
    const lastAt = known ? known.at : pbDateMs(row?.reported_at);
    const applied = applyToMerged(row, previous, lastAt, p.report, now, nowText);
    const lesson = p.report.lesson;
    const user = p.user;
    const finished = applied.finishes
      ? readFacts && settleFinish(user, lesson, (slug) => Boolean(rows.get(keyOf(user, lesson.course, slug))?.done), readFacts)
      : null;
    if (applied.finishes && !finished) {
      delegated.add(p.key);
      out.status.push(DELEGATE);
      out.body.push(p.key);
      continue;
    }
    const next = applied.row;
    if (next.id === '') next.id = newId();
    rows.set(p.key, next);
    remember(p.key, { intervals: next.intervals, merged: applied.reply.intervals, reportedAt: nowText, at: now });
    writes.set(p.key, writeJson(next.id, user, lesson, next, nowText));
    out.status.push(200);
    out.body.push(
      finished ? finishJson(lesson, applied.reply, next.intervals, finished) : answerJson(lesson, applied.reply, next.intervals),
    );
  }
  planned = [];
  const list: string[] = [];
  writes.forEach((w) => list.push(w));
  out.writes = `[${list.join(',')}]`;
  out.writeCount = writes.size;
  return out;
}

// The JSON texts below are written by hand because goja's JSON.stringify of an object costs several times
// more than joining the few strings; they are exactly what JSON.stringify gives for the same values (the numbers
// are finite, and a finite number joins to a string as JSON.stringify writes it). Unit-tested against it.

const quoted = new Map<string, string>();
/** JSON.stringify(text), remembered: the lesson ids, courses and slugs of one content build. */
function quote(text: string): string {
  let q = quoted.get(text);
  if (q === undefined) {
    q = JSON.stringify(text);
    if (quoted.size < 10_000) quoted.set(text, q);
  }
  return q;
}

/** JSON.stringify of the route's answer, key for key; intervalsJson is JSON.stringify(reply.intervals). */
export function answerJson(lesson: VideoLesson, reply: VideoReply, intervalsJson: string): string {
  return `{"lesson":${quote(lesson.id)},"watchedFraction":${reply.watchedFraction},"videoDone":${reply.videoDone},"intervals":${intervalsJson},"position":${reply.position},"newlyCompleted":false}`;
}

/**
 * JSON.stringify of the route's answer to a finishing report that does not complete the course ({...reply,
 * status, completion, newlyCompleted: false}), key for key: in the benchmark every learner finishes within two
 * seconds, and goja's JSON.stringify of the nested status was a good part of the cost of those seconds.
 */
export function finishJson(lesson: VideoLesson, reply: VideoReply, intervalsJson: string, { status, completion }: FinishOutcome): string {
  const missing = status.missingLessons.map(quote).join(',');
  const recorded = completion
    ? `{"id":${JSON.stringify(completion.id)},"course":${quote(completion.course)},"completedAt":${JSON.stringify(completion.completedAt)},"certificateCode":${JSON.stringify(completion.certificateCode)}}`
    : 'null';
  return `{"lesson":${quote(lesson.id)},"watchedFraction":${reply.watchedFraction},"videoDone":${reply.videoDone},"intervals":${intervalsJson},"position":${reply.position},"status":{"complete":${status.complete},"lessonsRequired":${status.lessonsRequired},"lessonsDone":${status.lessonsDone},"missingLessons":[${missing}],"finalQuizRequired":${status.finalQuizRequired},"finalQuizPassed":${status.finalQuizPassed}},"completion":${recorded},"newlyCompleted":false}`;
}

/** JSON.stringify of a BatchWrite, key for key. */
export function writeJson(id: string, user: string, lesson: VideoLesson, row: VideoRow & { fraction: number }, at: string): string {
  return `{"id":${JSON.stringify(id)},"user":${JSON.stringify(user)},"course":${quote(lesson.course)},"lesson":${quote(lesson.slug)},"intervals":${JSON.stringify(row.intervals)},"position":${row.position},"fraction":${row.fraction},"done":${row.done},"at":${JSON.stringify(at)},"credit":${row.credit}}`;
}

/** The body of the 500 answer (as respondError in src/server/http.ts gives it). */
export const serverErrorBody = JSON.stringify({ status: 500, code: 'server_error', message: SERVER_ERROR_MESSAGE, data: {} });

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
import { creditAvailable, mergeIntervals, takeCredit, watchedSeconds, type Interval } from './intervals.ts';
import { BODY_MESSAGES, isJsonContentType, LOGIN_MESSAGE, SERVER_ERROR_MESSAGE } from './request-messages.ts';

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
    if (!Array.isArray(iv) || iv.length !== 2 || !iv.every((x) => typeof x === 'number' && Number.isFinite(x))) {
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
  return { lesson: { id: lesson.id, course: lesson.course, slug: lesson.slug, video }, intervals, position };
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
  const { video } = report.lesson;
  const duration = video.durationSeconds;
  const previous = mergeIntervals(row?.intervals && row.intervals !== 'null' ? (JSON.parse(row.intervals) as Interval[]) : [], duration);
  const lastAt = pbDateMs(row?.reported_at);
  const allowance = creditAvailable(row && !Number.isNaN(lastAt) ? { allowance: row.credit, at: lastAt } : null, now);
  const credit = takeCredit(previous, report.intervals, allowance);
  const merged = mergeIntervals(credit.intervals, duration);
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
      reported_at: toPbDate(now),
      credit: Math.round((allowance - credit.used) * 1000) / 1000,
    },
    reply: { lesson: report.lesson.id, watchedFraction: fraction, videoDone, intervals: merged, position },
    // Only the report that finishes the video can complete the course; nearly all reports skip the completion queries.
    finishes: videoDone && !row?.done,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The batch form, called by progress_batch.go with JSON text in and out (one value crosses the Go/JS boundary).

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

/** A stored row as the Go side read it, with its key. */
export interface BatchRow extends VideoRow {
  user: string;
  course: string;
  lesson: string;
}

/** One answer: status and JSON text, or "hand this request to the JS route" (it finishes the video). */
export type BatchAnswer = { status: number; body: string } | { delegate: true; key: string };

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

export interface BatchPlan {
  /** per request: an answer already (the request is refused), or the row it needs */
  items: ({ answer: { status: number; body: string } } | { user: string; course: string; lesson: string })[];
}

let lessons: Record<string, VideoLesson> = {};
let planned: ({ user: string; key: string; report: VideoReport } | null)[] = [];

/** Loads the lessons (pb_hooks/lib/content.js, as the JS routes read it) once per runtime. */
export function init(content: { lessons: Record<string, VideoLesson> }): number {
  lessons = content.lessons;
  return Object.keys(lessons).length;
}

const errorAnswer = (p: ReportProblem) => ({
  status: p.status,
  body: JSON.stringify({ status: p.status, code: p.code, message: p.message, data: p.fields }),
});

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (value && typeof value === 'object') return Object.keys(value).some((k) => hasNonFinite((value as Record<string, unknown>)[k]));
  return false;
}

/** The request body as the routes read it (checkedRequestInfo in src/server/http.ts), or why it cannot be read. */
export function readJsonBody(r: BatchRequest): Record<string, unknown> | ReportProblem {
  if (r.length !== 0 && !isJsonContentType(r.type)) {
    return invalid(BODY_MESSAGES.contentType, { body: { code: 'content_type', message: BODY_MESSAGES.contentType } });
  }
  if (r.tooLarge) return problem(413, 'too_large', BODY_MESSAGES.tooLarge);
  if (r.body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.body);
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
 */
export function plan(requestsJson: string): string {
  const requests = JSON.parse(requestsJson) as BatchRequest[];
  planned = [];
  const items: BatchPlan['items'] = requests.map((r) => {
    const body = readJsonBody(r);
    const report = isProblem(body) ? body : r.user ? parseVideoReport(body, lessons) : problem(401, 'unauthorized', LOGIN_MESSAGE);
    if (isProblem(report)) {
      planned.push(null);
      return { answer: errorAnswer(report) };
    }
    const { course, slug } = report.lesson;
    planned.push({ user: r.user, key: keyOf(r.user, course, slug), report });
    return { user: r.user, course, lesson: slug };
  });
  return JSON.stringify({ items } satisfies BatchPlan);
}

/**
 * Step 2 (inside the write transaction): applies the planned reports to the rows just read, in arrival order,
 * each report of a learner and lesson to the row the previous one left, as sequential requests would. A report
 * that finishes the video is not applied here: it and every later report of that learner and lesson (in this
 * batch, or while the key is `busy` with earlier such reports) are handed to the JS route, which applies them
 * one at a time and evaluates completion in the same transaction as the write.
 * Returns one answer per planned request (null for those refused in step 1) and one write per changed row.
 */
export function apply(rowsJson: string, busyJson: string, now: number): string {
  const rows = new Map<string, VideoRow>();
  const stored = JSON.parse(rowsJson) as BatchRow[];
  for (let i = 0; i < stored.length; i++) rows.set(keyOf(stored[i].user, stored[i].course, stored[i].lesson), stored[i]);
  const delegated = new Set<string>(JSON.parse(busyJson) as string[]);
  const writes = new Map<string, BatchWrite>();
  const answers = planned.map((p): BatchAnswer | null => {
    if (!p) return null;
    if (delegated.has(p.key)) return { delegate: true, key: p.key };
    const applied = applyVideoReport(rows.get(p.key) ?? null, p.report, now);
    if (applied.finishes) {
      delegated.add(p.key);
      return { delegate: true, key: p.key };
    }
    rows.set(p.key, applied.row);
    const { course, slug } = p.report.lesson;
    const { row } = applied;
    writes.set(p.key, {
      id: row.id,
      user: p.user,
      course,
      lesson: slug,
      intervals: row.intervals,
      position: row.position,
      fraction: row.fraction,
      done: row.done,
      at: row.reported_at,
      credit: row.credit,
    });
    const { reply } = applied;
    // the route's answer, key for key (no spread: esbuild lowers it to a slow helper for goja)
    const answer = {
      lesson: reply.lesson,
      watchedFraction: reply.watchedFraction,
      videoDone: reply.videoDone,
      intervals: reply.intervals,
      position: reply.position,
      newlyCompleted: false,
    };
    return { status: 200, body: JSON.stringify(answer) };
  });
  planned = [];
  return JSON.stringify({ answers, writes: [...writes.values()] });
}

/** The body of the 500 answer (as respondError in src/server/http.ts gives it). */
export const serverErrorBody = JSON.stringify({ status: 500, code: 'server_error', message: SERVER_ERROR_MESSAGE, data: {} });

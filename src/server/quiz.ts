import {
  drawQuestions,
  presentedJson,
  presentedParts,
  type DrawnQuestion,
  type PresentedParts,
  type PresentedQuestion,
} from '../lib/quiz/draw.ts';
import { scoreQuiz, type GivenAnswer, type QuestionResult } from '../lib/quiz/scoring.ts';
import { feedbackFor } from '../lib/quiz/feedback.ts';
import { questionByRef, sectionByRef, type QuizDefinition } from '../lib/quiz/bank.ts';
import { acceptsSubmission, attemptsLeft, canStartAttempt, deadlineFor } from '../lib/quiz/attempt-rules.ts';
import { pbDateMs, toPbDate } from '../lib/beijing-time.ts';
import { boundedMemo } from '../lib/bounded-memo.ts';
import { content, quiz } from './content.ts';
import { completionOf, courseStatus, learnerSnapshot, recordCompletionIfDue } from './completion.ts';
import {
  badRequest,
  body,
  conflict,
  type FieldError,
  forbidden,
  groupCommit,
  inTransaction,
  notFound,
  QaError,
  RawJson,
  requireAuth,
} from './http.ts';
import {
  attemptById,
  attemptHistory,
  attemptsForStart,
  expireAttempt,
  insertAttempt,
  recordSubmission,
  type AttemptRow,
} from './quiz-store.ts';
import type { QuizAttemptsRecord } from './pb-types.ts';
import { readDb, writerDb } from './sql.ts';

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** A client-chosen request key (8-64 of A-Z a-z 0-9 - _), '' when absent: a retry with the same key is answered from what the first try saved. */
export function idempotencyKey(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') return '';
  if (typeof raw !== 'string' || !KEY.test(raw))
    throw badRequest('key 必须是 8-64 位字母、数字、- 或 _', { key: { code: 'invalid_key', message: 'invalid idempotency key' } });
  return raw;
}

function definitionOf(quizId: unknown): QuizDefinition {
  const def = typeof quizId === 'string' ? quiz(quizId) : null;
  if (!def) throw notFound(`没有找到测验 ${String(quizId)}`);
  return def;
}

const parsed = <T>(text: string, fallback: T): T => (text && text !== 'null' ? (JSON.parse(text) as T) : fallback);

/**
 * Each drawn question as the learner sees it (src/lib/quiz/draw.ts, presentQuestion), as JSON text joined from parts
 * made once per VM for each question (presentedJson): starts and submits answer with ten of them, and serialising
 * the same prompts and options again on every request was a large part of a start's CPU. Bounded by the banks'
 * questions (705 in the content); past 4,000 the parts are made again.
 */
const presented = boundedMemo<PresentedParts>(4000);

function presentedQuestions(drawn: readonly DrawnQuestion[]): PresentedQuestion[] {
  const parts: string[] = [];
  for (const d of drawn)
    parts.push(
      presentedJson(
        d,
        presented(d.ref, () => presentedParts(d.ref, questionByRef(content(), d.ref)!)),
      ),
    );
  // The client receives the array; only jsonRoute (which writes RawJson as it is) answers with attempt views.
  return new RawJson(`[${parts.join(',')}]`) as unknown as PresentedQuestion[];
}

/**
 * The attempt as the learner sees it. `drawn` and `results`: the drawn questions and grades when the caller
 * already holds them (a start that just drew them, a submit that just graded them), so that they are not
 * parsed back from the JSON text just written (JSON in the server's VM is a large part of a burst's cost).
 */
function attemptView(row: AttemptRow, drawn = parsed<DrawnQuestion[]>(row.questions, []), results?: readonly QuestionResult[]) {
  return { ...gradedView(row, drawn, results), questions: presentedQuestions(drawn) };
}

/**
 * The attempt as a submit answers with it: attemptView without the questions. The learner's page has them from the
 * start (and asks GET /attempts/{id} when it does not, after a reload); ten questions are about 3 KB of JSON on
 * a weak network, and presenting them again was a tenth of a submit's CPU in an exam-end burst (docs/quiz-load.md).
 */
function gradedView(row: AttemptRow, drawn = parsed<DrawnQuestion[]>(row.questions, []), results?: readonly QuestionResult[]) {
  const def = quiz(row.quiz);
  const submitted = row.status !== 'open';
  return {
    id: row.id,
    quiz: row.quiz,
    kind: row.kind as QuizAttemptsRecord['kind'],
    title: def?.title ?? '',
    status: row.status as QuizAttemptsRecord['status'],
    started: row.started,
    deadline: row.deadline || null,
    passMark: row.pass_mark,
    ...(submitted ? { score: row.score, passed: row.passed, submitted: row.submitted, ...feedbackOf(row, drawn, results) } : {}),
  };
}

/**
 * Feedback is rebuilt from the stored grades and the current content (src/lib/quiz/feedback.ts): practice
 * questions are explained, the final exam only names lessons to re-read. The stored `results` field is hidden
 * from the generic record API (migration 1764400100), and older records may still carry keys in it.
 */
function feedbackOf(row: AttemptRow, drawn: DrawnQuestion[], results?: readonly QuestionResult[]) {
  const kind = row.kind === 'lesson' ? 'lesson' : 'final';
  const stored = results ?? parsed<QuestionResult[]>(row.results, []);
  const grades = stored.map((r) => ({ ref: r.ref, score: r.score, correct: r.correct, given: r.given }));
  const { questions, review } = feedbackFor(
    kind,
    drawn,
    grades,
    (ref) => questionByRef(content(), ref),
    (ref) => sectionByRef(content(), ref),
  );
  return { results: questions, review };
}

/** Whether this learner may start another attempt now, from their earlier attempts of the quiz. */
function startDecision(def: QuizDefinition, attempts: AttemptRow[], now: number) {
  const finished = attempts.filter((a) => a.status !== 'open');
  return canStartAttempt({
    attemptsAllowed: def.rules.attempts,
    attemptsUsed: attempts.length,
    alreadyPassed: attempts.some((a) => a.passed),
    kind: def.kind,
    finishedAttempts: finished.length,
    lastFinishedAtMs: finished.reduce<number | null>((last, a) => {
      const at = pbDateMs(a.submitted) || pbDateMs(a.started);
      return Number.isNaN(at) ? last : Math.max(last ?? 0, at);
    }, null),
    nowMs: now,
  });
}

/**
 * POST /api/qa/attempts {quiz, key}: starts (or resumes) an attempt. The drawn questions are stored on the
 * server and returned without keys. Retrying with the same key returns the same attempt.
 */
export function startAttempt(e: PbRequestEvent) {
  const user = requireAuth(e);
  const b = body(e);
  const key = idempotencyKey(b.key);
  const def = definitionOf(b.quiz);
  if (def.bank.length === 0) throw notFound('这个测验还没有题目');
  const app = e.app;
  // No explicit transaction: SQLite has one writer, and holding it while the JS VM draws questions would
  // serialise a burst of learners. The unique (user, start_key) index settles a race between retries.
  // One query, on the read pool, for both: this quiz's attempts, and an earlier attempt started with the same key.
  const rows = attemptsForStart(readDb(app), user.id, def.id, key);
  const earlier = key ? rows.find((r) => r.start_key === key) : undefined;
  if (earlier) {
    if (earlier.quiz !== def.id) throw conflict('key_reused', '这个请求编号已用于另一个测验');
    return attemptView(earlier);
  }
  const now = Date.now();
  const open = rows.find((a) => a.status === 'open');
  if (open) {
    if (acceptsSubmission(pbDateMs(open.deadline) || null, now)) return attemptView(attemptById(writerDb(app), open.id) ?? open);
    expireAttempt(writerDb(app), open);
  }
  const decision = startDecision(def, rows, now);
  if (!decision.ok) {
    const fields: Record<string, FieldError> =
      decision.code === 'retry_later' ? { retryAt: { code: 'retry_later', message: new Date(decision.retryAtMs).toISOString() } } : {};
    throw new QaError(409, decision.code, decision.message, fields);
  }
  const drawn = drawQuestions(def.bank, { count: def.rules.draw, shuffleOptions: def.rules.shuffleOptions });
  const attempt = {
    user: user.id,
    course: def.course.id,
    quiz: def.id,
    kind: def.kind,
    questions: drawn,
    passMark: def.rules.passMark,
    startedMs: now,
    deadlineMs: deadlineFor(now, def.rules.timeLimitMinutes) ?? null,
    startKey: key,
  };
  try {
    // one INSERT, committed together with the other starts and submits queued meanwhile (group commit)
    return attemptView(
      groupCommit(app, (tx) => insertAttempt(writerDb(tx), attempt)),
      drawn,
    );
  } catch (err) {
    // a retry with the same key saved first: answer with its attempt
    const winner = key ? attemptsForStart(writerDb(app), user.id, def.id, key).find((r) => r.start_key === key) : undefined;
    if (winner && winner.quiz === def.id) return attemptView(winner);
    throw err;
  }
}

/** GET /api/qa/attempts/{id}: the attempt as the learner may see it (results only once graded). */
export function getAttempt(e: PbRequestEvent) {
  const user = requireAuth(e);
  const row = attemptById(readDb(e.app), e.request.pathValue('id'));
  if (!row || row.user !== user.id) throw notFound('没有找到这次作答');
  return attemptView(row);
}

/**
 * POST /api/qa/attempts/{id}/submit {answers, key}: grades on the server, stores answers and score, and in the
 * same transaction evaluates course completion. A repeated submission returns the recorded result unchanged.
 */
export function submitAttempt(e: PbRequestEvent) {
  const user = requireAuth(e);
  const b = body(e);
  idempotencyKey(b.key);
  const answers = b.answers;
  if (!answers || typeof answers !== 'object' || Array.isArray(answers)) {
    throw badRequest('answers 必须是 {题目编号: 答案} 对象', {
      answers: { code: 'invalid_answers', message: 'answers must be an object' },
    });
  }

  const id = e.request.pathValue('id');
  const found = attemptById(readDb(e.app), id);
  if (!found) throw notFound('没有找到这次作答');
  if (found.user !== user.id) throw forbidden('这不是您的作答');
  const courseId = found.course;
  // A repeated submission returns the recorded result; the completion is evaluated again, as any action does.
  const repeated = (tx: PbApp) => ({ row: attemptById(writerDb(tx), id)!, ...recordCompletionIfDue(tx, user, courseId), repeated: true });
  const respond = ({ row, ...outcome }: ReturnType<typeof repeated>) => ({ attempt: gradedView(row), ...outcome });
  if (found.status !== 'open') return respond(inTransaction(e.app, repeated));
  const def = definitionOf(found.quiz);
  const deadline = pbDateMs(found.deadline);
  if (!acceptsSubmission(Number.isNaN(deadline) ? null : deadline, Date.now())) {
    expireAttempt(writerDb(e.app), found); // the expiry stands even though the submission is refused
    throw new QaError(409, 'time_expired', '答题时间已到，这次作答按超时处理，不计分。');
  }
  // Graded before taking the writer: the write only records the result and the completion.
  const drawn = parsed<DrawnQuestion[]>(found.questions, []);
  const result = scoreQuiz(drawn, (ref) => questionByRef(content(), ref), answers as Record<string, GivenAnswer>, def.rules.passMark);
  const submittedMs = Date.now();
  const resultsJson = JSON.stringify(result.questions); // once: stored, and on the row the view is built from
  const grade = {
    answers: Object.fromEntries(result.questions.map((q) => [q.ref, q.given])),
    resultsJson,
    score: result.percent,
    passed: result.passed,
    submittedMs,
    submitKey: typeof b.key === 'string' ? b.key : '',
  };
  const graded: AttemptRow = {
    ...found,
    status: 'submitted',
    results: resultsJson,
    score: result.percent,
    passed: result.passed,
    submitted: toPbDate(submittedMs),
  };
  // Only passing the final quiz can complete a course: then the completion is decided inside the write
  // transaction (serialised with, say, the last lesson being marked read). Otherwise one UPDATE records the
  // result, and the course status for the response is read from the read pool, outside the single writer.
  if (!(def.kind === 'final' && result.passed)) {
    if (!groupCommit(e.app, (tx) => recordSubmission(writerDb(tx), id, grade))) return respond(inTransaction(e.app, repeated)); // a concurrent retry recorded it first
    const read = readDb(e.app);
    return {
      attempt: gradedView(graded, drawn, result.questions),
      status: courseStatus(read, user.id, courseId),
      completion: completionOf(read, user.id, courseId),
      newlyCompleted: false,
      repeated: false,
    };
  }
  // Group commit: this transaction is shared with the other starts and submits queued meanwhile (one BEGIN and
  // COMMIT, the statistics pages written once), each inside its own savepoint; answered after the commit.
  const learner = learnerSnapshot(readDb(e.app), user, { course: courseId }); // read before taking the writer
  const outcome = groupCommit(e.app, (tx) => {
    if (!recordSubmission(writerDb(tx), id, grade)) return repeated(tx); // a concurrent retry recorded it first
    return { row: graded, ...recordCompletionIfDue(tx, user, courseId, result.percent, learner), repeated: false };
  });
  // the view is built after the commit: the single writer is not held for it
  if (outcome.repeated) return respond(outcome);
  const { row, ...rest } = outcome;
  return { attempt: gradedView(row, drawn, result.questions), ...rest };
}

/** GET /api/qa/quizzes/{course}/{slug}: rules and the learner's attempt history for a quiz page. */
export function quizInfo(e: PbRequestEvent) {
  const def = definitionOf(`${e.request.pathValue('course')}/${e.request.pathValue('slug')}`);
  const info = {
    quiz: def.id,
    kind: def.kind,
    title: def.title,
    questionCount: Math.min(def.rules.draw ?? def.bank.length, def.bank.length),
    passMark: def.rules.passMark,
    attemptsAllowed: def.rules.attempts,
    timeLimitMinutes: def.rules.timeLimitMinutes ?? null,
  };
  if (e.auth?.collection().name !== 'users')
    return { ...info, attempts: [], attemptsLeft: attemptsLeft(def.rules.attempts, 0), retryAt: null };
  const records = attemptHistory(readDb(e.app), e.auth.id, def.id);
  const decision = startDecision(def, records, Date.now());
  const attempts = records.map((a) => ({
    id: a.id,
    status: a.status as QuizAttemptsRecord['status'],
    score: a.score,
    passed: a.passed,
    started: a.started,
  }));
  // when a lesson quiz asks the learner to wait before the next attempt (src/lib/quiz/attempt-rules.ts)
  const retryAt = !decision.ok && decision.code === 'retry_later' ? new Date(decision.retryAtMs).toISOString() : null;
  return { ...info, attempts, attemptsLeft: attemptsLeft(def.rules.attempts, records.length), retryAt };
}

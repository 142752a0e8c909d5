import { drawQuestions, presentQuestion, type DrawnQuestion } from '../lib/quiz/draw.ts';
import { scoreQuiz, type GivenAnswer, type QuestionResult } from '../lib/quiz/scoring.ts';
import { feedbackFor } from '../lib/quiz/feedback.ts';
import { questionByRef, sectionByRef, type QuizDefinition } from '../lib/quiz/bank.ts';
import { acceptsSubmission, attemptsLeft, canStartAttempt, deadlineFor } from '../lib/quiz/attempt-rules.ts';
import { pbDateMs, toPbDate } from '../lib/beijing-time.ts';
import { content, quiz } from './content.ts';
import { completionView, courseStatus, recordCompletionIfDue } from './completion.ts';
import type { QuizAttemptsRecord } from './pb-types.ts';
import { badRequest, body, conflict, type FieldError, findById, findOne, forbidden, getJson, inTransaction, notFound, QaError, requireAuth } from './http.ts';

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

function idempotencyKey(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') return '';
  if (typeof raw !== 'string' || !KEY.test(raw)) throw badRequest('key 必须是 8-64 位字母、数字、- 或 _', { key: { code: 'invalid_key', message: 'invalid idempotency key' } });
  return raw;
}

function definitionOf(quizId: unknown): QuizDefinition {
  const def = typeof quizId === 'string' ? quiz(quizId) : null;
  if (!def) throw notFound(`没有找到测验 ${String(quizId)}`);
  return def;
}

function attemptView(record: PbRecord) {
  const def = quiz(record.getString('quiz'));
  const drawn = getJson<DrawnQuestion[]>(record, 'questions', []);
  const submitted = record.getString('status') !== 'open';
  return {
    id: record.id,
    quiz: record.getString('quiz'),
    kind: record.getString('kind') as QuizAttemptsRecord['kind'],
    title: def?.title ?? '',
    status: record.getString('status') as QuizAttemptsRecord['status'],
    started: record.getString('started'),
    deadline: record.getString('deadline') || null,
    passMark: record.getInt('pass_mark'),
    questions: drawn.map((d) => presentQuestion(d, questionByRef(content(), d.ref)!)),
    ...(submitted ? { score: record.getFloat('score'), passed: record.getBool('passed'), submitted: record.getString('submitted'), ...feedbackOf(record, drawn) } : {}),
  };
}

/**
 * Feedback is rebuilt from the stored grades and the current content (src/lib/quiz/feedback.ts): practice
 * questions are explained, the final exam only names lessons to re-read. The stored `results` field is hidden
 * from the generic record API (migration 1764400100), and older records may still carry keys in it.
 */
function feedbackOf(record: PbRecord, drawn: DrawnQuestion[]) {
  const kind = record.getString('kind') === 'lesson' ? 'lesson' : 'final';
  const stored = getJson<QuestionResult[]>(record, 'results', []);
  const grades = stored.map((r) => ({ ref: r.ref, score: r.score, correct: r.correct, given: r.given }));
  const { questions, review } = feedbackFor(kind, drawn, grades, (ref) => questionByRef(content(), ref), (ref) => sectionByRef(content(), ref));
  return { results: questions, review };
}

/** Whether this learner may start another attempt now, from their earlier attempts of the quiz. */
function startDecision(def: QuizDefinition, attempts: PbRecord[], now: number) {
  const finished = attempts.filter((a) => a.getString('status') !== 'open');
  return canStartAttempt({
    attemptsAllowed: def.rules.attempts,
    attemptsUsed: attempts.length,
    alreadyPassed: attempts.some((a) => a.getBool('passed')),
    kind: def.kind,
    finishedAttempts: finished.length,
    lastFinishedAtMs: finished.reduce<number | null>((last, a) => {
      const at = pbDateMs(a.getString('submitted')) || pbDateMs(a.getString('started'));
      return Number.isNaN(at) ? last : Math.max(last ?? 0, at);
    }, null),
    nowMs: now,
  });
}

function attemptsOf(app: PbApp, userId: string, quizId: string) {
  return app.findRecordsByFilter('quiz_attempts', 'user = {:user} && quiz = {:quiz}', '-started', 0, 0, { user: userId, quiz: quizId });
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
  const sameKey = () => (key ? findOne(app, 'quiz_attempts', 'user = {:user} && start_key = {:key}', { user: user.id, key }) : null);
  // One query for both: this quiz's attempts, and an earlier attempt started with the same key.
  const rows = app.findRecordsByFilter('quiz_attempts', 'user = {:user} && (quiz = {:quiz} || start_key = {:key})', '-started', 0, 0, { user: user.id, quiz: def.id, key: key || '-' });
  const earlier = key ? rows.find((r) => r.getString('start_key') === key) : undefined;
  if (earlier) {
    if (earlier.getString('quiz') !== def.id) throw conflict('key_reused', '这个请求编号已用于另一个测验');
    return attemptView(earlier);
  }
  const attempts = rows.filter((r) => r.getString('quiz') === def.id);
  const now = Date.now();
  const open = attempts.find((a) => a.getString('status') === 'open');
  if (open) {
    if (acceptsSubmission(pbDateMs(open.getString('deadline')) || null, now)) return attemptView(open);
    expire(app, open);
  }
  const decision = startDecision(def, attempts, now);
  if (!decision.ok) {
    const fields: Record<string, FieldError> = decision.code === 'retry_later' ? { retryAt: { code: 'retry_later', message: new Date(decision.retryAtMs).toISOString() } } : {};
    throw new QaError(409, decision.code, decision.message, fields);
  }

  const record = new Record(app.findCachedCollectionByNameOrId('quiz_attempts'));
  const deadline = deadlineFor(now, def.rules.timeLimitMinutes);
  record.set('user', user.id);
  record.set('course', def.course.id);
  record.set('quiz', def.id);
  record.set('kind', def.kind);
  record.set('status', 'open');
  record.set('questions', drawQuestions(def.bank, { count: def.rules.draw, shuffleOptions: def.rules.shuffleOptions }));
  record.set('pass_mark', def.rules.passMark);
  record.set('started', toPbDate(now));
  if (deadline) record.set('deadline', toPbDate(deadline));
  record.set('start_key', key);
  try {
    app.save(record);
  } catch (err) {
    const winner = sameKey(); // a retry with the same key saved first
    if (winner) return attemptView(winner);
    throw err;
  }
  return attemptView(record);
}

function expire(tx: PbApp, attempt: PbRecord) {
  attempt.set('status', 'expired');
  attempt.set('score', 0);
  attempt.set('passed', false);
  attempt.set('submitted', attempt.getString('deadline'));
  tx.save(attempt);
}

/** GET /api/qa/attempts/{id}: the attempt as the learner may see it (results only once graded). */
export function getAttempt(e: PbRequestEvent) {
  const user = requireAuth(e);
  const record = findOne(e.app, 'quiz_attempts', 'id = {:id} && user = {:user}', { id: e.request.pathValue('id'), user: user.id });
  if (!record) throw notFound('没有找到这次作答');
  return attemptView(record);
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
    throw badRequest('answers 必须是 {题目编号: 答案} 对象', { answers: { code: 'invalid_answers', message: 'answers must be an object' } });
  }

  const id = e.request.pathValue('id');
  const found = findById(e.app, 'quiz_attempts', id);
  if (!found) throw notFound('没有找到这次作答');
  if (found.getString('user') !== user.id) throw forbidden('这不是您的作答');
  const courseId = found.getString('course');
  const repeated = (tx: PbApp, record: PbRecord) => ({ record, ...recordCompletionIfDue(tx, user, courseId), repeated: true });
  const respond = ({ record, ...outcome }: ReturnType<typeof repeated>) => ({ attempt: attemptView(record), ...outcome });
  if (found.getString('status') !== 'open') return respond(inTransaction(e.app, (tx) => repeated(tx, found)));
  const def = definitionOf(found.getString('quiz'));
  const deadline = pbDateMs(found.getString('deadline'));
  if (!acceptsSubmission(Number.isNaN(deadline) ? null : deadline, Date.now())) {
    expire(e.app, found); // the expiry stands even though the submission is refused
    throw new QaError(409, 'time_expired', '答题时间已到，这次作答按超时处理，不计分。');
  }
  // Graded before taking the writer: the transaction only records the result and the completion.
  const drawn = getJson<DrawnQuestion[]>(found, 'questions', []);
  const result = scoreQuiz(drawn, (ref) => questionByRef(content(), ref), answers as Record<string, GivenAnswer>, def.rules.passMark);
  // Only passing the final quiz can complete a course: then the completion is decided inside the write
  // transaction (serialised with, say, the last lesson being marked read). Otherwise the course status for
  // the response is read before it, keeping the single SQLite writer's work short.
  const decides = def.kind === 'final' && result.passed;
  const statusBefore = decides ? null : courseStatus(e.app, user.id, courseId);
  const existing = decides ? null : findOne(e.app, 'completions', 'user = {:user} && course = {:course}', { user: user.id, course: courseId });
  const outcome = inTransaction(e.app, (tx) => {
    const record = tx.findRecordById('quiz_attempts', id);
    if (record.getString('status') !== 'open') return repeated(tx, record); // a concurrent retry recorded it first
    record.set('answers', Object.fromEntries(result.questions.map((q) => [q.ref, q.given])));
    record.set('results', result.questions);
    record.set('score', result.percent);
    record.set('passed', result.passed);
    record.set('status', 'submitted');
    record.set('submitted', toPbDate(Date.now()));
    record.set('submit_key', typeof b.key === 'string' ? b.key : '');
    tx.save(record);
    if (statusBefore) {
      return { record, status: statusBefore, completion: existing ? completionView(existing) : null, newlyCompleted: false, repeated: false };
    }
    return { record, ...recordCompletionIfDue(tx, user, courseId, result.percent), repeated: false };
  });
  return respond(outcome); // the view is built after the commit: the single writer is not held for it
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
  if (!e.auth || e.auth.collection().name !== 'users') return { ...info, attempts: [], attemptsLeft: attemptsLeft(def.rules.attempts, 0), retryAt: null };
  const records = attemptsOf(e.app, e.auth.id, def.id);
  const decision = startDecision(def, records, Date.now());
  const attempts = records.map((a) => ({
    id: a.id,
    status: a.getString('status') as QuizAttemptsRecord['status'],
    score: a.getFloat('score'),
    passed: a.getBool('passed'),
    started: a.getString('started'),
  }));
  // when a lesson quiz asks the learner to wait before the next attempt (src/lib/quiz/attempt-rules.ts)
  const retryAt = !decision.ok && decision.code === 'retry_later' ? new Date(decision.retryAtMs).toISOString() : null;
  return { ...info, attempts, attemptsLeft: attemptsLeft(def.rules.attempts, records.length), retryAt };
}

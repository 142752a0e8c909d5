/**
 * Quiz attempts read and written with plain SQL. The start and submit routes are the platform's hottest paths
 * (a whole cohort submits a timed exam in the same seconds), and PocketBase's record layer costs more than
 * the quiz itself there: each findRecordsByFilter parses a filter and hydrates every field of every row, each
 * record.getString() is a reflective call from the JS VM into Go, and each save runs validators and model
 * hooks. Here one query reads the columns the routes need and one statement writes. Only quiz_attempts is
 * written this way: no hook, realtime subscription or counter depends on its writes (completions and the
 * statistics still go through createCompletion in completion.ts). docs/quiz-load.md has the measurements.
 */
import { toPbDate } from '../lib/beijing-time.ts';
import { randomString, sqlExec, sqlRows, type Db } from './sql.ts';

export interface AttemptRow {
  id: string;
  user: string;
  course: string;
  quiz: string;
  kind: string;
  status: string;
  /** JSON text ('' when empty) */
  questions: string;
  results: string;
  score: number;
  passed: boolean;
  pass_mark: number;
  started: string;
  deadline: string;
  submitted: string;
  start_key: string;
}

/**
 * Rows come back as one JSON text (src/server/sql.ts): one call from the JS VM into Go per query instead of
 * fifteen reflective field reads per row. The full row has the drawn questions and stored grades, for the
 * learner's view; the brief one leaves them out, for decisions over the attempt history.
 */
const row = (questions: string, results: string) =>
  `id, user, course, quiz, kind, status, ${questions} AS questions, ${results} AS results,
    score, passed, pass_mark, started, deadline, submitted, start_key`;
const FULL = row("IFNULL(questions, '')", "IFNULL(results, '')");
const BRIEF = row("''", "''");

function all(db: Db, sql: string, params: Record<string, unknown>): AttemptRow[] {
  return sqlRows<AttemptRow>(db, sql, params).map((a) => {
    a.passed = Boolean(a.passed);
    return a;
  });
}

/** One attempt with everything, or null. */
export function attemptById(db: Db, id: string): AttemptRow | null {
  return all(db, `SELECT ${FULL} FROM quiz_attempts WHERE id = {:id} LIMIT 1`, { id })[0] ?? null;
}

/**
 * For a start: the learner's attempts of this quiz (history only), plus any attempt started with this key
 * (full, so a retry can answer with it), newest first.
 */
export function attemptsForStart(db: Db, user: string, quiz: string, key: string): AttemptRow[] {
  return all(
    db,
    `SELECT * FROM (
       SELECT ${FULL} FROM quiz_attempts WHERE user = {:user} AND start_key = {:key} AND {:key} != ''
       UNION ALL
       SELECT ${BRIEF} FROM quiz_attempts WHERE user = {:user} AND quiz = {:quiz} AND ({:key} = '' OR start_key != {:key})
     ) ORDER BY started DESC`,
    { user, quiz, key },
  );
}

/** The learner's attempts of one quiz, newest first, without the JSON columns. */
export function attemptHistory(db: Db, user: string, quiz: string): AttemptRow[] {
  return all(db, `SELECT ${BRIEF} FROM quiz_attempts WHERE user = {:user} AND quiz = {:quiz} ORDER BY started DESC`, { user, quiz });
}

/** A new PocketBase record id (15 characters of a-z0-9, as the record layer makes them). */
export const newRecordId = () => randomString(15, 'abcdefghijklmnopqrstuvwxyz0123456789');

export interface NewAttempt {
  user: string;
  course: string;
  quiz: string;
  kind: string;
  questions: unknown;
  passMark: number;
  startedMs: number;
  deadlineMs: number | null;
  startKey: string;
}

/** Inserts an open attempt; throws on a duplicate (user, start_key) like a record save would. */
export function insertAttempt(db: Db, a: NewAttempt): AttemptRow {
  const now = toPbDate(a.startedMs);
  const row: AttemptRow = {
    id: newRecordId(),
    user: a.user,
    course: a.course,
    quiz: a.quiz,
    kind: a.kind,
    status: 'open',
    questions: JSON.stringify(a.questions),
    results: '',
    score: 0,
    passed: false,
    pass_mark: a.passMark,
    started: now,
    deadline: a.deadlineMs ? toPbDate(a.deadlineMs) : '',
    submitted: '',
    start_key: a.startKey,
  };
  sqlExec(
    db,
    `INSERT INTO quiz_attempts (id, user, course, quiz, kind, status, questions, pass_mark, started, deadline, start_key, created, updated)
     VALUES ({:id}, {:user}, {:course}, {:quiz}, {:kind}, 'open', {:questions}, {:pass_mark}, {:started}, {:deadline}, {:start_key}, {:now}, {:now})`,
    {
      id: row.id,
      user: row.user,
      course: row.course,
      quiz: row.quiz,
      kind: row.kind,
      questions: row.questions,
      pass_mark: row.pass_mark,
      started: row.started,
      deadline: row.deadline,
      start_key: row.start_key,
      now,
    },
  );
  return row;
}

export interface Grade {
  answers: unknown;
  /** the graded questions as JSON text */
  resultsJson: string;
  score: number;
  passed: boolean;
  submittedMs: number;
  submitKey: string;
}

/**
 * Records a submission if the attempt is still open; false when another request recorded it first (the
 * status test in the same statement settles the race).
 */
export function recordSubmission(db: Db, id: string, g: Grade): boolean {
  const at = toPbDate(g.submittedMs);
  const changed = sqlExec(
    db,
    `UPDATE quiz_attempts SET answers = {:answers}, results = {:results}, score = {:score}, passed = {:passed},
       status = 'submitted', submitted = {:at}, submit_key = {:key}, updated = {:at}
     WHERE id = {:id} AND status = 'open'`,
    {
      id,
      answers: JSON.stringify(g.answers),
      results: g.resultsJson,
      score: g.score,
      passed: g.passed,
      at,
      key: g.submitKey,
    },
  );
  return changed > 0;
}

/** An open attempt past its deadline: it counts as used, with no score. */
export function expireAttempt(db: Db, row: AttemptRow): void {
  sqlExec(
    db,
    `UPDATE quiz_attempts SET status = 'expired', score = 0, passed = FALSE, submitted = deadline, updated = {:now} WHERE id = {:id} AND status = 'open'`,
    { id: row.id, now: toPbDate(Date.now()) },
  );
  row.status = 'expired';
  row.score = 0;
  row.passed = false;
  row.submitted = row.deadline;
}

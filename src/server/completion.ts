import { evaluateCompletion, type CompletionStatus } from '../lib/completion.ts';
import { finalQuizId } from '../lib/quiz/bank.ts';
import { monthOf } from '../lib/stats/keys.ts';
import { toPbDate } from '../lib/beijing-time.ts';
import { newCertificateCode } from '../lib/certificate-code.ts';
import { content } from './content.ts';
import { checkName } from '../lib/security/names.ts';
import { applyCompletion } from './stats-aggregates.ts';
import { sqlRows, type Db } from './sql.ts';

/** A lesson is done once read or its video watched: the SQL condition on lesson_progress, for every query that asks. */
export const LESSON_DONE_SQL = "(read_at != '' OR video_done = TRUE)";

export type { Db };
const dbOf = (from: PbApp | Db): Db => (typeof (from as PbApp).runInTransaction === 'function' ? (from as PbApp).db() : (from as Db));

export function lessonsDone(from: PbApp | Db, userId: string, courseId: string): Set<string> {
  // Plain SQL: only the lesson names are needed, not whole records with their watched intervals.
  const rows = sqlRows<{ lesson: string }>(
    dbOf(from),
    `SELECT lesson FROM lesson_progress WHERE user = {:user} AND course = {:course} AND ${LESSON_DONE_SQL}`,
    { user: userId, course: courseId },
  );
  return new Set(rows.map((r) => r.lesson));
}

export function finalQuizPassed(from: PbApp | Db, userId: string, courseId: string): boolean {
  return (
    sqlRows(dbOf(from), 'SELECT id FROM quiz_attempts WHERE user = {:user} AND quiz = {:quiz} AND passed = TRUE LIMIT 1', {
      user: userId,
      quiz: finalQuizId(courseId),
    }).length > 0
  );
}

/** `passingNow`: the final quiz is passed in this request (no need to look for a passed attempt). */
export function courseStatus(app: PbApp | Db, userId: string, courseId: string, passingNow = false): CompletionStatus {
  const course = content().courses[courseId];
  return evaluateCompletion({
    rule: course.completion,
    lessons: course.lessons,
    lessonsDone: lessonsDone(app, userId, courseId),
    finalQuizPassed: passingNow || finalQuizPassed(app, userId, courseId),
  });
}

export interface CompletionView {
  id: string;
  course: string;
  completedAt: string;
  certificateCode: string;
}

export function completionView(r: PbRecord): CompletionView {
  return {
    id: r.id,
    course: r.getString('course'),
    completedAt: r.getString('completed_at'),
    certificateCode: r.getString('certificate_code'),
  };
}

/** The learner's completion of a course, or null: one indexed query for the hot paths (no record hydration). */
export function completionOf(from: PbApp | Db, userId: string, courseId: string): CompletionView | null {
  const r = sqlRows<{ id: string; course: string; completed_at: string; certificate_code: string }>(
    dbOf(from),
    'SELECT id, course, completed_at, certificate_code FROM completions WHERE user = {:user} AND course = {:course} LIMIT 1',
    { user: userId, course: courseId },
  )[0];
  return r ? { id: r.id, course: r.course, completedAt: r.completed_at, certificateCode: r.certificate_code } : null;
}

export interface CompletionOptions {
  channel: 'online' | 'in_person';
  at: Date;
  score?: number;
  session?: string;
}

/**
 * Records a completion with a snapshot of the learner's enterprise (its region and industry at this moment:
 * later changes to the enterprise do not rewrite history), a certificate code, and the statistics.
 */
export function createCompletion(tx: PbApp, user: PbRecord, courseId: string, options: CompletionOptions): PbRecord {
  const enterprise = tx.findRecordById('enterprises', user.getString('enterprise'));
  const record = new Record(tx.findCachedCollectionByNameOrId('completions'));
  record.set('user', user.id);
  record.set('course', courseId);
  record.set('enterprise', enterprise.id);
  record.set('learner_name', user.getString('name'));
  record.set('enterprise_name', enterprise.getString('name'));
  for (const field of ['province_code', 'prefecture_code', 'county_code', 'sector']) record.set(field, enterprise.getString(field));
  record.set('channel', options.channel);
  record.set('completed_at', toPbDate(options.at));
  record.set('month', monthOf(options.at));
  record.set(
    'certificate_code',
    newCertificateCode(options.at, (n, alphabet) => $security.randomStringWithAlphabet(n, alphabet)),
  );
  if (options.score !== undefined) record.set('score', options.score);
  if (options.session) record.set('session', options.session);
  tx.save(record);
  applyCompletion(tx, record);
  return record;
}

/**
 * Evaluates the course's completion rule and, the first time it holds, records the completion with a
 * snapshot of the enterprise. Called inside the transaction of the learner's deciding action, so the
 * learner sees the course complete in the same response. `finalScore`: the final quiz is being passed in
 * this transaction, with this score.
 */
export function recordCompletionIfDue(
  tx: PbApp,
  user: PbRecord,
  courseId: string,
  finalScore?: number,
): { status: CompletionStatus; completion: CompletionView | null; newlyCompleted: boolean } {
  const status = courseStatus(tx, user.id, courseId, finalScore !== undefined);
  const existing = completionOf(tx, user.id, courseId);
  if (existing) return { status, completion: existing, newlyCompleted: false };
  const enterpriseId = user.getString('enterprise');
  if (!status.complete || !enterpriseId) return { status, completion: null, newlyCompleted: false };
  // A name saved before the one name rule (e.g. blank) cannot go on a certificate. The learner's action is still
  // saved; the completion is recorded by their next lesson, video or quiz action once the name is corrected.
  if (!checkName(user.getString('name')).ok) {
    tx.logger().warn('completion waits for a valid name', 'user', user.id, 'course', courseId);
    return { status, completion: null, newlyCompleted: false };
  }

  const record = createCompletion(tx, user, courseId, { channel: 'online', at: new Date(), score: finalScore });
  return { status, completion: completionView(record), newlyCompleted: true };
}

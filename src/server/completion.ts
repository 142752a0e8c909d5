import {
  COMPLETION_OF_SQL,
  evaluateCompletion,
  FINAL_PASSED_SQL,
  LATEST_COMPLETED_SQL,
  liveCompletionInstant,
  LESSON_DONE_SQL,
  LESSONS_DONE_SQL,
  type CompletionStatus,
} from '../lib/completion.ts';
import { finalQuizId } from '../lib/quiz/bank.ts';
import { monthOf } from '../lib/stats/keys.ts';
import { pbDateMs, toPbDate } from '../lib/beijing-time.ts';
import { newCertificateCode } from '../lib/certificate-code.ts';
import { content } from './content.ts';
import { checkName } from '../lib/security/names.ts';
import { applyCompletionFacts } from './stats-aggregates.ts';
import { applyCompletionDays } from './stats-days.ts';
import { applyCompletionEnterprise } from './stats-enterprises.ts';
import { dbOf, randomString, recordStrings, sqlExec, sqlRows, writerDb, type Db } from './sql.ts';
import { newRecordId } from './quiz-store.ts';

export { LESSON_DONE_SQL };

export type { Db };

export function lessonsDone(from: PbApp | Db, userId: string, courseId: string): Set<string> {
  // Plain SQL: only the lesson names are needed, not whole records with their watched intervals.
  const rows = sqlRows<{ lesson: string }>(dbOf(from), LESSONS_DONE_SQL, { user: userId, course: courseId });
  return new Set(rows.map((r) => r.lesson));
}

export function finalQuizPassed(from: PbApp | Db, userId: string, courseId: string): boolean {
  return sqlRows(dbOf(from), FINAL_PASSED_SQL, { user: userId, quiz: finalQuizId(courseId) }).length > 0;
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

function liveInstant(tx: PbApp, userId: string, enterpriseId: string): { ms: number; latest: boolean } {
  const latest = sqlRows<{ at: string | null }>(writerDb(tx), LATEST_COMPLETED_SQL, { user: userId, enterprise: enterpriseId });
  const nowMs = Date.now();
  // Nearly always both are earlier: stored instants compare as text, without parsing dates in the JS VM.
  const nowText = toPbDate(nowMs);
  if (latest.every((r) => r.at === null || r.at < nowText)) return { ms: nowMs, latest: true };
  return liveCompletionInstant(
    nowMs,
    latest.map((r) => pbDateMs(r.at)),
  );
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
  const r = sqlRows<{ id: string; course: string; completed_at: string; certificate_code: string }>(dbOf(from), COMPLETION_OF_SQL, {
    user: userId,
    course: courseId,
  })[0];
  return r ? { id: r.id, course: r.course, completedAt: r.completed_at, certificateCode: r.certificate_code } : null;
}

export interface CompletionOptions {
  channel: 'online' | 'in_person';
  /** the learner's enterprise as learnerSnapshot read it (else read here) */
  enterprise?: EnterpriseSnapshot;
  /** the learner's name as learnerSnapshot read and checked it (else read here) */
  learnerName?: string;
  /** 'now': recorded as it happens, at liveCompletionInstant */
  at: Date | 'now';
  score?: number;
  session?: string;
}

export interface EnterpriseSnapshot {
  id: string;
  name: string;
  province_code: string;
  prefecture_code: string;
  county_code: string;
  sector: string;
}

/**
 * Records a completion with a snapshot of the learner's enterprise (its region and industry at this moment:
 * later changes to the enterprise do not rewrite history), a certificate code, and the statistics.
 *
 * Written with one INSERT rather than a record save: on a burst of completing quiz submits the record layer
 * (validators that look up each relation, field interceptors, a statement built and parsed per save) was a
 * tenth of the submit's CPU (docs/quiz-load.md). Every value here is made by the server, from records read in
 * this transaction. No hook depends on completions being created (the hooks in pb_hooks/qa.pb.js act on their
 * update and deletion); the realtime API, which would announce the new record, is closed to everyone but
 * superusers for completions.
 */
export function createCompletion(tx: PbApp, user: PbRecord, courseId: string, options: CompletionOptions): CompletionView {
  const enterprise = options.enterprise ?? enterpriseOf(writerDb(tx), user.getString('enterprise'));
  if (!enterprise) throw new Error(`createCompletion: enterprise ${user.getString('enterprise')} of user ${user.id} not found`);
  const now = toPbDate(new Date());
  const live = options.at === 'now' ? liveInstant(tx, user.id, enterprise.id) : null;
  const at = live ? new Date(live.ms) : (options.at as Date);
  const row = {
    id: newRecordId(),
    user: user.id,
    course: courseId,
    enterprise: enterprise.id,
    learner_name: options.learnerName ?? user.getString('name'),
    enterprise_name: enterprise.name,
    province_code: enterprise.province_code,
    prefecture_code: enterprise.prefecture_code,
    county_code: enterprise.county_code,
    sector: enterprise.sector,
    channel: options.channel,
    completed_at: toPbDate(at),
    month: monthOf(at),
    certificate_code: newCertificateCode(at, randomString),
    score: options.score ?? 0,
    session: options.session ?? '',
    created: now,
  };
  sqlExec(
    writerDb(tx),
    `INSERT INTO completions (id, user, course, enterprise, learner_name, enterprise_name, province_code, prefecture_code, county_code,
       sector, channel, completed_at, month, certificate_code, score, session, created)
     VALUES ({:id}, {:user}, {:course}, {:enterprise}, {:learner_name}, {:enterprise_name}, {:province_code}, {:prefecture_code},
       {:county_code}, {:sector}, {:channel}, {:completed_at}, {:month}, {:certificate_code}, {:score}, {:session}, {:created})`,
    row,
  );
  applyCompletionFacts(
    tx,
    row.id,
    {
      user: row.user,
      enterprise: row.enterprise,
      course: row.course,
      month: row.month,
      province: row.province_code,
      prefecture: row.prefecture_code,
      county: row.county_code,
      sector: row.sector,
      channel: row.channel,
    },
    row.completed_at,
    live?.latest ?? false,
  );
  // The per-day firsts of the custom ranges (src/server/stats-days.ts): one read by index seeks and one upsert.
  applyCompletionDays(
    tx,
    row.id,
    {
      user: row.user,
      enterprise: row.enterprise,
      province: row.province_code,
      prefecture: row.prefecture_code,
      county: row.county_code,
      completedAt: row.completed_at,
    },
    live?.latest ?? false,
  );
  // The trained-enterprise list's summaries (src/server/stats-enterprises.ts): one small read and one upsert.
  applyCompletionEnterprise(tx, row.id, {
    user: row.user,
    enterprise: row.enterprise,
    province: row.province_code,
    prefecture: row.prefecture_code,
    county: row.county_code,
    month: row.month,
    completedAt: row.completed_at,
  });
  return { id: row.id, course: row.course, completedAt: row.completed_at, certificateCode: row.certificate_code };
}

const ENTERPRISE_SNAPSHOT_SQL =
  'SELECT id, name, province_code, prefecture_code, county_code, sector FROM enterprises WHERE id = {:id} LIMIT 1';
const enterpriseOf = (db: Db, id: string) => sqlRows<EnterpriseSnapshot>(db, ENTERPRISE_SNAPSHOT_SQL, { id })[0] ?? null;

/**
 * What recording a learner's completion needs besides their progress and other completions: their enterprise (the
 * snapshot's region, industry and name; null without one, or when it is not found) and whether their name may go on a
 * certificate. Neither depends on the write transaction, so a completing submit reads them before it takes the
 * single writer (0.2 ms there, docs/quiz-load.md); an edit landing meanwhile counts as if it came a moment later.
 */
export interface LearnerSnapshot {
  /** the user's enterprise field ('' without one) */
  enterpriseId: string;
  enterprise: EnterpriseSnapshot | null;
  /** the user's name, and whether it may go on a certificate */
  name: string;
  nameOk: boolean;
  /**
   * The course's status as it will be once the final quiz being submitted is recorded as passed (read with
   * `passingFinal`). Trusted inside the transaction only when complete: lessons done only ever grow (a read is
   * never unread, a finished video never unfinished), so complete before means complete inside, and the single
   * writer is spared the read (0.2 ms, docs/quiz-load.md). Incomplete, it is read again inside, where a lesson
   * finished meanwhile by the same learner is seen.
   */
  status?: CompletionStatus;
}

export function learnerSnapshot(db: Db, user: PbRecord, passingFinal?: { course: string }): LearnerSnapshot {
  const { enterprise: enterpriseId, name } = recordStrings(user, ['enterprise', 'name'] as const);
  return {
    enterpriseId,
    enterprise: enterpriseId ? enterpriseOf(db, enterpriseId) : null,
    name,
    nameOk: checkName(name).ok,
    status: passingFinal ? courseStatus(db, user.id, passingFinal.course, true) : undefined,
  };
}

/**
 * Evaluates the course's completion rule and, the first time it holds, records the completion with a
 * snapshot of the enterprise. Called inside the transaction of the learner's deciding action, so the
 * learner sees the course complete in the same response. `finalScore`: the final quiz is being passed in
 * this transaction, with this score. `learner`: read before the transaction (learnerSnapshot), else read here.
 */
export function recordCompletionIfDue(
  tx: PbApp,
  user: PbRecord,
  courseId: string,
  finalScore?: number,
  learner?: LearnerSnapshot,
): { status: CompletionStatus; completion: CompletionView | null; newlyCompleted: boolean } {
  const status = learner?.status?.complete ? learner.status : courseStatus(tx, user.id, courseId, finalScore !== undefined);
  const existing = completionOf(tx, user.id, courseId);
  if (existing) return { status, completion: existing, newlyCompleted: false };
  if (!status.complete || !(learner ? learner.enterpriseId : user.getString('enterprise')))
    return { status, completion: null, newlyCompleted: false };
  const { enterprise, name, nameOk } = learner ?? learnerSnapshot(writerDb(tx), user);
  // A name saved before the one name rule (e.g. blank) cannot go on a certificate. The learner's action is still
  // saved; the completion is recorded by their next lesson, video or quiz action once the name is corrected.
  if (!nameOk) {
    tx.logger().warn('completion waits for a valid name', 'user', user.id, 'course', courseId);
    return { status, completion: null, newlyCompleted: false };
  }

  const completion = createCompletion(tx, user, courseId, {
    channel: 'online',
    at: 'now',
    score: finalScore,
    enterprise: enterprise ?? undefined,
    learnerName: name,
  });
  return { status, completion, newlyCompleted: true };
}

import { applyVideoReport, isProblem, parseVideoReport, type VideoRow } from '../lib/progress-batch.ts';
import { finalQuizId } from '../lib/quiz/bank.ts';
import { toPbDate } from '../lib/beijing-time.ts';
import { content, quiz } from './content.ts';
import { completionView, recordCompletionIfDue, courseStatus } from './completion.ts';
import { myAssignments } from './assistance/plan.ts';
import { newRecordId } from './quiz-store.ts';
import { badRequest, body, findOne, inTransaction, notFound, QaError, requireAuth } from './http.ts';
import { writerDb } from './sql.ts';

const pbNow = () => toPbDate(Date.now());

function lessonOf(id: unknown) {
  if (typeof id !== 'string' || id === '')
    throw badRequest('请求缺少课时（lesson）', { lesson: { code: 'required', message: 'lesson is required' } });
  const lessons = content().lessons;
  const lesson = Object.prototype.hasOwnProperty.call(lessons, id) ? lessons[id] : undefined; // not "constructor" and kin
  if (!lesson) throw notFound(`没有找到课时 ${String(id)}`);
  return lesson;
}

function progressRecord(tx: PbApp, userId: string, course: string, lesson: string): PbRecord {
  const found = findOne(tx, 'lesson_progress', 'user = {:user} && course = {:course} && lesson = {:lesson}', {
    user: userId,
    course,
    lesson,
  });
  if (found) return found;
  const record = new Record(tx.findCachedCollectionByNameOrId('lesson_progress'));
  record.set('user', userId);
  record.set('course', course);
  record.set('lesson', lesson);
  return record;
}

/** POST /api/qa/lessons/read {lesson}: the learner has read the lesson. Idempotent. */
export function markRead(e: PbRequestEvent) {
  const user = requireAuth(e);
  const lesson = lessonOf(body(e).lesson);
  return inTransaction(e.app, (tx) => {
    const record = progressRecord(tx, user.id, lesson.course, lesson.slug);
    if (!record.getString('read_at')) {
      record.set('read_at', pbNow());
      tx.save(record);
    }
    return { lesson: lesson.id, read: true, ...recordCompletionIfDue(tx, user, lesson.course) };
  });
}

/** The video columns of a learner's progress on one lesson (plain SQL: this is the busiest write of a training day). */
function videoRow(tx: PbApp, userId: string, course: string, lesson: string): VideoRow | null {
  // -0: a float field (0 would scan as an integer and fail on 2.5)
  const rows = arrayOf(new DynamicModel({ id: '', intervals: '', position: -0, done: false, reported_at: '', credit: -0 }));
  writerDb(tx)
    .newQuery(
      `SELECT id, IFNULL(video_intervals, '') AS intervals, video_position AS position, video_done AS done, video_reported_at AS reported_at, video_credit AS credit
       FROM lesson_progress WHERE user = {:user} AND course = {:course} AND lesson = {:lesson} LIMIT 1`,
    )
    .bind({ user: userId, course, lesson })
    .all(rows);
  const r = rows[0];
  return r
    ? { id: r.id, intervals: r.intervals, position: r.position, done: Boolean(r.done), reported_at: r.reported_at, credit: r.credit }
    : null;
}

/**
 * POST /api/qa/video-progress {lesson, intervals, position}: merges watched intervals on the server (the rules:
 * src/lib/progress-batch.ts and src/lib/intervals.ts). Most reports never reach this route: PocketBase's Go
 * batcher (progress_batch.go) applies them in batches with the same rules. It hands over the report that
 * finishes the video (and later reports of the same learner and lesson until that one is done), so that the
 * write and the completion it may bring commit in one transaction here. It also serves every report when the
 * Go path is off. The row is read and written with one SQL statement each (no hook or counter depends on
 * lesson_progress writes; completions still go through recordCompletionIfDue).
 */
export function reportVideo(e: PbRequestEvent) {
  const user = requireAuth(e);
  const report = parseVideoReport(body(e), content().lessons);
  if (isProblem(report)) throw new QaError(report.status, report.code, report.message, report.fields);
  const { course, slug } = report.lesson;

  return inTransaction(e.app, (tx) => {
    const row = videoRow(tx, user.id, course, slug);
    const { row: next, reply, finishes } = applyVideoReport(row, report, Date.now());
    const values = { ...next, id: next.id || newRecordId(), user: user.id, course, lesson: slug, at: next.reported_at };
    writerDb(tx)
      .newQuery(
        row
          ? `UPDATE lesson_progress SET video_intervals = {:intervals}, video_position = {:position}, video_fraction = {:fraction}, video_done = {:done},
               video_reported_at = {:at}, video_credit = {:credit}, updated = {:at} WHERE id = {:id}`
          : `INSERT INTO lesson_progress (id, user, course, lesson, video_intervals, video_position, video_fraction, video_done, video_reported_at, video_credit, created, updated)
             VALUES ({:id}, {:user}, {:course}, {:lesson}, {:intervals}, {:position}, {:fraction}, {:done}, {:at}, {:credit}, {:at}, {:at})`,
      )
      .bind(values)
      .execute();
    // Only the report that finishes the video can complete the course; the others (nearly all of them) skip
    // the completion queries. Marking a lesson read and submitting a quiz still evaluate it every time.
    if (!finishes) return { ...reply, newlyCompleted: false };
    return { ...reply, ...recordCompletionIfDue(tx, user, course) };
  });
}

/** One lesson's progress as the course status reports it. */
export interface LessonProgressView {
  read: boolean;
  videoFraction: number;
  videoDone: boolean;
  position: number;
}

/** GET /api/qa/courses/{course}/status: the learner's progress through one course. */
export function courseProgress(e: PbRequestEvent) {
  const user = requireAuth(e);
  const courseId = e.request.pathValue('course');
  const course = content().courses[courseId];
  if (!course) throw notFound(`没有找到课程 ${courseId}`);
  const rows = e.app.findRecordsByFilter('lesson_progress', 'user = {:user} && course = {:course}', '', 0, 0, {
    user: user.id,
    course: courseId,
  });
  const lessons: Record<string, LessonProgressView> = {};
  for (const r of rows) {
    lessons[r.getString('lesson')] = {
      read: r.getString('read_at') !== '',
      videoFraction: r.getFloat('video_fraction'),
      videoDone: r.getBool('video_done'),
      position: r.getFloat('video_position'),
    };
  }
  const completion = findOne(e.app, 'completions', 'user = {:user} && course = {:course}', { user: user.id, course: courseId });
  const finals = e.app.findRecordsByFilter('quiz_attempts', 'user = {:user} && quiz = {:quiz}', '-started', 0, 0, {
    user: user.id,
    quiz: finalQuizId(courseId),
  });
  return {
    course: courseId,
    lessons,
    status: courseStatus(e.app, user.id, courseId),
    finalQuiz: {
      attemptsUsed: finals.length,
      attemptsAllowed: course.finalQuiz.attempts,
      bestScore: finals.reduce((best, a) => Math.max(best, a.getFloat('score')), 0),
    },
    completion: completion ? completionView(completion) : null,
  };
}

/** GET /api/qa/me: everything on the learner's "my learning" page in one request. */
export function myLearning(e: PbRequestEvent) {
  const user = requireAuth(e);
  const progress = e.app.findRecordsByFilter('lesson_progress', 'user = {:user}', '-updated', 0, 0, { user: user.id });
  const completions = e.app.findRecordsByFilter('completions', 'user = {:user}', '-completed_at', 0, 0, { user: user.id });
  const attempts = e.app.findRecordsByFilter('quiz_attempts', 'user = {:user} && status != "open"', '-started', 50, 0, { user: user.id });
  const done = new Set(completions.map((c) => c.getString('course')));
  const inProgress = [...new Set(progress.map((p) => p.getString('course')))]
    .filter((c) => !done.has(c) && content().courses[c])
    .map((c) => {
      const status = courseStatus(e.app, user.id, c);
      const last = progress.find((p) => p.getString('course') === c)!;
      // where they left off: the lesson touched last if it is not finished (a video half watched), else the next one to do
      const lastUnfinished = last.getString('read_at') === '' && !last.getBool('video_done');
      const resumeLesson = lastUnfinished ? last.getString('lesson') : (status.missingLessons[0] ?? last.getString('lesson'));
      return { course: c, title: content().courses[c].title, status, resumeLesson };
    });
  return {
    user: { id: user.id, name: user.getString('name'), role: user.getString('role') },
    inProgress,
    completed: completions.map((c) => ({
      ...completionView(c),
      title: content().courses[c.getString('course')]?.title ?? c.getString('course'),
      revoked: c.getBool('revoked'),
    })),
    // Lessons and courses the enterprise's manager asked this person to study, with due dates.
    assignments: myAssignments(e.app, user.id),
    attempts: attempts.map((a) => ({
      id: a.id,
      quiz: a.getString('quiz'),
      title: quiz(a.getString('quiz'))?.title ?? a.getString('quiz'),
      score: a.getFloat('score'),
      passed: a.getBool('passed'),
      status: a.getString('status'),
      submitted: a.getString('submitted'),
    })),
  };
}

/**
 * GET /api/qa/trainer/courses and /api/qa/trainer/courses/{course}/analytics: what a course's trainers need to
 * improve it: learners started and completed, drop-off per lesson, where videos are stopped, quiz scores with
 * item analysis per question, and learners' ratings. Only the course's own trainers; no learner is named.
 */
import { analyseItems, stopPoints, type GradedAttempt, type ItemStats } from '../../lib/analytics/item-analysis.ts';
import { roundHalfUp } from '../../lib/stats/percent.ts';
import { finalQuizId, questionByRef } from '../../lib/quiz/bank.ts';
import type { Interval } from '../../lib/intervals.ts';
import { content } from '../content.ts';
import { LESSON_DONE_SQL } from '../completion.ts';
import { requireAuth, forbidden } from '../http.ts';
import { requireCourseTrainer, trainerCourses } from './access.ts';

/** Newest submitted attempts read per quiz: enough for stable statistics, bounded work per request. */
const MAX_ATTEMPTS = 2000;

export interface TrainerCourse {
  id: string;
  title: string;
  lessons: number;
  waitingQuestions: number;
}

export interface QuestionStats extends ItemStats {
  prompt: string;
  type: 'single' | 'multiple' | 'truefalse';
  options: { label: string; right: boolean; chosen: number }[];
}

export interface QuizStats {
  quiz: string;
  title: string;
  attempts: number;
  averageScore: number | null;
  passRate: number | null;
  questions: QuestionStats[];
}

export interface LessonStats {
  lesson: string;
  title: string;
  /** learners who finished the lesson (read it or watched its video) */
  finished: number;
  /** learners' furthest point in the video, in tenths (only lessons with a video) */
  videoStops: number[] | null;
  rating: { average: number | null; count: number; comments: string[] };
  waitingQuestions: number;
}

export interface CourseAnalytics {
  course: string;
  title: string;
  started: number;
  completed: number;
  lessons: LessonStats[];
  quizzes: QuizStats[];
}

const count = (app: PbApp, sql: string, params: Record<string, unknown>): number => {
  const rows = arrayOf(new DynamicModel({ n: 0 }));
  app.db().newQuery(sql).bind(params).all(rows);
  return rows[0]?.n ?? 0;
};

export function myCourses(e: PbRequestEvent): { courses: TrainerCourse[] } {
  const user = requireAuth(e);
  if (user.getString('role') !== 'trainer') throw forbidden('只有培训老师可以查看课程分析');
  return {
    courses: trainerCourses(e.app, user.id).map((id) => ({
      id,
      title: content().courses[id].title,
      lessons: content().courses[id].lessons.length,
      waitingQuestions: count(
        e.app,
        "SELECT COUNT(*) AS n FROM lesson_questions WHERE course = {:course} AND answer = '' AND hidden = FALSE",
        { course: id },
      ),
    })),
  };
}

function quizStats(app: PbApp, quizId: string, title: string): QuizStats {
  const rows = arrayOf(new DynamicModel({ score: -0, passed: false, results: '' })); // -0: a float column
  app
    .db()
    .newQuery(
      "SELECT score, passed, results FROM quiz_attempts WHERE quiz = {:quiz} AND status = 'submitted' ORDER BY submitted DESC LIMIT {:limit}",
    )
    .bind({ quiz: quizId, limit: MAX_ATTEMPTS })
    .all(rows);
  const attempts: GradedAttempt[] = rows.map((r) => ({
    total: r.score,
    items: (JSON.parse(r.results || '[]') as { ref: string; score: number; given: GradedAttempt['items'][number]['given'] }[]).map((q) => ({
      ref: q.ref,
      score: q.score,
      given: q.given,
    })),
  }));
  const questions = analyseItems(attempts).flatMap((stats): QuestionStats[] => {
    const q = questionByRef(content(), stats.ref);
    if (!q) return []; // removed from the bank since
    const labels = q.type === 'truefalse' ? ['对', '错'] : q.options;
    const keys = q.type === 'truefalse' ? ['true', 'false'] : labels.map((_, i) => String(i));
    const right = (i: number) =>
      q.type === 'truefalse' ? (i === 0) === q.answer : q.type === 'single' ? i === q.answer : q.answer.includes(i);
    return [
      {
        ...stats,
        prompt: q.prompt,
        type: q.type,
        options: labels.map((label, i) => ({ label, right: right(i), chosen: stats.choices[keys[i]] ?? 0 })),
      },
    ];
  });
  const n = rows.length;
  return {
    quiz: quizId,
    title,
    attempts: n,
    averageScore: n ? roundHalfUp(rows.reduce((s, r) => s + r.score, 0) / n, 1) : null,
    passRate: n ? roundHalfUp((rows.filter((r) => r.passed).length / n) * 100, 1) : null,
    questions,
  };
}

function videoStops(app: PbApp, course: string, lesson: string, duration: number): number[] {
  const rows = arrayOf(new DynamicModel({ video_intervals: '' }));
  app
    .db()
    .newQuery(
      "SELECT video_intervals FROM lesson_progress WHERE course = {:course} AND lesson = {:lesson} AND video_intervals != '' AND video_intervals != 'null' LIMIT 20000",
    )
    .bind({ course, lesson })
    .all(rows);
  const furthest = rows.map((r) => {
    const intervals = JSON.parse(r.video_intervals || '[]') as Interval[];
    return intervals.reduce((m, [, end]) => Math.max(m, end), 0) / duration;
  });
  return stopPoints(furthest);
}

export function courseAnalytics(e: PbRequestEvent): CourseAnalytics {
  const courseId = e.request.pathValue('course');
  requireCourseTrainer(e, courseId);
  const course = content().courses[courseId];
  const params = { course: courseId };
  const started = count(
    e.app,
    `SELECT COUNT(*) AS n FROM (SELECT user FROM lesson_progress WHERE course = {:course} UNION SELECT user FROM quiz_attempts WHERE course = {:course})`,
    params,
  );
  const completed = count(e.app, 'SELECT COUNT(*) AS n FROM completions WHERE course = {:course} AND revoked = FALSE', params);

  const finishedRows = arrayOf(new DynamicModel({ lesson: '', n: 0 }));
  e.app
    .db()
    .newQuery(
      `SELECT lesson, COUNT(DISTINCT user) AS n FROM lesson_progress WHERE course = {:course} AND ${LESSON_DONE_SQL} GROUP BY lesson`,
    )
    .bind(params)
    .all(finishedRows);
  const ratingRows = arrayOf(new DynamicModel({ lesson: '', stars: 0, comment: '' }));
  e.app
    .db()
    .newQuery('SELECT lesson, stars, comment FROM lesson_ratings WHERE course = {:course} ORDER BY updated DESC')
    .bind(params)
    .all(ratingRows);
  const waitingRows = arrayOf(new DynamicModel({ lesson: '', n: 0 }));
  e.app
    .db()
    .newQuery(
      "SELECT lesson, COUNT(*) AS n FROM lesson_questions WHERE course = {:course} AND answer = '' AND hidden = FALSE GROUP BY lesson",
    )
    .bind(params)
    .all(waitingRows);

  const lessons: LessonStats[] = course.lessons.map((slug) => {
    const lesson = content().lessons[`${courseId}/${slug}`];
    const ratings = ratingRows.filter((r) => r.lesson === slug);
    return {
      lesson: slug,
      title: lesson?.title ?? slug,
      finished: finishedRows.find((r) => r.lesson === slug)?.n ?? 0,
      videoStops: lesson?.video ? videoStops(e.app, courseId, slug, lesson.video.durationSeconds) : null,
      rating: {
        average: ratings.length ? roundHalfUp(ratings.reduce((s, r) => s + r.stars, 0) / ratings.length, 1) : null,
        count: ratings.length,
        comments: ratings
          .filter((r) => r.comment)
          .slice(0, 10)
          .map((r) => r.comment),
      },
      waitingQuestions: waitingRows.find((r) => r.lesson === slug)?.n ?? 0,
    };
  });
  const quizzes = [
    ...course.lessons.map((slug) => quizStats(e.app, `${courseId}/${slug}`, content().lessons[`${courseId}/${slug}`]?.title ?? slug)),
    quizStats(e.app, finalQuizId(courseId), `${course.title} · 结业测验`),
  ];
  return { course: courseId, title: course.title, started, completed, lessons, quizzes };
}

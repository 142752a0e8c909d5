/** Which courses a trainer looks after (course_trainers, assigned by a superuser): the rule for every trainer route. */
import { content } from '../content.ts';
import { forbidden, notFound, requireAuth } from '../http.ts';

export function trainerCourses(app: PbApp, trainerId: string): string[] {
  const rows = arrayOf(new DynamicModel({ course: '' }));
  app.db().newQuery('SELECT course FROM course_trainers WHERE trainer = {:trainer} ORDER BY course').bind({ trainer: trainerId }).all(rows);
  const known = content().courses;
  // in catalogue order, as every other course list shows them (the table's ids sort alphabetically)
  const order = Object.keys(known);
  return rows
    .map((r) => r.course as string)
    .filter((c) => known[c])
    .sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export function isCourseTrainer(app: PbApp, user: PbRecord | null, course: string): boolean {
  if (user?.collection().name !== 'users' || user.getString('role') !== 'trainer') return false;
  const rows = arrayOf(new DynamicModel({ n: 0 }));
  app
    .db()
    .newQuery('SELECT COUNT(*) AS n FROM course_trainers WHERE trainer = {:trainer} AND course = {:course}')
    .bind({ trainer: user.id, course })
    .all(rows);
  return rows[0]?.n > 0;
}

/** The signed-in trainer of this course, or a 403 that says why. */
export function requireCourseTrainer(e: PbRequestEvent, course: string): PbRecord {
  const user = requireAuth(e);
  if (!content().courses[course]) throw notFound(`没有找到课程 ${course}`);
  if (!isCourseTrainer(e.app, user, course))
    throw forbidden('只有负责这门课程的培训老师可以查看和处理（请超级管理员在后台 course_trainers 中分配）');
  return user;
}

/** The lesson named by the route's {course} and {lesson}, or a 404. */
export function lessonFromPath(e: PbRequestEvent): { course: string; lesson: string; title: string } {
  const course = e.request.pathValue('course');
  const lesson = e.request.pathValue('lesson');
  const found = content().lessons[`${course}/${lesson}`];
  if (!found) throw notFound(`没有找到课时 ${course}/${lesson}`);
  return { course, lesson, title: found.title };
}

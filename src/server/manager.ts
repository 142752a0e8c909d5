/**
 * GET /api/qa/manager/staff: an enterprise manager's view of their own staff. Personal data is served here,
 * with fields chosen by the server, rather than through PocketBase's generic record API, whose caller-chosen
 * filters could follow relations to other people (docs/security.md, rule 1).
 */
import { content } from './content.ts';
import { forbidden, requireAuth } from './http.ts';
import { LESSON_DONE_SQL } from './completion.ts';
import { requiredLessons } from '../lib/completion.ts';

/** `lessons`: how many lessons the course's completion rule requires (not all lessons of the course). */
export interface StaffCourseProgress {
  course: string;
  title: string;
  lessonsDone: number;
  lessons: number;
}
export interface StaffCompletion {
  course: string;
  title: string;
  completedAt: string;
  channel: 'online' | 'in_person';
  revoked: boolean;
}
export interface StaffMember {
  id: string;
  name: string;
  inProgress: StaffCourseProgress[];
  completed: StaffCompletion[];
}
export interface StaffResponse {
  enterprise: string;
  staff: StaffMember[];
}

export function managerStaff(e: PbRequestEvent): StaffResponse {
  const manager = requireAuth(e);
  const enterpriseId = manager.getString('enterprise');
  if (manager.getString('role') !== 'enterprise_manager' || !enterpriseId) throw forbidden('只有企业管理员可以查看本企业员工的学习情况');
  const courses = content().courses;
  const people = e.app.findRecordsByFilter('users', 'enterprise = {:enterprise}', 'name', 0, 0, { enterprise: enterpriseId });
  const staff: StaffMember[] = people.map((p) => ({ id: p.id, name: p.getString('name'), inProgress: [], completed: [] }));
  const byId = new Map(staff.map((s) => [s.id, s]));

  const completions = e.app.findRecordsByFilter('completions', 'enterprise = {:enterprise}', '-completed_at', 0, 0, {
    enterprise: enterpriseId,
  });
  for (const c of completions) {
    const member = byId.get(c.getString('user'));
    if (!member) continue; // a former employee: the completion stays the enterprise's, the person is not listed
    const course = c.getString('course');
    member.completed.push({
      course,
      title: courses[course]?.title ?? course,
      completedAt: c.getString('completed_at'),
      channel: c.getString('channel') as StaffCompletion['channel'],
      revoked: c.getBool('revoked'),
    });
  }

  // Lessons done per person and course, in one query (read, or video watched to its threshold).
  const rows = arrayOf(new DynamicModel({ user: '', course: '', done: 0 }));
  e.app
    .db()
    .newQuery(
      `SELECT p.user AS user, p.course AS course, SUM(CASE WHEN ${LESSON_DONE_SQL} THEN 1 ELSE 0 END) AS done ` +
        'FROM lesson_progress p JOIN users u ON u.id = p.user WHERE u.enterprise = {:enterprise} GROUP BY p.user, p.course',
    )
    .bind({ enterprise: enterpriseId })
    .all(rows);
  for (const r of rows) {
    const member = byId.get(r.user);
    if (!member || member.completed.some((c) => c.course === r.course)) continue;
    const course = courses[r.course];
    member.inProgress.push({
      course: r.course,
      title: course?.title ?? r.course,
      lessonsDone: Number(r.done),
      lessons: course ? requiredLessons(course.completion, course.lessons.length) : 0,
    });
  }
  return { enterprise: enterpriseId, staff };
}

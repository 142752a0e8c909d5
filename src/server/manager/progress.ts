/**
 * GET /api/qa/manager/staff-progress: one row per staff member of the manager's own enterprise, for the
 * progress export (CSV/XLSX built in the browser from src/lib/manager/progress-table.ts). Like
 * /api/qa/manager/staff, no email or phone: the manager page does not show them either.
 */
import { assignmentViews } from '../assistance/plan.ts';
import { forbidden, requireAuth } from '../http.ts';

export interface StaffProgressRow {
  name: string;
  /** Distinct courses with at least one assignment (a lesson of it or the whole course). */
  coursesAssigned: number;
  /** Courses with at least one lesson read or watched, or completed (online or in person). */
  coursesStarted: number;
  /** Courses completed and not revoked (what the certificates and the statistics count). */
  coursesCompleted: number;
  lessonsDone: number;
  /** Latest lesson progress or completion (ISO / PocketBase date, UTC); null when nothing yet. */
  lastActivity: string | null;
  assignments: number;
  overdueAssignments: number;
}
export interface StaffProgressResponse {
  enterprise: { name: string };
  generatedAt: string;
  rows: StaffProgressRow[];
}

export function staffProgress(e: PbRequestEvent): StaffProgressResponse {
  const manager = requireAuth(e);
  const enterpriseId = manager.getString('enterprise');
  if (manager.getString('role') !== 'enterprise_manager' || !enterpriseId) throw forbidden('只有企业管理员可以导出本企业员工的学习进度');
  const enterprise = e.app.findRecordById('enterprises', enterpriseId);
  const people = e.app.findRecordsByFilter('users', 'enterprise = {:enterprise}', 'name', 0, 0, { enterprise: enterpriseId });
  const byId = new Map(
    people.map((p) => [
      p.id,
      {
        row: {
          name: p.getString('name'),
          coursesAssigned: 0,
          coursesStarted: 0,
          coursesCompleted: 0,
          lessonsDone: 0,
          lastActivity: null as string | null,
          assignments: 0,
          overdueAssignments: 0,
        },
        started: new Set<string>(),
        assigned: new Set<string>(),
      },
    ]),
  );
  const later = (a: string | null, b: string) => (b && (!a || b > a) ? b : a);

  // Lesson progress of the staff, one row per person and course (idx_users_enterprise, idx_progress_user_course).
  const progress = arrayOf(new DynamicModel({ user: '', course: '', done: 0, last: '' }));
  e.app
    .db()
    .newQuery(
      "SELECT p.user AS user, p.course AS course, SUM(CASE WHEN p.read_at != '' OR p.video_done = TRUE THEN 1 ELSE 0 END) AS done, MAX(p.updated) AS last " +
        'FROM lesson_progress p JOIN users u ON u.id = p.user WHERE u.enterprise = {:enterprise} GROUP BY p.user, p.course',
    )
    .bind({ enterprise: enterpriseId })
    .all(progress);
  for (const p of progress) {
    const member = byId.get(p.user);
    if (!member) continue;
    member.row.lessonsDone += Number(p.done);
    if (Number(p.done) > 0) member.started.add(p.course);
    member.row.lastActivity = later(member.row.lastActivity, p.last);
  }

  for (const c of e.app.findRecordsByFilter('completions', 'enterprise = {:enterprise}', '', 0, 0, { enterprise: enterpriseId })) {
    const member = byId.get(c.getString('user'));
    if (!member || c.getBool('revoked')) continue; // former staff are not listed; revoked completions do not count
    member.row.coursesCompleted += 1;
    member.started.add(c.getString('course'));
    member.row.lastActivity = later(member.row.lastActivity, c.getString('completed_at'));
  }

  for (const a of assignmentViews(e.app, 'enterprise = {:e}', { e: enterpriseId })) {
    const member = byId.get(a.user);
    if (!member) continue;
    member.row.assignments += 1;
    member.assigned.add(a.course);
    if (a.overdue) member.row.overdueAssignments += 1;
  }

  const rows = [...byId.values()].map((m) => ({ ...m.row, coursesStarted: m.started.size, coursesAssigned: m.assigned.size }));
  return { enterprise: { name: enterprise.getString('name') }, generatedAt: new Date().toISOString(), rows };
}

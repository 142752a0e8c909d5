/**
 * The plan (一企一策): measures written by the assigned expert and the enterprise's manager together, and
 * lesson assignments that the manager gives to staff. Progress comes from lesson_progress and completions.
 */
import { assignmentOverdue, MEASURE_STATUS_LABELS, validDueDate, validMeasure, type MeasureStatus } from '../../lib/assistance/plan.ts';
import { lessonsDone } from '../completion.ts';
import { content } from '../content.ts';
import { badRequest, body, conflict, findById, findOne, forbidden, getJson, inTransaction, notFound, requireAuth } from '../http.ts';
import { loadVisible, requireManager } from './access.ts';

const known = {
  lesson: (id: string) => Boolean(content().lessons[id]),
  caseStudy: (id: string) => Boolean(content().cases?.[id]),
};

export interface AssignmentView {
  id: string;
  user: string;
  userName: string;
  course: string;
  lesson: string;
  title: string;
  dueDate: string;
  done: boolean;
  overdue: boolean;
  measure: string;
}

export interface MeasureView {
  id: string;
  title: string;
  detail: string;
  owner: string;
  targetDate: string;
  status: MeasureStatus;
  statusLabel: string;
  lessons: { id: string; title: string }[];
  cases: { id: string; title: string }[];
  /** Assignments linked to this measure, or to one of its lessons, and how many are done. */
  progress: { done: number; total: number };
}

function titleOf(course: string, lesson: string): string {
  if (lesson) return content().lessons[`${course}/${lesson}`]?.title ?? `${course}/${lesson}`;
  return `《${content().courses[course]?.title ?? course}》全部课程`;
}

/** Whether the staff member has done the assigned lesson (read or watched) or completed the assigned course. */
function isDone(app: PbApp, cache: Map<string, Set<string>>, completed: Map<string, boolean>, a: PbRecord): boolean {
  const user = a.getString('user');
  const course = a.getString('course');
  const lesson = a.getString('lesson');
  if (!lesson) {
    const key = `${user}/${course}`;
    if (!completed.has(key))
      completed.set(key, Boolean(findOne(app, 'completions', 'user = {:u} && course = {:c} && revoked = false', { u: user, c: course })));
    return completed.get(key)!;
  }
  const key = `${user}/${course}`;
  if (!cache.has(key)) cache.set(key, lessonsDone(app, user, course));
  return cache.get(key)!.has(lesson);
}

export function assignmentViews(app: PbApp, filter: string, params: Record<string, unknown>, now = new Date()): AssignmentView[] {
  const rows = app.findRecordsByFilter('learning_assignments', filter, 'due_date', 0, 0, params);
  const lessonsCache = new Map<string, Set<string>>();
  const completed = new Map<string, boolean>();
  const names = new Map<string, string>();
  return rows.map((a) => {
    const user = a.getString('user');
    if (!names.has(user)) names.set(user, findById(app, 'users', user)?.getString('name') ?? '');
    const done = isDone(app, lessonsCache, completed, a);
    return {
      id: a.id,
      user,
      userName: names.get(user)!,
      course: a.getString('course'),
      lesson: a.getString('lesson'),
      title: titleOf(a.getString('course'), a.getString('lesson')),
      dueDate: a.getString('due_date'),
      done,
      overdue: assignmentOverdue(a.getString('due_date'), done, now),
      measure: a.getString('measure'),
    };
  });
}

export function measureViews(app: PbApp, assistanceId: string, assignments: AssignmentView[]): MeasureView[] {
  return app.findRecordsByFilter('plan_measures', 'assistance = {:a}', 'target_date', 0, 0, { a: assistanceId }).map((m) => {
    const lessons = getJson<string[]>(m, 'lessons', []);
    const linked = assignments.filter((a) => a.measure === m.id || (a.lesson && lessons.includes(`${a.course}/${a.lesson}`)));
    return {
      id: m.id,
      title: m.getString('title'),
      detail: m.getString('detail'),
      owner: m.getString('owner'),
      targetDate: m.getString('target_date'),
      status: m.getString('status') as MeasureStatus,
      statusLabel: MEASURE_STATUS_LABELS[m.getString('status') as MeasureStatus] ?? m.getString('status'),
      lessons: lessons.map((id) => ({ id, title: content().lessons[id]?.title ?? id })),
      cases: getJson<string[]>(m, 'cases', []).map((id) => ({ id, title: content().cases?.[id]?.title ?? id })),
      progress: { done: linked.filter((a) => a.done).length, total: linked.length },
    };
  });
}

function canEditPlan(user: PbRecord, assistance: PbRecord, side: string): boolean {
  return side === 'enterprise' || assistance.getString('expert') === user.id;
}

/** POST /api/qa/assistance/{id}/measures {id?, title, detail, owner, targetDate, status, lessons[], cases[]} */
export function saveMeasure(e: PbRequestEvent) {
  const user = requireAuth(e);
  const input = body(e);
  const parsed = validMeasure(input, known);
  if (!parsed.ok)
    throw badRequest(
      '措施信息有误，请按提示修改',
      Object.fromEntries(Object.entries(parsed.errors).map(([k, message]) => [k, { code: 'invalid', message }])),
    );
  return inTransaction(e.app, (tx) => {
    const { assistance, side } = loadVisible(tx, user, e.request.pathValue('id'));
    if (!canEditPlan(user, assistance, side)) throw forbidden('帮扶方案由企业管理员和负责的帮扶专家共同制定');
    if (assistance.getString('state') !== 'active') throw conflict('not_active', '只有进行中的帮扶可以修改方案');
    const measureId = typeof input.id === 'string' ? input.id : '';
    let record: PbRecord;
    if (measureId) {
      const found = findById(tx, 'plan_measures', measureId);
      if (!found || found.getString('assistance') !== assistance.id) throw notFound('没有找到这项措施');
      record = found;
    } else {
      if (tx.findRecordsByFilter('plan_measures', 'assistance = {:a}', '', 0, 0, { a: assistance.id }).length >= 50)
        throw badRequest('一个方案最多 50 项措施');
      record = new Record(tx.findCachedCollectionByNameOrId('plan_measures'));
      record.set('assistance', assistance.id);
    }
    const v = parsed.value;
    record.set('title', v.title);
    record.set('detail', v.detail);
    record.set('owner', v.owner);
    record.set('target_date', v.targetDate);
    record.set('status', v.status);
    record.set('lessons', v.lessons);
    record.set('cases', v.cases);
    record.set('updated_by', user.id);
    tx.save(record);
    return { id: record.id, saved: true };
  });
}

/**
 * POST /api/qa/assistance/assignments {users[], course, lesson?, dueDate, measure?} : the manager assigns a
 * lesson (or a whole course) to staff of the enterprise. Re-assigning the same lesson moves its due date.
 */
export function assign(e: PbRequestEvent) {
  const manager = requireManager(e);
  const input = body(e);
  const users = Array.isArray(input.users) ? [...new Set(input.users.map(String))] : [];
  const course = String(input.course ?? '');
  const lesson = typeof input.lesson === 'string' ? input.lesson : '';
  const dueDate = validDueDate(input.dueDate);
  const fields: Record<string, { code: string; message: string }> = {};
  if (!users.length || users.length > 200) fields.users = { code: 'required', message: '请选择要安排学习的员工' };
  if (!content().courses[course]) fields.course = { code: 'not_found', message: '请选择课程' };
  else if (lesson && !content().lessons[`${course}/${lesson}`]) fields.lesson = { code: 'not_found', message: '这门课程没有这个课时' };
  if (!dueDate) fields.dueDate = { code: 'invalid', message: '请填写完成期限，如 2026-12-31' };
  if (Object.keys(fields).length) throw badRequest('学习安排有误，请按提示修改', fields);
  const enterprise = manager.getString('enterprise');
  return inTransaction(e.app, (tx) => {
    let measure = typeof input.measure === 'string' ? input.measure : '';
    let assistance = '';
    if (measure) {
      const m = findById(tx, 'plan_measures', measure);
      const a = m ? findById(tx, 'assistances', m.getString('assistance')) : null;
      if (!m || !a || a.getString('enterprise') !== enterprise) throw notFound('没有找到这项措施');
      assistance = a.id;
    } else {
      const open = findOne(tx, 'assistances', "enterprise = {:e} && state = 'active'", { e: enterprise });
      assistance = open?.id ?? '';
      measure = '';
    }
    let saved = 0;
    for (const userId of users) {
      const staff = findById(tx, 'users', userId);
      if (!staff || staff.getString('enterprise') !== enterprise)
        throw badRequest('只能给本企业的员工安排学习', {
          users: { code: 'not_staff', message: `user ${userId} is not staff of this enterprise` },
        });
      const record =
        findOne(tx, 'learning_assignments', 'user = {:u} && course = {:c} && lesson = {:l}', { u: userId, c: course, l: lesson }) ??
        new Record(tx.findCachedCollectionByNameOrId('learning_assignments'));
      record.set('enterprise', enterprise);
      record.set('user', userId);
      record.set('course', course);
      record.set('lesson', lesson);
      record.set('due_date', dueDate);
      record.set('assigned_by', manager.id);
      record.set('assistance', assistance);
      record.set('measure', measure);
      tx.save(record);
      saved++;
    }
    return { saved };
  });
}

/** GET /api/qa/assistance/assignments : the manager's view of every assignment in the enterprise, overdue first. */
export function listAssignments(e: PbRequestEvent) {
  const manager = requireManager(e);
  const all = assignmentViews(e.app, 'enterprise = {:e}', { e: manager.getString('enterprise') });
  const staff = e.app
    .findRecordsByFilter('users', 'enterprise = {:e}', 'name', 0, 0, { e: manager.getString('enterprise') })
    .map((u) => ({ id: u.id, name: u.getString('name'), role: u.getString('role') }));
  return {
    assignments: [...all.filter((a) => a.overdue), ...all.filter((a) => !a.overdue)],
    overdue: all.filter((a) => a.overdue).length,
    staff,
  };
}

/** POST /api/qa/assistance/assignments/{id}/remove : the manager withdraws an assignment. */
export function removeAssignment(e: PbRequestEvent) {
  const manager = requireManager(e);
  return inTransaction(e.app, (tx) => {
    const record = findById(tx, 'learning_assignments', e.request.pathValue('id'));
    if (!record || record.getString('enterprise') !== manager.getString('enterprise')) throw notFound('没有找到这项学习安排');
    tx.delete(record);
    return { removed: true };
  });
}

/** The signed-in person's own assignments (for "My learning"). */
export function myAssignments(app: PbApp, userId: string): AssignmentView[] {
  return assignmentViews(app, 'user = {:u}', { u: userId });
}

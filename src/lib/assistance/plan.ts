/**
 * One enterprise, one plan (一企一策): measures with an owner, a target date, a status and the lessons and
 * cases that help; lesson assignments to staff with due dates. Validation and progress, no I/O.
 */
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  planned: '未开始',
  in_progress: '进行中',
  done: '已完成',
  dropped: '已取消',
};

export interface MeasureInput {
  title: string;
  detail: string;
  owner: string;
  targetDate: string;
  status: MeasureStatus;
  lessons: string[];
  cases: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) =>
  DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export function validMeasure(
  input: Record<string, unknown>,
  known: { lesson: (id: string) => boolean; caseStudy: (id: string) => boolean },
): { ok: true; value: MeasureInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const str = (k: string) => (typeof input[k] === 'string' ? (input[k] as string).trim() : '');
  const title = str('title');
  const owner = str('owner');
  const targetDate = str('targetDate');
  const status = (str('status') || 'planned') as MeasureStatus;
  if (Array.from(title).length < 2 || Array.from(title).length > 100) errors.title = '请写明措施内容（2-100 字）';
  if (Array.from(str('detail')).length > 1000) errors.detail = '说明最多 1000 字';
  if (!owner || Array.from(owner).length > 40) errors.owner = '请填写负责人（最多 40 字）';
  if (!isDate(targetDate)) errors.targetDate = '请填写完成日期，如 2026-12-31';
  if (!MEASURE_STATUSES.includes(status)) errors.status = '状态应为未开始、进行中、已完成或已取消';
  const list = (k: string) => (Array.isArray(input[k]) ? [...new Set((input[k] as unknown[]).map(String))] : []);
  const lessons = list('lessons');
  const cases = list('cases');
  const badLessons = lessons.filter((l) => !known.lesson(l));
  if (badLessons.length) errors.lessons = `没有这些课时：${badLessons.join('、')}`;
  const badCases = cases.filter((c) => !known.caseStudy(c));
  if (badCases.length) errors.cases = `没有这些案例：${badCases.join('、')}`;
  if (lessons.length > 20 || cases.length > 20) errors.lessons = errors.lessons ?? '每项措施最多关联 20 个课时和 20 个案例';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { title, detail: str('detail'), owner, targetDate, status, lessons, cases } };
}

/** A learning assignment is overdue when it is not done and its due date (Beijing time, end of day) has passed. */
export function assignmentOverdue(dueDate: string, done: boolean, now: Date): boolean {
  if (done || !isDate(dueDate)) return false;
  const endOfDueDay = Date.parse(`${dueDate}T00:00:00Z`) + 86_400_000 - 8 * 3600_000;
  return now.getTime() >= endOfDueDay;
}

export function validDueDate(value: unknown): string | null {
  return typeof value === 'string' && isDate(value.trim()) ? value.trim() : null;
}

export { isDate };

/** Share of a plan's measures that are done (dropped measures do not count either way). */
export function planProgress(statuses: readonly MeasureStatus[]): { done: number; total: number } {
  const live = statuses.filter((s) => s !== 'dropped');
  return { done: live.filter((s) => s === 'done').length, total: live.length };
}

export const VISIT_MODES = { site: '现场', remote: '远程' } as const;
export type VisitMode = keyof typeof VISIT_MODES;

/**
 * Follow-up that nobody can invent: the expert logs each visit or remote session, and it counts only once
 * the enterprise's manager confirms it. A disputed visit stays on the record with the manager's reason.
 */
import { followUpDays, followUpStatus, type FollowUpStatus } from '../../lib/assistance/overdue.ts';
import { isDate, MEASURE_STATUSES, VISIT_MODES, type MeasureStatus, type VisitMode } from '../../lib/assistance/plan.ts';
import { beijingDateKey, pbDateMs } from '../../lib/beijing-time.ts';
import { badRequest, body, conflict, findById, findOne, forbidden, getJson, inTransaction, notFound } from '../http.ts';
import { loadVisible, requireAssignedExpert, requireExpert, requireManager } from './access.ts';

export interface VisitView {
  id: string;
  date: string;
  mode: VisitMode;
  modeLabel: string;
  expertName: string;
  checked: string;
  measures: { measure: string; status: MeasureStatus; note: string }[];
  nextStep: string;
  confirmation: 'pending' | 'confirmed' | 'disputed';
  confirmedAt: string;
  disputeReason: string;
}

export function visitViews(app: PbApp, assistanceId: string): VisitView[] {
  const names = new Map<string, string>();
  return app.findRecordsByFilter('assistance_visits', 'assistance = {:a}', '-visit_date,-created', 0, 0, { a: assistanceId }).map((v) => {
    const expert = v.getString('expert');
    if (!names.has(expert)) names.set(expert, findById(app, 'users', expert)?.getString('name') ?? '');
    return {
      id: v.id,
      date: v.getString('visit_date'),
      mode: v.getString('mode') as VisitMode,
      modeLabel: VISIT_MODES[v.getString('mode') as VisitMode] ?? v.getString('mode'),
      expertName: names.get(expert)!,
      checked: v.getString('checked'),
      measures: getJson(v, 'measures', []),
      nextStep: v.getString('next_step'),
      confirmation: v.getString('confirmation') as VisitView['confirmation'],
      confirmedAt: v.getString('confirmed_at'),
      disputeReason: v.getString('dispute_reason'),
    };
  });
}

/** The programme's N: days without confirmed contact after which a follow-up is overdue. */
export function programmeFollowUpDays(app: PbApp): number {
  const row = findOne(app, 'assistance_settings', "key = 'followup_days'", {});
  return followUpDays(row ? getJson<number>(row, 'value', 30) : 30);
}

export function lastConfirmedVisit(app: PbApp, assistanceId: string): string | null {
  const rows = app.findRecordsByFilter('assistance_visits', "assistance = {:a} && confirmation = 'confirmed'", '-visit_date', 1, 0, {
    a: assistanceId,
  });
  return rows.length ? `${rows[0].getString('visit_date')}T00:00:00+08:00` : null;
}

/** The last confirmed visit of every assistance, in one query (statistics over thousands of assistances). */
export function lastConfirmedVisits(app: PbApp): Map<string, string> {
  const out = new DynamicModel({ data: '' });
  app
    .db()
    .newQuery(
      "SELECT COALESCE(json_group_object(assistance, last), '{}') AS data FROM (SELECT assistance, MAX(visit_date) AS last FROM assistance_visits WHERE confirmation = 'confirmed' GROUP BY assistance)",
    )
    .one(out);
  const map = JSON.parse(out.data || '{}') as Record<string, string>;
  return new Map(Object.entries(map).map(([id, day]) => [id, `${day}T00:00:00+08:00`]));
}

export function followUpOf(app: PbApp, assistance: PbRecord, days: number, now = new Date()): FollowUpStatus {
  return followUpStatus(
    {
      state: assistance.getString('state'),
      acceptedAt: Number.isNaN(pbDateMs(assistance.getString('accepted_at')))
        ? null
        : new Date(pbDateMs(assistance.getString('accepted_at'))).toISOString(),
      lastConfirmedVisit: lastConfirmedVisit(app, assistance.id),
    },
    days,
    now,
  );
}

const todayInBeijing = () => beijingDateKey(Date.now());

/** POST /api/qa/assistance/{id}/visits {date, mode, checked, measures: [{measure, status, note}], nextStep} */
export function logVisit(e: PbRequestEvent) {
  const expert = requireExpert(e);
  const input = body(e);
  const date = typeof input.date === 'string' ? input.date.trim() : '';
  const mode = String(input.mode ?? '');
  const checked = typeof input.checked === 'string' ? input.checked.trim() : '';
  const nextStep = typeof input.nextStep === 'string' ? input.nextStep.trim() : '';
  const fields: Record<string, { code: string; message: string }> = {};
  if (!isDate(date)) fields.date = { code: 'invalid', message: '请填写回访日期，如 2026-05-20' };
  else if (date > todayInBeijing()) fields.date = { code: 'future', message: '回访日期不能晚于今天' };
  if (!(mode in VISIT_MODES)) fields.mode = { code: 'invalid', message: '请选择现场或远程' };
  if (!checked || Array.from(checked).length > 2000) fields.checked = { code: 'invalid', message: '请写明这次检查了什么（最多 2000 字）' };
  if (Array.from(nextStep).length > 1000) fields.nextStep = { code: 'invalid', message: '下一步最多 1000 字' };
  const measures = Array.isArray(input.measures) ? input.measures : [];
  if (Object.keys(fields).length) throw badRequest('回访记录有误，请按提示修改', fields);
  return inTransaction(e.app, (tx) => {
    const { assistance } = loadVisible(tx, expert, e.request.pathValue('id'));
    requireAssignedExpert(expert, assistance);
    if (assistance.getString('state') !== 'active') throw conflict('not_active', '只有进行中的帮扶可以记录回访');
    const accepted = pbDateMs(assistance.getString('accepted_at'));
    if (!Number.isNaN(accepted) && date < beijingDateKey(accepted)) {
      throw badRequest('回访日期早于企业接受帮扶的日期', {
        date: { code: 'before_acceptance', message: 'date is before the assistance was accepted' },
      });
    }
    const statuses: { measure: string; status: MeasureStatus; note: string }[] = [];
    for (const m of measures as Record<string, unknown>[]) {
      const record = findById(tx, 'plan_measures', String(m?.measure ?? ''));
      if (!record || record.getString('assistance') !== assistance.id)
        throw badRequest('回访中引用了不属于本方案的措施', { measures: { code: 'not_found', message: 'unknown measure' } });
      const status = String(m.status) as MeasureStatus;
      if (!MEASURE_STATUSES.includes(status))
        throw badRequest('措施状态应为未开始、进行中、已完成或已取消', { measures: { code: 'invalid', message: 'bad status' } });
      statuses.push({ measure: record.id, status, note: typeof m.note === 'string' ? m.note.trim().slice(0, 500) : '' });
      // The visit records the status the expert found; the plan shows the latest one.
      record.set('status', status);
      record.set('updated_by', expert.id);
      tx.save(record);
    }
    const visit = new Record(tx.findCachedCollectionByNameOrId('assistance_visits'));
    visit.set('assistance', assistance.id);
    visit.set('expert', expert.id);
    visit.set('visit_date', date);
    visit.set('mode', mode);
    visit.set('checked', checked);
    visit.set('measures', statuses);
    visit.set('next_step', nextStep);
    visit.set('confirmation', 'pending');
    tx.save(visit);
    return { id: visit.id, confirmation: 'pending' };
  });
}

/** POST /api/qa/assistance/visits/{id}/confirm {confirmed: boolean, reason?} : the manager confirms or disputes. */
export function confirmVisit(e: PbRequestEvent) {
  const manager = requireManager(e);
  const input = body(e);
  if (typeof input.confirmed !== 'boolean')
    throw badRequest('请选择“确认”或“有异议”', { confirmed: { code: 'invalid', message: 'confirmed must be true or false' } });
  const reason = typeof input.reason === 'string' ? input.reason.trim().slice(0, 500) : '';
  if (!input.confirmed && Array.from(reason).length < 2)
    throw badRequest('请写明异议的原因', { reason: { code: 'required', message: 'a reason is required to dispute a visit' } });
  return inTransaction(e.app, (tx) => {
    const visit = findById(tx, 'assistance_visits', e.request.pathValue('id'));
    if (!visit) throw notFound('没有找到这条回访记录');
    const { side } = loadVisible(tx, manager, visit.getString('assistance'));
    if (side !== 'enterprise') throw forbidden('回访由企业管理员确认');
    if (visit.getString('confirmation') !== 'pending')
      throw conflict('already_answered', visit.getString('confirmation') === 'confirmed' ? '这条回访已经确认过了' : '这条回访已经提出异议');
    visit.set('confirmation', input.confirmed ? 'confirmed' : 'disputed');
    visit.set('confirmed_by', manager.id);
    visit.set('confirmed_at', new Date().toISOString());
    visit.set('dispute_reason', input.confirmed ? '' : reason);
    tx.save(visit);
    return { id: visit.id, confirmation: visit.getString('confirmation') };
  });
}

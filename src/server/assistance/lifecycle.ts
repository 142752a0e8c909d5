/** Enrolment and the life of an assistance: apply, propose, assign, accept, decline, end, close. */
import { transition, type AssistanceAction, type AssistanceState, type HistoryEvent } from '../../lib/assistance/state-machine.ts';
import { checkCertifier } from '../../lib/assistance/impartiality.ts';
import { validateUscc } from '../../lib/uscc.ts';
import { regionName } from '../../lib/regions.ts';
import { badRequest, body, conflict, findById, findOne, forbidden, getJson, inTransaction, notFound, QaError } from '../http.ts';
import {
  loadVisible,
  requireAssignedExpert,
  requireExpert,
  requireManager,
  requireRegulator,
  requireWithin,
  role,
  sideOf,
} from './access.ts';
import { isAdmitted } from './bodies.ts';

const OPEN = "state = 'requested' || state = 'proposed' || state = 'active'";

function reasonOf(input: Record<string, unknown>): string {
  return typeof input.reason === 'string' ? input.reason.trim().slice(0, 500) : '';
}

function refuse(message: string): never {
  throw new QaError(409, 'invalid_transition', message);
}

export function appendHistory(record: PbRecord, event: Omit<HistoryEvent, 'at'>): void {
  const history = getJson<HistoryEvent[]>(record, 'history', []);
  history.push({ ...event, at: new Date().toISOString() });
  record.set('history', history);
}

function snapshot(record: PbRecord, enterprise: PbRecord): void {
  for (const field of ['province_code', 'prefecture_code', 'county_code', 'sector']) record.set(field, enterprise.getString(field));
}

function assertNoOpen(tx: PbApp, enterpriseId: string): void {
  const open = findOne(tx, 'assistances', `enterprise = {:e} && (${OPEN})`, { e: enterpriseId });
  if (open) {
    const what = open.getString('state') === 'active' ? '正在接受帮扶' : '已有一项待对方答复的帮扶';
    throw conflict('assistance_open', `这家企业${what}，同一时间只能有一项帮扶`);
  }
}

function requireParticipating(tx: PbApp, bodyId: string, province: string): PbRecord {
  const record = findById(tx, 'cert_bodies', bodyId);
  if (!record) throw badRequest('没有这家认证机构', { body: { code: 'not_found', message: 'unknown body' } });
  if (!isAdmitted(tx, bodyId, province)) {
    throw badRequest(`${record.getString('name')}未获准在${regionName(province)}参加帮扶`, {
      body: { code: 'not_admitted', message: 'the body is not admitted in this province' },
    });
  }
  return record;
}

/** POST /api/qa/assistance/apply {body?, note?} : the manager applies; without a body, the regulator assigns one. */
export function apply(e: PbRequestEvent) {
  const manager = requireManager(e);
  const input = body(e);
  const bodyId = typeof input.body === 'string' ? input.body : '';
  const note = typeof input.note === 'string' ? input.note.trim().slice(0, 500) : '';
  return inTransaction(e.app, (tx) => {
    const enterprise = tx.findRecordById('enterprises', manager.getString('enterprise'));
    assertNoOpen(tx, enterprise.id);
    if (bodyId) requireParticipating(tx, bodyId, enterprise.getString('province_code'));
    const step = transition({ state: null, action: 'apply', side: 'enterprise', hasBody: Boolean(bodyId) });
    if (!step.ok) refuse(step.message);
    const record = new Record(tx.findCachedCollectionByNameOrId('assistances'));
    record.set('enterprise', enterprise.id);
    record.set('body', bodyId);
    record.set('state', step.next);
    record.set('origin', 'enterprise');
    record.set('request_note', note);
    snapshot(record, enterprise);
    appendHistory(record, {
      action: 'apply',
      from: null,
      to: step.next,
      by: manager.id,
      byName: manager.getString('name'),
      side: 'enterprise',
      note: note || undefined,
    });
    tx.save(record);
    return { id: record.id, state: step.next };
  });
}

/** POST /api/qa/assistance/propose {uscc, note?} : an expert offers the body's help; the manager must accept. */
export function propose(e: PbRequestEvent) {
  const expert = requireExpert(e);
  const input = body(e);
  const uscc = validateUscc(String(input.uscc ?? ''));
  if (!uscc.ok) throw badRequest(uscc.message, { uscc: { code: `uscc_${uscc.reason}`, message: uscc.message } });
  const note = typeof input.note === 'string' ? input.note.trim().slice(0, 500) : '';
  return inTransaction(e.app, (tx) => {
    const enterprise = findOne(tx, 'enterprises', 'uscc = {:uscc}', { uscc: uscc.code });
    if (!enterprise) throw notFound('这家企业还没有在质量学堂注册，请企业先注册后再提出帮扶');
    requireParticipating(tx, expert.getString('body'), enterprise.getString('province_code'));
    assertNoOpen(tx, enterprise.id);
    const step = transition({ state: null, action: 'propose', side: 'body', hasBody: true });
    if (!step.ok) refuse(step.message);
    const record = new Record(tx.findCachedCollectionByNameOrId('assistances'));
    record.set('enterprise', enterprise.id);
    record.set('body', expert.getString('body'));
    record.set('expert', expert.id);
    record.set('state', step.next);
    record.set('origin', 'body');
    record.set('request_note', note);
    snapshot(record, enterprise);
    appendHistory(record, {
      action: 'propose',
      from: null,
      to: step.next,
      by: expert.id,
      byName: expert.getString('name'),
      side: 'body',
      note: note || undefined,
    });
    tx.save(record);
    return { id: record.id, state: step.next, enterprise: enterprise.getString('name') };
  });
}

/** POST /api/qa/assistance/{id}/assign {body} : a regulator names a participating body for an application. */
export function assign(e: PbRequestEvent) {
  const regulator = requireRegulator(e);
  const bodyId = String(body(e).body ?? '');
  return inTransaction(e.app, (tx) => {
    const record = findById(tx, 'assistances', e.request.pathValue('id'));
    if (!record) throw notFound('没有找到这项帮扶申请');
    requireWithin(regulator, record.getString('county_code'));
    const step = transition({ state: record.getString('state') as AssistanceState, action: 'assign', side: 'regulator', hasBody: true });
    if (!step.ok) refuse(step.message);
    if (!bodyId) throw badRequest('请选择认证机构', { body: { code: 'required', message: 'body is required' } });
    const chosen = requireParticipating(tx, bodyId, record.getString('province_code'));
    record.set('body', bodyId);
    appendHistory(record, {
      action: 'assign',
      from: step.next,
      to: step.next,
      by: regulator.id,
      byName: regulator.getString('name'),
      side: 'regulator',
      note: chosen.getString('name'),
    });
    tx.save(record);
    return { id: record.id, state: step.next, body: chosen.getString('name') };
  });
}

function countConfirmedVisits(app: PbApp, assistanceId: string): number {
  return app.findRecordsByFilter('assistance_visits', "assistance = {:a} && confirmation = 'confirmed'", '', 0, 0, { a: assistanceId })
    .length;
}

/** POST /api/qa/assistance/{id}/{accept|decline|end|close} {reason?} */
export function act(action: AssistanceAction) {
  return (e: PbRequestEvent) => {
    const input = body(e);
    const reason = reasonOf(input);
    const user = e.auth;
    if (user?.collection().name !== 'users') throw new QaError(401, 'unauthorized', '请先登录');
    return inTransaction(e.app, (tx) => {
      const { assistance: record, side } = loadVisible(tx, user, e.request.pathValue('id'));
      const state = record.getString('state') as AssistanceState;
      // Once an expert has taken the assistance on, the body acts through that expert.
      if (
        side === 'body' &&
        record.getString('expert') &&
        record.getString('expert') !== user.id &&
        (action === 'close' || action === 'end')
      ) {
        requireAssignedExpert(user, record);
      }
      const step = transition({
        state,
        action,
        side,
        hasBody: Boolean(record.getString('body')),
        reason,
        confirmedVisits: action === 'close' ? countConfirmedVisits(tx, record.id) : 0,
      });
      if (!step.ok) refuse(step.message);
      const now = new Date().toISOString();
      if (step.next === 'active') {
        record.set('accepted_at', now);
        if (side === 'body') record.set('expert', user.id);
        snapshot(record, tx.findRecordById('enterprises', record.getString('enterprise')));
      }
      if (step.next === 'closed' || step.next === 'ended' || step.next === 'declined') {
        record.set('finished_at', step.next === 'declined' ? '' : now);
        record.set('end_reason', reason);
      }
      record.set('state', step.next);
      appendHistory(record, {
        action,
        from: state,
        to: step.next,
        by: user.id,
        byName: user.getString('name'),
        side,
        reason: reason || undefined,
      });
      tx.save(record);
      return { id: record.id, state: step.next };
    });
  };
}

/**
 * POST /api/qa/assistance/{id}/certifier {certifier?: bodyId, certifierName?: string, known: boolean}
 * The body records which body certifies (or will certify) the enterprise; never itself.
 */
export function setCertifier(e: PbRequestEvent) {
  const expert = requireExpert(e);
  const input = body(e);
  return inTransaction(e.app, (tx) => {
    const { assistance: record, side } = loadVisible(tx, expert, e.request.pathValue('id'));
    if (side !== 'body') throw forbidden('认证机构由帮扶机构登记');
    const certifier = typeof input.certifier === 'string' ? input.certifier : '';
    const other = typeof input.certifierName === 'string' ? input.certifierName.trim().slice(0, 100) : '';
    const helping = tx.findRecordById('cert_bodies', record.getString('body'));
    const check = checkCertifier(helping.id, certifier, helping.getString('name'));
    if (!check.ok) throw badRequest(check.message, { certifier: { code: 'impartiality', message: check.message } });
    if (certifier && !findById(tx, 'cert_bodies', certifier))
      throw badRequest('没有这家认证机构', { certifier: { code: 'not_found', message: 'unknown body' } });
    // A body outside the platform is named in words; its name must not be the helping body's either.
    if (!certifier && other && other === helping.getString('name')) {
      const again = checkCertifier(helping.id, helping.id, helping.getString('name'));
      throw badRequest((again as { message: string }).message, {
        certifierName: { code: 'impartiality', message: (again as { message: string }).message },
      });
    }
    const known = Boolean(certifier || other);
    record.set('certifier', certifier);
    record.set('certifier_name', certifier ? '' : other);
    record.set('certifier_known', known);
    const label = certifier ? tx.findRecordById('cert_bodies', certifier).getString('name') : other || '尚未确定';
    appendHistory(record, {
      action: 'certifier',
      from: record.getString('state') as AssistanceState,
      to: record.getString('state') as AssistanceState,
      by: expert.id,
      byName: expert.getString('name'),
      side: 'body',
      note: label,
    });
    tx.save(record);
    return { id: record.id, certifier: label };
  });
}

export interface Finding {
  area: string;
  text: string;
}

/** POST /api/qa/assistance/{id}/findings {findings: [{area, text}]} : the expert's site-visit findings. */
export function setFindings(e: PbRequestEvent) {
  const expert = requireExpert(e);
  const raw = body(e).findings;
  if (!Array.isArray(raw) || raw.length > 30)
    throw badRequest('请逐条填写现场诊断发现（最多 30 条）', {
      findings: { code: 'invalid', message: 'findings must be a list of at most 30 items' },
    });
  const findings: Finding[] = [];
  raw.forEach((f: unknown, i: number) => {
    const item = (f ?? {}) as Record<string, unknown>;
    const area = typeof item.area === 'string' ? item.area.trim() : '';
    const text = typeof item.text === 'string' ? item.text.trim() : '';
    if (!text || Array.from(text).length > 1000 || Array.from(area).length > 40) {
      throw badRequest(`第 ${i + 1} 条诊断发现有误：请写明发现（最多 1000 字），方面最多 40 字`, {
        [`findings.${i}`]: { code: 'invalid', message: 'text 1-1000 characters, area at most 40' },
      });
    }
    findings.push({ area, text });
  });
  return inTransaction(e.app, (tx) => {
    const { assistance: record } = loadVisible(tx, expert, e.request.pathValue('id'));
    requireAssignedExpert(expert, record);
    if (record.getString('state') !== 'active') refuse('只有进行中的帮扶可以记录诊断发现');
    record.set('findings', findings);
    tx.save(record);
    return { id: record.id, findings };
  });
}

export { role, sideOf };

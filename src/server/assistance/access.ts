/**
 * Who may see and do what on an assistance. Individual records (plans, visits, findings, certifier) are for
 * the enterprise's managers and the experts of the helping body only; regulators act on bodies and
 * applications in their jurisdiction and read aggregates and names with status, never the content.
 */
import { regionWithin } from '../../lib/stats/jurisdiction.ts';
import { regionName } from '../../lib/regions.ts';
import type { Side } from '../../lib/assistance/state-machine.ts';
import { findById, forbidden, notFound, QaError, requireAuth } from '../http.ts';

export const role = (user: PbRecord) => user.getString('role');

export function requireManager(e: PbRequestEvent): PbRecord {
  const user = requireAuth(e);
  if (role(user) !== 'enterprise_manager' || !user.getString('enterprise')) throw forbidden('只有企业管理员可以办理本企业的帮扶');
  return user;
}

export function requireExpert(e: PbRequestEvent): PbRecord {
  const user = requireAuth(e);
  if (role(user) !== 'expert' || !user.getString('body')) throw forbidden('只有认证机构的帮扶专家可以这样操作');
  return user;
}

export function requireRegulator(e: PbRequestEvent): PbRecord {
  const user = requireAuth(e);
  if (role(user) !== 'regulator') throw forbidden('只有监管部门账号可以这样操作');
  return user;
}

/** The regulator's jurisdiction must contain the region (a county code, or a province code for admissions). */
export function requireWithin(regulator: PbRecord, region: string): void {
  const jurisdiction = regulator.getString('jurisdiction');
  if (!regionWithin(jurisdiction, region)) {
    throw new QaError(403, 'outside_jurisdiction', `您的管辖范围是${regionName(jurisdiction)}，${regionName(region)}不在其中`);
  }
}

/** The side the user takes on this assistance, or null when the record is none of their business. */
export function sideOf(user: PbRecord, assistance: PbRecord): Side | null {
  if (
    role(user) === 'enterprise_manager' &&
    user.getString('enterprise') &&
    user.getString('enterprise') === assistance.getString('enterprise')
  )
    return 'enterprise';
  if (role(user) === 'expert' && user.getString('body') && user.getString('body') === assistance.getString('body')) return 'body';
  return null;
}

/** The assistance, if the user is its enterprise's manager or an expert of its body; 404 otherwise (no oracle). */
export function loadVisible(app: PbApp, user: PbRecord, id: string): { assistance: PbRecord; side: Side } {
  const assistance = id ? findById(app, 'assistances', id) : null;
  const side = assistance ? sideOf(user, assistance) : null;
  if (!assistance || !side) throw notFound('没有找到这项帮扶，或您无权查看');
  return { assistance, side };
}

/** Plan, findings and visits are written by the expert assigned to the assistance (the body's others read). */
export function requireAssignedExpert(user: PbRecord, assistance: PbRecord): void {
  if (role(user) !== 'expert' || assistance.getString('expert') !== user.id) throw forbidden('只有负责这家企业的帮扶专家可以这样操作');
}

/** Who is asking, for the programme's routes: regulators with their jurisdiction, and case authors. */
import { regionName } from '../../lib/regions.ts';
import { regionWithin } from '../../lib/stats/jurisdiction.ts';
import type { Actor } from '../../lib/cases/workflow.ts';
import { forbidden, QaError, requireAuth } from '../http.ts';
import { assistedEnterprises } from './assistance-source.ts';

export function requireRegulator(e: PbRequestEvent, what = '这项功能'): { user: PbRecord; jurisdiction: string } {
  const user = requireAuth(e);
  if (user.getString('role') !== 'regulator') throw forbidden(`只有监管部门账号可以使用${what}`);
  return { user, jurisdiction: user.getString('jurisdiction') };
}

/** 403 with the jurisdiction named, when `region` ("" = national) is not the regulator's or inside it. */
export function assertWithin(jurisdiction: string, region: string, what: string): void {
  if (!regionWithin(jurisdiction, region)) {
    throw new QaError(403, 'outside_jurisdiction', `您的管辖范围是${regionName(jurisdiction)}，不能${what}${regionName(region)}的内容`);
  }
}

export function actorOf(app: PbApp, user: PbRecord): Actor {
  const role = user.getString('role');
  return {
    id: user.id,
    name: user.getString('name'),
    role,
    enterprise: user.getString('enterprise'),
    jurisdiction: user.getString('jurisdiction'),
    assists: role === 'expert' ? assistedEnterprises(app, user.id) : [],
  };
}

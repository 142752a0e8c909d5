/**
 * Names of policy kinds, levels and states, apart from the rules in policy.ts: policy cards in the browser
 * need only these, and policy.ts brings the national region tables (about 40 KB gzip) with it.
 */
import type { RegionLevel } from '../regions.ts';

/** Kinds of incentive for quality-management certification that the programme's policies offer. */
export const POLICY_TYPES = {
  subsidy: '认证费用补贴',
  award: '奖励',
  fee_reduction: '费用减免',
  procurement: '政府采购优先',
  credit: '信贷和信用支持',
  training: '免费培训和帮扶',
  other: '其他',
} as const;
export type PolicyType = keyof typeof POLICY_TYPES;
export const isPolicyType = (value: unknown): value is PolicyType =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(POLICY_TYPES, value);

export const POLICY_LEVEL_NAMES: Record<RegionLevel, string> = { national: '国家', province: '省级', prefecture: '市级', county: '县级' };

export type PolicyStatus = 'upcoming' | 'valid' | 'expired';
export const POLICY_STATUS_NAMES: Record<PolicyStatus, string> = { upcoming: '尚未生效', valid: '有效', expired: '已失效' };

export interface PolicyCounts {
  total: number;
  byLevel: Record<RegionLevel, number>;
  byType: Record<string, number>;
}

/** Counted by issuing level and type (countPolicies in policy.ts, or directly from views that carry the level). */
export function countByLevelAndType(policies: readonly { level: RegionLevel | null; type: string }[]): PolicyCounts {
  const byLevel: Record<RegionLevel, number> = { national: 0, province: 0, prefecture: 0, county: 0 };
  const byType: Record<string, number> = Object.fromEntries(Object.keys(POLICY_TYPES).map((k) => [k, 0]));
  for (const p of policies) {
    if (p.level) byLevel[p.level] += 1;
    byType[p.type] = (byType[p.type] ?? 0) + 1;
  }
  return { total: policies.length, byLevel, byType };
}

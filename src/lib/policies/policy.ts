/**
 * The policy library's rules: what a valid policy entry is, whether it is in force on a given Beijing
 * date, and where it applies. Pure: the server routes, the public page and the enterprise pages all call
 * these, so a policy is "expired" or "applies here" by one definition.
 */
import { jurisdictionLevel, regionChain, regionName, type RegionLevel } from '../regions.ts';
import { countByLevelAndType, isPolicyType, type PolicyCounts, type PolicyStatus, type PolicyType } from './names.ts';

export * from './names.ts';

export interface PolicyInput {
  title: string;
  authority: string;
  /** GB/T 2260 code of the issuing jurisdiction: "" national, 2 (66 = XPCC), 4 or 6 digits */
  region: string;
  docNumber: string;
  type: PolicyType;
  /** YYYY-MM-DD (Beijing date) */
  issuedOn: string;
  /** YYYY-MM-DD, or "" for no end date */
  validUntil: string;
  /** who qualifies, in plain words */
  eligibility: string;
  /** what they get, in plain words */
  benefit: string;
  howToApply: string;
  link: string;
  illustrative: boolean;
}

export type PolicyErrors = Partial<Record<keyof PolicyInput, string>>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const len = (s: string) => Array.from(s).length;

/** Checks a policy entry from a form or a request; every message names what to fix, in Chinese. */
export function validatePolicy(raw: Record<string, unknown>): { ok: true; value: PolicyInput } | { ok: false; errors: PolicyErrors } {
  const value: PolicyInput = {
    title: str(raw.title),
    authority: str(raw.authority),
    region: str(raw.region),
    docNumber: str(raw.docNumber),
    type: str(raw.type) as PolicyType,
    issuedOn: str(raw.issuedOn),
    validUntil: str(raw.validUntil),
    eligibility: str(raw.eligibility),
    benefit: str(raw.benefit),
    howToApply: str(raw.howToApply),
    link: str(raw.link),
    illustrative: raw.illustrative === true,
  };
  const errors: PolicyErrors = {};
  if (len(value.title) < 4 || len(value.title) > 120) errors.title = '请填写政策名称（4 到 120 个字）';
  if (len(value.authority) < 2 || len(value.authority) > 60) errors.authority = '请填写发文机关（2 到 60 个字）';
  if (jurisdictionLevel(value.region) === null)
    errors.region = `地区代码“${value.region}”不是有效的 GB/T 2260 代码（全国留空，省 2 位，市 4 位，县 6 位）`;
  if (len(value.docNumber) > 60) errors.docNumber = '文号不能超过 60 个字';
  if (!isPolicyType(value.type)) errors.type = '请选择政策类型';
  if (!isDate(value.issuedOn)) errors.issuedOn = '请填写发布日期，格式 2026-03-15';
  if (value.validUntil && !isDate(value.validUntil)) errors.validUntil = '有效期截止日期格式应为 2026-12-31；长期有效请留空';
  else if (value.validUntil && isDate(value.issuedOn) && value.validUntil < value.issuedOn)
    errors.validUntil = '有效期截止日期不能早于发布日期';
  if (len(value.eligibility) < 6 || len(value.eligibility) > 500) errors.eligibility = '请用大白话写明哪些企业可以享受（6 到 500 个字）';
  if (len(value.benefit) < 4 || len(value.benefit) > 500) errors.benefit = '请写明企业能得到什么（4 到 500 个字）';
  if (len(value.howToApply) < 4 || len(value.howToApply) > 500) errors.howToApply = '请写明怎么申请（4 到 500 个字）';
  if (value.link && !/^https?:\/\/[^\s]+$/.test(value.link)) errors.link = '链接应以 http:// 或 https:// 开头';
  if (len(value.link) > 500) errors.link = '链接太长（最多 500 个字符）';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** Today's date in Beijing (UTC+8, no daylight saving), YYYY-MM-DD: policy validity is read in Beijing dates. */
export function beijingDate(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** In force from the issue date through the last valid day inclusive; no end date means in force. */
export function policyStatus(p: { issuedOn: string; validUntil: string }, today: string): PolicyStatus {
  if (p.issuedOn > today) return 'upcoming';
  if (p.validUntil && p.validUntil < today) return 'expired';
  return 'valid';
}

/** The jurisdictions whose policies reach an enterprise in this county: national, province, prefecture, county. */
export function regionsOver(countyCode: string): string[] {
  const chain = regionChain(countyCode);
  return chain ? ['', chain.province, chain.prefecture, chain.county] : [''];
}

export function appliesTo(policyRegion: string, countyCode: string): boolean {
  return regionsOver(countyCode).includes(policyRegion);
}

export function policyLevel(region: string): RegionLevel | null {
  return jurisdictionLevel(region);
}

/** "浙江省 湖州市" for a policy's region, with its parent names so that a county reads unambiguously. */
export function policyRegionName(region: string): string {
  if (region === '') return '全国';
  if (region.length === 2) return regionName(region);
  const province = region.startsWith('6590') ? '66' : region.slice(0, 2);
  const parts = [regionName(province), region.length === 6 ? regionName(region.slice(0, 4)) : '', regionName(region)].filter(Boolean);
  return parts.filter((p, i) => p !== parts[i - 1]).join(' ');
}

/** Policies counted by issuing level and by type, for indicator 1 and the library's headline. */
export function countPolicies(policies: readonly { region: string; type: string }[]): PolicyCounts {
  return countByLevelAndType(policies.map((p) => ({ level: jurisdictionLevel(p.region), type: p.type })));
}

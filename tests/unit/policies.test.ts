import { describe, expect, it } from 'vitest';
import {
  appliesTo,
  beijingDate,
  countPolicies,
  policyRegionName,
  policyStatus,
  regionsOver,
  validatePolicy,
} from '../../src/lib/policies/policy.ts';
import { DEMO_POLICIES } from '../../src/lib/demo-programme.ts';

const base = {
  title: '认证补助办法',
  authority: '某市市场监管局',
  region: '3305',
  docNumber: '',
  type: 'subsidy',
  issuedOn: '2026-03-01',
  validUntil: '',
  eligibility: '员工 100 人以下的小微企业',
  benefit: '补助一半费用',
  howToApply: '向区县局申请',
  link: '',
};

describe('policy validity', () => {
  it('is in force from the issue date through the last valid day, in Beijing dates', () => {
    const p = { issuedOn: '2026-03-01', validUntil: '2026-12-31' };
    expect(policyStatus(p, '2026-02-28')).toBe('upcoming');
    expect(policyStatus(p, '2026-03-01')).toBe('valid');
    expect(policyStatus(p, '2026-12-31')).toBe('valid');
    expect(policyStatus(p, '2027-01-01')).toBe('expired');
    expect(policyStatus({ issuedOn: '2020-01-01', validUntil: '' }, '2030-01-01')).toBe('valid');
  });
  it('reads today in Beijing: 16:30 UTC on 31 December is already 1 January', () => {
    expect(beijingDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(beijingDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  });
});

describe('policy regions', () => {
  it('applies to an enterprise from the nation, its province, prefecture and county only', () => {
    expect(regionsOver('330502')).toEqual(['', '33', '3305', '330502']);
    expect(appliesTo('', '330502')).toBe(true);
    expect(appliesTo('33', '330502')).toBe(true);
    expect(appliesTo('3305', '330502')).toBe(true);
    expect(appliesTo('330502', '330502')).toBe(true);
    expect(appliesTo('330503', '330502')).toBe(false);
    expect(appliesTo('3301', '330502')).toBe(false);
    expect(appliesTo('44', '330502')).toBe(false);
  });
  it('counts the Corps cities under the Corps (66), not Xinjiang (65)', () => {
    expect(regionsOver('659001')).toEqual(['', '66', '6590', '659001']);
    expect(appliesTo('65', '659001')).toBe(false);
    expect(appliesTo('66', '659001')).toBe(true);
  });
  it('names a county with its parents', () => {
    expect(policyRegionName('330502')).toBe('浙江省 湖州市 吴兴区');
    expect(policyRegionName('')).toBe('全国');
  });
});

describe('policy entries', () => {
  it('accepts a complete entry and refuses bad codes, dates and links with Chinese messages', () => {
    expect(validatePolicy(base).ok).toBe(true);
    const bad = validatePolicy({
      ...base,
      region: '339999',
      issuedOn: '2026-02-30',
      validUntil: '2025-01-01',
      link: 'ftp://x',
      type: 'gift',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.region).toContain('GB/T 2260');
    expect(bad.errors.issuedOn).toBeDefined();
    expect(bad.errors.link).toContain('http');
    expect(bad.errors.type).toBeDefined();
    const early = validatePolicy({ ...base, validUntil: '2026-01-01' });
    expect(!early.ok && early.errors.validUntil).toContain('早于');
  });
  it('demo policies are all valid, cover every level, and say 示例', () => {
    for (const p of DEMO_POLICIES) {
      const checked = validatePolicy({ ...p, illustrative: true });
      expect(checked.ok, `${p.title}: ${JSON.stringify(!checked.ok && checked.errors)}`).toBe(true);
      expect(p.title).toContain('示例');
    }
    const counts = countPolicies(DEMO_POLICIES);
    expect(Object.values(counts.byLevel).every((n) => n > 0)).toBe(true);
    expect(counts.total).toBe(DEMO_POLICIES.length);
    expect(DEMO_POLICIES.some((p) => policyStatus(p, '2026-11-30') === 'expired')).toBe(true);
  });
});

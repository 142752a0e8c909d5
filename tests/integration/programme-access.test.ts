/**
 * Role × operation for every route and collection of the programme (policies, cases, organising records,
 * assessment), including out-of-jurisdiction attempts. Each row says who may do what; a row that passes for
 * a role it should refuse fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, content, login, registerLearner } from './helpers.ts';
import { completeCase, makeManager, makeRegulator } from './programme-support.ts';

type Role = 'anonymous' | 'learner' | 'manager' | 'otherManager' | 'trainer' | 'county' | 'province' | 'otherProvince' | 'national';
const ROLES: Role[] = ['anonymous', 'learner', 'manager', 'otherManager', 'trainer', 'county', 'province', 'otherProvince', 'national'];
const tokens: Partial<Record<Role, string>> = {};
let submittedCase = '';

const policy = (region: string) => ({
  title: '权限测试政策',
  authority: '测试局',
  region,
  docNumber: '',
  type: 'award',
  issuedOn: '2026-04-01',
  validUntil: '',
  eligibility: '本地小微企业都可以申请。',
  benefit: '奖励一万元',
  howToApply: '向当地局申请',
  link: '',
});

beforeAll(async () => {
  const manager = await makeManager('330106');
  tokens.learner = (await registerLearner({ county: '330106' })).token;
  tokens.manager = manager.token;
  tokens.otherManager = (await makeManager('330106')).token;
  tokens.trainer = await login('trainer@example.com');
  tokens.county = await makeRegulator('330106');
  tokens.province = await login('regulator.zj@example.com');
  tokens.otherProvince = await makeRegulator('44');
  tokens.national = await login('regulator@example.com');
  const c = await api('/api/qa/cases', { token: manager.token, body: { content: completeCase('权限测试案例') } });
  submittedCase = c.body.id;
  await api(`/api/qa/cases/${submittedCase}/actions`, { token: manager.token, body: { action: 'submit' } });
});

interface Op {
  name: string;
  call: (token?: string) => Promise<{ status: number }>;
  expect: Record<Role, number>;
}

const all = (status: number, overrides: Partial<Record<Role, number>> = {}) =>
  Object.fromEntries(ROLES.map((r) => [r, overrides[r] ?? status])) as Record<Role, number>;
const regulatorsOnly = (overrides: Partial<Record<Role, number>> = {}) =>
  all(403, { anonymous: 401, county: 200, province: 200, otherProvince: 200, national: 200, ...overrides });

const OPS: Op[] = [
  { name: 'GET /api/qa/policies', call: (token) => api('/api/qa/policies', { token }), expect: all(200) },
  {
    name: 'GET /api/qa/policies/mine',
    call: (token) => api('/api/qa/policies/mine', { token }),
    expect: all(403, { anonymous: 401, learner: 200, manager: 200, otherManager: 200 }),
  },
  { name: 'GET /api/qa/policies/manage', call: (token) => api('/api/qa/policies/manage', { token }), expect: regulatorsOnly() },
  {
    name: 'POST /api/qa/policies (county 330106)',
    call: (token) => api('/api/qa/policies', { token, body: policy('330106') }),
    expect: regulatorsOnly({ otherProvince: 403 }),
  },
  {
    name: 'POST /api/qa/policies (province 33)',
    call: (token) => api('/api/qa/policies', { token, body: policy('33') }),
    expect: regulatorsOnly({ county: 403, otherProvince: 403 }),
  },
  {
    name: 'POST /api/qa/policies (national)',
    call: (token) => api('/api/qa/policies', { token, body: policy('') }),
    expect: regulatorsOnly({ county: 403, province: 403, otherProvince: 403 }),
  },
  {
    name: 'POST /api/collections/policies/records',
    call: (token) => api('/api/collections/policies/records', { token, body: policy('33') }),
    expect: all(403, { anonymous: 403 }),
  },
  { name: 'GET /api/collections/policies/records', call: (token) => api('/api/collections/policies/records', { token }), expect: all(403) },
  { name: 'GET /api/qa/cases/mine', call: (token) => api('/api/qa/cases/mine', { token }), expect: all(200, { anonymous: 401 }) },
  {
    name: 'POST /api/qa/cases',
    call: (token) => api('/api/qa/cases', { token, body: { content: { title: '权限' } } }),
    expect: all(403, { anonymous: 401, manager: 200, otherManager: 200 }),
  },
  {
    name: 'GET /api/qa/cases/{submitted in 330106}',
    call: (token) => api(`/api/qa/cases/${submittedCase}`, { token }),
    expect: all(404, { anonymous: 401, manager: 200, county: 200, province: 200 }),
  },
  {
    name: 'POST /api/qa/cases/{id} (edit after submit)',
    call: (token) => api(`/api/qa/cases/${submittedCase}`, { token, body: { content: completeCase() } }),
    expect: all(404, { anonymous: 401, manager: 409, county: 403, province: 403 }),
  },
  {
    name: 'POST /api/qa/cases/{id}/actions select (before recommendation)',
    call: (token) => api(`/api/qa/cases/${submittedCase}/actions`, { token, body: { action: 'select' } }),
    expect: all(404, { anonymous: 401, manager: 403, county: 403, province: 403 }),
  },
  { name: 'GET /api/qa/cases/review', call: (token) => api('/api/qa/cases/review', { token }), expect: regulatorsOnly() },
  { name: 'GET /api/qa/cases/selected', call: (token) => api('/api/qa/cases/selected', { token }), expect: all(403, { national: 200 }) },
  {
    name: 'GET /api/collections/case_submissions/records',
    call: (token) => api('/api/collections/case_submissions/records', { token }),
    expect: all(403),
  },
  { name: 'GET /api/qa/programme-records', call: (token) => api('/api/qa/programme-records', { token }), expect: regulatorsOnly() },
  {
    name: 'POST /api/qa/programme-records (3301)',
    call: (token) =>
      api('/api/qa/programme-records', { token, body: { kind: 'meeting', title: '权限测试会议', heldOn: '2026-04-01', region: '3301' } }),
    expect: regulatorsOnly({ county: 403, otherProvince: 403 }),
  },
  {
    name: 'GET /api/collections/programme_records/records',
    call: (token) => api('/api/collections/programme_records/records', { token }),
    expect: all(403),
  },
  {
    name: 'GET /api/qa/assessment',
    call: (token) => api('/api/qa/assessment?year=2026', { token }),
    expect: regulatorsOnly({ county: 403 }),
  },
  {
    name: 'GET /api/qa/assessment/regions?region=33',
    call: (token) => api('/api/qa/assessment/regions?year=2026&region=33', { token }),
    expect: regulatorsOnly({ county: 403, otherProvince: 403 }),
  },
  {
    name: 'GET /api/qa/assessment/regions?region=3301',
    call: (token) => api('/api/qa/assessment/regions?year=2026&region=3301', { token }),
    expect: regulatorsOnly({ county: 403, otherProvince: 403 }),
  },
];

describe('programme: role × operation', () => {
  for (const op of OPS) {
    it(op.name, async () => {
      const got: Record<string, number> = {};
      for (const role of ROLES) got[role] = (await op.call(tokens[role])).status;
      expect(got).toEqual(op.expect);
    });
  }
});

describe('in-person sessions count where their attendees are (indicator 2)', () => {
  it('a recorded session raises its province in the assessment', async () => {
    const national = await login('regulator@example.com');
    const courseId = Object.keys(content.courses)[2];
    const year = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());
    const before = (await api(`/api/qa/assessment?year=${year}`, { token: national })).body;
    if (before.status === 404) return; // no rule set for this year: nothing to compare
    const sessionsBefore = before.rows.find((r: any) => r.province === '44').figures.sessionsHeld;
    const a = await registerLearner({ county: '440305' });
    const b = await registerLearner({ county: '440305' });
    const trainer = await login('trainer@example.com');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const rec = await api('/api/qa/sessions', {
      token: trainer,
      body: { course: courseId, title: '深圳线下培训', heldOn: today, location: '南山', attendees: [a.email, b.email] },
    });
    expect(rec.status).toBe(200);
    const after = (await api(`/api/qa/assessment?year=${year}`, { token: national })).body.rows.find(
      (r: any) => r.province === '44',
    ).figures;
    expect(after.sessionsHeld).toBe(sessionsBefore + 1);
  });
});

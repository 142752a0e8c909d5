/**
 * Precision assistance, role by role: who may see and do what on each new route and collection, asserted
 * exactly (status codes and the effect), along one assistance from application to closing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, content, login, randomUscc, registerLearner, superuserToken, type Learner } from './helpers.ts';
import { readContent } from '../../scripts/lib/content-source.ts';
import { readAssessment } from '../../scripts/lib/assessment-source.ts';
import { ROOT } from '../../scripts/lib/pocketbase.ts';

const courseId = Object.keys(content.courses)[0];
const lessonSlug = content.courses[courseId].lessons[0];
const thisYear = String(new Date().getFullYear());
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

type Who =
  | 'anonymous'
  | 'learner'
  | 'manager'
  | 'otherManager'
  | 'expert'
  | 'otherExpert'
  | 'trainer'
  | 'county'
  | 'otherCounty'
  | 'province'
  | 'otherProvince'
  | 'national';
const tokens = {} as Record<Who, string>;
let admin = '';
let staff: Learner;
let bodyA = '';
let bodyB = '';

async function makeUser(fields: Record<string, unknown>): Promise<string> {
  const email = `u.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const created = await api('/api/collections/users/records', {
    token: admin,
    body: { email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', name: '测试用户', ...fields },
  });
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  return login(email, 'secret-pass-1');
}

async function managerOf(county: string): Promise<{ token: string; enterpriseId: string; uscc: string; id: string }> {
  const person = await registerLearner({ county, uscc: randomUscc(county) });
  await api(`/api/collections/users/records/${person.id}`, { method: 'PATCH', token: admin, body: { role: 'enterprise_manager' } });
  return { token: await login(person.email, 'secret-pass-1'), enterpriseId: person.enterpriseId, uscc: person.uscc, id: person.id };
}

const as = (who: Who) => (who === 'anonymous' ? undefined : tokens[who]);
const everyone: Who[] = [
  'anonymous',
  'learner',
  'manager',
  'otherManager',
  'expert',
  'otherExpert',
  'trainer',
  'county',
  'otherCounty',
  'province',
  'otherProvince',
  'national',
];

/** Calls the route as every role and returns the status per role. */
async function statuses(
  path: string,
  init: { method?: string; body?: unknown } = {},
  who: Who[] = everyone,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const w of who) out[w] = (await api(path, { ...init, token: as(w) })).status;
  return out;
}

let manager: Awaited<ReturnType<typeof managerOf>>;
let assistanceId = '';

beforeAll(async () => {
  admin = await superuserToken();
  manager = await managerOf('330106'); // 杭州市西湖区
  staff = await registerLearner({ county: '330106', uscc: manager.uscc });
  tokens.manager = manager.token;
  tokens.learner = staff.token;
  tokens.otherManager = (await managerOf('330502')).token;
  tokens.expert = await login('expert@example.com');
  tokens.otherExpert = await login('expert.b@example.com');
  tokens.trainer = await login('trainer@example.com');
  tokens.county = await makeUser({ role: 'regulator', jurisdiction: '330106' });
  tokens.otherCounty = await makeUser({ role: 'regulator', jurisdiction: '330502' });
  tokens.province = await login('regulator.zj@example.com');
  tokens.otherProvince = await makeUser({ role: 'regulator', jurisdiction: '44' });
  tokens.national = await login('regulator@example.com');
  const bodies = (await api('/api/qa/assistance/bodies')).body.bodies as { id: string; approvalNumber: string }[];
  bodyA = bodies.find((b) => b.approvalNumber === 'CNCA-R-2003-901')!.id;
  bodyB = bodies.find((b) => b.approvalNumber === 'CNCA-R-2006-902')!.id;
});

describe('the generic record API is closed for every assistance collection', () => {
  it.each([
    'cert_bodies',
    'body_admissions',
    'assistances',
    'plan_measures',
    'assistance_visits',
    'learning_assignments',
    'assistance_settings',
  ])('%s: no list, view or create for anyone but superusers', async (collection) => {
    for (const who of everyone) {
      const list = await api(`/api/collections/${collection}/records`, { token: as(who) });
      expect([403, 401], `${who} list ${collection}`).toContain(list.status);
      const create = await api(`/api/collections/${collection}/records`, { token: as(who), body: { name: 'x' } });
      expect([400, 403, 401], `${who} create ${collection}`).toContain(create.status);
      expect(create.status === 200).toBe(false);
    }
    expect((await api(`/api/collections/${collection}/records`, { token: admin })).status).toBe(200);
  });
  it('nobody moves themselves into a body or a role', async () => {
    const me = (await api('/api/collections/users/auth-refresh', { method: 'POST', token: tokens.learner })).body.record;
    expect(
      (await api(`/api/collections/users/records/${me.id}`, { method: 'PATCH', token: tokens.learner, body: { body: bodyA } })).status,
    ).not.toBe(200);
    expect(
      (await api(`/api/collections/users/records/${me.id}`, { method: 'PATCH', token: tokens.learner, body: { role: 'expert' } })).status,
    ).not.toBe(200);
  });
});

describe('certification bodies and their admission', () => {
  it('anyone reads the list of bodies (names and numbers); only admitted ones appear for a province', async () => {
    const all = await api('/api/qa/assistance/bodies');
    expect(all.status).toBe(200);
    const zj = await api('/api/qa/assistance/bodies?province=33');
    expect(zj.body.bodies.map((b: { id: string }) => b.id)).toEqual(expect.arrayContaining([bodyA, bodyB]));
    const sh = await api('/api/qa/assistance/bodies?province=31');
    expect(sh.body.bodies.map((b: { id: string }) => b.id)).toEqual([bodyB]);
  });

  it('registering a body: provincial and national regulators only, with a valid approval number', async () => {
    const input = (n: string) => ({ name: `测试认证有限公司${n}`, approvalNumber: `CNCA-R-2010-${n}`, provinces: ['33'] });
    const seen = await statuses('/api/qa/assistance/bodies', { body: input(`7${String(Date.now()).slice(-2)}`) }, [
      'anonymous',
      'learner',
      'manager',
      'expert',
      'trainer',
      'county',
    ]);
    expect(seen).toEqual({ anonymous: 401, learner: 403, manager: 403, expert: 403, trainer: 403, county: 403 });
    expect((await api('/api/qa/assistance/bodies', { token: tokens.otherProvince, body: input('801') })).status).toBe(403); // Zhejiang is not Guangdong's
    const bad = await api('/api/qa/assistance/bodies', {
      token: tokens.province,
      body: { name: '测试', approvalNumber: 'CNCA-2010-1', provinces: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.data.approvalNumber.message).toContain('CNCA-R');
    expect(bad.body.data.provinces).toBeDefined();
    const n = String(Date.now()).slice(-3);
    const ok = await api('/api/qa/assistance/bodies', {
      token: tokens.province,
      body: { name: `测试认证有限公司${n}`, approvalNumber: `cnca-r-2011-${n}`, provinces: ['33'] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.approvalNumber).toBe(`CNCA-R-2011-${n}`);
    expect(
      (
        await api('/api/qa/assistance/bodies', {
          token: tokens.national,
          body: { name: `另一家${n}`, approvalNumber: `CNCA-R-2011-${n}`, provinces: ['33'] },
        })
      ).status,
    ).toBe(409);
  });

  it('admission in a province: its provincial regulator or the national one; not counties, not other provinces', async () => {
    const path = `/api/qa/assistance/bodies/${bodyB}/admission`;
    const seen = await statuses(path, { body: { province: '31', admitted: true } }, [
      'anonymous',
      'learner',
      'manager',
      'expert',
      'trainer',
      'county',
      'province',
      'otherProvince',
    ]);
    expect(seen).toEqual({
      anonymous: 401,
      learner: 403,
      manager: 403,
      expert: 403,
      trainer: 403,
      county: 403,
      province: 403,
      otherProvince: 403,
    });
    expect((await api(path, { token: tokens.national, body: { province: '31', admitted: false } })).status).toBe(200);
    expect((await api('/api/qa/assistance/bodies?province=31')).body.bodies).toEqual([]);
    expect((await api(path, { token: tokens.national, body: { province: '31', admitted: true } })).status).toBe(200);
    // A body can be admitted only where it takes part.
    const where = await api(path, { token: tokens.national, body: { province: '44', admitted: true } });
    expect(where.status).toBe(400);
    expect(where.body.message).toContain('广东省');
  });
});

describe('one assistance, from application to closing', () => {
  let helpedBefore: Record<string, number> = {};
  let measureId = '';
  let visitId = '';

  const helped = async (who: Who, region = '') =>
    (await api(`/api/qa/assistance/stats?period=${thisYear}${region ? `&region=${region}` : ''}`, { token: tokens[who] })).body.totals
      .helped as number;

  it('the manager applies to a body admitted in the province', async () => {
    helpedBefore = {
      county: await helped('county'),
      province: await helped('province'),
      national: await helped('national'),
      otherProvince: await helped('otherProvince'),
    };
    const notAdmitted = await api('/api/qa/assistance/apply', { token: tokens.manager, body: { body: 'nosuchbody12345' } });
    expect(notAdmitted.status).toBe(400);
    const seen = await statuses('/api/qa/assistance/apply', { body: { body: bodyA } }, [
      'anonymous',
      'learner',
      'expert',
      'trainer',
      'province',
    ]);
    expect(seen).toEqual({ anonymous: 401, learner: 403, expert: 403, trainer: 403, province: 403 });
    const applied = await api('/api/qa/assistance/apply', { token: tokens.manager, body: { body: bodyA, note: '想建立进货检验制度' } });
    expect(applied.status).toBe(200);
    expect(applied.body.state).toBe('requested');
    assistanceId = applied.body.id;
    const twice = await api('/api/qa/assistance/apply', { token: tokens.manager, body: {} });
    expect(twice.status).toBe(409);
  });

  it('the record is visible to its enterprise managers and the body experts only', async () => {
    const seen = await statuses(`/api/qa/assistance/${assistanceId}`);
    expect(seen).toEqual({
      anonymous: 401,
      learner: 404,
      manager: 200,
      otherManager: 404,
      expert: 200,
      otherExpert: 404,
      trainer: 404,
      county: 404,
      otherCounty: 404,
      province: 404,
      otherProvince: 404,
      national: 404,
    });
  });

  it('an application is not helped until the body accepts; the body accepts, not the enterprise', async () => {
    expect(await helped('province')).toBe(helpedBefore.province);
    const seen = await statuses(`/api/qa/assistance/${assistanceId}/accept`, { body: {} }, [
      'anonymous',
      'learner',
      'otherManager',
      'otherExpert',
      'trainer',
      'province',
      'manager',
    ]);
    expect(seen).toEqual({ anonymous: 401, learner: 404, otherManager: 404, otherExpert: 404, trainer: 404, province: 404, manager: 409 });
    const accepted = await api(`/api/qa/assistance/${assistanceId}/accept`, { token: tokens.expert, body: {} });
    expect(accepted.body).toEqual({ id: assistanceId, state: 'active' });
    expect(await helped('county')).toBe(helpedBefore.county + 1);
    expect(await helped('province')).toBe(helpedBefore.province + 1);
    expect(await helped('national')).toBe(helpedBefore.national + 1);
    expect(await helped('otherProvince')).toBe(helpedBefore.otherProvince);
  });

  it('impartiality: the helping body cannot be recorded as the certifier', async () => {
    const path = `/api/qa/assistance/${assistanceId}/certifier`;
    const self = await api(path, { token: tokens.expert, body: { certifier: bodyA } });
    expect(self.status).toBe(400);
    expect(self.body.message).toContain('公正性');
    expect(self.body.data.certifier.code).toBe('impartiality');
    expect((await api(path, { token: tokens.manager, body: { certifier: bodyB } })).status).toBe(403);
    expect((await api(path, { token: tokens.otherExpert, body: { certifier: bodyB } })).status).toBe(404);
    expect((await api(path, { token: tokens.expert, body: { certifier: bodyB } })).status).toBe(200);
    expect((await api(`/api/qa/assistance/${assistanceId}`, { token: tokens.manager })).body.certifier.id).toBe(bodyB);
  });

  it('the baseline self-assessment suggests lessons and cases for the weakest areas, seen by both sides of the plan', async () => {
    const q = readAssessment(readContent(ROOT)).content!;
    // every question at the lowest level but the first area's: the weakest areas are all the others
    const answers = Object.fromEntries(q.areas.flatMap((a, i) => a.questions.map((x) => [x.id, i === 0 ? 3 : 0])));
    const draft = await api('/api/qa/assessments', { token: tokens.manager, body: { kind: 'baseline' } });
    expect((await api(`/api/qa/assessments/${draft.body.id}/submit`, { token: tokens.manager, body: { answers } })).status).toBe(200);
    for (const token of [tokens.manager, tokens.expert]) {
      const detail = (await api(`/api/qa/assistance/${assistanceId}`, { token })).body;
      expect(detail.suggestions.length).toBeGreaterThan(0);
      expect(detail.suggestions.map((s: { area: string }) => s.area)).not.toContain(q.areas[0].id);
      for (const s of detail.suggestions) for (const item of s.items) expect(item.href).toMatch(/^\/(courses|cases)\//);
    }
  });

  it('findings: the assigned expert only', async () => {
    const path = `/api/qa/assistance/${assistanceId}/findings`;
    const body = { findings: [{ area: '进货检验', text: '布料进厂没有检验记录，色差问题靠老板目测' }] };
    const seen = await statuses(path, { body }, ['anonymous', 'learner', 'manager', 'otherManager', 'otherExpert', 'trainer', 'province']);
    expect(seen).toEqual({ anonymous: 401, learner: 403, manager: 403, otherManager: 403, otherExpert: 404, trainer: 403, province: 403 });
    expect((await api(path, { token: tokens.expert, body })).status).toBe(200);
  });

  it('plan measures: the assigned expert and the enterprise manager', async () => {
    const path = `/api/qa/assistance/${assistanceId}/measures`;
    const body = {
      title: '建立布料进货检验记录',
      owner: '仓库主管',
      targetDate: '2099-12-31',
      lessons: [`${courseId}/${lessonSlug}`],
      cases: [],
    };
    const seen = await statuses(path, { body }, ['anonymous', 'learner', 'otherManager', 'otherExpert', 'trainer', 'province', 'national']);
    expect(seen).toEqual({ anonymous: 401, learner: 404, otherManager: 404, otherExpert: 404, trainer: 404, province: 404, national: 404 });
    const bad = await api(path, { token: tokens.expert, body: { ...body, targetDate: 'soon', lessons: ['no/such'] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.data).sort()).toEqual(['lessons', 'targetDate']);
    const saved = await api(path, { token: tokens.expert, body });
    expect(saved.status).toBe(200);
    measureId = saved.body.id;
    expect((await api(path, { token: tokens.manager, body: { ...body, id: measureId, status: 'in_progress' } })).status).toBe(200);
  });

  it('the manager assigns the lesson to staff; staff see it; doing it shows on the plan', async () => {
    const body = { users: [staff.id], course: courseId, lesson: lessonSlug, dueDate: '2099-01-31', measure: measureId };
    const seen = await statuses('/api/qa/assistance/assignments', { body }, [
      'anonymous',
      'learner',
      'otherManager',
      'expert',
      'trainer',
      'province',
    ]);
    expect(seen).toEqual({ anonymous: 401, learner: 403, otherManager: 404, expert: 403, trainer: 403, province: 403 });
    expect(
      (await api('/api/qa/assistance/assignments', { token: tokens.otherManager, body: { ...body, measure: undefined } })).status,
    ).toBe(400); // not their staff
    expect((await api('/api/qa/assistance/assignments', { token: tokens.manager, body })).body.saved).toBe(1);
    const mine = await api('/api/qa/me', { token: staff.token });
    expect(mine.body.assignments).toEqual([
      expect.objectContaining({ course: courseId, lesson: lessonSlug, dueDate: '2099-01-31', done: false, overdue: false }),
    ]);
    let plan = (await api(`/api/qa/assistance/${assistanceId}`, { token: tokens.manager })).body;
    expect(plan.measures[0].progress).toEqual({ done: 0, total: 1 });
    expect((await api('/api/qa/lessons/read', { token: staff.token, body: { lesson: `${courseId}/${lessonSlug}` } })).status).toBe(200);
    plan = (await api(`/api/qa/assistance/${assistanceId}`, { token: tokens.expert })).body;
    expect(plan.measures[0].progress).toEqual({ done: 1, total: 1 });
    expect((await api('/api/qa/assistance/assignments', { token: tokens.manager })).body.assignments[0].done).toBe(true);
  });

  it('a visit counts only once the enterprise confirms it; closing needs one', async () => {
    const early = await api(`/api/qa/assistance/${assistanceId}/close`, { token: tokens.expert, body: {} });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('确认');
    const body = {
      date: today,
      mode: 'site',
      checked: '抽查进货检验记录三份',
      measures: [{ measure: measureId, status: 'done' }],
      nextStep: '一个月后回访',
    };
    const seen = await statuses(`/api/qa/assistance/${assistanceId}/visits`, { body }, [
      'anonymous',
      'learner',
      'manager',
      'otherExpert',
      'trainer',
      'province',
    ]);
    expect(seen).toEqual({ anonymous: 401, learner: 403, manager: 403, otherExpert: 404, trainer: 403, province: 403 });
    expect(
      (await api(`/api/qa/assistance/${assistanceId}/visits`, { token: tokens.expert, body: { ...body, date: '2999-01-01' } })).status,
    ).toBe(400);
    const logged = await api(`/api/qa/assistance/${assistanceId}/visits`, { token: tokens.expert, body });
    expect(logged.body.confirmation).toBe('pending');
    visitId = logged.body.id;
    const confirm = await statuses(`/api/qa/assistance/visits/${visitId}/confirm`, { body: { confirmed: true } }, [
      'anonymous',
      'learner',
      'otherManager',
      'expert',
      'trainer',
      'province',
    ]);
    expect(confirm).toEqual({ anonymous: 401, learner: 403, otherManager: 404, expert: 403, trainer: 403, province: 403 });
    expect((await api(`/api/qa/assistance/visits/${visitId}/confirm`, { token: tokens.manager, body: { confirmed: false } })).status).toBe(
      400,
    ); // a dispute needs a reason
    expect(
      (await api(`/api/qa/assistance/visits/${visitId}/confirm`, { token: tokens.manager, body: { confirmed: true } })).body.confirmation,
    ).toBe('confirmed');
    expect((await api(`/api/qa/assistance/visits/${visitId}/confirm`, { token: tokens.manager, body: { confirmed: true } })).status).toBe(
      409,
    );
    const detail = (await api(`/api/qa/assistance/${assistanceId}`, { token: tokens.manager })).body;
    expect(detail.visits[0].confirmation).toBe('confirmed');
    expect(detail.measures[0].status).toBe('done');
    expect(detail.followUp.overdue).toBe(false);
  });

  it('regulators read numbers and the list in their jurisdiction only, never the record', async () => {
    const path = `/api/qa/assistance/stats?period=${thisYear}&region=330106`;
    const seen = await statuses(path);
    expect(seen).toEqual({
      anonymous: 401,
      learner: 403,
      manager: 403,
      otherManager: 403,
      expert: 403,
      otherExpert: 403,
      trainer: 403,
      county: 200,
      otherCounty: 403,
      province: 200,
      otherProvince: 403,
      national: 200,
    });
    const list = await api(`/api/qa/assistance/enterprises?period=${thisYear}`, { token: tokens.county });
    const row = list.body.rows.find((r: { assistance: string }) => r.assistance === assistanceId);
    expect(row).toMatchObject({
      enterprise: '测试企业有限公司',
      state: 'active',
      stateLabel: '帮扶中',
      lastConfirmedVisit: today,
      overdue: false,
    });
    expect(Object.keys(row)).not.toContain('findings');
    expect(JSON.stringify(list.body)).not.toContain('布料进厂');
    const gd = await api(`/api/qa/assistance/enterprises?period=${thisYear}`, { token: tokens.otherProvince });
    expect(gd.body.rows.some((r: { assistance: string }) => r.assistance === assistanceId)).toBe(false);
    expect((await api(`/api/qa/assistance/enterprises?region=33`, { token: tokens.otherProvince })).status).toBe(403);
  });

  it('the public page and the province table count helped enterprises from the record', async () => {
    const pub = await api(`/api/qa/stats/public?period=${thisYear}`);
    expect(pub.body.national.helped).toBe(await helped('national'));
    expect(pub.body.provinces.find((p: { code: string }) => p.code === '33').helped).toBe(await helped('province'));
  });

  it('the expert closes it; it stays helped and counts as completed; then nothing more changes', async () => {
    const before = (await api(`/api/qa/assistance/stats?period=${thisYear}&region=330106`, { token: tokens.county })).body.totals;
    expect((await api(`/api/qa/assistance/${assistanceId}/close`, { token: tokens.manager, body: {} })).status).toBe(409);
    expect((await api(`/api/qa/assistance/${assistanceId}/close`, { token: tokens.expert, body: {} })).body.state).toBe('closed');
    const after = (await api(`/api/qa/assistance/stats?period=${thisYear}&region=330106`, { token: tokens.county })).body.totals;
    expect(after.helped).toBe(before.helped);
    expect(after.completed).toBe(before.completed + 1);
    expect((await api(`/api/qa/assistance/${assistanceId}/end`, { token: tokens.manager, body: { reason: '不需要了' } })).status).toBe(409);
    const history = (await api(`/api/qa/assistance/${assistanceId}`, { token: tokens.manager })).body.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['apply', 'accept', 'certifier', 'close']);
    expect(history.every((h: { by: string; at: string }) => h.by && h.at)).toBe(true);
  });
});

describe('the other ways in and out', () => {
  it('an application without a body: a regulator in jurisdiction assigns one, then the body accepts', async () => {
    const m = await managerOf('330106');
    const applied = await api('/api/qa/assistance/apply', { token: m.token, body: {} });
    expect(applied.body.state).toBe('requested');
    const id = applied.body.id;
    expect((await api(`/api/qa/assistance/${id}/accept`, { token: tokens.expert, body: {} })).status).toBe(404); // no body yet: not theirs
    const pending = await api('/api/qa/assistance/enterprises', { token: tokens.county });
    expect(pending.body.pending.some((p: { assistance: string }) => p.assistance === id)).toBe(true);
    const seen = await statuses(`/api/qa/assistance/${id}/assign`, { body: { body: bodyA } }, [
      'anonymous',
      'learner',
      'manager',
      'expert',
      'trainer',
      'otherCounty',
      'otherProvince',
    ]);
    expect(seen).toEqual({ anonymous: 401, learner: 403, manager: 403, expert: 403, trainer: 403, otherCounty: 403, otherProvince: 403 });
    expect((await api(`/api/qa/assistance/${id}/assign`, { token: tokens.county, body: { body: bodyA } })).status).toBe(200);
    expect((await api(`/api/qa/assistance/${id}/accept`, { token: tokens.expert, body: {} })).body.state).toBe('active');
    // Either side ends it with a reason; the regulator cannot.
    expect((await api(`/api/qa/assistance/${id}/end`, { token: tokens.province, body: { reason: '整改' } })).status).toBe(404);
    expect((await api(`/api/qa/assistance/${id}/end`, { token: m.token, body: {} })).status).toBe(409);
    expect((await api(`/api/qa/assistance/${id}/end`, { token: m.token, body: { reason: '企业搬迁，暂停帮扶' } })).body.state).toBe(
      'ended',
    );
  });

  it('a body proposes; nothing starts until the manager accepts; the manager may decline', async () => {
    const m = await managerOf('330106');
    const seen = await statuses('/api/qa/assistance/propose', { body: { uscc: m.uscc } }, [
      'anonymous',
      'learner',
      'manager',
      'trainer',
      'province',
    ]);
    expect(seen).toEqual({ anonymous: 401, learner: 403, manager: 403, trainer: 403, province: 403 });
    const proposed = await api('/api/qa/assistance/propose', { token: tokens.expert, body: { uscc: m.uscc } });
    expect(proposed.body.state).toBe('proposed');
    expect((await api('/api/qa/assistance/propose', { token: tokens.otherExpert, body: { uscc: m.uscc } })).status).toBe(409);
    expect((await api(`/api/qa/assistance/${proposed.body.id}/accept`, { token: tokens.expert, body: {} })).status).toBe(409);
    const list = await api(`/api/qa/assistance/enterprises?period=${thisYear}`, { token: tokens.county });
    expect(list.body.rows.some((r: { assistance: string }) => r.assistance === proposed.body.id)).toBe(false);
    expect((await api(`/api/qa/assistance/${proposed.body.id}/decline`, { token: m.token, body: { reason: '暂不需要' } })).body.state).toBe(
      'declined',
    );
    const again = await api('/api/qa/assistance/propose', { token: tokens.expert, body: { uscc: m.uscc } });
    expect((await api(`/api/qa/assistance/${again.body.id}/accept`, { token: m.token, body: {} })).body.state).toBe('active');
  });

  it('workspaces: the manager page and the expert workspace, for their roles only', async () => {
    expect(await statuses('/api/qa/assistance/enterprise', {}, ['anonymous', 'learner', 'manager', 'expert', 'province'])).toEqual({
      anonymous: 401,
      learner: 403,
      manager: 200,
      expert: 403,
      province: 403,
    });
    expect(await statuses('/api/qa/assistance/expert', {}, ['anonymous', 'learner', 'manager', 'expert', 'province'])).toEqual({
      anonymous: 401,
      learner: 403,
      manager: 403,
      expert: 200,
      province: 403,
    });
    const home = (await api('/api/qa/assistance/expert', { token: tokens.expert })).body;
    expect(home.assistances.some((a: { id: string }) => a.id === assistanceId)).toBe(true);
    const other = (await api('/api/qa/assistance/expert', { token: tokens.otherExpert })).body;
    expect(other.assistances.some((a: { id: string }) => a.id === assistanceId)).toBe(false);
    expect(home.followUpDays).toBe(30);
  });

  it('overdue follow-ups follow the programme N, for the expert, the body and the regulator', async () => {
    const overdueNow = async () => ({
      expert: (await api('/api/qa/assistance/expert', { token: tokens.expert })).body.overdue as number,
      colleague: (await api('/api/qa/assistance/expert', { token: tokens.otherExpert })).body.overdue as number,
      regulator: (await api(`/api/qa/assistance/stats?period=${thisYear}`, { token: tokens.national })).body.totals.overdue as number,
    });
    // Demo data has active assistances whose last confirmed visit is weeks old.
    const at30 = await overdueNow();
    expect(at30.expert + at30.colleague).toBeGreaterThan(0);
    expect(at30.regulator).toBeGreaterThan(0);
    const setting = (await api("/api/collections/assistance_settings/records?filter=key='followup_days'", { token: admin })).body.items[0];
    try {
      await api(`/api/collections/assistance_settings/records/${setting.id}`, { method: 'PATCH', token: admin, body: { value: 365 } });
      expect(await overdueNow()).toEqual({ expert: 0, colleague: 0, regulator: 0 });
      const list = await api(`/api/qa/assistance/enterprises?period=${thisYear}`, { token: tokens.national });
      expect(list.body.rows.some((r: { overdue: boolean }) => r.overdue)).toBe(false);
    } finally {
      await api(`/api/collections/assistance_settings/records/${setting.id}`, { method: 'PATCH', token: admin, body: { value: 30 } });
    }
    expect(await overdueNow()).toEqual(at30);
  });
});

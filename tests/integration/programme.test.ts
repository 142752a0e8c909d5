import { describe, expect, it } from 'vitest';
import { api, login, registerLearner } from './helpers.ts';
import { CLEAN_JPEG, completeCase, jpegWithExif, makeManager, makeRegulator } from './programme-support.ts';

const policy = (region: string, title = '测试认证补助政策') => ({
  title,
  authority: '测试市场监管局',
  region,
  docNumber: '测〔2026〕1号',
  type: 'subsidy',
  issuedOn: '2026-03-01',
  validUntil: '2027-12-31',
  eligibility: '本地员工 100 人以下的小微企业。',
  benefit: '补助认证费用的一半。',
  howToApply: '向区县市场监管局申请。',
  link: 'https://example.gov.cn/p/1',
});

describe('policy library', () => {
  it('is public, and regulators maintain only their own jurisdiction', async () => {
    const pub = await api('/api/qa/policies');
    expect(pub.status).toBe(200);
    expect(pub.body.policies.length).toBeGreaterThan(10);
    expect(pub.body.policies.some((p: any) => p.status === 'expired')).toBe(true);

    const zj = await login('regulator.zj@example.com');
    const created = await api('/api/qa/policies', { token: zj, body: policy('330106', '西湖区测试补助政策') });
    expect(created.status).toBe(200);
    expect(created.body.level).toBe('county');
    expect(created.body.regionName).toContain('西湖区');

    const outside = await api('/api/qa/policies', { token: zj, body: policy('44') });
    expect(outside.status).toBe(403);
    expect(outside.body.message).toContain('管辖范围');
    const nationalByProvince = await api('/api/qa/policies', { token: zj, body: policy('') });
    expect(nationalByProvince.status).toBe(403);

    const gd = await makeRegulator('44');
    expect((await api(`/api/qa/policies/${created.body.id}`, { token: gd, body: policy('44') })).status).toBe(403);
    expect((await api(`/api/qa/policies/${created.body.id}`, { method: 'DELETE', token: gd })).status).toBe(403);
    expect((await api('/api/qa/policies/manage', { token: gd })).body.policies.every((p: any) => p.region.startsWith('44'))).toBe(true);
    // moving a policy out of one's jurisdiction is refused too
    expect((await api(`/api/qa/policies/${created.body.id}`, { token: zj, body: policy('44') })).status).toBe(403);

    const bad = await api('/api/qa/policies', { token: zj, body: { ...policy('339999'), issuedOn: '2026-02-30' } });
    expect(bad.status).toBe(400);
    expect(bad.body.data.region.message).toContain('GB/T 2260');
    expect(bad.body.data.issuedOn).toBeDefined();

    const learner = await registerLearner({ county: '330106' });
    expect((await api('/api/qa/policies', { token: learner.token, body: policy('330106') })).status).toBe(403);
    expect((await api('/api/qa/policies/manage', { token: learner.token })).status).toBe(403);
    // the generic record API is closed
    expect((await api('/api/collections/policies/records', { token: learner.token, body: policy('330106') })).status).toBe(403);
  });

  it('shows an enterprise the policies of its county, prefecture, province and the nation, not elsewhere', async () => {
    const zj = await login('regulator.zj@example.com');
    const here = await api('/api/qa/policies', { token: zj, body: policy('330106', '西湖区本地政策') });
    const neighbour = await api('/api/qa/policies', { token: zj, body: policy('330108', '滨江区本地政策') });
    const learner = await registerLearner({ county: '330106' });
    const mine = await api('/api/qa/policies/mine', { token: learner.token });
    expect(mine.status).toBe(200);
    const ids = mine.body.policies.map((p: any) => p.id);
    expect(ids).toContain(here.body.id);
    expect(ids).not.toContain(neighbour.body.id);
    const regions = new Set(mine.body.policies.map((p: any) => p.region));
    expect([...regions].every((r) => ['', '33', '3301', '330106'].includes(r as string))).toBe(true);
    expect(regions.has('')).toBe(true);
    expect(regions.has('33')).toBe(true);
    expect((await api('/api/qa/policies/mine')).status).toBe(401);
  });
});

describe('case submissions', () => {
  it('move through every state, each step recorded with who and when', async () => {
    const manager = await makeManager('330106');
    const zj = await login('regulator.zj@example.com');
    const national = await login('regulator@example.com');
    const gd = await makeRegulator('44');

    const draft = await api('/api/qa/cases', {
      token: manager.token,
      body: { content: { title: '草稿', photos: [{ mime: 'image/jpeg', data: CLEAN_JPEG, caption: '车间' }] } },
    });
    expect(draft.status).toBe(200);
    expect(draft.body.state).toBe('draft');
    expect(draft.body.profile.county).toBe('330106');
    const id = draft.body.id;
    // drafts are invisible to regulators; incomplete cases cannot be submitted
    expect((await api(`/api/qa/cases/${id}`, { token: zj })).status).toBe(404);
    const early = await api(`/api/qa/cases/${id}/actions`, { token: manager.token, body: { action: 'submit' } });
    expect(early.status).toBe(400);
    expect(early.body.data.measures).toBeDefined();
    // a photo that still carries EXIF is refused by the server
    const exif = await api(`/api/qa/cases/${id}`, {
      token: manager.token,
      body: { content: { ...completeCase(), photos: [{ mime: 'image/jpeg', data: jpegWithExif(), caption: 'x' }] } },
    });
    expect(exif.status).toBe(400);
    expect(exif.body.data.photos.message).toContain('EXIF');

    expect(
      (
        await api(`/api/qa/cases/${id}`, {
          token: manager.token,
          body: { content: { ...completeCase(), photos: [{ mime: 'image/jpeg', data: CLEAN_JPEG, caption: '车间' }] } },
        })
      ).status,
    ).toBe(200);
    expect((await api(`/api/qa/cases/${id}/actions`, { token: manager.token, body: { action: 'submit' } })).body.state).toBe('submitted');
    // editing after submission is refused; other provinces and the ministry cannot act yet
    expect((await api(`/api/qa/cases/${id}`, { token: manager.token, body: { content: completeCase() } })).status).toBe(409);
    expect((await api(`/api/qa/cases/${id}/actions`, { token: gd, body: { action: 'recommend' } })).status).toBe(404);
    expect((await api(`/api/qa/cases/${id}/actions`, { token: national, body: { action: 'select' } })).status).toBe(404);
    expect((await api('/api/qa/cases/review', { token: gd })).body.cases.map((c: any) => c.id)).not.toContain(id);

    const noComment = await api(`/api/qa/cases/${id}/actions`, { token: zj, body: { action: 'return' } });
    expect(noComment.status).toBe(400);
    const returned = await api(`/api/qa/cases/${id}/actions`, { token: zj, body: { action: 'return', comment: '请补充成本数据' } });
    expect(returned.body.state).toBe('returned');
    const mine = await api('/api/qa/cases/mine', { token: manager.token });
    expect(mine.body.cases.find((c: any) => c.id === id).lastComment).toBe('请补充成本数据');

    const revised = {
      ...completeCase('小厂用检查表减少返工（修改后）'),
      figures: [...completeCase().figures, { metric: '返工成本', unit: '万元/年', before: '12', after: '5', period: '2025年 对比 2026年' }],
    };
    expect((await api(`/api/qa/cases/${id}`, { token: manager.token, body: { content: revised } })).status).toBe(200);
    expect((await api(`/api/qa/cases/${id}/actions`, { token: manager.token, body: { action: 'submit' } })).body.state).toBe('submitted');
    expect((await api(`/api/qa/cases/${id}/actions`, { token: zj, body: { action: 'recommend' } })).body.state).toBe('recommended');
    expect((await api(`/api/qa/cases/${id}/actions`, { token: zj, body: { action: 'select' } })).status).toBe(403);
    const selected = await api(`/api/qa/cases/${id}/actions`, { token: national, body: { action: 'select', comment: '可推广' } });
    expect(selected.body.state).toBe('selected');
    expect(selected.body.slug).toMatch(/^selected-\d{4}-33-/);
    expect(selected.body.history.map((h: any) => h.action)).toEqual(['submit', 'return', 'submit', 'recommend', 'select']);
    for (const h of selected.body.history) {
      expect(h.by).toBeTruthy();
      expect(Date.parse(h.at)).not.toBeNaN();
    }
    expect((await api(`/api/qa/cases/${id}/actions`, { token: national, body: { action: 'decline', comment: 'x' } })).status).toBe(409);

    const exported = await api('/api/qa/cases/selected', { token: national });
    expect(exported.body.cases.map((c: any) => c.id)).toContain(id);
    expect((await api('/api/qa/cases/selected', { token: zj })).status).toBe(403);
    expect((await api('/api/qa/cases/selected', { token: manager.token })).status).toBe(403);
  });

  it('decline needs a reason; learners and other enterprises cannot write or read cases', async () => {
    const manager = await makeManager('330106');
    const other = await makeManager('330106');
    const learner = await registerLearner({ county: '330106' });
    const zj = await login('regulator.zj@example.com');
    const national = await login('regulator@example.com');
    const c = await api('/api/qa/cases', { token: manager.token, body: { content: completeCase() } });
    const id = c.body.id;
    expect((await api(`/api/qa/cases/${id}`, { token: other.token })).status).toBe(404);
    expect((await api(`/api/qa/cases/${id}`, { token: other.token, body: { content: completeCase() } })).status).toBe(404);
    expect((await api('/api/qa/cases', { token: learner.token, body: { content: completeCase() } })).status).toBe(403);
    expect((await api('/api/qa/cases/review', { token: learner.token })).status).toBe(403);
    expect((await api('/api/collections/case_submissions/records', { token: manager.token })).status).toBe(403);
    await api(`/api/qa/cases/${id}/actions`, { token: manager.token, body: { action: 'submit' } });
    await api(`/api/qa/cases/${id}/actions`, { token: zj, body: { action: 'recommend' } });
    expect((await api(`/api/qa/cases/${id}/actions`, { token: national, body: { action: 'decline' } })).status).toBe(400);
    const declined = await api(`/api/qa/cases/${id}/actions`, { token: national, body: { action: 'decline', comment: '数据不足' } });
    expect(declined.body.state).toBe('declined');
    expect(declined.body.lastComment).toBe('数据不足');
  });
});

describe('organising records and the assessment', () => {
  it('records stay inside the jurisdiction and count for indicator 1', async () => {
    const zj = await login('regulator.zj@example.com');
    const national = await login('regulator@example.com');
    const before = (await api('/api/qa/assessment?year=2026', { token: zj })).body.own;
    const rec = await api('/api/qa/programme-records', {
      token: zj,
      body: { kind: 'meeting', title: '测试推进会议', heldOn: '2026-05-01', region: '3301' },
    });
    expect(rec.status).toBe(200);
    expect(
      (
        await api('/api/qa/programme-records', {
          token: zj,
          body: { kind: 'meeting', title: '越权会议', heldOn: '2026-05-01', region: '44' },
        })
      ).status,
    ).toBe(403);
    const gd = await makeRegulator('44');
    expect((await api(`/api/qa/programme-records/${rec.body.id}`, { method: 'DELETE', token: gd })).status).toBe(403);
    const after = (await api('/api/qa/assessment?year=2026', { token: zj })).body.own;
    expect(after.figures.organisingRecords).toBe(before.figures.organisingRecords + 1);
    const table = (await api('/api/qa/assessment?year=2026', { token: national })).body;
    expect(table.rows.find((r: any) => r.province === '33').figures.organisingRecords).toBe(after.figures.organisingRecords);
  });

  it('the ministry sees all 32 units ranked; a province sees itself and the median only', async () => {
    const national = await login('regulator@example.com');
    const zj = await login('regulator.zj@example.com');
    const all = await api('/api/qa/assessment?year=2026', { token: national });
    expect(all.status).toBe(200);
    expect(all.body.rows).toHaveLength(32);
    expect(all.body.rows.map((r: any) => r.province)).toContain('66');
    expect(all.body.rows[0].rank).toBe(1);
    expect(all.body.rows[0].indicators).toHaveLength(7);
    // indicators 4 to 6 come from the assistance records: the demo has accepted assistances this year
    expect(all.body.notes ?? []).not.toContain('帮扶数据尚未接入');
    expect(JSON.stringify(all.body.rows)).toMatch(/"enterprisesHelped":[1-9]/);

    const own = await api('/api/qa/assessment?year=2026', { token: zj });
    expect(own.body.rows).toBeNull();
    expect(own.body.own.province).toBe('33');
    expect(own.body.own.total).toBe(all.body.rows.find((r: any) => r.province === '33').total);
    expect(own.body.median.total).toBe(all.body.median.total);
    expect(JSON.stringify(own.body)).not.toContain('"44"');

    const regions = await api('/api/qa/assessment/regions?year=2026&region=3305', { token: zj });
    expect(regions.status).toBe(200);
    expect(regions.body.rows.map((r: any) => r.code)).toContain('330502');
    expect((await api('/api/qa/assessment/regions?year=2026&region=44', { token: zj })).status).toBe(403);
    expect((await api('/api/qa/assessment?year=1999', { token: national })).status).toBe(404);
    expect((await api('/api/qa/assessment?year=20x6', { token: national })).status).toBe(400);
    const prefecture = await makeRegulator('3305');
    expect((await api('/api/qa/assessment', { token: prefecture })).status).toBe(403);
    expect((await api('/api/qa/assessment/regions?region=3305', { token: prefecture })).status).toBe(200);
    const learner = await registerLearner();
    expect((await api('/api/qa/assessment', { token: learner.token })).status).toBe(403);
    expect((await api('/api/qa/assessment')).status).toBe(401);
  });

  it('a selected case raises its province in indicator 7', async () => {
    const national = await login('regulator@example.com');
    const js = await makeRegulator('32');
    const before = (await api('/api/qa/assessment?year=2026', { token: national })).body.rows.find((r: any) => r.province === '32').figures;
    const manager = await makeManager('320102');
    const id = (await api('/api/qa/cases', { token: manager.token, body: { content: completeCase() } })).body.id;
    await api(`/api/qa/cases/${id}/actions`, { token: manager.token, body: { action: 'submit' } });
    await api(`/api/qa/cases/${id}/actions`, { token: js, body: { action: 'recommend' } });
    await api(`/api/qa/cases/${id}/actions`, { token: national, body: { action: 'select' } });
    const after = (await api('/api/qa/assessment?year=2026', { token: national })).body.rows.find((r: any) => r.province === '32').figures;
    expect(after.casesRecommended).toBe(before.casesRecommended + 1);
    expect(after.casesSelected).toBe(before.casesSelected + 1);
  });
});

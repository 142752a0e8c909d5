import { describe, expect, it } from 'vitest';
import { api, completeCourse, content, login, registerLearner, superuserToken } from './helpers.ts';

const courseId = Object.keys(content.courses)[1];

async function makeRegulator(jurisdiction: string) {
  const admin = await superuserToken();
  const email = `reg.${jurisdiction || 'cn'}.${Date.now()}@example.com`;
  const created = await api('/api/collections/users/records', { token: admin, body: { email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', name: '监管', role: 'regulator', jurisdiction } });
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  return login(email, 'secret-pass-1');
}

describe('regulators see counts inside their jurisdiction only', () => {
  it('a completion in Zhejiang raises Zhejiang totals by one and is invisible to Guangdong', async () => {
    const zj = await login('regulator.zj@example.com');
    const gd = await makeRegulator('44');
    const before = (await api('/api/qa/stats/summary?period=all', { token: zj })).body.totals;
    const gdBefore = (await api('/api/qa/stats/summary?period=all', { token: gd })).body.totals;

    const learner = await registerLearner({ county: '330106' });
    const done = await completeCourse(learner, courseId);
    expect(done.body.newlyCompleted).toBe(true);

    const after = (await api('/api/qa/stats/summary?period=all', { token: zj })).body.totals;
    expect(after).toEqual({ attendeeTimes: before.attendeeTimes + 1, attendees: before.attendees + 1, enterprises: before.enterprises + 1 });
    expect((await api('/api/qa/stats/summary?period=all', { token: gd })).body.totals).toEqual(gdBefore);

    const outside = await api('/api/qa/stats/summary?region=33', { token: gd });
    expect((await api('/api/qa/stats/dashboard?region=330106', { token: gd })).status).toBe(403);
    expect((await api('/api/qa/stats/export?region=33', { token: gd })).status).toBe(403);
    expect(outside.status).toBe(403);
    expect(outside.body.message).toContain('管辖范围');
  });

  it('validates period and region parameters', async () => {
    const zj = await login('regulator.zj@example.com');
    const badPeriod = await api('/api/qa/stats/summary?period=2026-13', { token: zj });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.data.period).toBeDefined();
    expect((await api('/api/qa/stats/summary?period=2026-Q2', { token: zj })).status).toBe(200);
    expect((await api('/api/qa/stats/summary?region=3x', { token: zj })).status).toBe(400);
    expect((await api('/api/qa/stats/summary?region=3305', { token: zj })).status).toBe(200);
    expect((await api('/api/qa/stats/summary', { token: await login('learner@example.com') })).status).toBe(403);
  });
});

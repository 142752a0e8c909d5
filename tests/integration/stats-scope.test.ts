import { describe, expect, it } from 'vitest';
import { api, baseUrl, completeCourse, content, login, registerLearner, superuserToken } from './helpers.ts';

const courseId = Object.keys(content.courses)[1];

async function makeRegulator(jurisdiction: string) {
  const admin = await superuserToken();
  const email = `reg.${jurisdiction || 'cn'}.${Date.now()}@example.com`;
  const created = await api('/api/collections/users/records', {
    token: admin,
    body: { email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', name: '监管', role: 'regulator', jurisdiction },
  });
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
    expect(after).toEqual({
      attendeeTimes: before.attendeeTimes + 1,
      attendees: before.attendees + 1,
      enterprises: before.enterprises + 1,
    });
    expect((await api('/api/qa/stats/summary?period=all', { token: gd })).body.totals).toEqual(gdBefore);

    const outside = await api('/api/qa/stats/summary?region=33', { token: gd });
    expect((await api('/api/qa/stats/dashboard?region=330106', { token: gd })).status).toBe(403);
    expect((await api('/api/qa/stats/export?region=33', { token: gd })).status).toBe(403);
    expect(outside.status).toBe(403);
    expect(outside.body.message).toContain('管辖范围');
  });

  it('exports every counter of the jurisdiction as CSV with a BOM, and nothing outside it', async () => {
    const zj = await login('regulator.zj@example.com');
    const learner = await registerLearner({ county: '330106' });
    await completeCourse(learner, courseId);
    const res = await fetch(`${baseUrl()}/api/qa/stats/export?period=all`, { headers: { authorization: zj } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('质量学堂统计_浙江省_all_完整明细.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    // Each count column says what it counts: attendee-times are course completions, not lecture attendance.
    const header = lines[0].split(',');
    expect(header.slice(0, 4)).toEqual(['统计期间', '区划代码', '区划名称', '维度']);
    expect(header[4]).toMatch(/^培训人次（课程完成次数.*不是听课人次）$/);
    expect(header[5]).toMatch(/^培训人数（.+）$/);
    expect(header[6]).toMatch(/^培训企业数（.+）$/);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.every((r) => r[1].startsWith('33'))).toBe(true);
    expect(rows).toContainEqual(['all', '330106', '"西湖区"', '"合计"', expect.any(String), expect.any(String), expect.any(String)]);
    expect(rows.some((r) => r[3] === `"课程 ${content.courses[courseId].title}"`)).toBe(true);
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

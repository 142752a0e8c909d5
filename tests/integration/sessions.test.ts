import { describe, expect, inject, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { api, completeCourse, content, login, randomUscc, registerLearner, superuserToken, uniqueEmail } from './helpers.ts';

const courseId = Object.keys(content.courses)[2];
const today = new Date().toISOString().slice(0, 10);

describe('in-person sessions recorded by trainers', () => {
  it('gives every new attendee an in-person completion counted in the channel statistics', async () => {
    const trainer = await login('trainer@example.com');
    const zj = await login('regulator.zj@example.com');
    const before = (await api('/api/qa/stats/dashboard?period=all', { token: zj })).body.byChannel.find(
      (c: any) => c.channel === 'in_person',
    );
    const a = await registerLearner({ county: '330502' });
    const b = await registerLearner({ county: '330502' });
    await completeCourse(b, courseId); // already done online: not counted twice
    const reply = await api('/api/qa/sessions', {
      token: trainer,
      body: {
        course: courseId,
        title: '湖州童装企业质量培训班',
        heldOn: today,
        location: '织里镇',
        attendees: [a.email, b.email.toUpperCase()],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.created).toEqual([a.email]);
    expect(reply.body.alreadyComplete).toEqual([b.email]);
    const admin = await superuserToken();
    const mine = await api(`/api/collections/completions/records?filter=${encodeURIComponent(`user = "${a.id}"`)}`, { token: admin });
    expect(mine.body.items[0]).toMatchObject({ course: courseId, channel: 'in_person', session: reply.body.session });
    const after = (await api('/api/qa/stats/dashboard?period=all', { token: zj })).body.byChannel.find(
      (c: any) => c.channel === 'in_person',
    );
    expect(after.attendeeTimes).toBe(before.attendeeTimes + 1);
  });

  it('a new session sent again with the same key (its answer was lost) is the same session, not a second training', async () => {
    const trainer = await login('trainer@example.com');
    const a = await registerLearner({ county: '330502' });
    const body = { course: courseId, title: '重发测试培训班', heldOn: today, attendees: a.email, key: `retry-${Date.now()}` };
    const first = await api('/api/qa/sessions', { token: trainer, body });
    const again = await api('/api/qa/sessions', { token: trainer, body });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.session).toBe(first.body.session);
    expect(again.body.attendees).toEqual([expect.objectContaining({ result: 'alreadyInSession' })]);
    const list = (await api('/api/qa/sessions', { token: trainer })).body.sessions.filter(
      (s: any) => s.id === first.body.session || s.title === '重发测试培训班',
    );
    expect(list.map((s: any) => s.id)).toEqual([first.body.session]);
    // without a key every request is a new session (older clients), and a bad key is refused
    expect((await api('/api/qa/sessions', { token: trainer, body: { ...body, key: 'no' } })).status).toBe(400);
  });

  it('finds attendees by phone number or name, records those found and lists the rest with reasons; corrections join the same session', async () => {
    const trainer = await login('trainer@example.com');
    const phone = `139${String(Date.now()).slice(-8)}`;
    const name = `线下${String(Date.now())
      .slice(-4)
      .replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)])}`;
    const email = uniqueEmail();
    const reg = await api('/api/qa/register', {
      body: {
        name,
        email,
        password: 'secret-pass-1',
        phone: `${phone.slice(0, 3)}-${phone.slice(3)}`,
        uscc: randomUscc('330502'),
        enterpriseName: '线下培训测试厂',
        countyCode: '330502',
        sector: '04',
        consent: true,
      },
    });
    expect(reg.status).toBe(200);
    const other = await registerLearner();
    const reply = await api('/api/qa/sessions', {
      token: trainer,
      body: { course: courseId, title: '电话名单培训班', heldOn: today, attendees: `${phone}\n${name}\nnobody@example.com\n13000000000` },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.attendees).toEqual([{ input: phone, name, enterprise: '线下培训测试厂', result: 'created' }]); // the phone and the name are the same person
    expect(reply.body.rejected).toEqual([
      { input: 'nobody@example.com', reason: '没有可登记的企业学员：请确认学员已用这个邮箱注册并加入企业' },
      { input: '13000000000', reason: '没有可登记的企业学员：请确认学员已用这个手机号注册并加入企业' },
    ]);
    // the correction is added to the same session
    const fixed = await api('/api/qa/sessions', { token: trainer, body: { session: reply.body.session, attendees: [other.email] } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.session).toBe(reply.body.session);
    expect(fixed.body.attendees).toEqual([expect.objectContaining({ input: other.email, result: 'created' })]);
    const listed = await api('/api/qa/sessions', { token: trainer });
    expect(listed.body.sessions.find((x: { id: string }) => x.id === reply.body.session).attendeeCount).toBe(2);
    // nobody found: nothing saved
    const none = await api('/api/qa/sessions', {
      token: trainer,
      body: { course: courseId, title: '空名单', heldOn: today, attendees: ['nobody@example.com'] },
    });
    expect(none.status).toBe(400);
    expect(none.body.data.attendees.message).toContain('nobody@example.com（没有可登记的企业学员');
    // another trainer's session cannot be added to
    const a = await registerLearner();
    expect((await api('/api/qa/sessions', { token: a.token, body: { session: reply.body.session, attendees: [a.email] } })).status).toBe(
      403,
    );
  });

  it('checks the session before saving anything, and only trainers may record', async () => {
    const trainer = await login('trainer@example.com');
    const a = await registerLearner();
    const bad = await api('/api/qa/sessions', {
      token: trainer,
      body: { course: courseId, title: '培训', heldOn: '2099-01-01', attendees: [a.email, 'nobody@example.com'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.data.heldOn.code).toBe('future_date');
    expect((await api('/api/qa/me', { token: a.token })).body.completed).toHaveLength(0);
    expect((await api('/api/qa/sessions', { token: a.token, body: { course: courseId } })).status).toBe(403);
  });

  it('lets a trainer record sessions only for the courses they look after', async () => {
    const admin = await superuserToken();
    const email = uniqueEmail('trainer');
    const created = await api('/api/collections/users/records', {
      token: admin,
      body: { email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', name: '未分配课程的老师', role: 'trainer' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const unassigned = await login(email, 'secret-pass-1');
    const a = await registerLearner();
    const refused = await api('/api/qa/sessions', {
      token: unassigned,
      body: { course: courseId, title: '不该登记的培训', heldOn: today, attendees: [a.email] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.data.course.code).toBe('not_your_course');
    expect((await api('/api/qa/me', { token: a.token })).body.completed).toHaveLength(0);
  });

  it('records the valid attendees and reports the rejected with reasons: one bad attendee never sinks a session', async () => {
    const trainer = await login('trainer@example.com');
    const good = await registerLearner();
    const blank = await registerLearner();
    // a blank name saved before the one name rule existed (no API accepts it now): written into the database
    const db = new DatabaseSync(join(inject('pbDataDir'), 'data.db'));
    db.prepare("UPDATE users SET name = '' WHERE id = ?").run(blank.id);
    db.close();
    const reply = await api('/api/qa/sessions', {
      token: trainer,
      body: {
        course: courseId,
        title: '混合名单培训',
        heldOn: today,
        attendees: [good.email, 'nobody@example.com', 'not-an-email', blank.email],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.created).toEqual([good.email]);
    const reasons = Object.fromEntries(reply.body.rejected.map((r: { input: string; reason: string }) => [r.input, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['nobody@example.com', 'not-an-email', blank.email].sort());
    expect(reasons['nobody@example.com']).toContain('没有可登记的企业学员');
    expect(reasons[blank.email]).toContain('姓名不符合要求');
    expect(reasons['not-an-email'].length).toBeGreaterThan(4);
    expect((await api('/api/qa/me', { token: good.token })).body.completed).toHaveLength(1);
  });

  it('does not tell a trainer whether an email has an account', async () => {
    const trainer = await login('trainer@example.com');
    const regulator = 'regulator@example.com'; // an account, but not an enterprise learner
    const reply = await api('/api/qa/sessions', {
      token: trainer,
      body: {
        course: courseId,
        title: '名单检查',
        heldOn: today,
        attendees: [(await registerLearner()).email, regulator, 'nobody.at.all@example.com'],
      },
    });
    const [a, b] = reply.body.rejected;
    expect(a.reason).toBe(b.reason);
  });
});

import { describe, expect, inject, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { api, completeCourse, content, login, registerLearner, superuserToken } from './helpers.ts';

const courseId = Object.keys(content.courses)[2];
const today = new Date().toISOString().slice(0, 10);

describe('in-person sessions recorded by trainers', () => {
  it('gives every new attendee an in-person completion counted in the channel statistics', async () => {
    const trainer = await login('trainer@example.com');
    const zj = await login('regulator.zj@example.com');
    const before = (await api('/api/qa/stats/dashboard?period=all', { token: zj })).body.byChannel.find((c: any) => c.channel === 'in_person');
    const a = await registerLearner({ county: '330502' });
    const b = await registerLearner({ county: '330502' });
    await completeCourse(b, courseId); // already done online: not counted twice
    const reply = await api('/api/qa/sessions', { token: trainer, body: { course: courseId, title: '湖州童装企业质量培训班', heldOn: today, location: '织里镇', attendees: [a.email, b.email.toUpperCase()] } });
    expect(reply.status).toBe(200);
    expect(reply.body.created).toEqual([a.email]);
    expect(reply.body.alreadyComplete).toEqual([b.email]);
    const admin = await superuserToken();
    const mine = await api(`/api/collections/completions/records?filter=${encodeURIComponent(`user = "${a.id}"`)}`, { token: admin });
    expect(mine.body.items[0]).toMatchObject({ course: courseId, channel: 'in_person', session: reply.body.session });
    const after = (await api('/api/qa/stats/dashboard?period=all', { token: zj })).body.byChannel.find((c: any) => c.channel === 'in_person');
    expect(after.attendeeTimes).toBe(before.attendeeTimes + 1);
  });

  it('checks the session before saving anything, and only trainers may record', async () => {
    const trainer = await login('trainer@example.com');
    const a = await registerLearner();
    const bad = await api('/api/qa/sessions', { token: trainer, body: { course: courseId, title: '培训', heldOn: '2099-01-01', attendees: [a.email, 'nobody@example.com'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.data.heldOn.code).toBe('future_date');
    expect((await api('/api/qa/me', { token: a.token })).body.completed).toHaveLength(0);
    expect((await api('/api/qa/sessions', { token: a.token, body: { course: courseId } })).status).toBe(403);
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
      body: { course: courseId, title: '混合名单培训', heldOn: today, attendees: [good.email, 'nobody@example.com', 'not-an-email', blank.email] },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.created).toEqual([good.email]);
    const reasons = Object.fromEntries(reply.body.rejected.map((r: { email: string; reason: string }) => [r.email, r.reason]));
    expect(reasons).toEqual({ 'nobody@example.com': 'not_eligible', 'not-an-email': 'invalid_email', [blank.email]: 'invalid_name' });
    expect(reply.body.rejected.every((r: { message: string }) => r.message.length > 4)).toBe(true);
    expect((await api('/api/qa/me', { token: good.token })).body.completed).toHaveLength(1);
  });

  it('does not tell a trainer whether an email has an account', async () => {
    const trainer = await login('trainer@example.com');
    const regulator = 'regulator@example.com'; // an account, but not an enterprise learner
    const reply = await api('/api/qa/sessions', { token: trainer, body: { course: courseId, title: '名单检查', heldOn: today, attendees: [(await registerLearner()).email, regulator, 'nobody.at.all@example.com'] } });
    const [a, b] = reply.body.rejected;
    expect(a.reason).toBe(b.reason);
    expect(a.message).toBe(b.message);
  });
});

import { describe, expect, it } from 'vitest';
import { api, completeCourse, content, login, registerLearner } from './helpers.ts';

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
    const mine = await api('/api/collections/completions/records', { token: a.token });
    expect(mine.body.items[0]).toMatchObject({ course: courseId, channel: 'in_person', session: reply.body.session });
    const after = (await api('/api/qa/stats/dashboard?period=all', { token: zj })).body.byChannel.find((c: any) => c.channel === 'in_person');
    expect(after.attendeeTimes).toBe(before.attendeeTimes + 1);
  });

  it('checks every attendee before saving anything, and only trainers may record', async () => {
    const trainer = await login('trainer@example.com');
    const a = await registerLearner();
    const bad = await api('/api/qa/sessions', { token: trainer, body: { course: courseId, title: '培训', heldOn: '2099-01-01', attendees: [a.email, 'nobody@example.com'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.data.heldOn.code).toBe('future_date');
    expect(bad.body.data.attendees.message).toContain('nobody@example.com');
    expect((await api('/api/collections/completions/records', { token: a.token })).body.totalItems).toBe(0);
    expect((await api('/api/qa/sessions', { token: a.token, body: { course: courseId } })).status).toBe(403);
  });
});

import { describe, expect, it } from 'vitest';
import { api, completeCourse, content, registerLearner, superuserToken, login } from './helpers.ts';

describe('an enterprise manager sees their own staff only', () => {
  it('reads staff, progress and completions of their enterprise and nothing of another', async () => {
    const staff = await registerLearner({ county: '330502' });
    const colleague = await registerLearner({ uscc: staff.uscc });
    const outsider = await registerLearner({ county: '440305' });
    const courseId = Object.keys(content.courses)[3];
    await completeCourse(staff, courseId);
    await api('/api/qa/lessons/read', { token: colleague.token, body: { lesson: `${courseId}/${content.courses[courseId].lessons[0]}` } });
    await completeCourse(outsider, courseId);

    const admin = await superuserToken();
    await api(`/api/collections/users/records/${colleague.id}`, { method: 'PATCH', token: admin, body: { role: 'enterprise_manager' } });
    const manager = await login(colleague.email, 'secret-pass-1');

    const reply = await api('/api/qa/manager/staff', { token: manager });
    expect(reply.status).toBe(200);
    const ids = reply.body.staff.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([staff.id, colleague.id]));
    expect(ids).not.toContain(outsider.id);
    const byId = new Map(reply.body.staff.map((s: any) => [s.id, s]));
    expect((byId.get(staff.id) as any).completed.map((c: { course: string }) => c.course)).toEqual([courseId]);
    expect((byId.get(colleague.id) as any).inProgress).toEqual([expect.objectContaining({ course: courseId, lessonsDone: 1 })]);
    // no contact details of staff, only what the page shows
    expect(JSON.stringify(reply.body)).not.toMatch(/@example\.com|"phone"/);

    // A plain learner of the same enterprise may not see their colleagues.
    expect((await api('/api/qa/manager/staff', { token: staff.token })).status).toBe(403);
  });
});

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

    const users = await api('/api/collections/users/records?perPage=200', { token: manager });
    const ids = users.body.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([staff.id, colleague.id]));
    expect(ids).not.toContain(outsider.id);

    const completions = await api('/api/collections/completions/records?perPage=200', { token: manager });
    expect(completions.body.items.map((c: { user: string }) => c.user)).toEqual([staff.id]);

    const progress = await api('/api/collections/lesson_progress/records?perPage=200', { token: manager });
    const users2 = new Set(progress.body.items.map((p: { user: string }) => p.user));
    expect([...users2].sort()).toEqual([staff.id, colleague.id].sort());

    // A plain learner of the same enterprise sees only their own progress.
    const own = await api('/api/collections/lesson_progress/records?perPage=200', { token: staff.token });
    expect(new Set(own.body.items.map((p: { user: string }) => p.user))).toEqual(new Set([staff.id]));
  });
});

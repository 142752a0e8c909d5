import { describe, expect, it } from 'vitest';
import { api, completeCourse, content, registerLearner } from './helpers.ts';

const courseId = Object.keys(content.courses)[0];

describe('API rules deny by default', () => {
  it('a learner cannot read another learner, their progress, attempts or completions', async () => {
    const alice = await registerLearner({ county: '330502' });
    const bob = await registerLearner({ county: '440305' });
    await completeCourse(alice, courseId);
    // Personal data is served by /api/qa routes only; the generic list API is closed to everyone but superusers.
    expect((await api('/api/qa/me', { token: alice.token })).body.completed).toHaveLength(1);
    expect((await api('/api/qa/me', { token: bob.token })).body.completed).toHaveLength(0);
    for (const collection of ['lesson_progress', 'quiz_attempts', 'completions', 'users', 'enterprises']) {
      expect((await api(`/api/collections/${collection}/records`, { token: alice.token })).status, collection).toBe(403);
    }
    expect((await api(`/api/collections/users/records/${alice.id}`, { token: alice.token })).status).toBe(200);
    expect((await api(`/api/collections/users/records/${alice.id}`, { token: bob.token })).status).toBe(404);
    expect((await api(`/api/collections/enterprises/records/${alice.enterpriseId}`, { token: bob.token })).status).toBe(403);
    expect((await api('/api/collections/users/records')).status).toBe(403);
  });

  it('a learner cannot forge a completion, an attempt or their own role', async () => {
    const eve = await registerLearner();
    const forged = await api('/api/collections/completions/records', {
      token: eve.token,
      body: {
        user: eve.id,
        course: courseId,
        enterprise: eve.enterpriseId,
        learner_name: 'x',
        enterprise_name: 'x',
        province_code: '33',
        prefecture_code: '3305',
        county_code: '330502',
        sector: '04',
        channel: 'online',
        completed_at: '2026-01-01 00:00:00',
        month: '2026-01',
        certificate_code: 'QA26-AAAA-AAAA-A',
      },
    });
    expect(forged.status).toBe(403);
    const attempt = await api('/api/collections/quiz_attempts/records', {
      token: eve.token,
      body: {
        user: eve.id,
        course: courseId,
        quiz: `${courseId}/final`,
        kind: 'final',
        status: 'submitted',
        score: 100,
        passed: true,
        started: '2026-01-01 00:00:00',
      },
    });
    expect(attempt.status).toBe(403);
    const promote = await api(`/api/collections/users/records/${eve.id}`, {
      method: 'PATCH',
      token: eve.token,
      body: { role: 'regulator', jurisdiction: '' },
    });
    expect(promote.status).toBe(404);
    const rename = await api(`/api/collections/users/records/${eve.id}`, { method: 'PATCH', token: eve.token, body: { name: '新名字' } });
    expect(rename.status).toBe(200);
  });

  it('never exposes answer keys before or in an attempt', async () => {
    const learner = await registerLearner();
    const started = await api('/api/qa/attempts', { token: learner.token, body: { quiz: `${courseId}/final` } });
    expect(started.status).toBe(200);
    const text = JSON.stringify(started.body);
    expect(text).not.toMatch(/"answer"|"explanation"|"results"/);
    const record = await api(`/api/collections/quiz_attempts/records/${started.body.id}`, { token: learner.token });
    expect(record.status).toBe(403);
  });
});

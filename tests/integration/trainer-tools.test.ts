/** Lesson questions, ratings and course analytics, with the course-trainer rule, through a real PocketBase. */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, login, registerLearner, superuserToken, uniqueEmail, type Learner } from './helpers.ts';

const LESSON = 'lessons/production-control/release';

describe('questions to trainers', () => {
  let learner: Learner;
  let other: Learner;
  let trainer: string;
  let outsider: string; // a trainer who does not look after this course
  beforeAll(async () => {
    learner = await registerLearner({ name: '赵晓梅' });
    other = await registerLearner();
    trainer = await login('trainer@example.com');
    const admin = await superuserToken();
    const email = uniqueEmail('trainer');
    const created = await api('/api/collections/users/records', {
      token: admin,
      body: { email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', name: '别的老师', role: 'trainer' },
    });
    expect(created.status).toBe(200);
    outsider = await login(email, 'secret-pass-1');
  });

  it('a learner asks; the question waits for the course trainer and is not public until answered', async () => {
    const asked = await api(`/api/qa/${LESSON}/questions`, { token: learner.token, body: { body: '<b>放行</b>记录要保存多久？' } });
    expect(asked.status).toBe(200);
    const id = asked.body.id;
    const publicView = await api(`/api/qa/${LESSON}/questions`);
    expect(publicView.body.answered.map((q: { id: string }) => q.id)).not.toContain(id);
    expect(publicView.body.waiting).toEqual([]);
    expect(publicView.body.canModerate).toBe(false);
    const own = await api(`/api/qa/${LESSON}/questions`, { token: learner.token });
    expect(own.body.mine[0]).toMatchObject({ id, body: '<b>放行</b>记录要保存多久？', asker: '我', answer: null });
    const queue = await api(`/api/qa/${LESSON}/questions`, { token: trainer });
    expect(queue.body.canModerate).toBe(true);
    expect(queue.body.waiting.map((q: { id: string }) => q.id)).toContain(id);

    expect((await api(`/api/qa/questions/${id}/answer`, { token: outsider, body: { answer: '我不负责这门课' } })).status).toBe(403);
    expect((await api(`/api/qa/questions/${id}/answer`, { token: other.token, body: { answer: '学员不能回答' } })).status).toBe(403);
    const answered = await api(`/api/qa/questions/${id}/answer`, {
      token: trainer,
      body: { answer: '按客户合同和法规要求，一般至少保存到产品保质期或保修期结束。' },
    });
    expect(answered.status).toBe(200);

    const after = await api(`/api/qa/${LESSON}/questions`);
    const shown = after.body.answered.find((q: { id: string }) => q.id === id);
    expect(shown).toMatchObject({ body: '<b>放行</b>记录要保存多久？', asker: '赵*梅', answer: expect.stringContaining('保修期') });
    expect(shown).not.toHaveProperty('hidden');
    const mine = await api('/api/qa/me/questions', { token: learner.token });
    expect(mine.body.questions[0]).toMatchObject({ id, lessonTitle: expect.any(String), answer: expect.stringContaining('保修期') });

    expect((await api(`/api/qa/questions/${id}/hide`, { token: trainer, body: { hidden: true, reason: '测试' } })).status).toBe(200);
    const hiddenNow = await api(`/api/qa/${LESSON}/questions`);
    expect(hiddenNow.body.answered.map((q: { id: string }) => q.id)).not.toContain(id);
    expect((await api(`/api/qa/${LESSON}/questions`, { token: learner.token })).body.mine[0].hidden).toBe(true);
  });

  it('limits length and pace, with Chinese messages', async () => {
    const short = await api(`/api/qa/${LESSON}/questions`, { token: other.token, body: { body: '为什么' } });
    expect(short.status).toBe(400);
    expect(short.body.data.body.message).toContain('个字');
    expect((await api(`/api/qa/${LESSON}/questions`, { token: other.token, body: { body: '问题'.repeat(251) } })).status).toBe(400);
    expect((await api(`/api/qa/${LESSON}/questions`, { token: other.token, body: { body: '首件要留到什么时候？' } })).status).toBe(200);
    const tooFast = await api(`/api/qa/${LESSON}/questions`, { token: other.token, body: { body: '巡检多久一次合适？' } });
    expect(tooFast.status).toBe(429);
    expect(tooFast.body.message).toContain('秒后再问');
    expect((await api(`/api/qa/${LESSON}/questions`, { body: { body: '没登录也能问吗？' } })).status).toBe(401);
    expect((await api('/api/qa/lessons/production-control/no-such-lesson/questions')).status).toBe(404);
  });

  it('keeps the generic record API closed for these collections', async () => {
    for (const collection of ['lesson_questions', 'lesson_ratings', 'course_trainers']) {
      const listed = await api(`/api/collections/${collection}/records`, { token: learner.token });
      expect(listed.status === 403 || (listed.status === 200 && listed.body.totalItems === 0), collection).toBe(true);
      const create = await api(`/api/collections/${collection}/records`, {
        token: trainer,
        body: { course: 'production-control', lesson: 'release' },
      });
      expect(create.status, collection).not.toBe(200);
    }
  });
});

describe('lesson ratings', () => {
  it('one rating per learner and lesson, editable; bad stars refused', async () => {
    const learner = await registerLearner();
    expect((await api(`/api/qa/${LESSON}/rating`, { token: learner.token })).body).toEqual({ stars: null, comment: '' });
    expect((await api(`/api/qa/${LESSON}/rating`, { method: 'PUT', token: learner.token, body: { stars: 6 } })).status).toBe(400);
    expect(
      (await api(`/api/qa/${LESSON}/rating`, { method: 'PUT', token: learner.token, body: { stars: 3, comment: '还行' } })).status,
    ).toBe(200);
    expect(
      (await api(`/api/qa/${LESSON}/rating`, { method: 'PUT', token: learner.token, body: { stars: 5, comment: '改主意了，很好' } }))
        .status,
    ).toBe(200);
    expect((await api(`/api/qa/${LESSON}/rating`, { token: learner.token })).body).toEqual({ stars: 5, comment: '改主意了，很好' });
    expect((await api(`/api/qa/${LESSON}/rating`, { method: 'PUT', body: { stars: 5 } })).status).toBe(401);
  });
});

describe('course analytics for trainers', () => {
  it('shows the demo trainer their courses with funnel, quiz item analysis and ratings', async () => {
    const trainer = await login('trainer@example.com');
    const courses = await api('/api/qa/trainer/courses', { token: trainer });
    expect(courses.status).toBe(200);
    expect(courses.body.courses.map((c: { id: string }) => c.id)).toContain('production-control');
    const report = await api('/api/qa/trainer/courses/production-control/analytics', { token: trainer });
    expect(report.status).toBe(200);
    const { started, lessons, quizzes } = report.body;
    expect(started).toBeGreaterThanOrEqual(10);
    // a funnel: no lesson is finished by more learners than the first one
    expect(lessons[0].finished).toBeGreaterThan(0);
    for (const l of lessons) expect(l.finished).toBeLessThanOrEqual(lessons[0].finished);
    const first = quizzes.find((q: { quiz: string }) => q.quiz === 'production-control/controlled-conditions');
    expect(first.attempts).toBeGreaterThanOrEqual(10);
    expect(first.questions.length).toBeGreaterThan(0);
    for (const q of first.questions) {
      expect(q.facility).toBeGreaterThanOrEqual(0);
      expect(q.facility).toBeLessThanOrEqual(1);
      expect(q.options.some((o: { right: boolean }) => o.right)).toBe(true);
      expect(q.options.reduce((s: number, o: { chosen: number }) => s + o.chosen, 0)).toBeGreaterThanOrEqual(q.answers);
    }
    expect(lessons.some((l: { rating: { count: number } }) => l.rating.count > 0)).toBe(true);
  });

  it('is for the course trainers only', async () => {
    const learner = await registerLearner();
    expect((await api('/api/qa/trainer/courses/production-control/analytics')).status).toBe(401);
    expect((await api('/api/qa/trainer/courses/production-control/analytics', { token: learner.token })).status).toBe(403);
    expect((await api('/api/qa/trainer/courses', { token: learner.token })).status).toBe(403);
    const manager = await login('manager@example.com');
    expect((await api('/api/qa/trainer/courses/production-control/analytics', { token: manager })).status).toBe(403);
  });
});

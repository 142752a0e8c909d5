import { describe, expect, it } from 'vitest';
import { api, answersFor, content, registerLearner, superuserToken } from './helpers.ts';
import { questionByRef } from '../../src/lib/quiz/bank.ts';

// A course with a time limit and a limited number of final attempts, like the real certificate courses.
const course = Object.values(content.courses).find((c) => c.finalQuiz.attempts > 0)!;
const finalQuestions = course.lessons.flatMap((slug) =>
  content.lessons[`${course.id}/${slug}`].quiz.questions
    .filter((q) => q.pool === 'final')
    .map((q) => ({ ref: `${course.id}/${slug}#${q.id}`, q })),
);

/** Everything a learner can see about a lesson quiz after handing in attempts: every reply, verbatim. */
async function harvestLessonFeedback(token: string) {
  const seen: string[] = [];
  const keys = new Map<string, unknown>();
  for (const slug of course.lessons) {
    const quiz = `${course.id}/${slug}`;
    for (const strategy of ['empty', 'wrong', 'right'] as const) {
      const start = await api('/api/qa/attempts', { token, body: { quiz } });
      expect(start.status, JSON.stringify(start.body)).toBe(200);
      const answers = strategy === 'empty' ? {} : answersFor(start.body, strategy === 'right');
      const done = await api(`/api/qa/attempts/${start.body.id}/submit`, { token, body: { answers } });
      seen.push(JSON.stringify(done.body), JSON.stringify((await api(`/api/qa/attempts/${start.body.id}`, { token })).body));
      for (const r of done.body.attempt.results) {
        if (strategy === 'empty') expect(r.rightAnswer, `${r.ref}: an empty answer must not reveal the key`).toBeUndefined();
        if (r.rightAnswer !== undefined) keys.set(r.ref, r.rightAnswer);
        if (strategy === 'wrong') expect(r.section, `${r.ref}: practice feedback names the section to re-read`).toEqual(expect.any(String));
      }
    }
    seen.push(JSON.stringify((await api(`/api/qa/quizzes/${quiz}`, { token })).body));
  }
  seen.push(JSON.stringify((await api('/api/collections/quiz_attempts/records?perPage=500', { token })).body));
  seen.push(JSON.stringify((await api('/api/qa/me', { token })).body));
  return { text: seen.join('\n'), keys };
}

describe('exam integrity: lesson quizzes reveal nothing about the final', () => {
  it('collecting every lesson quiz feedback yields no key, explanation or reference of a final question', async () => {
    expect(finalQuestions.length).toBeGreaterThanOrEqual(course.finalQuiz.draw ?? 5);
    const learner = await registerLearner();
    const { text, keys } = await harvestLessonFeedback(learner.token);

    // the harvest did collect practice keys (the test would notice if feedback vanished altogether)
    expect(keys.size).toBeGreaterThan(course.lessons.length);
    for (const { ref, q } of finalQuestions) {
      expect(keys.has(ref), ref).toBe(false);
      expect(text.includes(ref), `${ref} appeared in lesson-quiz replies`).toBe(false);
      expect(text.includes(q.explanation), `the explanation of ${ref} appeared in lesson-quiz replies`).toBe(false);
      expect(text.includes(q.prompt), `the prompt of ${ref} appeared in lesson-quiz replies`).toBe(false);
    }

    // The final draws only questions whose keys the harvest could not have seen.
    const final = await api('/api/qa/attempts', { token: learner.token, body: { quiz: `${course.id}/final` } });
    expect(final.status).toBe(200);
    for (const q of final.body.questions) expect(keys.has(q.ref), q.ref).toBe(false);
    expect(final.body.questions.every((q: { ref: string }) => questionByRef(content, q.ref)?.pool === 'final')).toBe(true);
  });

  it('a final attempt tells the score and lessons to re-read, never per-question results, keys or explanations', async () => {
    const learner = await registerLearner();
    const finalText: string[] = [];
    for (let i = 0; i < course.finalQuiz.attempts; i++) {
      const a = await api('/api/qa/attempts', { token: learner.token, body: { quiz: `${course.id}/final` } });
      const done = await api(`/api/qa/attempts/${a.body.id}/submit`, {
        token: learner.token,
        body: { answers: i === 0 ? {} : answersFor(a.body, false) },
      });
      expect(done.body.attempt).toMatchObject({ status: 'submitted', passed: false, score: 0, results: [] });
      expect(done.body.attempt.review.length).toBeGreaterThan(0);
      finalText.push(
        JSON.stringify(done.body),
        JSON.stringify((await api(`/api/qa/attempts/${a.body.id}`, { token: learner.token })).body),
      );
      // the generic record API does not return the stored grades either
      const record = await api(`/api/collections/quiz_attempts/records/${a.body.id}`, { token: learner.token });
      expect(record.body.results).toBeUndefined();
    }
    const text = finalText.join('\n');
    expect(text).not.toMatch(/"rightAnswer"|"explanation"|"correct"/);
    for (const { q } of finalQuestions) expect(text.includes(q.explanation)).toBe(false);
    // the grades are still stored for the superuser (item analysis)
    const admin = await superuserToken();
    const stored = await api(`/api/collections/quiz_attempts/records?filter=${encodeURIComponent(`user="${learner.id}"`)}`, {
      token: admin,
    });
    expect(stored.body.items[0].results.length).toBe(course.finalQuiz.draw);
  });

  it('asks for a short wait after three lesson-quiz attempts, and says until when', async () => {
    const learner = await registerLearner();
    const quiz = `${course.id}/${course.lessons[0]}`;
    for (let i = 0; i < 3; i++) {
      const a = await api('/api/qa/attempts', { token: learner.token, body: { quiz } });
      expect(a.status).toBe(200);
      await api(`/api/qa/attempts/${a.body.id}/submit`, { token: learner.token, body: { answers: {} } });
    }
    const early = await api('/api/qa/attempts', { token: learner.token, body: { quiz } });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('retry_later');
    expect(early.body.message).toMatch(/分钟后可以再做一次/);
    const retryAt = Date.parse(early.body.data.retryAt.message);
    expect(retryAt - Date.now()).toBeGreaterThan(30_000);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(60_000);
    const info = await api(`/api/qa/quizzes/${quiz}`, { token: learner.token });
    expect(Date.parse(info.body.retryAt)).toBe(retryAt);
  });
});

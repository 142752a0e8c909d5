import { describe, expect, it } from 'vitest';
import { answersFor, api, baseUrl, content, registerLearner, superuserToken, type Learner } from './helpers.ts';

// Reports go through PocketBase's Go batcher (progress_batch.go): many reports, one transaction. These tests
// send reports at once so that they share batches, and check what sequential requests would have given.

const lessons = Object.values(content.lessons).filter((l) => l.video);
// a video long enough to split into several credited stretches below its watch threshold
const lesson = lessons.reduce((a, b) => (b.video!.durationSeconds > a.video!.durationSeconds ? b : a));
const duration = lesson.video!.durationSeconds;

const report = (learner: Learner, body: Record<string, unknown>) => api('/api/qa/video-progress', { token: learner.token, body });

/** Gives the learner a full minute of banked credit: a first report, then its time moved an hour back. */
async function bankCredit(learner: Learner, lessonId = lesson.id) {
  expect((await report(learner, { lesson: lessonId, intervals: [] })).status).toBe(200);
  const admin = await superuserToken();
  const rows = await api(
    `/api/collections/lesson_progress/records?filter=${encodeURIComponent(`user="${learner.id}" && lesson="${lessonId.split('/')[1]}"`)}`,
    { token: admin },
  );
  const hourAgo = new Date(Date.now() - 3600_000).toISOString().replace('T', ' ');
  const patched = await api(`/api/collections/lesson_progress/records/${rows.body.items[0].id}`, {
    method: 'PATCH',
    token: admin,
    body: { video_reported_at: hourAgo },
  });
  expect(patched.status).toBe(200);
}

/** Marks every other lesson of the video's course read and passes its final quiz; the submit's answer. */
async function readTheRestAndPassTheFinal(learner: Learner) {
  for (const slug of content.courses[lesson.course].lessons.filter((s) => s !== lesson.slug)) {
    expect((await api('/api/qa/lessons/read', { token: learner.token, body: { lesson: `${lesson.course}/${slug}` } })).status).toBe(200);
  }
  const attempt = await api('/api/qa/attempts', { token: learner.token, body: { quiz: `${lesson.course}/final` } });
  return api(`/api/qa/attempts/${attempt.body.id}/submit`, { token: learner.token, body: { answers: answersFor(attempt.body, true) } });
}

const seconds = (intervals: [number, number][]) => intervals.reduce((s, [a, b]) => s + (b - a), 0);

describe('batched video progress', () => {
  it('applies concurrent reports of one learner and lesson one after another: each sees the previous, none is lost', async () => {
    const learner = await registerLearner();
    await bankCredit(learner);
    // five disjoint stretches, together well under the watch threshold and the banked minute
    const stretch = Math.floor(((duration * lesson.video!.watchThreshold) / 8) * 100) / 100;
    const replies = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        report(learner, { lesson: lesson.id, intervals: [[i * stretch, (i + 1) * stretch]], position: i + 1 }),
      ),
    );
    for (const r of replies) expect(r.status).toBe(200);
    // applied in sequence, the k-th report sees k stretches: every count from 1 to 5 exactly once
    const counts = replies.map((r) => Math.round(seconds(r.body.intervals) / stretch)).sort();
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    const last = replies.find((r) => Math.round(seconds(r.body.intervals) / stretch) === 5)!;
    const status = await api(`/api/qa/courses/${lesson.course}/status`, { token: learner.token });
    expect(status.body.lessons[lesson.slug].videoFraction * duration).toBeCloseTo(5 * stretch, 1);
    // the stored position is the one of the report applied last, as with sequential requests
    expect(status.body.lessons[lesson.slug].position).toBe(last.body.position);
  });

  it('credits a stretch sent many times at once only once', async () => {
    const learner = await registerLearner();
    await bankCredit(learner);
    const replies = await Promise.all(Array.from({ length: 10 }, () => report(learner, { lesson: lesson.id, intervals: [[0, 4]] })));
    for (const r of replies) expect(r.body.intervals).toEqual([[0, 4]]);
    // the resends cost nothing: the banked minute is still there for the rest
    const more = await report(learner, { lesson: lesson.id, intervals: [[4, 40]] });
    expect(seconds(more.body.intervals)).toBeCloseTo(Math.min(40, duration), 1);
  });

  it('refuses only the bad report of a batch', async () => {
    const learners = await Promise.all(Array.from({ length: 5 }, () => registerLearner()));
    const replies = await Promise.all([
      ...learners.map((l) => report(l, { lesson: lesson.id, intervals: [[0, 3]], position: 3 })),
      report(learners[0], { lesson: lesson.id, intervals: [[0, 'x']] }),
      report(learners[1], { lesson: 'no-such/lesson', intervals: [] }),
    ]);
    for (const r of replies.slice(0, 5)) {
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ lesson: lesson.id, intervals: [[0, 3]], position: 3, videoDone: false, newlyCompleted: false });
    }
    expect(replies[5].status).toBe(400);
    expect(replies[5].body.data.intervals.code).toBe('invalid_interval');
    expect(replies[5].body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(replies[6].status).toBe(404);
  });

  it('answers a malformed body with the same messages as every route', async () => {
    const learner = await registerLearner();
    const send = (body: string, type = 'application/json') =>
      fetch(`${baseUrl()}/api/qa/video-progress`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: learner.token },
        body,
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const truncated = await send('{"lesson": "a", "intervals": [[0, 1]');
    expect(truncated.status).toBe(400);
    expect(truncated.body.data.body.code).toBe('malformed_json');
    expect((await send('{"lesson": "a", "position": 1e999}')).body.data.body.code).toBe('malformed_json');
    expect((await send('[1, 2]')).body.data.body.code).toBe('not_object');
    expect((await send('lesson=a', 'application/x-www-form-urlencoded')).body.data.body.code).toBe('content_type');
  });

  it("refuses a report without a learner's token (401), and a token whose password was changed", async () => {
    const none = await api('/api/qa/video-progress', { body: { lesson: lesson.id, intervals: [[0, 3]] } });
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'unauthorized', message: '请先登录' });
    const admin = await api('/api/qa/video-progress', { token: await superuserToken(), body: { lesson: lesson.id, intervals: [[0, 3]] } });
    expect(admin.status).toBe(401);
    expect((await api('/api/qa/video-progress', { token: 'not.a.token', body: { lesson: lesson.id, intervals: [] } })).status).toBe(401);

    const learner = await registerLearner();
    expect((await report(learner, { lesson: lesson.id, intervals: [[0, 1]] })).status).toBe(200);
    const change = await api(`/api/collections/users/records/${learner.id}`, {
      method: 'PATCH',
      token: learner.token,
      body: { oldPassword: 'secret-pass-1', password: 'another-Pass-29', passwordConfirm: 'another-Pass-29' },
    });
    expect(change.status).toBe(200);
    // the remembered token is dropped with the change, not a few seconds later
    expect((await report(learner, { lesson: lesson.id, intervals: [[1, 2]] })).status).toBe(401);
  });

  it('completes the course exactly once when concurrent reports finish the video', async () => {
    const learner = await registerLearner();
    const submit = await readTheRestAndPassTheFinal(learner);
    expect(submit.body.attempt.passed).toBe(true);
    expect(submit.body.newlyCompleted).toBe(false); // the video lesson is still missing
    await bankCredit(learner);

    const replies = await Promise.all(
      Array.from({ length: 4 }, (_, i) => report(learner, { lesson: lesson.id, intervals: [[0, duration]], position: duration - i })),
    );
    for (const r of replies) {
      expect(r.status).toBe(200);
      expect(r.body.videoDone).toBe(true);
    }
    const completing = replies.filter((r) => r.body.newlyCompleted);
    expect(completing).toHaveLength(1);
    expect(completing[0].body.completion.certificateCode).toMatch(/^QA\d{2}-/);
    expect(completing[0].body.status.complete).toBe(true);

    const admin = await superuserToken();
    const completions = await api(
      `/api/collections/completions/records?filter=${encodeURIComponent(`user="${learner.id}" && course="${lesson.course}"`)}`,
      { token: admin },
    );
    expect(completions.body.totalItems).toBe(1);
    expect(completions.body.items[0].certificate_code).toBe(completing[0].body.completion.certificateCode);
    const verify = await api(`/api/qa/certificates/${completing[0].body.completion.certificateCode}`);
    expect(verify.body.status).toBe('valid');
    // later reports neither complete again nor lose the done video
    const later = await report(learner, { lesson: lesson.id, intervals: [[0, 2]] });
    expect(later.body).toMatchObject({ videoDone: true, newlyCompleted: false });
  });

  it('answers the report that finishes the video in the batch while the course is not complete, and counts the lesson done', async () => {
    const learner = await registerLearner();
    await bankCredit(learner);
    const finished = await report(learner, { lesson: lesson.id, intervals: [[0, duration]], position: duration });
    expect(finished.status).toBe(200);
    const course = content.courses[lesson.course];
    expect(finished.body).toMatchObject({
      videoDone: true,
      completion: null,
      newlyCompleted: false,
      status: { complete: false, lessonsDone: 1, finalQuizPassed: false, finalQuizRequired: true },
    });
    expect(finished.body.status.missingLessons).toEqual(course.lessons.filter((s) => s !== lesson.slug));

    // the done video counts: reading the rest and passing the final completes the course
    const submit = await readTheRestAndPassTheFinal(learner);
    expect(submit.body.newlyCompleted).toBe(true);

    // a video finished again after that (its row reset by an admin) carries the completion recorded, once
    const admin = await superuserToken();
    const rows = await api(
      `/api/collections/lesson_progress/records?filter=${encodeURIComponent(`user="${learner.id}" && lesson="${lesson.slug}"`)}`,
      { token: admin },
    );
    const reset = await api(`/api/collections/lesson_progress/records/${rows.body.items[0].id}`, {
      method: 'PATCH',
      token: admin,
      body: { video_done: false, video_intervals: [], video_reported_at: new Date(Date.now() - 3600_000).toISOString().replace('T', ' ') },
    });
    expect(reset.status).toBe(200);
    const again = await report(learner, { lesson: lesson.id, intervals: [[0, duration]], position: duration });
    expect(again.body).toMatchObject({
      videoDone: true,
      newlyCompleted: false,
      status: { complete: true, missingLessons: [] },
      completion: { course: lesson.course, certificateCode: submit.body.completion.certificateCode },
    });
    const completions = await api(
      `/api/collections/completions/records?filter=${encodeURIComponent(`user="${learner.id}" && course="${lesson.course}"`)}`,
      { token: admin },
    );
    expect(completions.body.totalItems).toBe(1);
  });
});

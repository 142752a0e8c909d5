import { describe, expect, it } from 'vitest';
import { api, content, registerLearner, superuserToken } from './helpers.ts';

const lesson = Object.values(content.lessons).find((l) => l.video)!;

describe('video progress is credited only for time that could have been watched', () => {
  it('refuses a forged "watched everything" report and keeps the saved position', async () => {
    const learner = await registerLearner();
    const duration = lesson.video!.durationSeconds;
    const forged = await api('/api/qa/video-progress', {
      token: learner.token,
      body: { lesson: lesson.id, intervals: [[0, duration]], position: duration - 1 },
    });
    expect(forged.status).toBe(200);
    expect(forged.body.videoDone).toBe(false);
    expect(forged.body.watchedFraction * duration).toBeLessThanOrEqual(5.01);
    expect(forged.body.intervals).toEqual([[0, 5]]);

    const noPosition = await api('/api/qa/video-progress', { token: learner.token, body: { lesson: lesson.id, intervals: [] } });
    expect(noPosition.body.position).toBe(duration - 1);
    const status = await api(`/api/qa/courses/${lesson.course}/status`, { token: learner.token });
    expect(status.body.lessons[lesson.slug]).toMatchObject({ videoDone: false, read: false });
  });

  it('caps credit by wall-clock time across reports: eleven reports at once credit the slack once', async () => {
    const learner = await registerLearner();
    const duration = lesson.video!.durationSeconds;
    const started = Date.now();
    // each claims a different stretch, so none of them is a resend of credited seconds
    const replies = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        api('/api/qa/video-progress', { token: learner.token, body: { lesson: lesson.id, intervals: [[i * 4, duration]], position: 1 } }),
      ),
    );
    const elapsed = (Date.now() - started) / 1000;
    for (const r of replies) expect(r.status).toBe(200);
    const status = await api(`/api/qa/courses/${lesson.course}/status`, { token: learner.token });
    const credited = status.body.lessons[lesson.slug].videoFraction * duration;
    // 5 s of slack, shared, plus what 2x playback could add in the time the burst took
    expect(credited).toBeGreaterThanOrEqual(4.99);
    expect(credited).toBeLessThanOrEqual(5 + 2 * elapsed + 0.6);
    expect(status.body.lessons[lesson.slug].videoDone).toBe(false);

    // then a sequential burst: still no more than wall-clock time allows
    const before = Date.now();
    for (let i = 0; i < 11; i++)
      await api('/api/qa/video-progress', { token: learner.token, body: { lesson: lesson.id, intervals: [[0, duration]] } });
    const after = await api(`/api/qa/courses/${lesson.course}/status`, { token: learner.token });
    const more = after.body.lessons[lesson.slug].videoFraction * duration - credited;
    expect(more).toBeLessThanOrEqual(2 * ((Date.now() - started) / 1000) + 0.6);
    expect(Date.now() - before).toBeLessThan(20_000);
  });

  it('time away from the video banks credit for the next report (at most a minute: see the unit test)', async () => {
    const learner = await registerLearner();
    const duration = lesson.video!.durationSeconds;
    await api('/api/qa/video-progress', { token: learner.token, body: { lesson: lesson.id, intervals: [[0, 5]] } });
    // an hour passes (moved back on the record rather than waited for)
    const admin = await superuserToken();
    const rows = await api(`/api/collections/lesson_progress/records?filter=${encodeURIComponent(`user="${learner.id}"`)}`, {
      token: admin,
    });
    const hourAgo = new Date(Date.now() - 3600_000).toISOString().replace('T', ' ');
    await api(`/api/collections/lesson_progress/records/${rows.body.items[0].id}`, {
      method: 'PATCH',
      token: admin,
      body: { video_reported_at: hourAgo },
    });
    const reply = await api('/api/qa/video-progress', { token: learner.token, body: { lesson: lesson.id, intervals: [[0, duration]] } });
    // 5 s credited before, at most 60 s banked now (the demo videos are at most 60 s long)
    expect(reply.body.watchedFraction * duration).toBeCloseTo(Math.min(duration, 65), 1);
  });

  it('keeps fractional credit and position between reports (stored as numbers with decimals, not integers)', async () => {
    const learner = await registerLearner();
    const send = (intervals: number[][], position: number) =>
      api('/api/qa/video-progress', { token: learner.token, body: { lesson: lesson.id, intervals, position } });
    expect((await send([[0, 1.5]], 1.5)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100)); // wall-clock credit grows by a fraction of a second
    expect((await send([[1.5, 2.25]], 2.25)).status).toBe(200);
    const third = await send([], 2.75);
    expect(third.status).toBe(200);
    expect(third.body.position).toBe(2.75);
    const noPosition = await send([], undefined as unknown as number);
    expect(noPosition.body.position).toBe(2.75); // read back from the row: a float survives the round trip
  });

  it('rejects malformed intervals with a field message and lessons without video', async () => {
    const learner = await registerLearner();
    const bad = await api('/api/qa/video-progress', { token: learner.token, body: { lesson: lesson.id, intervals: [[0, 'x']] } });
    expect(bad.status).toBe(400);
    expect(bad.body.data.intervals).toBeDefined();
    const noVideo = Object.values(content.lessons).find((l) => !l.video)!;
    expect((await api('/api/qa/video-progress', { token: learner.token, body: { lesson: noVideo.id, intervals: [] } })).status).toBe(400);
  });
});

import { describe, expect, it } from 'vitest';
import { api, content, registerLearner } from './helpers.ts';

const lesson = Object.values(content.lessons).find((l) => l.video)!;

describe('video progress is credited only for time that could have been watched', () => {
  it('refuses a forged "watched everything" report and keeps the saved position', async () => {
    const learner = await registerLearner();
    const duration = lesson.video!.durationSeconds;
    const forged = await api('/api/qa/video-progress', { token: learner.token, body: { lesson: lesson.id, intervals: [[0, duration]], position: duration - 1 } });
    expect(forged.status).toBe(200);
    expect(forged.body.videoDone).toBe(false);
    expect(forged.body.watchedFraction * duration).toBeLessThanOrEqual(5.01);
    expect(forged.body.intervals).toEqual([[0, 5]]);

    const noPosition = await api('/api/qa/video-progress', { token: learner.token, body: { lesson: lesson.id, intervals: [] } });
    expect(noPosition.body.position).toBe(duration - 1);
    const status = await api(`/api/qa/courses/${lesson.course}/status`, { token: learner.token });
    expect(status.body.lessons[lesson.slug]).toMatchObject({ videoDone: false, read: false });
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

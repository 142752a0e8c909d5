import { describe, expect, it } from 'vitest';
import { api, content, registerLearner } from './helpers.ts';

/** "继续学习" (home page, 我的学习): GET /api/qa/me says which lesson to resume, per course begun. */
describe('resuming where the learner left off', () => {
  it('resumes a half-watched video lesson, else the next lesson not yet done', async () => {
    const video = Object.values(content.lessons).find((l) => l.video && content.courses[l.course].lessons.indexOf(l.slug) > 0)!;
    const course = content.courses[video.course];
    const learner = await registerLearner();
    await api('/api/qa/lessons/read', { token: learner.token, body: { lesson: `${course.id}/${course.lessons[0]}` } });
    let me = await api('/api/qa/me', { token: learner.token });
    expect(me.body.inProgress[0]).toMatchObject({ course: course.id, resumeLesson: course.lessons[1] });

    // a few seconds of a later lesson's video: that is where they left off
    await api('/api/qa/video-progress', { token: learner.token, body: { lesson: video.id, intervals: [[0, 3]], position: 3 } });
    me = await api('/api/qa/me', { token: learner.token });
    expect(me.body.inProgress[0]).toMatchObject({ course: course.id, resumeLesson: video.slug });

    // once that lesson is finished, the next one not done
    await api('/api/qa/lessons/read', { token: learner.token, body: { lesson: video.id } });
    me = await api('/api/qa/me', { token: learner.token });
    const next = course.lessons.find((slug, i) => i > 0 && slug !== video.slug);
    expect(me.body.inProgress[0].resumeLesson).toBe(next);
  });
});

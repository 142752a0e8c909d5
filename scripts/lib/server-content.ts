import { createHash } from 'node:crypto';
import type { ContentSet } from './content-source.ts';
import { lessonsOf } from './content-source.ts';
import type { ServerContent } from '../../src/lib/quiz/bank.ts';

/** The server's copy of course structure, completion rules and answer keys. */
export function buildServerContent(set: ContentSet): ServerContent {
  const content: ServerContent = { version: '', courses: {}, lessons: {} };
  for (const course of set.courses) {
    content.courses[course.id] = {
      id: course.id,
      title: course.data.title,
      issuer: course.data.issuer,
      lessons: course.data.lessons,
      minutes: lessonsOf(set, course.id).reduce((sum, lesson) => sum + lesson.data.minutes, 0),
      completion: course.data.completion,
      finalQuiz: course.data.finalQuiz,
    };
    for (const lesson of lessonsOf(set, course.id)) {
      const { video, quiz } = lesson.data;
      content.lessons[lesson.id] = {
        id: lesson.id,
        course: course.id,
        slug: lesson.data.slug,
        title: lesson.data.title,
        ...(video ? { video: { durationSeconds: video.durationSeconds, watchThreshold: video.watchThreshold } } : {}),
        quiz,
      };
    }
  }
  content.version = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
  return content;
}

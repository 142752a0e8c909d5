import { createHash } from 'node:crypto';
import type { Question } from '../../src/schemas/quiz.ts';
import type { ContentSet } from './content-source.ts';
import { lessonsOf } from './content-source.ts';
import type { ServerContent } from '../../src/lib/quiz/bank.ts';
import { inLessonPool } from '../../src/lib/quiz/pools.ts';
import { lessonSections, sectionFor } from '../../src/lib/quiz/sections.ts';

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
        sections: sectionsOf(lesson.body, quiz.questions),
      };
    }
  }
  content.cases = Object.fromEntries(set.cases.map((c) => [c.id, { id: c.id, title: c.data.title }]));
  content.version = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
  return content;
}

/** Practice question id → the heading of the section its feedback sends the learner back to. */
function sectionsOf(body: string, questions: Question[]): Record<string, string> {
  const sections = lessonSections(body);
  const out: Record<string, string> = {};
  for (const q of questions.filter(inLessonPool)) {
    const title = sectionFor(q, sections);
    if (title) out[q.id] = title;
  }
  return out;
}

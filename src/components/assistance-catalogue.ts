/** The catalogue as the assistance screens need it: courses with their lessons, and cases (ids and titles). */
import { getCollection } from 'astro:content';
import { getCourses, getLessonsOf, lessonSlug } from './course-queries.ts';
import type { Catalogue } from '../islands/assistance/shared.tsx';

export async function assistanceCatalogue(): Promise<Catalogue> {
  const courses = [];
  for (const course of await getCourses()) {
    const lessons = (await getLessonsOf(course)).map((l) => ({ slug: lessonSlug(l), title: l.data.title }));
    courses.push({ id: course.id, title: course.data.title, lessons });
  }
  const cases = (await getCollection('cases'))
    .map((c) => ({ id: c.id, title: c.data.title }))
    .sort((a, b) => a.title.localeCompare(b.title, 'zh'));
  return { courses, cases };
}

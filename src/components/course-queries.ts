/** Content-collection queries for pages: courses in order, each with its lessons in study order. */
import { getCollection, type CollectionEntry } from 'astro:content';

export type CourseEntry = CollectionEntry<'courses'>;
export type LessonEntry = CollectionEntry<'lessons'>;

export async function getCourses(): Promise<CourseEntry[]> {
  const courses = await getCollection('courses');
  return courses.sort((a, b) => a.data.order - b.data.order);
}

export async function getLessonsOf(course: CourseEntry): Promise<LessonEntry[]> {
  const lessons = await getCollection('lessons', (l) => l.id.startsWith(`${course.id}/`));
  return course.data.lessons
    .map((slug) => lessons.find((l) => l.id === `${course.id}/${slug}`))
    .filter((l): l is LessonEntry => Boolean(l));
}

export const lessonSlug = (lesson: LessonEntry) => lesson.id.split('/')[1];

/** getStaticPaths for pages with one page per course. */
export async function coursePaths() {
  return (await getCourses()).map((course) => ({ params: { course: course.id }, props: { course } }));
}

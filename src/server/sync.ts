import { content } from './content.ts';
import { findOne } from './http.ts';

/** Mirrors the catalogue into the `courses` collection (for the admin UI and statistics labels) at start. */
export function syncCourses(app: PbApp): number {
  const { courses, version } = content();
  let changed = 0;
  for (const course of Object.values(courses)) {
    const record =
      findOne(app, 'courses', 'slug = {:slug}', { slug: course.id }) ?? new Record(app.findCachedCollectionByNameOrId('courses'));
    if (record.getString('version') === version && record.getString('title') === course.title) continue;
    record.set('slug', course.id);
    record.set('title', course.title);
    record.set('lesson_count', course.lessons.length);
    record.set('version', version);
    app.save(record);
    changed++;
  }
  return changed;
}

/** Learners rate each lesson (1-5 stars, an optional comment): one rating per learner per lesson, editable. */
import { badRequest, body, findOne, requireAuth } from '../http.ts';
import { lessonFromPath } from './access.ts';

export interface LessonRating {
  stars: number | null;
  comment: string;
}

/** GET /api/qa/lessons/{course}/{lesson}/rating: the learner's own rating, if any. */
export function myRating(e: PbRequestEvent): LessonRating {
  const user = requireAuth(e);
  const { course, lesson } = lessonFromPath(e);
  const r = findOne(e.app, 'lesson_ratings', 'user = {:user} && course = {:course} && lesson = {:lesson}', {
    user: user.id,
    course,
    lesson,
  });
  return r ? { stars: r.getInt('stars'), comment: r.getString('comment') } : { stars: null, comment: '' };
}

/** PUT /api/qa/lessons/{course}/{lesson}/rating {stars, comment}: creates or replaces the learner's rating. */
export function rateLesson(e: PbRequestEvent): LessonRating {
  const user = requireAuth(e);
  const { course, lesson } = lessonFromPath(e);
  const b = body(e);
  const stars = b.stars;
  if (typeof stars !== 'number' || !Number.isInteger(stars) || stars < 1 || stars > 5) {
    throw badRequest('请选 1 到 5 颗星', { stars: { code: 'invalid_stars', message: '1-5' } });
  }
  const comment = typeof b.comment === 'string' ? b.comment.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : '';
  if (Array.from(comment).length > 300) throw badRequest('评语最多 300 个字', { comment: { code: 'too_long', message: '最多 300 个字' } });
  const record =
    findOne(e.app, 'lesson_ratings', 'user = {:user} && course = {:course} && lesson = {:lesson}', { user: user.id, course, lesson }) ??
    new Record(e.app.findCachedCollectionByNameOrId('lesson_ratings'));
  record.set('user', user.id);
  record.set('course', course);
  record.set('lesson', lesson);
  record.set('stars', stars);
  record.set('comment', comment);
  e.app.save(record);
  return { stars, comment };
}

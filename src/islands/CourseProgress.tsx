import { useCourseState } from '../client/lesson-store.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';

/** The learner's progress on a course page, from the page's shared course store (src/client/lesson-store.ts). */
export default function CourseProgress(props: { courseId: string; lessons: { slug: string; title: string }[] }) {
  const state = useCourseState(props.courseId);
  const first = props.lessons[0];
  if (!state.loaded) return null; // as rendered at build time: nothing until the browser knows who is here
  if (!state.signedIn) {
    return (
      <div class="notice">
        <p>{t('course.loginToTrack')}</p>
        {first && (
          <a class="btn" href={routes.lesson(props.courseId, first.slug)}>
            {t('course.start')}
          </a>
        )}
      </div>
    );
  }
  if (state.error)
    return (
      <p class="notice bad" role="alert">
        {state.error}
      </p>
    );
  if (!state.loaded || !state.status) return null;
  const { status, completion } = state;
  const total = props.lessons.length;
  const next = status.missingLessons[0] ?? null;
  return (
    <div class={`notice ${completion ? 'ok' : ''}`} data-testid="course-progress">
      {completion ? (
        <p>
          <strong>{t('course.complete')}</strong> <a href={routes.certificate(completion.certificateCode)}>{t('course.viewCertificate')}</a>
        </p>
      ) : (
        <>
          <p>{t('course.progress', { done: status.lessonsDone, total })}</p>
          <progress max={total} value={status.lessonsDone} aria-label={t('course.progressBar')} />
          <p>
            {next ? (
              <a class="btn" href={routes.lesson(props.courseId, next)}>
                {status.lessonsDone ? t('course.continue') : t('course.start')}
              </a>
            ) : (
              <a class="btn" href={routes.exam(props.courseId)}>
                {t('course.exam')}
              </a>
            )}
          </p>
        </>
      )}
    </div>
  );
}

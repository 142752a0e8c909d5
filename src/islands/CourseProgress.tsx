import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';

interface Status {
  status: { complete: boolean; lessonsDone: number; lessonsRequired: number; missingLessons: string[]; finalQuizPassed: boolean };
  completion: { certificateCode: string } | null;
}

export default function CourseProgress(props: { courseId: string; lessons: { slug: string; title: string }[] }) {
  const [data, setData] = useState<Status | null>(null);
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const user = Boolean(currentUser());
    setSignedIn(user);
    if (user) qa<Status>(`courses/${props.courseId}/status`).then(setData).catch((err) => setError((err as ApiFailure).message));
  }, []);
  const first = props.lessons[0];
  if (signedIn === false) {
    return (
      <div class="notice">
        <p>{t('course.loginToTrack')}</p>
        {first && <a class="btn" href={routes.lesson(props.courseId, first.slug)}>{t('course.start')}</a>}
      </div>
    );
  }
  if (error) return <p class="notice bad" role="alert">{error}</p>;
  if (!data) return null;
  const { status, completion } = data;
  const total = props.lessons.length;
  const next = status.missingLessons[0] ?? null;
  return (
    <div class={`notice ${completion ? 'ok' : ''}`} data-testid="course-progress">
      {completion ? (
        <p><strong>{t('course.complete')}</strong> <a href={routes.certificate(completion.certificateCode)}>{t('course.viewCertificate')}</a></p>
      ) : (
        <>
          <p>{t('course.progress', { done: status.lessonsDone, total })}</p>
          <progress max={total} value={status.lessonsDone} aria-label={t('course.progressBar')} />
          <p>
            {next ? (
              <a class="btn" href={routes.lesson(props.courseId, next)}>{status.lessonsDone ? t('course.continue') : t('course.start')}</a>
            ) : (
              <a class="btn" href={routes.exam(props.courseId)}>{t('course.exam')}</a>
            )}
          </p>
        </>
      )}
    </div>
  );
}

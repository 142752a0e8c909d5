import { useEffect, useRef, useState } from 'preact/hooks';
import { newKey, type ApiFailure } from '../client/api.ts';
import { courseStore, lessonDone, useCourseState } from '../client/lesson-store.ts';
import { send } from '../client/outbox.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';

/**
 * "I have finished this lesson": recorded on the server, which may complete the course on the spot. Whether
 * the lesson is done comes from the page's shared course store, so a video that finishes on this page
 * replaces the button at once.
 */
export default function LessonActions(props: { lessonId: string; courseId: string }) {
  const slug = props.lessonId.split('/')[1];
  const state = useCourseState(props.courseId);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // The button the learner pressed is replaced by the "recorded" note: focus moves to the note, not to <body>.
  const [justMarked, setJustMarked] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (justMarked && doneRef.current) {
      doneRef.current.focus();
      setJustMarked(false);
    }
  });

  async function markRead() {
    setBusy(true);
    setError('');
    try {
      const result = await send({
        key: newKey(),
        path: 'lessons/read',
        body: { lesson: props.lessonId },
        coalesce: `read:${props.lessonId}`,
      });
      const store = courseStore(props.courseId);
      store.updateLesson(slug, { read: true });
      if (!('queued' in result)) store.setCompletion(result.completion);
      setJustMarked(true);
    } catch (err) {
      setError((err as ApiFailure).message);
    } finally {
      setBusy(false);
    }
  }

  if (!state.loaded) return null;
  if (!state.signedIn)
    return (
      <p class="notice">
        {t('course.loginToTrack')} <a href={`${routes.login()}?next=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</a>
      </p>
    );
  const certificate = state.completion?.certificateCode ?? null;
  const shownError = error || state.error;
  return (
    <div class="lesson-actions no-print">
      {shownError && (
        <p class="notice bad" role="alert">
          {shownError}
        </p>
      )}
      {lessonDone(state.lessons[slug]) ? (
        <p class="notice ok" role="status" data-testid="lesson-done" tabIndex={-1} ref={doneRef}>
          {t('lesson.readDone')}
        </p>
      ) : (
        <button class="btn" type="button" onClick={markRead} disabled={busy}>
          {t('lesson.markRead')}
        </button>
      )}
      {certificate && (
        <p class="notice ok">
          {t('course.complete')} <a href={routes.certificate(certificate)}>{t('course.viewCertificate')}</a>
        </p>
      )}
    </div>
  );
}

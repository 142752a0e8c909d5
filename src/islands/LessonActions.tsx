import { useEffect, useState } from 'preact/hooks';
import { currentUser, newKey, qa, type ApiFailure } from '../client/api.ts';
import { send } from '../client/outbox.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';

interface CourseStatus { lessons: Record<string, { read: boolean; videoDone: boolean }>; completion: { certificateCode: string } | null }
interface ReadResponse { completion: { certificateCode: string } | null }

/** "I have finished this lesson": recorded on the server, which may complete the course on the spot. */
export default function LessonActions(props: { lessonId: string; courseId: string }) {
  const slug = props.lessonId.split('/')[1];
  const [done, setDone] = useState(false);
  const [certificate, setCertificate] = useState<string | null>(null);
  const [user, setUser] = useState<boolean | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const signedIn = Boolean(currentUser());
    setUser(signedIn);
    if (!signedIn) return;
    qa<CourseStatus>(`courses/${props.courseId}/status`)
      .then((s) => {
        setDone(Boolean(s.lessons[slug]?.read || s.lessons[slug]?.videoDone));
        setCertificate(s.completion?.certificateCode ?? null);
      })
      .catch((err) => setError((err as ApiFailure).message));
  }, []);

  async function markRead() {
    setBusy(true);
    setError('');
    try {
      const result = await send<ReadResponse>({ key: newKey(), path: 'lessons/read', body: { lesson: props.lessonId }, coalesce: `read:${props.lessonId}` });
      setDone(true);
      if (!('queued' in result) && result.completion) setCertificate(result.completion.certificateCode);
    } catch (err) {
      setError((err as ApiFailure).message);
    } finally {
      setBusy(false);
    }
  }

  if (user === null) return null;
  if (!user) return <p class="notice">{t('course.loginToTrack')} <a href={`${routes.login()}?next=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</a></p>;
  return (
    <div class="lesson-actions no-print">
      {error && <p class="notice bad" role="alert">{error}</p>}
      {done ? (
        <p class="notice ok" role="status" data-testid="lesson-done">{t('lesson.readDone')}</p>
      ) : (
        <button class="btn" type="button" onClick={markRead} disabled={busy}>{t('lesson.markRead')}</button>
      )}
      {certificate && <p class="notice ok">{t('course.complete')} <a href={routes.certificate(certificate)}>{t('course.viewCertificate')}</a></p>}
    </div>
  );
}

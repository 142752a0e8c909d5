import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import type { QaRoutes } from '../server/api-contract.ts';

/** GET /api/qa/me (src/server/learning.ts myLearning): here only the courses begun, latest first. */
type Me = QaRoutes['GET me'];

/**
 * "继续学习" on the home page: a signed-in learner goes straight back to the next lesson of the course they
 * touched last. Nothing shows for visitors, other roles, or learners who have not begun a course.
 */
export default function ContinueLearning() {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    const user = currentUser();
    if (user?.role !== 'learner') return;
    qa('me')
      .then(setMe)
      .catch(() => {
        /* the home page works without it */
      });
  }, []);
  const current = me?.inProgress[0];
  if (!current) return null;
  const { lessonsDone, lessonsRequired } = current.status;
  return (
    <section class="continue-learning notice" aria-labelledby="continue-heading" data-testid="continue-learning">
      <h2 id="continue-heading">{t('home.continueTitle')}</h2>
      <p>
        <strong>{current.title}</strong> · {t('course.progress', { done: lessonsDone, total: lessonsRequired })}
      </p>
      <progress max={lessonsRequired} value={lessonsDone} aria-label={t('course.progressBar')} />
      <p>
        <a class="btn" href={routes.lesson(current.course, current.resumeLesson)}>
          {t('course.continue')}
        </a>{' '}
        {me!.inProgress.length > 1 && <a href={routes.me()}>{t('home.continueOthers', { n: me!.inProgress.length - 1 })}</a>}
      </p>
    </section>
  );
}

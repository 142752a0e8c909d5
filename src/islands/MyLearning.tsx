import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatDateZh } from '../lib/format.ts';
import type { QaRoutes } from '../server/api-contract.ts';

type Me = QaRoutes['GET me'];

export default function MyLearning() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!currentUser()) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.me())}`;
      return;
    }
    qa('me')
      .then(setMe)
      .catch((err) => setError((err as ApiFailure).message));
  }, []);
  if (error)
    return (
      <p class="notice bad" role="alert">
        {error}
      </p>
    );
  if (!me) return <p class="status-line">…</p>;
  const assignments = me.assignments ?? [];
  const empty = !me.inProgress.length && !me.completed.length && !assignments.length;
  return (
    <div>
      {empty && (
        <p class="notice">
          {t('me.none')} <a href={routes.catalogue()}>{t('nav.courses')}</a>
        </p>
      )}
      {assignments.length > 0 && (
        <section data-testid="my-assignments">
          <h2>{t('me.assignments')}</h2>
          <ul class="cards">
            {assignments.map((a) => (
              <li class="card" data-testid="my-assignment">
                <h3>
                  <a href={a.lesson ? routes.lesson(a.course, a.lesson) : routes.course(a.course)}>{a.title}</a>
                </h3>
                <p>
                  {t('me.assignmentDue', { date: a.dueDate })}{' '}
                  <span class={`badge ${a.done ? 'ok' : a.overdue ? 'warn' : ''}`}>
                    {a.done ? t('assist.done') : a.overdue ? t('me.assignmentOverdue') : t('assist.notYet')}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {me.inProgress.length > 0 && (
        <section>
          <h2>{t('me.inProgress')}</h2>
          <ul class="cards">
            {me.inProgress.map((c) => (
              <li class="card">
                <h3>
                  <a href={routes.course(c.course)}>{c.title}</a>
                </h3>
                <p>{t('course.progress', { done: c.status.lessonsDone, total: c.status.lessonsRequired })}</p>
                <a class="btn small" href={routes.lesson(c.course, c.resumeLesson)}>
                  {t('me.resume')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {me.completed.length > 0 && (
        <section>
          <h2>{t('me.certificates')}</h2>
          <ul class="cards" data-testid="my-certificates">
            {me.completed.map((c) => (
              <li class="card">
                <h3>{c.title}</h3>
                <p>
                  {formatDateZh(c.completedAt)} · {c.certificateCode}
                </p>
                <a class="btn small secondary" href={routes.certificate(c.certificateCode)}>
                  {t('course.viewCertificate')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {me.attempts.length > 0 && (
        <section>
          <h2>{t('me.attempts')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('me.quizName')}</th>
                <th>{t('me.score')}</th>
                <th>{t('me.result')}</th>
              </tr>
            </thead>
            <tbody>
              {me.attempts.map((a) => (
                <tr>
                  <td>{a.title}</td>
                  <td>{a.score}</td>
                  <td>{a.passed ? t('quiz.passed') : t('quiz.failed')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

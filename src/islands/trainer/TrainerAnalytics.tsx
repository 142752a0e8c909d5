import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { t, type UiKey } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import type { CourseAnalytics, QuizStats, TrainerCourse } from '../../server/trainer/analytics.ts';

/** A trainer's view of one of their courses: funnel, video stop points, quiz item analysis, ratings. */
export default function TrainerAnalytics() {
  const [courses, setCourses] = useState<TrainerCourse[] | null>(null);
  const [selected, setSelected] = useState('');
  const [data, setData] = useState<CourseAnalytics | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    const user = currentUser();
    if (!user) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.trainerAnalytics())}`;
      return;
    }
    qa('trainer/courses').then(
      (r) => {
        setCourses(r.courses);
        const wanted = new URLSearchParams(window.location.search).get('course');
        setSelected(r.courses.find((c) => c.id === wanted)?.id ?? r.courses[0]?.id ?? '');
      },
      (err: ApiFailure) => setError(err.message),
    );
  }, []);
  useEffect(() => {
    if (!selected) return;
    setData(null);
    history.replaceState(null, '', routes.trainerAnalytics(selected));
    qa(`trainer/courses/${selected}/analytics`).then(setData, (err: ApiFailure) => setError(err.message));
  }, [selected]);

  if (error)
    return (
      <p class="notice bad" role="alert">
        {error}
      </p>
    );
  if (!courses) return <p aria-busy="true">…</p>;
  if (!courses.length) return <p class="notice">{t('analytics.noCourses')}</p>;
  return (
    <div>
      <label for="analytics-course">{t('analytics.course')}</label>
      <select id="analytics-course" value={selected} onChange={(e) => setSelected((e.target as HTMLSelectElement).value)}>
        {courses.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
            {c.waitingQuestions ? `（${t('analytics.waitingQuestions')} ${c.waitingQuestions}）` : ''}
          </option>
        ))}
      </select>
      {data && <CourseView data={data} />}
    </div>
  );
}

function CourseView({ data }: { data: CourseAnalytics }) {
  return (
    <div>
      <p class="meta">
        <span>
          {t('analytics.started')}：{t('analytics.people', { n: data.started })}
        </span>
        <span>
          {t('analytics.completed')}：{t('analytics.people', { n: data.completed })}
        </span>
      </p>
      <h2>{t('analytics.lessons')}</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('analytics.lesson')}</th>
              <th scope="col">{t('analytics.finished')}</th>
              <th scope="col">{t('analytics.rating')}</th>
              <th scope="col">{t('analytics.waitingQuestions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.lessons.map((l) => (
              <tr key={l.lesson}>
                <th scope="row">
                  <a href={routes.lesson(data.course, l.lesson)}>{l.title}</a>
                </th>
                <td>{l.finished}</td>
                <td>{l.rating.average === null ? '—' : t('analytics.ratingOf', { avg: l.rating.average, n: l.rating.count })}</td>
                <td>
                  {l.waitingQuestions ? <a href={`${routes.lesson(data.course, l.lesson)}#discussion-title`}>{l.waitingQuestions}</a> : 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.lessons
        .filter((l) => l.videoStops)
        .map((l) => (
          <figure key={l.lesson}>
            <figcaption>
              {l.title}：{t('analytics.videoStops')}
            </figcaption>
            <div class="bars" role="img" aria-label={l.videoStops!.map((n, i) => `${i * 10}%–${i * 10 + 10}%: ${n}`).join('，')}>
              {l.videoStops!.map((n, i) => (
                <span key={i} style={{ height: `${(100 * n) / Math.max(1, ...l.videoStops!)}%` }} />
              ))}
            </div>
          </figure>
        ))}
      {data.lessons.some((l) => l.rating.comments.length) && (
        <section>
          <h2>{t('analytics.comments')}</h2>
          <ul>
            {data.lessons.flatMap((l) =>
              l.rating.comments.map((c, i) => (
                <li key={`${l.lesson}-${i}`}>
                  <span class="muted">{l.title}：</span>
                  {c}
                </li>
              )),
            )}
          </ul>
        </section>
      )}
      <h2>{t('analytics.quizzes')}</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('analytics.lesson')}</th>
              <th scope="col">{t('analytics.attempts')}</th>
              <th scope="col">{t('analytics.average')}</th>
              <th scope="col">{t('analytics.passRate')}</th>
            </tr>
          </thead>
          <tbody>
            {data.quizzes.map((q) => (
              <tr key={q.quiz}>
                <th scope="row">{q.title}</th>
                <td>{q.attempts}</td>
                <td>{q.averageScore ?? '—'}</td>
                <td>{q.passRate === null ? '—' : `${q.passRate}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('analytics.items')}</h2>
      <p class="muted small">{t('analytics.itemsHelp')}</p>
      {data.quizzes
        .filter((q) => q.questions.length)
        .map((q) => (
          <ItemTable key={q.quiz} quiz={q} />
        ))}
    </div>
  );
}

function ItemTable({ quiz }: { quiz: QuizStats }) {
  return (
    <details open={quiz.questions.some((s) => s.flags.length > 0)}>
      <summary>
        {quiz.title}（{quiz.attempts}）
      </summary>
      <ol>
        {quiz.questions.map((s) => (
          <li key={s.ref} class="qa-item">
            <p class="qa-question">{s.prompt}</p>
            <p class="small">
              {s.flags.map((f) => (
                <span key={f} class="flag">
                  {t(`analytics.flag.${f}` as UiKey)}
                </span>
              ))}
              {t('analytics.answers')} {s.answers} · {t('analytics.facility')} {s.facility} · {t('analytics.discrimination')}{' '}
              {s.discrimination ?? '—'}
            </p>
            <ul class="small">
              {s.options.map((o, i) => (
                <li key={i}>
                  {o.right ? '✓ ' : ''}
                  {o.label}：{o.chosen}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </details>
  );
}

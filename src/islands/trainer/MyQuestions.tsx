import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import { formatDateZh } from '../../lib/format.ts';
import type { QuestionView } from '../../server/trainer/questions.ts';

/** On "My learning": the learner's questions to trainers, answered ones first, with a link to the lesson. */
export default function MyQuestions() {
  const [questions, setQuestions] = useState<QuestionView[] | null>(null);
  useEffect(() => {
    if (!currentUser()) return;
    qa('me/questions').then(
      (r) => setQuestions(r.questions),
      () => setQuestions([]),
    );
  }, []);
  if (!questions) return null;
  const sorted = [...questions].sort((a, b) => Number(Boolean(b.answer)) - Number(Boolean(a.answer)));
  return (
    <section aria-labelledby="my-questions">
      <h2 id="my-questions">{t('myQuestions.title')}</h2>
      {sorted.length === 0 && <p class="muted">{t('myQuestions.none')}</p>}
      <ul class="qa-list">
        {sorted.map((q) => (
          <li key={q.id} class="qa-item">
            <p class="small">
              <span class={q.answer ? 'badge ok' : 'badge'}>{q.answer ? t('myQuestions.answered') : t('myQuestions.waiting')}</span>{' '}
              <a href={`${routes.lesson(q.course, q.lesson)}#discussion-title`}>{q.lessonTitle}</a> · {formatDateZh(q.askedAt)}
            </p>
            <p class="qa-question">{q.body}</p>
            {q.answer && (
              <div class="qa-answer">
                <p>{q.answer}</p>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

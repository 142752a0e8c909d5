import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { formatDateZh } from '../../lib/format.ts';
import type { LessonQuestions, QuestionView } from '../../server/trainer/questions.ts';
import type { LessonRating } from '../../server/trainer/ratings.ts';

const LIMITS = { min: 5, max: 500 };

/**
 * Under each lesson: the learner rates it, asks the course's trainers, and reads answered questions; the
 * course's trainers answer and hide posts right here. Text is shown as text (Preact escapes it).
 */
/** The lesson's routes start here: typed so that qa() finds them in the API contract. */
type LessonBase = `lessons/${string}/${string}`;

export default function LessonDiscussion(props: { course: string; lesson: string }) {
  const base: LessonBase = `lessons/${props.course}/${props.lesson}`;
  // known only in the browser: the page is rendered at build time for everyone
  const [user, setUser] = useState<ReturnType<typeof currentUser> | undefined>(undefined);
  const [data, setData] = useState<LessonQuestions | null>(null);
  const [error, setError] = useState('');

  async function load() {
    try {
      setData(await qa(`${base}/questions`));
    } catch (err) {
      setError((err as ApiFailure).message);
    }
  }
  useEffect(() => {
    setUser(currentUser());
    void load();
  }, []);

  return (
    <section class="discussion" aria-labelledby="discussion-title">
      <h2 id="discussion-title">{t('discuss.title')}</h2>
      <p class="muted">{t('discuss.lead')}</p>
      {user ? <RateLesson base={base} /> : user === null && <p>{t('discuss.loginToAsk')}</p>}
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}
      {data?.canModerate && data.waiting.length > 0 && (
        <section>
          <h3>{t('discuss.waiting', { n: data.waiting.length })}</h3>
          {data.waiting.map((q) => (
            <Moderate key={q.id} question={q} onDone={load} />
          ))}
        </section>
      )}
      {data && data.mine.length > 0 && (
        <section>
          <h3>{t('discuss.mine')}</h3>
          <ul class="qa-list">
            {data.mine.map((q) => (
              <QuestionItem key={q.id} q={q} />
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>{t('discuss.answered')}</h3>
        {data && data.answered.length === 0 && <p class="muted">{t('discuss.none')}</p>}
        <ul class="qa-list">
          {data?.answered.map((q) => (
            <QuestionItem key={q.id} q={q} moderate={data.canModerate ? load : undefined} />
          ))}
        </ul>
      </section>
      {user && <AskForm base={base} onAsked={load} />}
    </section>
  );
}

function QuestionItem({ q, moderate }: { q: QuestionView; moderate?: () => void }) {
  return (
    <li class="qa-item">
      <p class="qa-question">{q.body}</p>
      <p class="muted small">
        {q.asker} · {formatDateZh(q.askedAt)}
        {q.mine && (q.hidden ? ` · ${t('discuss.hiddenByTrainer')}` : q.answer ? '' : ` · ${t('discuss.waitingAnswer')}`)}
      </p>
      {q.answer && (
        <div class="qa-answer">
          <p class="small">
            <strong>{t('discuss.teacher')}</strong>
            {q.answeredAt && ` · ${formatDateZh(q.answeredAt)}`}
          </p>
          <p>{q.answer}</p>
        </div>
      )}
      {moderate && <HideButton id={q.id} hidden={Boolean(q.hidden)} onDone={moderate} />}
    </li>
  );
}

function AskForm({ base, onAsked }: { base: LessonBase; onAsked: () => void }) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const length = Array.from(text.trim()).length;
  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      await qa(`${base}/questions`, { method: 'POST', body: { body: text } });
      setText('');
      setMessage({ tone: 'ok', text: t('discuss.asked') });
      onAsked();
    } catch (err) {
      const failure = err as ApiFailure;
      setMessage({ tone: 'bad', text: failure.fields.body ? `${failure.message}：${failure.fields.body}` : failure.message });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="ask-form" onSubmit={submit}>
      <h3>{t('discuss.ask')}</h3>
      <label for="ask-body">{t('discuss.askLabel', { min: LIMITS.min, max: LIMITS.max })}</label>
      <textarea
        id="ask-body"
        rows={3}
        maxLength={LIMITS.max}
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <p class="muted small" aria-live="polite">
        {t('discuss.chars', { n: length, max: LIMITS.max })}
      </p>
      <button class="btn" type="submit" disabled={busy || length < LIMITS.min}>
        {t('discuss.askSubmit')}
      </button>
      {message && (
        <p class={`notice ${message.tone}`} role="status">
          {message.text}
        </p>
      )}
    </form>
  );
}

function RateLesson({ base }: { base: LessonBase }) {
  const [rating, setRating] = useState<LessonRating>({ stars: null, comment: '' });
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  useEffect(() => {
    qa(`${base}/rating`).then(setRating, () => undefined);
  }, []);
  async function save(event: Event) {
    event.preventDefault();
    try {
      setRating(await qa(`${base}/rating`, { method: 'PUT', body: rating }));
      setMessage({ tone: 'ok', text: t('rating.saved') });
    } catch (err) {
      setMessage({ tone: 'bad', text: (err as ApiFailure).message });
    }
  }
  return (
    <form class="rate-form" onSubmit={save}>
      <fieldset>
        <legend>{t('rating.title')}</legend>
        <div class="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={rating.stars !== null && n <= rating.stars ? 'on' : ''}>
              <input type="radio" name="stars" value={n} checked={rating.stars === n} onChange={() => setRating({ ...rating, stars: n })} />
              <span aria-hidden="true">★</span>
              <span class="visually-hidden">{t('rating.stars', { n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label for="rating-comment">{t('rating.comment')}</label>
      <textarea
        id="rating-comment"
        rows={2}
        maxLength={300}
        value={rating.comment}
        onInput={(e) => setRating({ ...rating, comment: (e.target as HTMLTextAreaElement).value })}
      />
      <button class="btn" type="submit" disabled={rating.stars === null}>
        {t('rating.save')}
      </button>
      {message && (
        <p class={`notice ${message.tone}`} role="status">
          {message.text}
        </p>
      )}
    </form>
  );
}

function Moderate({ question, onDone }: { question: QuestionView; onDone: () => void }) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState('');
  async function submit(event: Event) {
    event.preventDefault();
    try {
      await qa(`questions/${question.id}/answer`, { method: 'POST', body: { answer } });
      onDone();
    } catch (err) {
      setError((err as ApiFailure).message);
    }
  }
  const id = `answer-${question.id}`;
  return (
    <form class="qa-item" onSubmit={submit}>
      <p class="qa-question">{question.body}</p>
      <p class="muted small">
        {question.asker} · {formatDateZh(question.askedAt)}
      </p>
      <label for={id}>{t('discuss.answerLabel')}</label>
      <textarea id={id} rows={3} maxLength={2000} value={answer} onInput={(e) => setAnswer((e.target as HTMLTextAreaElement).value)} />
      <div class="row">
        <button class="btn" type="submit" disabled={Array.from(answer.trim()).length < 2}>
          {t('discuss.saveAnswer')}
        </button>
        <HideButton id={question.id} hidden={false} onDone={onDone} />
      </div>
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function HideButton({ id, hidden, onDone }: { id: string; hidden: boolean; onDone: () => void }) {
  async function toggle() {
    const reason = hidden ? '' : (window.prompt(t('discuss.hideReason')) ?? '');
    await qa(`questions/${id}/hide`, { method: 'POST', body: { hidden: !hidden, reason } });
    onDone();
  }
  return (
    <button type="button" class="btn secondary small" onClick={() => void toggle()}>
      {hidden ? t('discuss.unhide') : t('discuss.hide')}
    </button>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { currentUser, newKey, qa, type ApiFailure } from '../client/api.ts';
import { OUTBOX_EVENT, send, startOutbox, type Delivered } from '../client/outbox.ts';
import { courseStore } from '../client/lesson-store.ts';
import { clearDraft, loadDraft, saveDraft, type Answers } from '../client/quiz-draft.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { pbDateMs } from '../lib/beijing-time.ts';
import { formatClock } from '../lib/format.ts';
import type { PresentedQuestion } from '../lib/quiz/draw.ts';
import type { QaRoutes } from '../server/api-contract.ts';
import NetStatus from './NetStatus.tsx';

type QuizInfo = QaRoutes['GET quizzes/{course}/{slug}'];
type Attempt = QaRoutes['GET attempts/{id}'];
type SubmitResponse = QaRoutes['POST attempts/{id}/submit'];

const answered = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);

function formatAnswer(q: PresentedQuestion, answer: number | number[] | boolean): string {
  if (q.type === 'truefalse') return answer ? t('quiz.true') : t('quiz.false');
  const letters = (Array.isArray(answer) ? answer : [answer as number]).map((i) => String.fromCharCode(65 + i));
  return letters.join('、');
}

/** Link to a lesson section: the heading's own id when it is on this page (the lesson quiz sits under its lesson). */
function sectionHref(ref: string, title: string): string {
  const [course, lessonSlug] = ref.split('#')[0].split('/');
  const squash = (s: string) => s.replace(/\s+/g, '');
  const heading = [...document.querySelectorAll<HTMLElement>('main h2[id], main h3[id]')].find(
    (h) => squash(h.textContent ?? '') === squash(title),
  );
  return `${routes.lesson(course, lessonSlug)}${heading ? `#${heading.id}` : ''}`;
}

export default function Quiz(props: { quizId: string; courseId: string; final?: boolean; lessonTitles: Record<string, string> }) {
  const [info, setInfo] = useState<QuizInfo | null>(null);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  // the attempt shown, for the outbox's late answers (its listener is set up once, with the first render's state)
  const shownAttempt = useRef<Attempt | null>(null);
  shownAttempt.current = attempt;
  const [answers, setAnswers] = useState<Answers>({});
  const [submitKey, setSubmitKey] = useState('');
  const [outcome, setOutcome] = useState<SubmitResponse | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState(false);
  const [loggedIn, setLoggedIn] = useState<boolean | null>(null);
  const [slugCourse, slug] = props.quizId.split('/');
  const [now, setNow] = useState(Date.now());
  const resultRef = useRef<HTMLDivElement>(null);
  /** an attempt was open on this page: from then on, whether answers are saved matters */
  const [answering, setAnswering] = useState(false);

  // After handing in, the result is what the learner needs: move view and focus to it (the form they
  // submitted from may be far below it).
  useEffect(() => {
    if (!outcome || !resultRef.current) return;
    resultRef.current.focus({ preventScroll: true });
    resultRef.current.scrollIntoView({ block: 'start', behavior: 'auto' });
  }, [outcome]);

  async function refreshInfo() {
    try {
      const data = await qa(`quizzes/${slugCourse}/${slug}`);
      setInfo(data);
      const open = data.attempts.find((a) => a.status === 'open');
      if (open && !attempt) openAttempt(await qa(`attempts/${open.id}`));
    } catch (err) {
      setError((err as ApiFailure).message);
    }
  }

  function openAttempt(a: Attempt) {
    setAttempt(a);
    if (a.status === 'open') setAnswering(true);
    setOutcome(null);
    const draft = loadDraft(a.id);
    setAnswers(draft?.answers ?? {});
    setSubmitKey(draft?.submitKey ?? newKey());
  }

  useEffect(() => {
    const user = currentUser();
    setLoggedIn(Boolean(user));
    if (user) void refreshInfo();
    startOutbox();
    const onDelivered = (e: Event) => {
      const detail = (e as CustomEvent<Delivered>).detail;
      if (!detail.path.startsWith('attempts/')) return;
      setQueued(false);
      if (detail.response) showOutcome(detail.response as SubmitResponse);
      if (detail.failure) setError(detail.failure.message);
    };
    window.addEventListener(`${OUTBOX_EVENT}:delivered`, onDelivered);
    return () => window.removeEventListener(`${OUTBOX_EVENT}:delivered`, onDelivered);
  }, []);

  const deadlineMs = attempt?.status === 'open' && attempt.deadline ? pbDateMs(attempt.deadline) : null;
  useEffect(() => {
    if (deadlineMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadlineMs]);
  useEffect(() => {
    // A lesson quiz may ask for a short wait before the next attempt: show the button again when it is over.
    setNow(Date.now());
    const wait = info?.retryAt ? Date.parse(info.retryAt) - Date.now() : 0;
    if (!(wait > 0)) return;
    const timer = setTimeout(() => setNow(Date.now()), wait + 500);
    return () => clearTimeout(timer);
  }, [info?.retryAt]);
  useEffect(() => {
    // The server refuses answers after the deadline; hand in what is there just before it.
    if (deadlineMs !== null && now >= deadlineMs - 1000 && !busy) void submitAnswers();
  }, [now]);

  function showOutcome(response: SubmitResponse) {
    clearDraft(response.attempt.id);
    // A submit answers without the questions: they are on the page already, unless it was reloaded meanwhile.
    const shown = shownAttempt.current;
    if (shown?.id === response.attempt.id) setAttempt({ ...shown, ...response.attempt });
    else void qa(`attempts/${response.attempt.id}`).then(setAttempt, (err: ApiFailure) => setError(err.message));
    setOutcome(response);
    setBusy(false);
    // the rest of the page (the "学完了" notice, the outline) shows the completion too
    if (response.newlyCompleted) courseStore(props.courseId).setCompletion(response.completion);
    void refreshInfo();
  }

  function setAnswer(ref: string, value: number | number[] | boolean) {
    const next = { ...answers, [ref]: value };
    setAnswers(next);
    if (attempt) saveDraft(attempt.id, { answers: next, submitKey });
  }

  async function start() {
    setBusy(true);
    setError('');
    try {
      openAttempt(await qa('attempts', { method: 'POST', body: { quiz: props.quizId, key: newKey() } }));
    } catch (err) {
      setError((err as ApiFailure).message);
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!attempt) return;
    const missing = attempt.questions.filter((q) => !answered(answers[q.ref])).length;
    if (missing && !window.confirm(t('quiz.unanswered', { n: missing }))) return;
    await submitAnswers();
  }

  async function submitAnswers() {
    if (attempt?.status !== 'open') return;
    setBusy(true);
    setError('');
    saveDraft(attempt.id, { answers, submitKey });
    try {
      const result = await send({ key: submitKey, path: `attempts/${attempt.id}/submit`, body: { answers } });
      if ('queued' in result) {
        setQueued(true);
        return;
      }
      showOutcome(result);
    } catch (err) {
      setError((err as ApiFailure).message);
      setBusy(false);
    }
  }

  if (loggedIn === null) return null;
  if (!loggedIn) {
    const next = encodeURIComponent(window.location.pathname);
    return (
      <p class="notice">
        {t('quiz.loginFirst')} <a href={`${routes.login()}?next=${next}`}>{t('nav.login')}</a> ·{' '}
        <a href={`${routes.register()}?next=${next}`}>{t('nav.register')}</a>
      </p>
    );
  }

  // counted by the server (src/lib/quiz/attempt-rules.ts), the same count that refuses the next attempt
  const left = info?.attemptsLeft ?? null;
  const passedBefore = info?.attempts.some((a) => a.passed) ?? false;
  const results = new Map((attempt?.results ?? []).map((r) => [r.ref, r]));
  const graded = attempt && attempt.status !== 'open';
  const review = attempt?.review ?? [];
  const retryAt = info?.retryAt ? Date.parse(info.retryAt) : null;
  const waiting = retryAt !== null && retryAt > now;
  const answeredCount = attempt ? attempt.questions.filter((q) => answered(answers[q.ref])).length : 0;
  const secondsLeft = deadlineMs === null ? null : Math.max(0, Math.round((deadlineMs - now) / 1000));

  return (
    <div class="quiz" data-testid={`quiz-${props.final ? 'final' : 'lesson'}`}>
      {/* "saved" only means something once there is something to save */}
      {(answering || queued) && <NetStatus />}
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}
      {queued && (
        <p class="notice warn" role="status">
          {t('quiz.queued')}
        </p>
      )}
      {graded && (
        <div
          class={`notice quiz-result ${attempt.passed ? 'ok' : 'bad'}`}
          role="status"
          data-testid="quiz-result"
          tabIndex={-1}
          ref={resultRef}
        >
          <strong>{attempt.passed ? t('quiz.passed') : t('quiz.failed')}</strong>{' '}
          {t('quiz.score', { score: attempt.score ?? 0, pass: attempt.passMark })}
          {outcome?.completion && outcome.newlyCompleted && (
            <p>
              {t('quiz.courseComplete', { code: outcome.completion.certificateCode })}{' '}
              <a href={routes.certificate(outcome.completion.certificateCode)}>{t('course.viewCertificate')}</a>
            </p>
          )}
          {review.length > 0 && (
            <p>
              {t('quiz.reviewLessons')}
              {review.map((lessonId, i) => {
                const [course, lessonSlug] = lessonId.split('/');
                return (
                  <>
                    {i > 0 && '、'}
                    <a href={routes.lesson(course, lessonSlug)}>{props.lessonTitles[lessonId] ?? lessonSlug}</a>
                  </>
                );
              })}
            </p>
          )}
          {props.final && <p>{t('quiz.finalNoKey')}</p>}
          {props.final && attempt.passed && outcome && !outcome.completion && outcome.status.missingLessons.length > 0 && (
            <p>{t('quiz.notYetComplete', { lessons: outcome.status.missingLessons.length })}</p>
          )}
        </div>
      )}
      {attempt && !graded && (
        <div class="quiz-bar" data-testid="quiz-bar">
          <span data-testid="quiz-answered">{t('quiz.answeredCount', { n: answeredCount, total: attempt.questions.length })}</span>
          {secondsLeft !== null && (
            <span role="timer" aria-live="off" data-testid="quiz-timer" class={secondsLeft < 60 ? 'quiz-timer urgent' : 'quiz-timer'}>
              {secondsLeft > 0 ? t('quiz.timeLeft', { t: formatClock(secondsLeft) }) : t('quiz.timeUp')}
            </span>
          )}
        </div>
      )}
      {attempt && (
        <form onSubmit={submit}>
          {attempt.questions.map((q, i) => {
            const r = results.get(q.ref);
            const kind = q.type === 'single' ? t('quiz.single') : q.type === 'multiple' ? t('quiz.multiple') : t('quiz.truefalse');
            const value = answers[q.ref];
            return (
              <fieldset class={`quiz-question ${r ? (r.correct ? 'correct' : 'wrong') : ''}`} disabled={Boolean(graded)}>
                <legend>
                  {t('quiz.question', { n: i + 1 })}（{kind}）{q.prompt}
                </legend>
                {q.type === 'truefalse'
                  ? [true, false].map((v) => (
                      <label class="quiz-option">
                        <input type="radio" name={q.ref} checked={value === v} onChange={() => setAnswer(q.ref, v)} />
                        {v ? t('quiz.true') : t('quiz.false')}
                      </label>
                    ))
                  : q.options.map((option, oi) => (
                      <label class="quiz-option">
                        {q.type === 'single' ? (
                          <input type="radio" name={q.ref} checked={value === oi} onChange={() => setAnswer(q.ref, oi)} />
                        ) : (
                          <input
                            type="checkbox"
                            name={q.ref}
                            checked={Array.isArray(value) && value.includes(oi)}
                            onChange={(e) => {
                              const current = Array.isArray(value) ? value : [];
                              setAnswer(q.ref, e.currentTarget.checked ? [...current, oi].sort() : current.filter((x) => x !== oi));
                            }}
                          />
                        )}
                        {String.fromCharCode(65 + oi)}. {option}
                      </label>
                    ))}
                {r && (
                  <p class="quiz-feedback">
                    <strong>{r.correct ? t('quiz.correct') : r.score > 0 ? t('quiz.partial') : t('quiz.wrong')}</strong>{' '}
                    {!r.correct &&
                      (r.rightAnswer !== undefined
                        ? t('quiz.rightAnswer', { answer: formatAnswer(q, r.rightAnswer) })
                        : t('quiz.rightAnswerHidden'))}{' '}
                    {r.explanation}
                    {r.section && !r.correct && (
                      <>
                        {' '}
                        <a href={sectionHref(r.ref, r.section)}>
                          {t('quiz.reread')}：{r.section}
                        </a>
                      </>
                    )}
                  </p>
                )}
              </fieldset>
            );
          })}
          {!graded && (
            <button class="btn" type="submit" disabled={busy}>
              {busy ? t('quiz.submitting') : t('quiz.submit')}
            </button>
          )}
        </form>
      )}
      {!attempt && passedBefore && (
        <p class="notice ok" role="status">
          {t('quiz.passedBefore', { score: Math.max(...(info?.attempts ?? []).map((a) => a.score)) })}
        </p>
      )}
      {(!attempt || graded) && !passedBefore && (left === null || left > 0) && waiting && (
        <p class="notice warn" role="status" data-testid="quiz-wait">
          {t('quiz.retryAt', { time: new Date(retryAt!).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' }) })}
        </p>
      )}
      {(!attempt || graded) && !passedBefore && (left === null || left > 0) && !waiting && (
        <p>
          <button class="btn" type="button" onClick={start} disabled={busy}>
            {graded ? t('quiz.retry') : t('quiz.start')}
          </button>{' '}
          {left !== null && <span class="status-line">{t('quiz.attemptsLeft', { n: left })}</span>}
        </p>
      )}
    </div>
  );
}

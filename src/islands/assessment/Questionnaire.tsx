/**
 * Answering: one area per screen, four concrete levels per question. Every choice is kept on the device at
 * once and sent to the server shortly after (or when the network returns), so the person can stop at any
 * time and carry on later, here or on another device.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { qa, type ApiFailure } from '../../client/api.ts';
import { afterSent, clearLocal, loadLocal, saveLocal, type Pending } from '../../client/assessment-draft.ts';
import { t } from '../../i18n/index.ts';
import { LEVEL_NAMES, type Answers, type AssessmentContent } from '../../lib/assessment/types.ts';
import type { AssessmentView } from '../../server/assessment/routes.ts';

type SaveState = 'saved' | 'saving' | 'offline' | 'error';
const SAVE_DELAY_MS = 700;

export function Questionnaire({
  q,
  draft,
  onSubmitted,
}: {
  q: AssessmentContent;
  draft: AssessmentView;
  onSubmitted: (v: AssessmentView) => void;
}) {
  const local = loadLocal(draft.id);
  const [answers, setAnswers] = useState<Answers>(() => {
    const merged: Answers = { ...draft.answers };
    for (const [id, level] of Object.entries(local.pending))
      if (level === null) delete merged[id];
      else merged[id] = level;
    return merged;
  });
  const [screen, setScreen] = useState(Math.min(local.screen, q.areas.length - 1));
  const [state, setState] = useState<SaveState>(Object.keys(local.pending).length ? 'offline' : 'saved');
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const pending = useRef<Pending>(local.pending);
  const timer = useRef<number | undefined>(undefined);
  const sending = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // timers and the 'online' listener run closures from earlier renders: the screen is read from a ref
  const screenRef = useRef(screen);

  const persist = () => saveLocal(draft.id, { pending: pending.current, screen: screenRef.current });

  async function flush() {
    window.clearTimeout(timer.current);
    if (sending.current || !Object.keys(pending.current).length) return;
    sending.current = true;
    const sent = { ...pending.current };
    let retry = false;
    setState('saving');
    try {
      await qa(`assessments/${draft.id}/answers`, { method: 'POST', body: { answers: sent } });
      pending.current = afterSent(pending.current, sent);
      persist();
      retry = Object.keys(pending.current).length > 0; // changed while this save was on its way
      setState(retry ? 'saving' : 'saved');
    } catch (err) {
      const failure = err as ApiFailure;
      setState(failure.status === 0 ? 'offline' : 'error');
      // offline: the 'online' event sends them; a server error: the next choice or the submit tries again
      if (failure.status === 409) setMessage(failure.message);
    } finally {
      sending.current = false;
    }
    if (retry) timer.current = window.setTimeout(flush, SAVE_DELAY_MS);
  }

  useEffect(() => {
    const online = () => void flush();
    window.addEventListener('online', online);
    if (Object.keys(pending.current).length) void flush();
    return () => window.removeEventListener('online', online);
  }, []);

  function choose(questionId: string, level: number) {
    setAnswers((a) => ({ ...a, [questionId]: level }));
    setMissing((m) => {
      const n = new Set(m);
      n.delete(questionId);
      return n;
    });
    pending.current = { ...pending.current, [questionId]: level };
    persist();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(flush, SAVE_DELAY_MS);
  }

  function go(next: number) {
    setScreen(next);
    screenRef.current = next;
    persist();
    void flush();
    requestAnimationFrame(() => {
      heading.current?.focus();
      heading.current?.scrollIntoView({ block: 'start' });
    });
  }

  async function submit() {
    setMessage(null);
    setSubmitting(true);
    window.clearTimeout(timer.current);
    try {
      const view = await qa(`assessments/${draft.id}/submit`, { method: 'POST', body: { answers: pending.current } });
      pending.current = {};
      clearLocal(draft.id);
      onSubmitted(view);
    } catch (err) {
      const failure = err as ApiFailure;
      if (failure.code === 'incomplete') {
        const ids = new Set(Object.keys(failure.fields));
        setMissing(ids);
        pending.current = {}; // the server kept what was sent
        persist();
        setState('saved');
        const first = q.areas.findIndex((a) => a.questions.some((x) => ids.has(x.id)));
        if (first >= 0) go(first);
      }
      setMessage(failure.status === 0 ? t('assessment.offlineSubmit') : failure.message);
    } finally {
      setSubmitting(false);
    }
  }

  const area = q.areas[screen];
  const answered = q.areas.reduce((n, a) => n + a.questions.filter((x) => answers[x.id] !== undefined).length, 0);
  const total = q.areas.reduce((n, a) => n + a.questions.length, 0);
  const last = screen === q.areas.length - 1;
  const stateText = {
    saved: t('assessment.saved'),
    saving: t('assessment.saving'),
    offline: t('assessment.savedLocally'),
    error: t('assessment.saveFailed'),
  }[state];

  return (
    <section class="assessment-form stack" aria-labelledby="area-heading" data-testid="assessment-form">
      <div class="assessment-progress">
        <p>
          {t('assessment.screenOf', { n: screen + 1, total: q.areas.length })} ·{' '}
          <span data-testid="assessment-answered">{t('assessment.answeredOf', { n: answered, total })}</span>
        </p>
        <progress max={total} value={answered} aria-label={t('assessment.answeredOf', { n: answered, total })} />
        <p class="status-line" role="status" data-testid="assessment-save-state">
          {stateText}
        </p>
      </div>
      <h2 id="area-heading" ref={heading} tabIndex={-1}>
        {area.title}
      </h2>
      {area.questions.map((question, i) => {
        const name = `q-${question.id}`;
        const isMissing = missing.has(question.id);
        return (
          <fieldset
            class={`assessment-question ${isMissing ? 'has-error' : ''}`}
            data-question={question.id}
            aria-describedby={isMissing ? `${name}-missing` : undefined}
          >
            <legend>
              {i + 1}. {question.text}
            </legend>
            {question.hint && <p class="hint">{question.hint}</p>}
            {question.levels.map((text, level) => (
              <label class="quiz-option level-option">
                <input
                  type="radio"
                  name={name}
                  value={String(level)}
                  checked={answers[question.id] === level}
                  onChange={() => choose(question.id, level)}
                />
                <span>
                  <strong>{LEVEL_NAMES[level]}</strong>
                  <br />
                  {text}
                </span>
              </label>
            ))}
            {isMissing && (
              <p class="field-error" id={`${name}-missing`}>
                {t('assessment.missing')}
              </p>
            )}
          </fieldset>
        );
      })}
      {message && (
        <p class="notice bad" role="alert" data-testid="assessment-message">
          {message}
        </p>
      )}
      <div class="assessment-nav">
        <button type="button" class="btn secondary" disabled={screen === 0} onClick={() => go(screen - 1)}>
          {t('assessment.prev')}
        </button>
        {!last && (
          <button type="button" class="btn" onClick={() => go(screen + 1)}>
            {t('assessment.next')}
          </button>
        )}
        {last && (
          <button type="button" class="btn" disabled={submitting} onClick={submit}>
            {submitting ? t('assessment.submitting') : t('assessment.submit')}
          </button>
        )}
      </div>
      <p class="hint">{t('assessment.pauseHint')}</p>
    </section>
  );
}

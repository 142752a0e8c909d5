/**
 * The helped-enterprise survey, for enterprise managers: satisfaction (5 levels), improvement effect
 * (4 levels), the improvements seen, and a comment. One answer per enterprise and year; this year's answer
 * is loaded into the form, and submitting again updates it. Checked with the server's own validateSurvey
 * before sending, so the messages are the same.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../client/api.ts';
import type { OwnSurvey } from '../server/stats.ts';
import { t } from '../i18n/index.ts';
import { EFFECT_LEVELS, IMPROVEMENT_ITEMS, SATISFACTION_LEVELS, validateSurvey, type SurveyFieldErrors } from '../lib/stats/survey.ts';
import { formatDateTime } from '../lib/stats/export.ts';

type SurveyRecord = OwnSurvey;

const COMMENT_MAX = 500;
const FIELDS = ['satisfaction', 'effect', 'improvements', 'comment'] as const;

export default function SurveyForm() {
  const [allowed, setAllowed] = useState(false);
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [effect, setEffect] = useState<number | null>(null);
  const [improvements, setImprovements] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<SurveyFieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [existing, setExisting] = useState<SurveyRecord | null>(null);
  const [sending, setSending] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const year = String(new Date().getFullYear());

  useEffect(() => {
    const user = currentUser();
    if (!user || user.role !== 'enterprise_manager') return;
    setAllowed(true);
    qa<{ survey: OwnSurvey | null }>('surveys/current')
      .then(({ survey: record }) => {
        if (!record) return;
        setExisting(record);
        setSatisfaction(record.satisfaction);
        setEffect(record.effect);
        setImprovements(record.improvements);
        setComment(record.comment ?? '');
      })
      .catch((err) => setMessage({ ok: false, text: (err as ApiFailure).message }));
  }, []);

  if (!allowed) return null;

  const aria = (name: string) => ({ 'aria-invalid': errors[name] ? ('true' as const) : undefined, 'aria-describedby': errors[name] ? `survey-${name}-error` : undefined });
  const groupAria = (name: string) => ({ 'aria-describedby': errors[name] ? `survey-${name}-error` : undefined, class: errors[name] ? 'has-error' : undefined });
  const invalid = (name: string) => (errors[name] ? ('true' as const) : undefined);
  const fieldError = (name: string) => errors[name] && <p class="field-error" id={`survey-${name}-error`}>{errors[name]}</p>;
  /** One rating scale (satisfaction 1-5, effect 1-4) as a group of radio buttons. */
  const scale = (name: string, legend: string, levels: readonly string[], value: number | null | undefined, set: (v: number) => void) => (
    <fieldset {...groupAria(name)}>
      <legend>{legend}</legend>
      {levels.map((label, i) => (
        <label class="quiz-option">
          <input type="radio" aria-invalid={invalid(name)} name={name} value={String(i + 1)} checked={value === i + 1} onChange={() => set(i + 1)} />
          <span>{label}</span>
        </label>
      ))}
      {fieldError(name)}
    </fieldset>
  );

  function focusFirstError(found: SurveyFieldErrors) {
    const first = FIELDS.find((f) => found[f]);
    if (!first) return;
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus());
  }

  async function submit(e: Event) {
    e.preventDefault();
    setMessage(null);
    const input = { satisfaction: satisfaction ?? undefined, effect: effect ?? undefined, improvements, comment };
    const checked = validateSurvey(input);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage({ ok: false, text: t('survey.fixErrors') });
      focusFirstError(checked.errors);
      return;
    }
    setErrors({});
    setSending(true);
    try {
      await qa<{ id: string; year: string; saved: boolean }>('surveys', { method: 'POST', body: checked.value });
      setMessage({ ok: true, text: existing ? t('survey.updated', { year }) : t('survey.saved', { year }) });
      setExisting({ id: '', year, ...checked.value, updated: new Date().toISOString() });
    } catch (err) {
      const failure = err as ApiFailure;
      setErrors(failure.fields);
      setMessage({ ok: false, text: failure.message });
      focusFirstError(failure.fields);
    } finally {
      setSending(false);
    }
  }

  const toggle = (item: string, on: boolean) => setImprovements((list) => (on ? [...list.filter((i) => i !== item), item] : list.filter((i) => i !== item)));
  const commentLength = Array.from(comment).length;

  return (
    <section class="survey" aria-labelledby="survey-heading" data-testid="survey-form">
      <h2 id="survey-heading">{t('survey.title', { year })}</h2>
      <p>{t('survey.intro')}</p>
      {existing && existing.updated && <p class="notice" data-testid="survey-existing">{t('survey.existing', { time: formatDateTime(existing.updated) })}</p>}
      <form class="stack survey-form" ref={form} noValidate onSubmit={submit}>
        {scale('satisfaction', t('survey.satisfaction'), SATISFACTION_LEVELS, satisfaction, setSatisfaction)}
        {scale('effect', t('survey.effect'), EFFECT_LEVELS, effect, setEffect)}
        <fieldset {...groupAria('improvements')}>
          <legend>{t('survey.improvements')}</legend>
          <div class="survey-items">
            {Object.entries(IMPROVEMENT_ITEMS).map(([item, label]) => (
              <label class="quiz-option">
                <input type="checkbox" name="improvements" value={item} checked={improvements.includes(item)} onChange={(e) => toggle(item, e.currentTarget.checked)} />
                <span>{label}</span>
              </label>
            ))}
          </div>
          {fieldError('improvements')}
        </fieldset>
        <label for="survey-comment">
          {t('survey.comment')}
          <span class="hint">{t('survey.commentHint', { max: COMMENT_MAX })}</span>
          <textarea id="survey-comment" name="comment" rows={4} value={comment} onInput={(e) => setComment(e.currentTarget.value)} {...aria('comment')} />
          <span class="hint">{t('survey.commentCount', { n: commentLength, max: COMMENT_MAX })}</span>
        </label>
        {fieldError('comment')}
        {message && <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'} data-testid="survey-message">{message.text}</p>}
        <div>
          <button class="btn" type="submit" disabled={sending}>{sending ? t('survey.sending') : existing ? t('survey.update') : t('survey.submit')}</button>
        </div>
      </form>
    </section>
  );
}

/**
 * The helped-enterprise survey, for enterprise managers, in the programme's own instrument: overall
 * satisfaction (5 levels), effect (4 levels), what improved with an optional size of change for the
 * measurable items, satisfaction with the body's follow-up service, and whether government support needs
 * improvement. One answer per enterprise and year; this year's answer is loaded into the form, and
 * submitting again updates it. Checked with the server's own validateSurvey before sending.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentUser, qa, toFailure, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import {
  EFFECT_LEVELS,
  GOV_SUPPORT,
  GOV_SUPPORT_AREAS,
  IMPROVEMENT_ITEMS,
  MEASURABLE_ITEMS,
  SATISFACTION_LEVELS,
  validateSurvey,
  type GovSupport,
  type SurveyFieldErrors,
} from '../lib/survey/instrument.ts';
import { formatDateTime } from '../lib/format.ts';

const COMMENT_MAX = 500;
const FIELDS = [
  'satisfaction',
  'effect',
  'improvements',
  ...MEASURABLE_ITEMS.map((m) => `changes.${m}`),
  'followUp',
  'govSupport',
  'govSupportAreas',
  'comment',
];
const isMeasurable = (item: string) => (MEASURABLE_ITEMS as readonly string[]).includes(item);

export default function SurveyForm() {
  const [allowed, setAllowed] = useState(false);
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [effect, setEffect] = useState<number | null>(null);
  const [followUp, setFollowUp] = useState<number | null>(null);
  const [improvements, setImprovements] = useState<string[]>([]);
  const [changes, setChanges] = useState<Record<string, string>>({});
  const [govSupport, setGovSupport] = useState<GovSupport | null>(null);
  const [govAreas, setGovAreas] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<SurveyFieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [existing, setExisting] = useState<{ updated: string; instrument: number } | null>(null);
  const [sending, setSending] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const year = String(new Date().getFullYear());

  useEffect(() => {
    const user = currentUser();
    if (user?.role !== 'enterprise_manager') return;
    setAllowed(true);
    qa('surveys/mine')
      .then(({ answer }) => {
        if (!answer) return;
        setExisting({ updated: answer.updated, instrument: answer.instrument });
        setSatisfaction(answer.satisfaction);
        setEffect(answer.effect);
        setFollowUp(answer.followUp);
        setImprovements(answer.improvements);
        setChanges(Object.fromEntries(Object.entries(answer.changes).map(([k, v]) => [k, String(v)])));
        setGovSupport(answer.govSupport);
        setGovAreas(answer.govSupportAreas);
        setComment(answer.comment ?? '');
      })
      .catch((err) => setMessage({ ok: false, text: (err as ApiFailure).message ?? toFailure(err).message }));
  }, []);

  if (!allowed) return null;

  const errorId = (name: string) => `survey-${name.replace('.', '-')}-error`;
  const groupAria = (name: string) => ({
    'aria-describedby': errors[name] ? errorId(name) : undefined,
    class: errors[name] ? 'has-error' : undefined,
  });
  const invalid = (name: string) => (errors[name] ? ('true' as const) : undefined);
  const fieldError = (name: string) =>
    errors[name] && (
      <p class="field-error" id={errorId(name)}>
        {errors[name]}
      </p>
    );
  /** One rating scale as radio buttons, best level first as the programme's form lists them. */
  const scale = (name: string, legend: string, levels: readonly string[], value: number | null, set: (v: number) => void) => (
    <fieldset {...groupAria(name)}>
      <legend>{legend}</legend>
      {levels
        .map((label, i) => ({ label, level: i + 1 }))
        .reverse()
        .map(({ label, level }) => (
          <label class="quiz-option">
            <input
              type="radio"
              aria-invalid={invalid(name)}
              name={name}
              value={String(level)}
              checked={value === level}
              onChange={() => set(level)}
            />
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
    const input = {
      satisfaction: satisfaction ?? undefined,
      effect: effect ?? undefined,
      followUp: followUp ?? undefined,
      improvements,
      changes: Object.fromEntries(
        Object.entries(changes)
          .filter(([k, v]) => v.trim() !== '' && improvements.includes(k))
          .map(([k, v]) => [k, v.trim()]),
      ),
      govSupport: govSupport ?? undefined,
      govSupportAreas: govAreas,
      comment,
    };
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
      await qa('surveys', { method: 'POST', body: checked.value });
      setMessage({ ok: true, text: existing ? t('survey.updated', { year }) : t('survey.saved', { year }) });
      setExisting({ updated: new Date().toISOString(), instrument: 2 });
    } catch (err) {
      const failure = err as ApiFailure;
      setErrors(failure.fields);
      setMessage({ ok: false, text: failure.message });
      focusFirstError(failure.fields);
    } finally {
      setSending(false);
    }
  }

  const toggle = (list: string[], item: string, on: boolean) =>
    on ? [...list.filter((i) => i !== item), item] : list.filter((i) => i !== item);
  const commentLength = Array.from(comment).length;

  return (
    <section class="survey" aria-labelledby="survey-heading" data-testid="survey-form">
      <h2 id="survey-heading">{t('survey.title', { year })}</h2>
      <p>{t('survey.intro')}</p>
      {existing && (
        <p class="notice" data-testid="survey-existing">
          {t('survey.existing', { time: formatDateTime(existing.updated) })}
        </p>
      )}
      {existing?.instrument === 1 && <p class="notice warn">{t('survey.oldForm')}</p>}
      <form class="stack survey-form" ref={form} noValidate onSubmit={submit}>
        {scale('satisfaction', t('survey.satisfaction'), SATISFACTION_LEVELS, satisfaction, setSatisfaction)}
        {scale('effect', t('survey.effect'), EFFECT_LEVELS, effect, setEffect)}
        <fieldset {...groupAria('improvements')}>
          <legend>{t('survey.improvements')}</legend>
          <p class="hint">{t('survey.changeHint')}</p>
          <div class="survey-items">
            {Object.entries(IMPROVEMENT_ITEMS).map(([item, label]) => {
              const on = improvements.includes(item);
              const field = `changes.${item}`;
              return (
                <div class="survey-item">
                  <label class="quiz-option">
                    <input
                      type="checkbox"
                      name="improvements"
                      value={item}
                      checked={on}
                      onChange={(e) => setImprovements((l) => toggle(l, item, e.currentTarget.checked))}
                    />
                    <span>{label}</span>
                  </label>
                  {isMeasurable(item) && on && (
                    <label class="survey-change">
                      <span>{t('survey.changeLabel', { item: label })}</span>
                      <input
                        type="text"
                        inputMode="decimal"
                        name={field}
                        size={6}
                        value={changes[item] ?? ''}
                        placeholder="17.8"
                        aria-invalid={invalid(field)}
                        aria-describedby={errors[field] ? errorId(field) : undefined}
                        onInput={(e) => {
                          const v = e.currentTarget.value;
                          setChanges((c) => ({ ...c, [item]: v }));
                        }}
                      />
                      <span aria-hidden="true">%</span>
                    </label>
                  )}
                  {fieldError(field)}
                </div>
              );
            })}
          </div>
          {fieldError('improvements')}
        </fieldset>
        {scale('followUp', t('survey.followUp'), SATISFACTION_LEVELS, followUp, setFollowUp)}
        <fieldset {...groupAria('govSupport')}>
          <legend>{t('survey.govSupport')}</legend>
          {(Object.entries(GOV_SUPPORT) as [GovSupport, string][]).map(([value, label]) => (
            <label class="quiz-option">
              <input
                type="radio"
                name="govSupport"
                value={value}
                aria-invalid={invalid('govSupport')}
                checked={govSupport === value}
                onChange={() => setGovSupport(value)}
              />
              <span>{label}</span>
            </label>
          ))}
          {govSupport === 'needs_improvement' && (
            <div class="survey-items" role="group" aria-label={t('survey.govSupportAreas')}>
              <p class="hint">{t('survey.govSupportAreas')}</p>
              {Object.entries(GOV_SUPPORT_AREAS).map(([area, label]) => (
                <label class="quiz-option">
                  <input
                    type="checkbox"
                    name="govSupportAreas"
                    value={area}
                    checked={govAreas.includes(area)}
                    onChange={(e) => setGovAreas((l) => toggle(l, area, e.currentTarget.checked))}
                  />
                  <span>{label}</span>
                </label>
              ))}
            </div>
          )}
          {fieldError('govSupport')}
          {fieldError('govSupportAreas')}
        </fieldset>
        <label for="survey-comment">
          {t('survey.comment')}
          <span class="hint">{t('survey.commentHint', { max: COMMENT_MAX })}</span>
          <textarea
            id="survey-comment"
            name="comment"
            rows={4}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
            aria-invalid={invalid('comment')}
            aria-describedby={errors.comment ? errorId('comment') : undefined}
          />
          <span class="hint">{t('survey.commentCount', { n: commentLength, max: COMMENT_MAX })}</span>
        </label>
        {fieldError('comment')}
        {message && (
          <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'} data-testid="survey-message">
            {message.text}
          </p>
        )}
        <div>
          <button class="btn" type="submit" disabled={sending}>
            {sending ? t('survey.sending') : existing ? t('survey.update') : t('survey.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

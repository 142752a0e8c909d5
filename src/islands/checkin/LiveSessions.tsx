import { useEffect, useRef, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import { formatDateTime } from '../../lib/format.ts';
import { beijingMinute, FORMAT_LABELS, SESSION_FORMATS } from '../../lib/checkin/rules.ts';
import type { LiveSessionSummary } from '../../server/checkin/trainer.ts';
import type { TrainerCourse } from '../../server/trainer/analytics.ts';

/** "YYYY-MM-DDTHH:mm" in Beijing time, for <input type="datetime-local">, rounded to 5 minutes. */
const localInput = (ms: number) => beijingMinute(Math.round(ms / 300_000) * 300_000).replace(' ', 'T');

export const projectorHref = (id: string) => routes.trainerLive(id);

/**
 * On the trainer's page: plan an in-person session with QR check-in (course, time, place, enterprise or open,
 * capacity, format), and the list of the trainer's live sessions with a link to each one's projector view.
 */
export default function LiveSessions() {
  const [courses, setCourses] = useState<TrainerCourse[] | null>(null);
  const [sessions, setSessions] = useState<LiveSessionSummary[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The form opens on demand: the page's main task stays recording past sessions, and labels do not repeat.
  const [planning, setPlanning] = useState(false);

  async function load() {
    try {
      const [c, s] = await Promise.all([qa('trainer/courses'), qa('trainer/live-sessions')]);
      setCourses(c.courses);
      setSessions(s.sessions);
    } catch (err) {
      setMessage((err as ApiFailure).message);
    }
  }
  const [isTrainer, setIsTrainer] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // a refused form: the cursor goes to the first field to correct (the busy button had dropped it)
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  useEffect(() => {
    if (currentUser()?.role !== 'trainer') return;
    setIsTrainer(true);
    void load();
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const created = await qa('trainer/live-sessions', { method: 'POST', body: { ...data, capacity: Number(data.capacity) } });
      window.location.href = projectorHref(created.id);
    } catch (err) {
      const failure = err as ApiFailure;
      setErrors(failure.fields);
      setMessage(failure.message);
    } finally {
      setBusy(false);
    }
  }

  if (!isTrainer) return null;
  const field = (name: string) =>
    errors[name] ? (
      <span class="field-error" id={`live-${name}-error`}>
        {errors[name]}
      </span>
    ) : null;
  const aria = (name: string) => ({
    'aria-invalid': errors[name] ? (true as const) : undefined,
    'aria-describedby': errors[name] ? `live-${name}-error` : undefined,
  });
  const now = Date.now();
  return (
    <section class="live-sessions" aria-labelledby="live-title">
      <h2 id="live-title">{t('checkin.trainer.title')}</h2>
      <p>{t('checkin.trainer.lead')}</p>
      {message && (
        <p class="notice bad" role="alert">
          {message}
        </p>
      )}
      {courses && courses.length === 0 && <p class="notice warn">{t('checkin.trainer.noCourses')}</p>}
      {courses && courses.length > 0 && !planning && (
        <p>
          <button class="btn" type="button" onClick={() => setPlanning(true)}>
            {t('checkin.trainer.plan')}
          </button>
        </p>
      )}
      {courses && courses.length > 0 && planning && (
        <form class="stack live-form" ref={formRef} onSubmit={submit} noValidate data-testid="live-form">
          <label>
            {t('trainer.course')}
            <select name="course" {...aria('course')}>
              {courses.map((c) => (
                <option value={c.id}>{c.title}</option>
              ))}
            </select>
            {field('course')}
          </label>
          <label>
            {t('checkin.trainer.titleField')}
            <span class="hint">{t('checkin.trainer.titleHint')}</span>
            <input name="title" maxLength={100} {...aria('title')} />
            {field('title')}
          </label>
          <fieldset>
            <legend>{t('checkin.trainer.format')}</legend>
            {SESSION_FORMATS.map((f, i) => (
              <label class="inline">
                <input type="radio" name="format" value={f} checked={i === 0} /> {FORMAT_LABELS[f]}
              </label>
            ))}
            {field('format')}
          </fieldset>
          <div class="live-times">
            <label>
              {t('checkin.trainer.start')}
              <input name="start" type="datetime-local" value={localInput(now + 600_000)} {...aria('start')} />
              {field('start')}
            </label>
            <label>
              {t('checkin.trainer.end')}
              <input name="end" type="datetime-local" value={localInput(now + 600_000 + 2 * 3_600_000)} {...aria('end')} />
              {field('end')}
            </label>
          </div>
          <p class="hint">{t('checkin.trainer.timeHint')}</p>
          <label>
            {t('checkin.trainer.location')}
            <input name="location" maxLength={100} placeholder={t('checkin.trainer.locationPlaceholder')} {...aria('location')} />
            {field('location')}
          </label>
          <label>
            {t('checkin.trainer.capacity')}
            <input name="capacity" type="number" inputMode="numeric" min={1} max={500} value="40" {...aria('capacity')} />
            {field('capacity')}
          </label>
          <label>
            {t('checkin.trainer.uscc')}
            <span class="hint">{t('checkin.trainer.usccHint')}</span>
            <input name="uscc" maxLength={40} autoComplete="off" {...aria('uscc')} />
            {field('uscc')}
          </label>
          <button class="btn" type="submit" disabled={busy}>
            {t('checkin.trainer.create')}
          </button>
        </form>
      )}
      {sessions.length > 0 && (
        <div class="table-scroll">
          <table class="live-list" data-testid="live-list">
            <thead>
              <tr>
                <th scope="col">{t('checkin.trainer.start')}</th>
                <th scope="col">{t('checkin.trainer.titleField')}</th>
                <th scope="col">{t('checkin.trainer.checkedIn')}</th>
                <th scope="col">{t('checkin.trainer.state')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr>
                  <td>{formatDateTime(s.startsAt)}</td>
                  <td>
                    <a href={projectorHref(s.id)}>{s.title}</a>
                    <br />
                    <span class="hint">
                      {FORMAT_LABELS[s.format]} · {s.location}
                    </span>
                  </td>
                  <td>
                    {s.checkedIn} / {s.capacity}
                  </td>
                  <td>
                    {s.closed
                      ? t('checkin.state.closed')
                      : s.window.open
                        ? t('checkin.state.open')
                        : s.window.code === 'not_yet_open'
                          ? t('checkin.state.planned')
                          : t('checkin.state.ended')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

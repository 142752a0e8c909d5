import { useEffect, useRef, useState } from 'preact/hooks';
import { currentUser, newKey, qa, type ApiFailure } from '../client/api.ts';
import { t, type UiKey } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatDateZh } from '../lib/format.ts';
import type { RecordSessionResponse, SessionSummary } from '../server/sessions.ts';

type Session = SessionSummary;
/** The last recording: what happened to each attendee, and the entries that matched nobody. */
interface Outcome {
  session: Session | null;
  response: RecordSessionResponse;
}

const RESULT_LABEL: Record<RecordSessionResponse['attendees'][number]['result'], UiKey> = {
  created: 'trainer.result.created',
  alreadyComplete: 'trainer.result.alreadyComplete',
  alreadyInSession: 'trainer.result.alreadyInSession',
};

/**
 * A trainer records an in-person session; attendees (by e-mail, mobile number or name) get in-person
 * completions and certificates. Afterwards the form shows who was recorded and who was not, with the
 * reason, and takes corrections for the same session.
 */
export default function TrainerSessions(props: { courses: { id: string; title: string }[] }) {
  const [sessions, setSessions] = useState<Session[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [correction, setCorrection] = useState('');
  /** the courses this trainer looks after (the server refuses the others); null until known */
  const [mine, setMine] = useState<Set<string> | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  // One key per new session until it is saved: pressing the button again after a lost answer finds the session
  // the first press saved instead of recording the training twice.
  const sessionKey = useRef(newKey());
  const titleOf = (id: string) => props.courses.find((c) => c.id === id)?.title ?? id;

  async function load(): Promise<Session[]> {
    try {
      const list = (await qa('sessions')).sessions;
      setSessions(list);
      return list;
    } catch (err) {
      setMessage({ tone: 'bad', text: (err as ApiFailure).message });
      return [];
    }
  }
  useEffect(() => {
    const user = currentUser();
    if (!user) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent('/trainer/')}`;
      return;
    }
    if (user.role !== 'trainer') {
      setMessage({ tone: 'bad', text: t('trainer.onlyTrainers') });
      return;
    }
    void load();
    qa('trainer/courses').then(
      (reply) => setMine(new Set(reply.courses.map((c) => c.id))),
      () => setMine(null),
    );
  }, []);
  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  async function send(body: Record<string, unknown>, form?: HTMLFormElement) {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const response = await qa('sessions', { method: 'POST', body: body.session ? body : { ...body, key: sessionKey.current } });
      if (!body.session) sessionKey.current = newKey();
      form?.reset();
      const list = await load();
      setOutcome({ session: list.find((s) => s.id === response.session) ?? null, response });
      setCorrection(response.rejected.map((r) => r.input).join('\n'));
    } catch (err) {
      const failure = err as ApiFailure;
      setErrors(failure.fields);
      setMessage({ tone: 'bad', text: failure.message });
    } finally {
      setBusy(false);
    }
  }

  function submit(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    void send(data, form);
  }

  function submitCorrection(event: Event) {
    event.preventDefault();
    if (outcome) void send({ session: outcome.response.session, attendees: correction });
  }

  const field = (name: string) =>
    errors[name] ? (
      <span class="field-error" id={`session-${name}-error`}>
        {errors[name]}
      </span>
    ) : null;
  const aria = (name: string) => ({
    'aria-invalid': errors[name] ? (true as const) : undefined,
    'aria-describedby': errors[name] ? `session-${name}-error` : undefined,
  });
  const r = outcome?.response;
  const created = r?.attendees.filter((a) => a.result === 'created').length ?? 0;
  const already = r?.attendees.filter((a) => a.result !== 'created').length ?? 0;
  return (
    <div>
      {message && (
        <p class={`notice ${message.tone}`} role={message.tone === 'bad' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {r && (
        <section
          class="session-outcome"
          data-testid="session-outcome"
          tabIndex={-1}
          ref={resultRef}
          aria-labelledby="session-outcome-title"
        >
          <h2 id="session-outcome-title">{t('trainer.outcomeTitle', { title: outcome!.session?.title ?? '' })}</h2>
          <p class="notice ok" role="status">
            {t('trainer.recorded', { created, already })}
          </p>
          {r.attendees.length > 0 && (
            <table class="session-attendees" data-testid="session-attendees">
              <caption class="visually-hidden">{t('trainer.attendeeList')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('auth.name')}</th>
                  <th scope="col">{t('trainer.enterprise')}</th>
                  <th scope="col">{t('trainer.resultColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {r.attendees.map((a) => (
                  <tr>
                    <th scope="row">{a.name}</th>
                    <td>{a.enterprise}</td>
                    <td>{t(RESULT_LABEL[a.result])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {r.rejected.length > 0 && (
            <div class="notice warn" data-testid="session-rejected">
              <h3>{t('trainer.rejectedTitle', { n: r.rejected.length })}</h3>
              <ul>
                {r.rejected.map((x) => (
                  <li>
                    <strong>{x.input}</strong>：{x.reason}
                  </li>
                ))}
              </ul>
              <form class="stack" onSubmit={submitCorrection} noValidate>
                <label>
                  {t('trainer.correctLabel')}
                  <span class="hint">{t('trainer.correctHint')}</span>
                  <textarea
                    rows={Math.min(8, Math.max(2, r.rejected.length + 1))}
                    value={correction}
                    onInput={(e) => setCorrection(e.currentTarget.value)}
                  />
                </label>
                <button class="btn" type="submit" disabled={busy || !correction.trim()}>
                  {t('trainer.correctSubmit')}
                </button>
              </form>
            </div>
          )}
        </section>
      )}
      <h2>{t('trainer.newSession')}</h2>
      <form class="stack" onSubmit={submit} noValidate>
        <label>
          {t('trainer.course')}
          <select name="course" required {...aria('course')}>
            {props.courses
              .filter((c) => !mine || mine.has(c.id))
              .map((c) => (
                <option value={c.id}>{c.title}</option>
              ))}
          </select>
          {field('course')}
        </label>
        <label>
          {t('trainer.title')}
          <input name="title" required maxLength={100} {...aria('title')} />
          {field('title')}
        </label>
        <label>
          {t('trainer.heldOn')}
          <input name="heldOn" type="date" required {...aria('heldOn')} />
          {field('heldOn')}
        </label>
        <label>
          {t('trainer.location')}
          <input name="location" maxLength={100} />
        </label>
        <label>
          {t('trainer.attendees')}
          <span class="hint">{t('trainer.attendeesHint')}</span>
          <textarea name="attendees" rows={5} required {...aria('attendees')} />
          {field('attendees')}
        </label>
        <button class="btn" type="submit" disabled={busy}>
          {t('trainer.record')}
        </button>
      </form>
      <h2>{t('trainer.mySessions')}</h2>
      {sessions.length === 0 ? (
        <p>{t('trainer.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('trainer.heldOn')}</th>
              <th>{t('trainer.title')}</th>
              <th>{t('trainer.course')}</th>
              <th>{t('trainer.count')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>{formatDateZh(s.heldOn)}</td>
                <td>
                  {s.title}
                  {s.location && `（${s.location}）`}
                </td>
                <td>{titleOf(s.course)}</td>
                <td>{s.attendeeCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

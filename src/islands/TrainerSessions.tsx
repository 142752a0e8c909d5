import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatDateZh } from '../lib/format.ts';
import type { RejectedAttendee, SessionRecorded, SessionSummary } from '../server/sessions.ts';

/** A trainer records an in-person session; attendees get in-person completions and certificates. */
export default function TrainerSessions(props: { courses: { id: string; title: string }[] }) {
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  const [rejected, setRejected] = useState<RejectedAttendee[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const titleOf = (id: string) => props.courses.find((c) => c.id === id)?.title ?? id;

  async function load() {
    try {
      setSessions((await qa<{ sessions: SessionSummary[] }>('sessions')).sessions);
    } catch (err) {
      setMessage({ tone: 'bad', text: (err as ApiFailure).message });
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
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const attendees = data.attendees.split(/[\s,，;；]+/).filter(Boolean);
    setBusy(true);
    setErrors({});
    setMessage(null);
    setRejected([]);
    try {
      const result = await qa<SessionRecorded>('sessions', { method: 'POST', body: { ...data, attendees } });
      setMessage({ tone: 'ok', text: t('trainer.recorded', { created: result.created.length, already: result.alreadyComplete.length }) });
      setRejected(result.rejected);
      form.reset();
      void load();
    } catch (err) {
      const failure = err as ApiFailure;
      setErrors(failure.fields);
      setMessage({ tone: 'bad', text: failure.message });
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string) => (errors[name] ? <span class="field-error">{errors[name]}</span> : null);
  return (
    <div>
      {message && <p class={`notice ${message.tone}`} role={message.tone === 'bad' ? 'alert' : 'status'}>{message.text}</p>}
      {rejected.length > 0 && (
        <div class="notice bad" role="alert" data-testid="rejected-attendees">
          <p>{t('trainer.rejected', { n: rejected.length })}</p>
          <ul>{rejected.map((r) => <li>{r.email}：{r.message}</li>)}</ul>
        </div>
      )}
      <form class="stack" onSubmit={submit} noValidate>
        <label>{t('trainer.course')}
          <select name="course" required>{props.courses.map((c) => <option value={c.id}>{c.title}</option>)}</select>
          {field('course')}
        </label>
        <label>{t('trainer.title')}<input name="title" required maxLength={100} />{field('title')}</label>
        <label>{t('trainer.heldOn')}<input name="heldOn" type="date" required />{field('heldOn')}</label>
        <label>{t('trainer.location')}<input name="location" maxLength={100} /></label>
        <label>{t('trainer.attendees')}<span class="hint">{t('trainer.attendeesHint')}</span><textarea name="attendees" rows={5} required />{field('attendees')}</label>
        <button class="btn" type="submit" disabled={busy}>{t('trainer.record')}</button>
      </form>
      <h2>{t('trainer.mySessions')}</h2>
      {sessions.length === 0 ? <p>{t('trainer.none')}</p> : (
        <table>
          <thead><tr><th>{t('trainer.heldOn')}</th><th>{t('trainer.title')}</th><th>{t('trainer.course')}</th><th>{t('trainer.count')}</th></tr></thead>
          <tbody>{sessions.map((s) => <tr><td>{formatDateZh(s.heldOn)}</td><td>{s.title}{s.location && `（${s.location}）`}</td><td>{titleOf(s.course)}</td><td>{s.attendeeCount}</td></tr>)}</tbody>
        </table>
      )}
    </div>
  );
}

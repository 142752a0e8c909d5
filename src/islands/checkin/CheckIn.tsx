import { useEffect, useRef, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { routes } from '../../lib/routes.ts';
import { FORMAT_LABELS } from '../../lib/checkin/rules.ts';
import type { CheckinConfirmResponse, CheckinOpenResponse } from '../../server/checkin/attend.ts';

type Stage =
  | { kind: 'code' }
  | { kind: 'opening' }
  | { kind: 'ready'; open: CheckinOpenResponse }
  | { kind: 'done'; result: CheckinConfirmResponse }
  | { kind: 'refused'; message: string };

// Signing in from the check-in page leaves it: the ticket (valid a few minutes, not extended) waits in this tab's
// session storage so that the attendee comes back to one tap instead of scanning or typing the code again.
const PENDING_TICKET = 'qa.checkin.ticket';

function keepPendingTicket(ticket: string) {
  try {
    sessionStorage.setItem(PENDING_TICKET, ticket);
  } catch {
    // storage refused (private mode): the attendee scans or types the code again, as before
  }
}

function takePendingTicket(): string | null {
  try {
    const ticket = sessionStorage.getItem(PENDING_TICKET);
    sessionStorage.removeItem(PENDING_TICKET);
    return ticket;
  } catch {
    return null;
  }
}

/**
 * The attendee's check-in page (/checkin/), on a phone: the scanned QR code opens it with ?s=&c=; otherwise it
 * asks for the 6-digit code on the screen. Signed in: one tap. Not signed in: name, mobile number and enterprise
 * credit code, with consent to the privacy notice as at registration.
 */
export default function CheckIn() {
  const [stage, setStage] = useState<Stage>({ kind: 'opening' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [signedIn, setSignedIn] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // a refused code or form: the cursor goes to the first field to correct (the busy button had dropped it)
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  async function openWith(body: Record<string, string>) {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      setStage({ kind: 'ready', open: await qa('checkins/open', { method: 'POST', body }) });
    } catch (err) {
      const failure = err as ApiFailure;
      if (body.code !== undefined && failure.status === 400) {
        setErrors(failure.fields);
        setMessage(failure.message);
        setStage({ kind: 'code' });
      } else setStage({ kind: 'refused', message: failure.message });
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    setSignedIn(Boolean(currentUser()));
    const params = new URLSearchParams(window.location.search);
    const s = params.get('s');
    const c = params.get('c');
    const pending = takePendingTicket();
    if (s && c) {
      // The code is spent once read: keep it out of the address bar, bookmarks and screenshots of the page.
      window.history.replaceState(null, '', window.location.pathname);
      void openWith({ s, c });
    } else if (pending) void openWith({ ticket: pending });
    else setStage({ kind: 'code' });
  }, []);

  async function confirm(body: Record<string, unknown>) {
    if (stage.kind !== 'ready') return;
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      setStage({ kind: 'done', result: await qa('checkins/confirm', { method: 'POST', body: { ticket: stage.open.ticket, ...body } }) });
    } catch (err) {
      const failure = err as ApiFailure;
      if (failure.status === 400 && Object.keys(failure.fields).length) {
        setErrors(failure.fields);
        setMessage(failure.message);
      } else setStage({ kind: 'refused', message: failure.message });
    } finally {
      setBusy(false);
    }
  }

  function submitCode(event: Event) {
    event.preventDefault();
    void openWith({ code: String(new FormData(event.currentTarget as HTMLFormElement).get('code') ?? '') });
  }

  function submitForm(event: Event) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement)) as Record<string, string>;
    void confirm({ name: data.name, phone: data.phone, uscc: data.uscc, consent: data.consent === 'on' });
  }

  // the banner only when it says more than the field messages (a wrong code was shown twice)
  const notice = message && !Object.values(errors).includes(message) ? message : null;
  const field = (name: string) =>
    errors[name] ? (
      <span class="field-error" id={`checkin-${name}-error`}>
        {errors[name]}
      </span>
    ) : null;
  const aria = (name: string) => ({
    'aria-invalid': errors[name] ? (true as const) : undefined,
    'aria-describedby': errors[name] ? `checkin-${name}-error` : undefined,
  });
  if (stage.kind === 'opening') return <p role="status">{t('checkin.loading')}</p>;
  if (stage.kind === 'refused') {
    return (
      <div class="checkin-result checkin-refused" data-testid="checkin-refused">
        <p class="notice bad" role="alert">
          {stage.message}
        </p>
        <p>
          <a class="btn secondary" href="/checkin/">
            {t('checkin.typeCode')}
          </a>
        </p>
      </div>
    );
  }
  if (stage.kind === 'done') {
    const r = stage.result;
    return (
      <div class="checkin-result checkin-done" data-testid="checkin-done">
        <p class="checkin-tick" aria-hidden="true">
          ✓
        </p>
        <h2 role="status">{r.message}</h2>
        <p>{t('checkin.doneFor', { name: r.name })}</p>
        <p class="hint">
          {r.session.title} · {r.session.location}
        </p>
        <p class="hint">{t('checkin.doneNext')}</p>
        {signedIn && (
          <p>
            <a href={routes.me()}>{t('checkin.myLearning')}</a>
          </p>
        )}
      </div>
    );
  }
  if (stage.kind === 'code') {
    return (
      <form class="stack checkin-code" ref={formRef} onSubmit={submitCode} noValidate>
        {notice && (
          <p class="notice bad" role="alert">
            {notice}
          </p>
        )}
        <p>{t('checkin.codeLead')}</p>
        <label>
          {t('checkin.codeLabel')}
          <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={12} placeholder="123 456" {...aria('code')} />
          {field('code')}
        </label>
        <button class="btn" type="submit" disabled={busy}>
          {t('checkin.next')}
        </button>
      </form>
    );
  }
  const s = stage.open.session;
  const me = stage.open.me;
  return (
    <div class="checkin-ready">
      <dl class="checkin-facts">
        <div>
          <dt>{t('checkin.fact.session')}</dt>
          <dd>{s.title}</dd>
        </div>
        <div>
          <dt>{t('checkin.fact.course')}</dt>
          <dd>
            {s.courseTitle}（{FORMAT_LABELS[s.format]}）
          </dd>
        </div>
        <div>
          <dt>{t('checkin.fact.time')}</dt>
          <dd>
            {formatDateTime(s.startsAt)}–{formatDateTime(s.endsAt).slice(11)}
          </dd>
        </div>
        <div>
          <dt>{t('checkin.fact.place')}</dt>
          <dd>{s.location}</dd>
        </div>
        {s.enterpriseName && (
          <div>
            <dt>{t('checkin.fact.for')}</dt>
            <dd>{s.enterpriseName}</dd>
          </div>
        )}
      </dl>
      {notice && (
        <p class="notice bad" role="alert">
          {notice}
        </p>
      )}
      {me ? (
        <div class="stack">
          <p>{me.checkedIn ? t('checkin.alreadyAs', { name: me.name }) : t('checkin.as', { name: me.name })}</p>
          <button class="btn checkin-go" type="button" disabled={busy} onClick={() => void confirm({})} data-testid="checkin-go">
            {t('checkin.go')}
          </button>
        </div>
      ) : (
        <form class="stack" ref={formRef} onSubmit={submitForm} noValidate data-testid="checkin-form">
          <p>
            {t('checkin.formLead')}{' '}
            <a href={`${routes.login()}?next=${encodeURIComponent('/checkin/')}`} onClick={() => keepPendingTicket(stage.open.ticket)}>
              {t('checkin.login')}
            </a>
          </p>
          <label>
            {t('auth.name')}
            <input name="name" autoComplete="name" maxLength={40} {...aria('name')} />
            {field('name')}
          </label>
          <label>
            {t('checkin.phone')}
            <input name="phone" type="tel" inputMode="tel" autoComplete="tel" maxLength={20} {...aria('phone')} />
            {field('phone')}
          </label>
          <label>
            {t('checkin.uscc')}
            <span class="hint">{t('checkin.usccHint')}</span>
            <input name="uscc" autoComplete="off" maxLength={40} {...aria('uscc')} />
            {field('uscc')}
          </label>
          <div class="consent">
            <input type="checkbox" id="checkin-consent" name="consent" {...aria('consent')} />
            <label for="checkin-consent">
              {t('auth.consentBefore')}
              <a href={routes.privacy()} target="_blank" rel="noopener">
                {t('privacy.title')}
              </a>
              {t('auth.consentAfter')}
            </label>
            {field('consent')}
          </div>
          <button class="btn checkin-go" type="submit" disabled={busy}>
            {t('checkin.go')}
          </button>
        </form>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { qrMatrix, qrSvgPath, QR_QUIET } from '../../client/certificate-qr.ts';
import { t, type UiKey } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { routes } from '../../lib/routes.ts';
import { FORMAT_LABELS } from '../../lib/checkin/rules.ts';
import type { CloseLiveSessionResponse, LiveSessionDetail } from '../../server/checkin/trainer.ts';

/** How often the projector asks for the current code and the list: well inside the 10-second code step. */
const POLL_MS = 2_500;

function Qr(props: { text: string }) {
  const m = qrMatrix(props.text);
  const side = m.size + 2 * QR_QUIET;
  return (
    <svg
      class="live-qr"
      viewBox={`0 0 ${side} ${side}`}
      role="img"
      aria-label={t('checkin.projector.qrLabel')}
      data-testid="live-qr"
      data-url={props.text}
      shape-rendering="crispEdges"
    >
      <rect width={side} height={side} fill="#fff" />
      <path d={qrSvgPath(m)} fill="#000" />
    </svg>
  );
}

/**
 * The projector view of one live session: a big QR code that changes every 10 seconds, the 6-digit code for
 * halls where phones cannot scan, and the live list, with corrections and closing. Polls the server (the codes
 * are derived there from a secret the page never sees); stops polling while the tab is hidden.
 */
export default function LiveProjector() {
  const [view, setView] = useState<LiveSessionDetail | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const [closing, setClosing] = useState<CloseLiveSessionResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [offline, setOffline] = useState(false);
  const stage = useRef<HTMLDivElement>(null);
  // read in the browser only (the page is pre-rendered without a query string)
  const id = typeof window === 'undefined' ? '' : (new URLSearchParams(window.location.search).get('id') ?? '');

  async function refresh() {
    try {
      setView(await qa(`trainer/live-sessions/${encodeURIComponent(id)}`));
      setOffline(false);
    } catch (err) {
      const failure = err as ApiFailure;
      if (failure.status === 0) setOffline(true);
      else setMessage({ tone: 'bad', text: failure.message });
    }
  }

  useEffect(() => {
    const user = currentUser();
    if (!user) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
      return;
    }
    if (user.role !== 'trainer') {
      setMessage({ tone: 'bad', text: t('trainer.onlyTrainers') });
      return;
    }
    void refresh();
    const timer = window.setInterval(() => {
      if (!document.hidden) void refresh();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, []);

  async function add(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (new FormData(form).get('add') as string) ?? '';
    setBusy(true);
    setAddError(null);
    try {
      const r = await qa(`trainer/live-sessions/${id}/attendees`, { method: 'POST', body: { add: value } });
      setMessage({ tone: 'ok', text: r.message });
      form.reset();
      await refresh();
    } catch (err) {
      setAddError((err as ApiFailure).message);
    } finally {
      setBusy(false);
    }
  }

  async function remove(user: string, name: string) {
    if (!window.confirm(t('checkin.projector.removeConfirm', { name }))) return;
    try {
      const r = await qa(`trainer/live-sessions/${id}/attendees`, { method: 'POST', body: { remove: user } });
      setMessage({ tone: 'ok', text: r.message });
      await refresh();
    } catch (err) {
      setMessage({ tone: 'bad', text: (err as ApiFailure).message });
    }
  }

  async function close() {
    if (!view || !window.confirm(t('checkin.projector.closeConfirm', { n: view.checkedIn }))) return;
    setBusy(true);
    try {
      setClosing(await qa(`trainer/live-sessions/${id}/close`, { method: 'POST', body: {} }));
      await refresh();
    } catch (err) {
      setMessage({ tone: 'bad', text: (err as ApiFailure).message });
    } finally {
      setBusy(false);
    }
  }

  if (!view)
    return message ? (
      <p class={`notice ${message.tone}`} role="alert">
        {message.text}
      </p>
    ) : (
      <p>{t('checkin.loading')}</p>
    );
  const url = view.checkinPath ? `${window.location.origin}${view.checkinPath}` : null;
  return (
    <div class="live-projector">
      <p class="hint">
        {view.courseTitle} · {FORMAT_LABELS[view.format]} · {formatDateTime(view.startsAt)}–{formatDateTime(view.endsAt).slice(11)} ·{' '}
        {view.location}
        {view.enterpriseName ? ` · ${t('checkin.onlyFor', { name: view.enterpriseName })}` : ''}
      </p>
      {message && (
        <p class={`notice ${message.tone}`} role={message.tone === 'bad' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {offline && (
        <p class="notice warn" role="status">
          {t('checkin.projector.offline')}
        </p>
      )}
      {!view.closed && url && view.codes && (
        <div class="live-stage" ref={stage} data-testid="live-stage">
          {view.window.open ? null : <p class="notice warn">{view.window.message}</p>}
          <Qr text={url} />
          <div class="live-side">
            <p class="live-scan">{t('checkin.projector.scan')}</p>
            <p class="live-manual-label">{t('checkin.projector.manual', { path: `${window.location.host}/checkin/` })}</p>
            <p class="live-manual" data-testid="live-manual" aria-live="off">
              {view.codes.manual.slice(0, 3)} {view.codes.manual.slice(3)}
            </p>
            <p class="live-count" data-testid="live-count" aria-live="polite">
              {t('checkin.projector.count', { n: view.checkedIn, capacity: view.capacity })}
            </p>
            <p class="hint">{t('checkin.projector.rotates')}</p>
            <button class="btn secondary small" type="button" onClick={() => void stage.current?.requestFullscreen?.()}>
              {t('checkin.projector.fullscreen')}
            </button>
          </div>
        </div>
      )}
      {closing && (
        <div class="notice ok" role="status" data-testid="live-closed">
          <p>
            {t('checkin.projector.closedDone', {
              created: closing.recorded?.created.length ?? 0,
              already: closing.recorded?.alreadyComplete.length ?? 0,
            })}
          </p>
          {closing.skipped.length > 0 && (
            <ul>
              {closing.skipped.map((s) => (
                <li>
                  {s.name}：{s.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {view.closed && !closing && <p class="notice">{t('checkin.projector.alreadyClosed')}</p>}
      <h2>{t('checkin.projector.listTitle', { n: view.checkedIn })}</h2>
      {view.attendees.length === 0 ? (
        <p>{t('checkin.projector.empty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="live-attendees" data-testid="live-attendees">
            <thead>
              <tr>
                <th scope="col">{t('auth.name')}</th>
                <th scope="col">{t('trainer.enterprise')}</th>
                <th scope="col">{t('checkin.projector.how')}</th>
                {!view.closed && (
                  <th scope="col">
                    <span class="visually-hidden">{t('checkin.projector.remove')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {view.attendees.map((a) => (
                <tr>
                  <th scope="row">
                    {a.name}
                    {a.phoneTail && <span class="hint"> ·{a.phoneTail}</span>}
                  </th>
                  <td>{a.enterprise}</td>
                  <td>
                    {t(`checkin.how.${a.method}` as UiKey)}
                    {a.identifiedBy === 'form_created' ? t('checkin.how.newAccount') : ''} {formatDateTime(a.at).slice(11)}
                  </td>
                  {!view.closed && (
                    <td>
                      <button class="btn secondary small" type="button" onClick={() => void remove(a.user, a.name)}>
                        {t('checkin.projector.remove')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!view.closed && (
        <>
          <form class="stack live-add" onSubmit={add} noValidate>
            <label>
              {t('checkin.projector.addLabel')}
              <span class="hint">{t('checkin.projector.addHint')}</span>
              <input
                name="add"
                maxLength={200}
                aria-invalid={addError ? true : undefined}
                aria-describedby={addError ? 'live-add-error' : undefined}
              />
              {addError && (
                <span class="field-error" id="live-add-error">
                  {addError}
                </span>
              )}
            </label>
            <button class="btn secondary" type="submit" disabled={busy}>
              {t('checkin.projector.add')}
            </button>
          </form>
          <p>
            <button class="btn" type="button" onClick={() => void close()} disabled={busy} data-testid="live-close">
              {t('checkin.projector.close')}
            </button>
          </p>
          <p class="hint">{t('checkin.projector.closeHint')}</p>
        </>
      )}
      <p>
        <a href={routes.trainer()}>{t('checkin.projector.back')}</a>
      </p>
    </div>
  );
}

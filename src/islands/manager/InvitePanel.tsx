/**
 * The manager's staff invitation: a QR code (drawn locally with uqr, no outside service) and a copyable link
 * to /register/?invite=<token>, an expiry choice, regenerate and revoke, and a printable poster for the shop
 * wall. The token is made and checked by the server (src/server/manager/invites.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { INVITE_EXPIRY_DAYS } from '../../lib/invites.ts';
import { QR_QUIET, qrMatrix, qrSvgPath } from '../../client/certificate-qr.ts';
import type { ManagerInviteResponse } from '../../server/manager/invites.ts';

function QrSvg({ text, label, size }: { text: string; label: string; size: number }) {
  const m = qrMatrix(text);
  const side = m.size + QR_QUIET * 2;
  return (
    <svg
      class="invite-qr"
      data-testid="invite-qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${side} ${side}`}
      width={size}
      height={size}
      shape-rendering="crispEdges"
    >
      <rect width={side} height={side} fill="#fff" />
      <path d={qrSvgPath(m)} fill="#000" />
    </svg>
  );
}

export default function InvitePanel() {
  const [data, setData] = useState<ManagerInviteResponse | null>(null);
  const [days, setDays] = useState<number>(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [show, setShow] = useState(false);

  useEffect(() => {
    const user = currentUser();
    if (user?.role !== 'enterprise_manager') return;
    setShow(true);
    qa('manager/invite')
      .then(setData)
      .catch((err) => setMessage({ ok: false, text: (err as ApiFailure).message }));
  }, []);

  async function act(path: 'manager/invite' | 'manager/invite/revoke', body: Record<string, unknown>, done: string, confirmText?: string) {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setMessage(null);
    try {
      setData(await qa(path, { method: 'POST', body }));
      setMessage({ ok: true, text: done });
    } catch (err) {
      setMessage({ ok: false, text: (err as ApiFailure).message });
    } finally {
      setBusy(false);
    }
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setMessage({ ok: true, text: t('manager.invite.copied') });
    } catch {
      setMessage({ ok: false, text: t('manager.invite.copyFailed') });
    }
  }

  function printPoster() {
    // Only the poster prints (manager.css): the class is removed again when the print dialog closes.
    document.documentElement.classList.add('printing-invite');
    const done = () => {
      document.documentElement.classList.remove('printing-invite');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  }

  if (!show) return null;
  const invite = data?.invite ?? null;
  const url = invite ? `${window.location.origin}${invite.path}` : '';
  const enterprise = data?.enterprise.name ?? '';
  return (
    <section class="card invite-panel" data-testid="invite-panel" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('manager.invite.title')}</h2>
      <p>{t('manager.invite.intro')}</p>
      {message && (
        <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {data && !invite && <p data-testid="invite-none">{t('manager.invite.none')}</p>}
      {invite && (
        <div class="invite-current">
          <QrSvg text={url} label={t('manager.invite.qrAlt', { enterprise })} size={200} />
          <div class="stack">
            <label>
              {t('manager.invite.link')}
              <input type="text" readOnly value={url} data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
            </label>
            <p class="hint" data-testid="invite-expiry">
              {invite.expiresAt ? t('manager.invite.expires', { date: formatDateTime(invite.expiresAt) }) : t('manager.invite.noExpiry')}
              {' · '}
              {t('manager.invite.uses', { n: invite.uses })}
            </p>
            <div class="button-row">
              <button type="button" class="btn small" onClick={() => copy(url)}>
                {t('manager.invite.copy')}
              </button>
              <button type="button" class="btn secondary small" onClick={printPoster} data-testid="invite-print">
                {t('manager.invite.print')}
              </button>
              <button
                type="button"
                class="btn secondary small"
                disabled={busy}
                data-testid="invite-revoke"
                onClick={() => act('manager/invite/revoke', {}, t('manager.invite.revoked'), t('manager.invite.revokeConfirm'))}
              >
                {t('manager.invite.revoke')}
              </button>
            </div>
          </div>
        </div>
      )}
      {data && (
        <form
          class="invite-create"
          onSubmit={(e) => {
            e.preventDefault();
            void act(
              'manager/invite',
              { expiresInDays: days },
              t('manager.invite.created'),
              invite ? t('manager.invite.regenerateConfirm') : undefined,
            );
          }}
        >
          <label>
            {t('manager.invite.expiry')}
            <select value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))} data-testid="invite-expiry-select">
              {INVITE_EXPIRY_DAYS.map((d) => (
                <option value={String(d)}>{t(`manager.invite.expiry.${d}` as 'manager.invite.expiry.0')}</option>
              ))}
            </select>
          </label>
          <button type="submit" class="btn small" disabled={busy} data-testid="invite-create">
            {invite ? t('manager.invite.regenerate') : t('manager.invite.create')}
          </button>
        </form>
      )}
      {invite && (
        <div class="invite-poster" aria-hidden="true">
          <h2>{t('manager.invite.posterTitle', { enterprise })}</h2>
          <p class="invite-poster-lead">{t('manager.invite.posterLead')}</p>
          <QrSvg text={url} label="" size={480} />
          <p>{t('manager.invite.posterSteps')}</p>
          <p class="invite-poster-url">
            {t('manager.invite.posterOr')}
            {url}
          </p>
          <p class="invite-poster-site">
            {t('site.name')} ·{' '}
            {invite.expiresAt ? t('manager.invite.expires', { date: formatDateTime(invite.expiresAt) }) : t('manager.invite.noExpiry')}
          </p>
        </div>
      )}
    </section>
  );
}

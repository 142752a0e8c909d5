import { useEffect, useState } from 'preact/hooks';
import { qa, requestPasswordReset, toFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';

/**
 * "忘记密码": both ways back in. People with a working email get a link by mail (PocketBase's own reset,
 * answered the same whether or not the address has an account); people without one ask their enterprise
 * manager for a one-time code and use it on /reset-password/.
 */
export default function ForgotPassword() {
  const [mail, setMail] = useState<boolean | null>(null);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    qa('password/options')
      .then((o) => setMail(o.email))
      .catch(() => setMail(true));
  }, []);
  async function onSubmit(event: Event) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget as HTMLFormElement).get('email') ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return setError(t('account.forgot.badEmail'));
    setBusy(true);
    setError('');
    try {
      await requestPasswordReset(email);
      setSent(true);
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="stack" data-testid="forgot-password">
      <section class="card">
        <h2>{t('account.forgot.byEmail')}</h2>
        {mail === false && (
          <p class="notice" data-testid="mail-off">
            {t('account.forgot.mailOff')}
          </p>
        )}
        {sent ? (
          <p class="notice good" role="status" data-testid="mail-sent">
            {t('account.forgot.sent')}
          </p>
        ) : (
          <form class="stack" onSubmit={onSubmit} noValidate>
            <p>{t('account.forgot.emailLead')}</p>
            {error && (
              <p class="notice bad" role="alert">
                {error}
              </p>
            )}
            <label>
              {t('auth.email')}
              <input name="email" type="email" autocomplete="email" required disabled={mail === false} />
            </label>
            <button class="btn" type="submit" disabled={busy || mail === false}>
              {t('account.forgot.send')}
            </button>
          </form>
        )}
      </section>
      <section class="card">
        <h2>{t('account.forgot.byManager')}</h2>
        <p>{t('account.forgot.managerLead')}</p>
        <p>
          <a class="btn small" href={routes.resetPassword()}>
            {t('account.code.title')}
          </a>
        </p>
      </section>
    </div>
  );
}

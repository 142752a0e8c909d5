import { useEffect, useRef, useState } from 'preact/hooks';
import { confirmPasswordReset, login, qa, toFailure, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { homeOf, routes } from '../../lib/routes.ts';

/**
 * /reset-password/: with ?token= (the link in the reset mail) sets a new password through PocketBase's
 * confirm-password-reset; without it, "用一次性密码设置新密码": email or phone + the manager's code + new password.
 * Either way every earlier session of the account ends; after the code path the person is signed in.
 */
export default function ResetPassword() {
  const [token, setToken] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    setToken(new URLSearchParams(window.location.search).get('token'));
    setReady(true);
  }, []);
  // after a refused try, put the cursor where the person has to correct something (else on the notice)
  useEffect(() => {
    const target =
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.current?.querySelector<HTMLElement>('.notice.bad');
    target?.focus();
  }, [fields, error]);
  if (!ready) return null;

  async function onSubmit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const password = String(form.get('password') ?? '');
    const passwordConfirm = String(form.get('passwordConfirm') ?? '');
    if (password !== passwordConfirm) return setFields({ passwordConfirm: t('account.code.mismatch') });
    setBusy(true);
    setError('');
    setFields({});
    try {
      if (token) {
        await confirmPasswordReset(token, password, passwordConfirm);
        setDone(t('account.reset.done'));
      } else {
        const reply = await qa('password/redeem', {
          method: 'POST',
          body: { identity: String(form.get('identity') ?? '').trim(), code: String(form.get('code') ?? ''), password, passwordConfirm },
        });
        setDone(reply.message);
        const user = await login(reply.email, password).catch(() => null);
        if (user) window.location.href = homeOf(user.role);
      }
    } catch (err) {
      const failure = (err as ApiFailure).status !== undefined && 'fields' in (err as object) ? (err as ApiFailure) : toFailure(err);
      // PocketBase answers an expired or used mail token with a field error on "token"
      setError(failure.fields.token ? t('account.reset.badToken') : failure.message);
      setFields(failure.fields);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div class="stack" data-testid="reset-done">
        <p class="notice good" role="status">
          {done}
        </p>
        <p>
          <a class="btn" href={routes.login()}>
            {t('auth.login')}
          </a>
        </p>
      </div>
    );
  }
  const field = (name: string) =>
    fields[name] && (
      <span class="field-error" id={`reset-${name}-error`}>
        {fields[name]}
      </span>
    );
  const aria = (name: string) => ({
    'aria-invalid': fields[name] ? (true as const) : undefined,
    'aria-describedby': fields[name] ? `reset-${name}-error` : undefined,
  });
  return (
    <form class="stack" ref={form} onSubmit={onSubmit} noValidate data-testid={token ? 'reset-by-mail' : 'reset-by-code'}>
      <p>{token ? t('account.reset.lead') : t('account.code.lead')}</p>
      {error && (
        <p class="notice bad" role="alert" tabIndex={-1}>
          {error}
        </p>
      )}
      {!token && (
        <>
          <label>
            {t('account.code.identity')}
            <input name="identity" autocomplete="username" required {...aria('identity')} />
            {field('identity')}
          </label>
          <label>
            {t('account.code.code')}
            <input
              name="code"
              autocomplete="one-time-code"
              autocapitalize="characters"
              spellcheck={false}
              placeholder="ABCD-2345"
              required
              {...aria('code')}
            />
            {field('code')}
          </label>
        </>
      )}
      <label>
        {t('account.code.newPassword')}
        <input name="password" type="password" autocomplete="new-password" required {...aria('password')} />
        {field('password')}
      </label>
      <label>
        {t('auth.passwordConfirm')}
        <input name="passwordConfirm" type="password" autocomplete="new-password" required {...aria('passwordConfirm')} />
        {field('passwordConfirm')}
      </label>
      <button class="btn" type="submit" disabled={busy}>
        {t('account.code.submit')}
      </button>
      {token && (
        <p>
          <a href={routes.forgotPassword()}>{t('account.reset.again')}</a>
        </p>
      )}
    </form>
  );
}

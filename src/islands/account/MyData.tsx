import { useEffect, useRef, useState } from 'preact/hooks';
import { authToken, currentUser, logout, qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';

/**
 * "我的数据" on 我的学习: download a copy of everything the platform keeps about me (JSON), and delete my
 * account and personal data after re-entering the password (docs/privacy.md).
 */
export default function MyData() {
  const [signedIn, setSignedIn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [erased, setErased] = useState('');
  const passwordInput = useRef<HTMLInputElement>(null);
  const done = useRef<HTMLParagraphElement>(null);
  useEffect(() => setSignedIn(Boolean(currentUser())), []);
  // a wrong password: back to the field; account deleted: the form is gone, so the cursor goes to the notice
  useEffect(() => {
    if (fieldError) passwordInput.current?.focus();
  }, [fieldError]);
  useEffect(() => {
    if (erased) done.current?.focus();
  }, [erased]);
  if (erased)
    return (
      <p class="notice good" role="status" tabIndex={-1} ref={done} data-testid="erased">
        {erased}
      </p>
    );
  if (!signedIn) return null;

  async function download() {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      // fetched with the session's token (a plain link would not carry it), then saved as a file
      const res = await fetch('/api/qa/me/export', { headers: { authorization: authToken() } });
      if (!res.ok) throw new Error(String(res.status));
      const blob = new Blob([await res.text()], { type: 'application/json' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `质量学堂-我的数据-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch {
      setError(t('account.data.exportFailed'));
    } finally {
      setBusy(false);
    }
  }

  async function erase(event: Event) {
    event.preventDefault();
    if (busy) return;
    const password = String(new FormData(event.currentTarget as HTMLFormElement).get('password') ?? '');
    setBusy(true);
    setError('');
    setFieldError('');
    try {
      const reply = await qa('me/delete', { method: 'POST', body: { password } });
      logout();
      setErased(reply.message);
    } catch (err) {
      const failure = err as ApiFailure;
      if (failure.fields?.password) setFieldError(failure.fields.password);
      else setError(failure.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card stack" data-testid="my-data">
      <h2>{t('account.data.title')}</h2>
      <p>
        {t('account.data.lead')} <a href={routes.privacy()}>{t('account.data.notice')}</a>
      </p>
      <p>
        <button class="btn small" type="button" onClick={download} aria-disabled={busy || undefined} data-testid="export-data">
          {t('account.data.export')}
        </button>
      </p>
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}
      <details open={confirming} onToggle={(e) => setConfirming((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>{t('account.data.delete')}</summary>
        <form class="stack" onSubmit={erase} noValidate data-testid="delete-account">
          <p>{t('account.data.deleteLead')}</p>
          <label>
            {t('account.data.password')}
            <input
              name="password"
              type="password"
              autocomplete="current-password"
              required
              ref={passwordInput}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? 'erase-password-error' : undefined}
            />
            {fieldError && (
              <span class="field-error" id="erase-password-error">
                {fieldError}
              </span>
            )}
          </label>
          <button class="btn danger" type="submit" aria-disabled={busy || undefined}>
            {t('account.data.deleteConfirm')}
          </button>
        </form>
      </details>
    </section>
  );
}

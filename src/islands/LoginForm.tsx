import { useState } from 'preact/hooks';
import { login, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { homeOf } from '../lib/routes.ts';
import { safeNext } from '../lib/safe-next.ts';

export default function LoginForm() {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      const user = await login(String(form.get('email')).trim(), String(form.get('password')));
      window.location.href = safeNext(new URLSearchParams(window.location.search).get('next'), homeOf(user.role));
    } catch (err) {
      setError((err as ApiFailure).message);
      setBusy(false);
    }
  }
  return (
    <form class="stack" onSubmit={onSubmit} noValidate>
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}
      <label>
        {t('auth.email')}
        <input name="email" type="email" autocomplete="email" required />
      </label>
      <label>
        {t('auth.password')}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button class="btn" type="submit" disabled={busy}>
        {t('auth.login')}
      </button>
    </form>
  );
}

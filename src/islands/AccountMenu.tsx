import { useEffect, useState } from 'preact/hooks';
import { currentUser, logout, pb, type SessionUser } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { homeOf, routes } from '../lib/routes.ts';

/** Header account links: log in / sign up, or the pages for the signed-in role. */
export default function AccountMenu() {
  const [user, setUser] = useState<SessionUser | null>(null);
  useEffect(() => {
    setUser(currentUser());
    return pb().authStore.onChange(() => setUser(currentUser()));
  }, []);
  if (!user) {
    return (
      <span class="meta">
        <a href={routes.login()}>{t('nav.login')}</a>
        <a href={routes.register()}>{t('nav.register')}</a>
      </span>
    );
  }
  const home = homeOf(user.role);
  const label = t(({ regulator: 'nav.regulator', enterprise_manager: 'nav.manager', trainer: 'nav.trainer', learner: 'nav.me' } as const)[user.role]);
  return (
    <span class="meta">
      <a href={home} data-testid="account-home">{label}</a>
      <button
        type="button"
        class="btn secondary small"
        onClick={() => {
          logout();
          window.location.href = '/';
        }}
      >
        {t('nav.logout')}
      </button>
    </span>
  );
}

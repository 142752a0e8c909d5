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
  const label = t(({ regulator: 'nav.regulator', enterprise_manager: 'nav.manager', trainer: 'nav.trainer', learner: 'nav.me', expert: 'nav.expert' } as const)[user.role] ?? 'nav.me');
  // The assistance pages of the roles that take part in it (experts land on theirs).
  const assistance = user.role === 'enterprise_manager' ? routes.assistance() : user.role === 'regulator' ? routes.regulatorAssistance() : null;
  return (
    <span class="meta">
      <a href={home} data-testid="account-home">{label}</a>
      {assistance && <a class="wide-only" href={assistance} data-testid="account-assistance">{t('nav.assistance')}</a>}
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

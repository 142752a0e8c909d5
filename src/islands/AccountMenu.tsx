import { useEffect, useState } from 'preact/hooks';
import { currentUser, logout, onAuthChange, type SessionUser } from '../client/api.ts';
import { t, type UiKey } from '../i18n/index.ts';
import { homeOf, routes } from '../lib/routes.ts';
import type { Role } from '../lib/roles.ts';

const LABELS: Record<Role, { long: UiKey; short: UiKey }> = {
  regulator: { long: 'nav.regulator', short: 'nav.regulatorShort' },
  enterprise_manager: { long: 'nav.manager', short: 'nav.managerShort' },
  trainer: { long: 'nav.trainer', short: 'nav.trainerShort' },
  learner: { long: 'nav.me', short: 'nav.meShort' },
  expert: { long: 'nav.expert', short: 'nav.expertShort' },
};

/**
 * Header account links: log in / sign up, or the signed-in role's page and 退出. On a phone the bar has
 * room for one short link only ("本企业", not "本企业学习情况"); 退出 then lives in the 菜单 panel, where
 * this island is rendered a second time with variant="menu".
 */
export default function AccountMenu(props: { variant?: 'bar' | 'menu' }) {
  const menu = props.variant === 'menu';
  const [user, setUser] = useState<SessionUser | null>(null);
  useEffect(() => {
    setUser(currentUser());
    return onAuthChange(() => setUser(currentUser()));
  }, []);
  if (!user) {
    if (menu) return null; // the bar always shows 登录 and 注册
    return (
      <span class="meta account">
        <a href={routes.login()}>{t('nav.login')}</a>
        <a href={routes.register()}>{t('nav.register')}</a>
      </span>
    );
  }
  const home = homeOf(user.role);
  const labels = LABELS[user.role] ?? LABELS.learner;
  // The assistance pages of the roles that take part in it (experts land on theirs): in the 菜单 panel on
  // phones, and in the bar where there is room.
  const assistance =
    user.role === 'enterprise_manager' ? routes.assistance() : user.role === 'regulator' ? routes.regulatorAssistance() : null;
  const logoutButton = (
    <button
      type="button"
      class="btn secondary small logout"
      onClick={() => {
        logout();
        window.location.href = '/';
      }}
    >
      {t('nav.logout')}
    </button>
  );
  if (menu) {
    return (
      <span class="account-menu">
        <a href={home}>{t(labels.long)}</a>
        {assistance && <a href={assistance}>{t('nav.assistance')}</a>}
        <span class="account-name">{user.name}</span>
        {logoutButton}
      </span>
    );
  }
  return (
    <span class="meta account">
      <a href={home} data-testid="account-home">
        <span class="account-long">{t(labels.long)}</span>
        <span class="account-short">{t(labels.short)}</span>
      </a>
      {assistance && (
        <a class="wide-only" href={assistance} data-testid="account-assistance">
          {t('nav.assistance')}
        </a>
      )}
      {logoutButton}
    </span>
  );
}

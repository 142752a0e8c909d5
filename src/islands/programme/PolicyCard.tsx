import type { ComponentChildren } from 'preact';
import { t } from '../../i18n/index.ts';
import { POLICY_LEVEL_NAMES, POLICY_STATUS_NAMES, POLICY_TYPES } from '../../lib/policies/names.ts';
import type { PolicyView } from '../../server/programme/policies.ts';

const zhDate = (d: string) => (d ? `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '');

/** One policy as people read it: what, who qualifies, what they get, how to apply. Expired ones are marked. */
export function PolicyCard({ p, compact = false, children }: { p: PolicyView; compact?: boolean; children?: ComponentChildren }) {
  return (
    <li class={`card policy-card${p.status === 'expired' ? ' is-expired' : ''}`} id={`policy-${p.id}`} data-testid="policy-card">
      <h3 class="policy-title">{p.title}</h3>
      <p class="meta">
        <span class="badge">{POLICY_LEVEL_NAMES[p.level]}</span>
        <span class="badge">{POLICY_TYPES[p.type]}</span>
        <span class={`badge status-${p.status}`} data-testid="policy-status">
          {POLICY_STATUS_NAMES[p.status]}
        </span>
        {p.illustrative && <span class="badge">{t('policy.illustrative')}</span>}
      </p>
      <p class="meta">
        <span>{p.regionName}</span>
        <span>{p.authority}</span>
        {p.docNumber && <span>{p.docNumber}</span>}
        <span>{t('policy.issued', { date: zhDate(p.issuedOn) })}</span>
        <span>{p.validUntil ? t('policy.validUntil', { date: zhDate(p.validUntil) }) : t('policy.noEnd')}</span>
      </p>
      <dl class="policy-facts">
        <dt>{t('policy.what')}</dt>
        <dd>{p.benefit}</dd>
        {!compact && (
          <>
            <dt>{t('policy.who')}</dt>
            <dd>{p.eligibility}</dd>
            <dt>{t('policy.how')}</dt>
            <dd>{p.howToApply}</dd>
          </>
        )}
      </dl>
      {p.link && !compact && (
        <p>
          <a href={p.link} rel="noopener noreferrer" target="_blank">
            {t('policy.link')}
          </a>
        </p>
      )}
      {children}
    </li>
  );
}

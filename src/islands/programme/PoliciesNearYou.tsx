/** "Policies that apply where you are", on an enterprise's pages: national, province, prefecture and county. */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import type { MyPolicies } from '../../server/programme/policies.ts';
import { PolicyCard } from './PolicyCard.tsx';

export default function PoliciesNearYou() {
  const [data, setData] = useState<MyPolicies | null>(null);
  useEffect(() => {
    if (!currentUser()) return;
    // Accounts without an enterprise (trainers, regulators) have no region: the section stays hidden.
    qa('policies/mine')
      .then(setData)
      .catch(() => setData(null));
  }, []);
  if (!data) return null;
  const current = data.policies.filter((p) => p.status !== 'expired');
  const expired = data.policies.length - current.length;
  return (
    <section class="policies-near" aria-labelledby="policies-near-title" data-testid="policies-near">
      <h2 id="policies-near-title">{t('policy.near.title')}</h2>
      <p>{t('policy.near.intro', { region: data.regionName })}</p>
      {current.length ? (
        <ul class="cards">
          {current.map((p) => (
            <PolicyCard p={p} compact />
          ))}
        </ul>
      ) : (
        <p class="notice">{t('policy.near.none')}</p>
      )}
      <p class="meta">
        {expired > 0 && <span>{t('policy.near.expired', { n: expired })}</span>}
        <a href={routes.policies()}>{t('policy.near.all')}</a>
      </p>
    </section>
  );
}

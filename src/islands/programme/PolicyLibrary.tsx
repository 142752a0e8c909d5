/**
 * The public policy library: every policy, filtered in the browser by level, province, type and validity,
 * with search. The filter is in the URL (?level=&province=&type=&validity=&q=) so a view can be shared.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { countByLevelAndType, POLICY_LEVEL_NAMES, POLICY_TYPES } from '../../lib/policies/names.ts';
import type { PolicyList, PolicyView } from '../../server/programme/policies.ts';
import { PolicyCard } from './PolicyCard.tsx';

interface Filter {
  level: string;
  province: string;
  type: string;
  validity: 'current' | 'expired' | 'all';
  q: string;
}

const provinceOf = (p: PolicyView) => (p.level === 'national' ? '' : p.regionName.split(' ')[0]);

function readFilter(): Filter {
  // Rendered at build time too (no window): the default view, then the URL's once in the browser.
  const s = new URLSearchParams(typeof window === 'undefined' ? '' : window.location.search);
  const validity = s.get('validity');
  return {
    level: s.get('level') ?? '',
    province: s.get('province') ?? '',
    type: s.get('type') ?? '',
    validity: validity === 'expired' || validity === 'all' ? validity : 'current',
    q: s.get('q') ?? '',
  };
}

export function matches(p: PolicyView, f: Filter): boolean {
  if (f.level && p.level !== f.level) return false;
  if (f.province && provinceOf(p) !== f.province) return false;
  if (f.type && p.type !== f.type) return false;
  if (f.validity === 'current' && p.status === 'expired') return false;
  if (f.validity === 'expired' && p.status !== 'expired') return false;
  const q = f.q.trim().toLowerCase();
  if (q) {
    const text = `${p.title} ${p.authority} ${p.docNumber} ${p.regionName} ${p.eligibility} ${p.benefit} ${p.howToApply}`.toLowerCase();
    return q.split(/\s+/).every((word) => text.includes(word));
  }
  return true;
}

export default function PolicyLibrary() {
  const [data, setData] = useState<PolicyList | null>(null);
  const [error, setError] = useState('');
  const [filter, setFilter] = useState<Filter>(() => readFilter());
  useEffect(() => {
    qa('policies')
      .then(setData)
      .catch((err) => setError((err as ApiFailure).message));
  }, []);
  useEffect(() => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v && !(k === 'validity' && v === 'current')) s.set(k, v);
    history.replaceState(null, '', `${window.location.pathname}${s.size ? `?${s}` : ''}`);
  }, [filter]);
  const provinces = useMemo(
    () => [...new Set((data?.policies ?? []).map(provinceOf).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [data],
  );
  if (error)
    return (
      <p class="notice bad" role="alert">
        {error}
      </p>
    );
  if (!data) return <p class="status-line">…</p>;
  const shown = data.policies.filter((p) => matches(p, filter));
  const counts = countByLevelAndType(data.policies); // each view carries its level (the server's policyLevel)
  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));
  return (
    <div>
      <p class="dash-note" data-testid="policy-summary">
        {t('policy.summary', counts.byLevel)}
      </p>
      <form class="filters policy-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="dash-field">
          {t('policy.search')}
          <input type="search" value={filter.q} placeholder={t('policy.searchHint')} onInput={(e) => set({ q: e.currentTarget.value })} />
        </label>
        <label class="dash-field">
          {t('policy.level')}
          <select value={filter.level} onChange={(e) => set({ level: e.currentTarget.value })}>
            <option value="">{t('policy.all')}</option>
            {Object.entries(POLICY_LEVEL_NAMES).map(([k, v]) => (
              <option value={k}>{v}</option>
            ))}
          </select>
        </label>
        <label class="dash-field">
          {t('policy.province')}
          <select value={filter.province} onChange={(e) => set({ province: e.currentTarget.value })}>
            <option value="">{t('policy.all')}</option>
            {provinces.map((p) => (
              <option value={p}>{p}</option>
            ))}
          </select>
        </label>
        <label class="dash-field">
          {t('policy.type')}
          <select value={filter.type} onChange={(e) => set({ type: e.currentTarget.value })}>
            <option value="">{t('policy.all')}</option>
            {Object.entries(POLICY_TYPES).map(([k, v]) => (
              <option value={k}>{v}</option>
            ))}
          </select>
        </label>
        <label class="dash-field">
          {t('policy.validity')}
          <select value={filter.validity} onChange={(e) => set({ validity: e.currentTarget.value as Filter['validity'] })}>
            <option value="current">{t('policy.current')}</option>
            <option value="expired">{t('policy.expiredOnly')}</option>
            <option value="all">{t('policy.all')}</option>
          </select>
        </label>
      </form>
      <p class="status-line" role="status" data-testid="policy-count">
        {t('policy.count', { n: shown.length })}
      </p>
      {shown.length === 0 ? (
        <p class="notice">{t('policy.none')}</p>
      ) : (
        <ul class="cards policy-list">
          {shown.map((p) => (
            <PolicyCard p={p} />
          ))}
        </ul>
      )}
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatInt } from '../lib/format.ts';

interface Summary { regionName: string; period: { from: string; to: string }; totals: { attendeeTimes: number; attendees: number; enterprises: number } }

export default function RegulatorSummary() {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState('');
  const [query, setQuery] = useState<{ from?: string; to?: string }>({});
  useEffect(() => {
    const user = currentUser();
    if (!user) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.regulator())}`;
      return;
    }
    if (user.role !== 'regulator') {
      setError(t('regulator.onlyRegulators'));
      return;
    }
    load({});
  }, []);
  function load(q: { from?: string; to?: string }) {
    setError('');
    const params: Record<string, string> = {};
    if (q.from) params.from = q.from;
    if (q.to) params.to = q.to;
    qa<Summary>('stats/summary', { query: params }).then(setSummary).catch((err) => setError((err as ApiFailure).message));
  }
  return (
    <div>
      {error && <p class="notice bad" role="alert">{error}</p>}
      {summary && (
        <>
          <p>{t('regulator.scope', { region: summary.regionName })}</p>
          <form class="filters" onSubmit={(e) => { e.preventDefault(); load(query); }}>
            <label>{t('regulator.from')}<input type="month" value={query.from ?? summary.period.from} onChange={(e) => setQuery({ ...query, from: e.currentTarget.value })} /></label>
            <label>{t('regulator.to')}<input type="month" value={query.to ?? summary.period.to} onChange={(e) => setQuery({ ...query, to: e.currentTarget.value })} /></label>
            <button class="btn small" type="submit">{t('regulator.apply')}</button>
          </form>
          <div class="stat-grid" data-testid="regulator-totals">
            <div class="stat"><div>{t('regulator.enterprises')}</div><div class="value" data-testid="stat-enterprises">{formatInt(summary.totals.enterprises)}</div></div>
            <div class="stat"><div>{t('regulator.attendees')}</div><div class="value" data-testid="stat-attendees">{formatInt(summary.totals.attendees)}</div></div>
            <div class="stat"><div>{t('regulator.attendeeTimes')}</div><div class="value" data-testid="stat-attendee-times">{formatInt(summary.totals.attendeeTimes)}</div></div>
          </div>
        </>
      )}
    </div>
  );
}

/**
 * Custom date range with the same period last year beside it, and the trained-enterprise list for that
 * range, on the regulators' dashboard. Dates are Beijing calendar days; the server re-checks the range and
 * the jurisdiction (src/server/stats-range.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { checkRange, defaultRange, type DateRange } from '../../lib/stats/date-range.ts';
import { rangeTable } from '../../lib/stats/range-table.ts';
import type { RangeResponse } from '../../server/stats-range.ts';
import { TableView } from './TableView.tsx';
import { EnterpriseList } from './EnterpriseList.tsx';

/**
 * The default range (1 January to today) and its comparison load at once at every level, the whole country
 * included: ranges that start a year, quarter or month are sums of per-day firsts on the server
 * (docs/statistics.md, "Custom date ranges").
 */
export function RangeSection({ region, regionName }: { region: string | null; regionName: string }) {
  const [draft, setDraft] = useState<DateRange>(() => defaultRange());
  const [range, setRange] = useState<DateRange>(() => defaultRange());
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const [data, setData] = useState<RangeResponse | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const seq = useRef(0);
  useEffect(() => {
    const n = ++seq.current;
    setError('');
    const query: Record<string, string> = { ...range };
    if (region) query.region = region;
    qa('stats/range', { query })
      .then((reply) => n === seq.current && setData(reply))
      .catch((err: ApiFailure) => {
        if (n !== seq.current) return;
        setData(null);
        setError(err.message);
      });
  }, [region, range.from, range.to]);

  function apply(e: Event) {
    e.preventDefault();
    const checked = checkRange(draft.from, draft.to);
    if (!checked.ok) {
      setFieldError({ field: checked.field, message: checked.message });
      // the cursor goes to the date to correct, not left on 查询
      document.getElementById(`range-${checked.field}`)?.focus();
      return;
    }
    setFieldError(null);
    setMessage('');
    setRange(checked.range);
  }

  async function exportCsv() {
    if (!data) return;
    const download = await import('../../client/download.ts');
    const name = `质量学堂_同比_${data.regionName || regionName}_${data.current.range.from}至${data.current.range.to}.csv`;
    download.downloadCsv([rangeTable(data)], [], name);
    setMessage(t('regulator.exported', { name }));
  }

  const aria = (field: string) => (fieldError?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': 'range-error' } : {});
  const table = data ? rangeTable(data) : null;
  return (
    <section class="dash-section" aria-labelledby="range-title" data-testid="range-section">
      <h2 id="range-title">{t('regulator.range.title')}</h2>
      <p class="dash-note">{t('regulator.range.intro')}</p>
      <form class="dash-controls no-print" onSubmit={apply} noValidate data-testid="range-form">
        <div class="dash-field">
          <label for="range-from">{t('regulator.range.from')}</label>
          <input
            id="range-from"
            type="date"
            value={draft.from}
            min="2020-01-01"
            onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
            {...aria('from')}
          />
        </div>
        <div class="dash-field">
          <label for="range-to">{t('regulator.range.to')}</label>
          <input
            id="range-to"
            type="date"
            value={draft.to}
            min="2020-01-01"
            onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
            {...aria('to')}
          />
        </div>
        <button type="submit" class="btn small">
          {t('regulator.range.apply')}
        </button>
      </form>
      {fieldError && (
        <p class="notice bad" role="alert" id="range-error" data-testid="range-error">
          {fieldError.message}
        </p>
      )}
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}
      {table && (
        <div data-testid="range-yoy">
          <h3>{table.title}</h3>
          <TableView table={table} rowHeaderColumn={0} />
          <div class="dash-toolbar no-print">
            <button type="button" class="btn secondary small" onClick={exportCsv}>
              {t('regulator.range.export')}
            </button>
          </div>
          {message && (
            <p class="notice ok" role="status">
              {message}
            </p>
          )}
        </div>
      )}
      <EnterpriseList region={region} regionName={data?.regionName ?? regionName} range={range} />
    </section>
  );
}

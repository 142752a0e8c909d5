/**
 * The trained enterprises in the viewed region for a date range: sorted, searched and paginated by the
 * server (a province can have tens of thousands), exported whole as CSV by the server.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { authToken, qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { formatInt } from '../../lib/format.ts';
import type { DateRange } from '../../lib/stats/date-range.ts';
import { ENTERPRISE_SORTS, SORT_COLUMN, enterpriseListTable, type EnterpriseSort } from '../../lib/stats/enterprise-list.ts';
import type { EnterpriseListResponse } from '../../server/stats-range.ts';
import { TableView } from './TableView.tsx';

interface ListQuery {
  q: string;
  sort: EnterpriseSort;
  dir: 'asc' | 'desc';
  page: number;
}

export function EnterpriseList({ region, regionName, range }: { region: string | null; regionName: string; range: DateRange }) {
  const [list, setList] = useState<ListQuery>({ q: '', sort: 'times', dir: 'desc', page: 1 });
  const [search, setSearch] = useState('');
  const [data, setData] = useState<EnterpriseListResponse | null>(null);
  const [error, setError] = useState('');
  // Nationally the list is read province by province: the server asks for one (a hint, not an error).
  const [hint, setHint] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const seq = useRef(0);

  // A new region or range starts again at page 1.
  useEffect(() => setList((l) => ({ ...l, page: 1 })), [region, range.from, range.to]);

  const params = (extra: Record<string, string> = {}) => {
    const p: Record<string, string> = { from: range.from, to: range.to, sort: list.sort, dir: list.dir, ...extra };
    if (region) p.region = region;
    if (list.q) p.q = list.q;
    return p;
  };

  useEffect(() => {
    const n = ++seq.current;
    setBusy(true);
    qa('stats/enterprises', { query: params({ page: String(list.page) }) })
      .then((reply) => {
        if (n !== seq.current) return;
        setData(reply);
        setError('');
        setHint('');
      })
      .catch((err: ApiFailure) => {
        if (n !== seq.current) return;
        setData(null);
        if (err.status === 400 && err.fields.region) {
          setHint(err.fields.region);
          setError('');
        } else {
          setError(err.message);
          setHint('');
        }
      })
      .finally(() => n === seq.current && setBusy(false));
  }, [region, range.from, range.to, list.q, list.sort, list.dir, list.page]);

  function onSort(column: number) {
    const key = ENTERPRISE_SORTS.find((s) => SORT_COLUMN[s] === column);
    if (!key) return;
    // Figures start largest first, names A→Z; a second click reverses.
    setList((l) => ({
      ...l,
      page: 1,
      sort: key,
      dir: l.sort === key ? (l.dir === 'desc' ? 'asc' : 'desc') : key === 'name' ? 'asc' : 'desc',
    }));
  }

  async function exportAll() {
    setMessage(null);
    try {
      const download = await import('../../client/download.ts');
      const url = `/api/qa/stats/enterprises/export?${new URLSearchParams(params())}`;
      await download.downloadWithAuth(url, authToken(), `质量学堂_培训企业名单_${regionName}_${range.from}至${range.to}.csv`);
      setMessage({ ok: true, text: t('regulator.enterpriseList.exported') });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message || t('error.generic') });
    }
  }

  const pages = data ? Math.max(1, Math.ceil(data.total / data.perPage)) : 1;
  const table = data
    ? enterpriseListTable(data.rows, { regionName: data.regionName, range: data.range, total: data.total, search: data.q })
    : null;
  return (
    <div class="dash-enterprises" data-testid="enterprise-list" aria-busy={busy ? 'true' : 'false'}>
      <h3>
        {table?.title ??
          t('regulator.enterpriseList.title', {
            region: regionName,
            scope: t('regulator.range.label', { from: range.from, to: range.to }),
          })}
      </h3>
      <p class="dash-note">{t('regulator.enterpriseList.intro')}</p>
      {hint && (
        <p class="notice" role="status" data-testid="enterprise-province-hint">
          {hint}
        </p>
      )}
      {!hint && (
        <form
          class="dash-controls no-print"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setList((l) => ({ ...l, q: search.trim(), page: 1 }));
          }}
        >
          <div class="dash-field">
            <label for="enterprise-search">{t('regulator.enterpriseList.search')}</label>
            <input id="enterprise-search" type="search" maxLength={50} value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
          </div>
          <button type="submit" class="btn small">
            {t('regulator.enterpriseList.searchButton')}
          </button>
        </form>
      )}
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}
      {table && data && (
        <>
          <p class="dash-note" role="status" data-testid="enterprise-count">
            {t('regulator.enterpriseList.count', { n: formatInt(data.total), page: data.page, pages })}
          </p>
          {data.total === 0 && (
            // an empty table alone said 本期间暂无数据, which is wrong when a search found nothing
            <p class="dash-empty" data-testid="enterprise-empty">
              {data.q ? t('regulator.enterpriseList.noMatch', { q: data.q }) : t('regulator.enterpriseList.empty')}
            </p>
          )}
          {data.total > 0 && (
            <TableView
              table={table}
              rowHeaderColumn={0}
              sort={{ column: SORT_COLUMN[data.sort], descending: data.dir === 'desc' }}
              onSort={onSort}
              sortable={(c) => ENTERPRISE_SORTS.some((s) => SORT_COLUMN[s] === c)}
            />
          )}
          <nav
            class="dash-pager no-print"
            aria-label={t('regulator.enterpriseList.count', { n: formatInt(data.total), page: data.page, pages })}
          >
            <button
              type="button"
              class="btn secondary small"
              disabled={busy || data.page <= 1}
              onClick={() => setList((l) => ({ ...l, page: l.page - 1 }))}
            >
              {t('regulator.enterpriseList.prev')}
            </button>
            <button
              type="button"
              class="btn secondary small"
              disabled={busy || data.page >= pages}
              onClick={() => setList((l) => ({ ...l, page: l.page + 1 }))}
            >
              {t('regulator.enterpriseList.next')}
            </button>
            <button
              type="button"
              class="btn secondary small"
              disabled={data.total === 0}
              onClick={exportAll}
              data-testid="enterprise-export"
            >
              {t('regulator.enterpriseList.export')}
            </button>
          </nav>
          {message && (
            <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </p>
          )}
        </>
      )}
    </div>
  );
}

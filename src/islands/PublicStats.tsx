/**
 * The public transparency page: national and per-province aggregates for a period, without login and
 * without any personal data, with the time of the last update. Definitions are on the page around it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { qa, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { formatInt } from '../lib/format.ts';
import { parsePeriod } from '../lib/stats/keys.ts';
import { formatDateTime } from '../lib/format.ts';
import { exportFileName, sortTable, type SortState } from '../lib/stats/export.ts';
import { PeriodPicker } from './dashboard/PeriodPicker.tsx';
import { Pct, TableView } from './dashboard/TableView.tsx';
import { MIN_PUBLISHED_RESPONSES } from '../lib/survey/summary.ts';
import { currentYearKey, periodLabel, surveyYearText } from './dashboard/period.ts';
import { nationalTable, provinceTable, type PublicStats as PublicData } from '../lib/stats/dashboard-tables.ts';

function periodFromUrl(): { period: string; problem: string } {
  const raw = new URLSearchParams(window.location.search).get('period');
  if (!raw) return { period: currentYearKey(), problem: '' };
  if (parsePeriod(raw)) return { period: raw, problem: '' };
  return { period: currentYearKey(), problem: t('regulator.badPeriod', { value: raw, fallback: periodLabel(currentYearKey()) }) };
}

export default function PublicStats() {
  const [period, setPeriod] = useState('');
  const [problem, setProblem] = useState('');
  const [data, setData] = useState<PublicData | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(false);
  const [sort, setSort] = useState<SortState | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const initial = periodFromUrl();
    setPeriod(initial.period);
    setProblem(initial.problem);
    const onPop = () => setPeriod(periodFromUrl().period);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    if (!period) return;
    const n = ++seq.current;
    setLoading(true);
    qa('stats/public', { query: { period } })
      .then((d) => {
        if (n !== seq.current) return;
        setData(d);
        setError('');
      })
      .catch((err: ApiFailure) => {
        if (n !== seq.current) return;
        setData(null);
        setError(err.message);
      })
      .finally(() => n === seq.current && setLoading(false));
  }, [period]);

  function choose(next: string) {
    setPeriod(next);
    setProblem('');
    window.history.pushState(null, '', `${window.location.pathname}?period=${encodeURIComponent(next)}`);
  }

  const provinces = data ? sortTable(provinceTable(data.provinces, 'public-provinces'), sort) : null;
  const onSort = (column: number) =>
    setSort((current) =>
      current?.column !== column
        ? { column, descending: column >= 2 }
        : current.descending === column >= 2
          ? { column, descending: !current.descending }
          : null,
    );

  async function exportCsv() {
    if (!data || !provinces) return;
    const { downloadCsv } = await import('../client/download.ts');
    downloadCsv(
      [nationalTable(data), provinces],
      [
        [t('stats.export.title'), t('site.name')],
        [t('stats.export.period'), `${periodLabel(data.period)}（${data.period}）`],
        [t('stats.lastUpdate'), formatDateTime(data.lastUpdate) || t('stats.noUpdate')],
        [t('stats.generatedAt'), formatDateTime(data.generatedAt)],
        [t('stats.export.definitions'), t('stats.counts.note')],
        [t('stats.export.percentRule'), t('stats.percentRule')],
      ],
      exportFileName([t('stats.public.fileScope')], data.period, 'csv'),
    );
  }

  return (
    <div class="public-stats" aria-busy={loading ? 'true' : 'false'}>
      {problem && (
        <p class="notice warn" role="alert">
          {problem}
        </p>
      )}
      {period && <PeriodPicker value={period} onChange={choose} idPrefix="public-period" />}
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}
      {!data && !error && (
        <p class="status-line" role="status">
          {t('regulator.loading')}
        </p>
      )}
      {data && provinces && (
        <>
          <p class="dash-note" data-testid="public-updated">
            {t('stats.lastUpdate')}：<strong>{formatDateTime(data.lastUpdate) || t('stats.noUpdate')}</strong>
            {' · '}
            {t('stats.generatedAt')}：{formatDateTime(data.generatedAt)}
          </p>
          <section class="dash-section" aria-labelledby="national-title">
            <h2 id="national-title">{t('stats.public.nationalTitle', { period: periodLabel(data.period) })}</h2>
            <div class="stat-grid" data-testid="public-national">
              <div class="stat">
                <div>{t('regulator.attendeeTimes')}</div>
                <div class="value" data-testid="public-attendee-times">
                  {formatInt(data.national.attendeeTimes)}
                </div>
                <div class="stat-note">{t('stats.counts.attendeeTimes')}</div>
              </div>
              <div class="stat">
                <div>{t('regulator.attendees')}</div>
                <div class="value" data-testid="public-attendees">
                  {formatInt(data.national.attendees)}
                </div>
                <div class="stat-note">{t('stats.counts.attendees')}</div>
              </div>
              <div class="stat">
                <div>{t('regulator.enterprises')}</div>
                <div class="value" data-testid="public-enterprises">
                  {formatInt(data.national.enterprises)}
                </div>
                <div class="stat-note">{t('stats.counts.enterprises')}</div>
              </div>
              <div class="stat">
                <div>{t('survey.helped')}</div>
                <div class="value" data-testid="public-helped">
                  {formatInt(data.national.helped)}
                </div>
              </div>
              <div class="stat">
                <div>{t('survey.satisfiedRate')}</div>
                <div class="value" data-testid="public-satisfied">
                  <Pct value={data.national.satisfied} long />
                </div>
              </div>
              <div class="stat">
                <div>{t('survey.clearEffectRate')}</div>
                <div class="value">
                  <Pct value={data.national.clearEffect} long />
                </div>
              </div>
            </div>
            <p class="dash-note">{t('stats.public.surveyNote', { year: surveyYearText(data.period) })}</p>
          </section>
          <section class="dash-section" aria-labelledby="provinces-title">
            <h2 id="provinces-title">{t('stats.public.provincesTitle')}</h2>
            <TableView table={provinces} sort={sort} onSort={onSort} />
            <p class="status-line">{t('stats.public.withheld', { n: MIN_PUBLISHED_RESPONSES })}</p>
            <p class="no-print">
              <button type="button" class="btn secondary small" onClick={exportCsv}>
                {t('stats.public.exportCsv')}
              </button>
            </p>
          </section>
        </>
      )}
    </div>
  );
}

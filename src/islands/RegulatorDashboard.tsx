/**
 * The regulators' statistics dashboard: totals, channel split, monthly trend, breakdown one level down
 * with drill-down, sectors, courses, the helped-enterprise survey, and (national) the province comparison.
 * Every chart has a data table; the exports write exactly those tables. The view is in the URL
 * (?period=&region=&sector=), so it can be bookmarked and shared; the server checks the jurisdiction.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { currentUser, pb, qa, type ApiFailure, type SessionUser } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatInt } from '../lib/format.ts';
import { IAF_SECTORS } from '../lib/iaf-sectors.ts';
import SectorPicker from './SectorPicker.tsx';
import { parsePeriod } from '../lib/stats/keys.ts';
import { formatDateTime } from '../lib/format.ts';
import { exportFileName, sortTable, type DataTable, type Preamble, type SortState } from '../lib/stats/export.ts';
import type { ChartSpec } from '../client/charts.ts';
import { ChartPanel } from './dashboard/ChartPanel.tsx';
import { PeriodPicker } from './dashboard/PeriodPicker.tsx';
import { Pct, TableView } from './dashboard/TableView.tsx';
import { currentYearKey, periodLabel, surveyYearLabel, surveyYearText } from './dashboard/period.ts';
import { knownName, rememberNames, resolveNames } from './dashboard/regionNames.ts';
import {
  breadcrumbCodes, breakdownTable, canDrillInto, channelLabel, channelTable, childLevelLabel, changesTable, courseTable, effectTable, followUpTable, itemsTable,
  provinceTable, regionParam, satisfactionTable, sectorFocusTable, sectorTable, surveySummaryTable, topRows, totalsTable, trendTable,
  type Dashboard, type ProvinceRow, type SurveyResults,
} from './dashboard/model.ts';

interface Query { period: string; region: string | null; sector: string }
interface Loaded { dashboard: Dashboard; survey: SurveyResults; provinces: ProvinceRow[] | null }

/** Reads the view from the URL; parameters that cannot be right are reported and replaced by defaults. */
function readQuery(): { query: Query; problems: string[] } {
  const params = new URLSearchParams(window.location.search);
  const problems: string[] = [];
  let period = params.get('period') || currentYearKey();
  if (!parsePeriod(period)) {
    problems.push(t('regulator.badPeriod', { value: period, fallback: periodLabel(currentYearKey()) }));
    period = currentYearKey();
  }
  let sector = params.get('sector') ?? '';
  if (sector && !(sector in IAF_SECTORS)) {
    problems.push(t('regulator.badSector', { value: sector }));
    sector = '';
  }
  // The region is checked by the server (GB/T 2260 code inside the jurisdiction): its answer is shown.
  return { query: { period, region: params.get('region') || null, sector }, problems };
}

function urlFor(q: Query): string {
  const params = new URLSearchParams();
  params.set('period', q.period);
  if (q.region) params.set('region', q.region);
  if (q.sector) params.set('sector', q.sector);
  return `${window.location.pathname}?${params}`;
}

const plainClick = (e: MouseEvent) => !(e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0);

const countSeries = (rows: { attendeeTimes: number; attendees: number; enterprises: number }[]) => [
  { name: t('regulator.attendeeTimes'), data: rows.map((r) => r.attendeeTimes) },
  { name: t('regulator.attendees'), data: rows.map((r) => r.attendees) },
  { name: t('regulator.enterprises'), data: rows.map((r) => r.enterprises) },
];

const barHeight = (n: number) => Math.max(140, 36 + n * 30);
const chartLabel = (kind: 'bar' | 'line' | 'pie', title: string) => t('regulator.chartAria', { kind: t(`regulator.chartKind.${kind}` as 'regulator.chartKind.bar'), title });

export default function RegulatorDashboard() {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const initial = useMemo(() => (typeof window === 'undefined' ? { query: { period: '', region: null, sector: '' }, problems: [] } : readQuery()), []);
  const [query, setQuery] = useState<Query>(initial.query);
  const [problems, setProblems] = useState<string[]>(initial.problems);
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [loading, setLoading] = useState(false);
  const [sorts, setSorts] = useState<Record<string, SortState | null>>({});
  const [crumbNames, setCrumbNames] = useState<Record<string, string>>({});
  const [exporting, setExporting] = useState<'' | 'csv' | 'xlsx' | 'full'>('');
  const [exportMessage, setExportMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const seq = useRef(0);
  const viewTitle = useRef<HTMLHeadingElement>(null);
  const focusAfterLoad = useRef(false);

  useEffect(() => {
    const u = currentUser();
    if (!u) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.regulator() + window.location.search)}`;
      return;
    }
    setUser(u);
    const onPop = () => {
      const next = readQuery();
      setQuery(next.query);
      setProblems(next.problems);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    if (!user || user.role !== 'regulator') return;
    const n = ++seq.current;
    setLoading(true);
    const params: Record<string, string> = { period: query.period };
    if (query.region) params.region = query.region;
    Promise.all([qa('stats/dashboard', { query: params }), qa('stats/survey', { query: params })])
      .then(async ([dashboard, survey]) => {
        const provinces = dashboard.jurisdiction === '' && dashboard.region === '' ? (await qa('stats/provinces', { query: { period: query.period } })).rows : null;
        if (n !== seq.current) return;
        rememberNames({
          [dashboard.region]: dashboard.regionName,
          [dashboard.jurisdiction]: dashboard.jurisdictionName,
          ...Object.fromEntries(dashboard.breakdown.map((b) => [b.code, b.name])),
        });
        const codes = breadcrumbCodes(dashboard.jurisdiction, dashboard.region);
        setCrumbNames(Object.fromEntries(codes.map((c) => [c, knownName(c) ?? c])));
        resolveNames(codes).then((found) => n === seq.current && setCrumbNames(found));
        setData({ dashboard, survey, provinces });
        setError(null);
      })
      .catch((err: ApiFailure) => {
        if (n !== seq.current) return;
        setData(null);
        setError(err);
      })
      .finally(() => {
        if (n === seq.current) setLoading(false);
      });
  }, [user, query.period, query.region]);

  useEffect(() => {
    if (data && focusAfterLoad.current) {
      focusAfterLoad.current = false;
      viewTitle.current?.focus();
    }
  }, [data]);

  function navigate(next: Partial<Query>, focus = false) {
    const q = { ...query, ...next };
    setQuery(q);
    setProblems([]);
    setExportMessage(null);
    focusAfterLoad.current = focus;
    window.history.pushState(null, '', urlFor(q));
  }

  const regionLink = (code: string, jurisdiction: string) => {
    const region = regionParam(code, jurisdiction);
    return {
      href: urlFor({ ...query, region }),
      onClick: (e: MouseEvent) => {
        if (!plainClick(e)) return;
        e.preventDefault();
        navigate({ region }, true);
      },
    };
  };

  const sortable = (id: string) => ({
    sort: sorts[id] ?? null,
    onSort: (column: number) =>
      setSorts((s) => {
        const current = s[id];
        // First click sorts (figures largest first: every table here has its figures from the third column
        // on); a second click reverses; a third restores the server's order.
        const next: SortState | null = current?.column !== column ? { column, descending: column >= 2 } : current.descending === (column >= 2) ? { column, descending: !current.descending } : null;
        return { ...s, [id]: next };
      }),
  });

  if (user === undefined) return <p class="status-line">{t('regulator.loading')}</p>;
  if (user === null) return null;
  if (user.role !== 'regulator') return <p class="notice bad" role="alert">{t('regulator.onlyRegulators')}</p>;

  const d = data?.dashboard;
  const s = data?.survey;
  const sectorName = query.sector ? IAF_SECTORS[query.sector] ?? query.sector : '';

  // The on-screen tables, in screen order and in the order the user sorted them: what the exports write.
  const tables: Record<string, DataTable> = {};
  if (d && s) {
    tables.totals = totalsTable(d);
    if (query.sector) tables.sectorFocus = sectorFocusTable(d, query.sector, sectorName);
    tables.channel = channelTable(d);
    tables.trend = trendTable(d);
    if (d.breakdown.length) tables.breakdown = sortTable(breakdownTable(d), sorts.breakdown);
    tables.sectors = sortTable(sectorTable(d), sorts.sectors);
    tables.courses = sortTable(courseTable(d), sorts.courses);
    tables.surveySummary = surveySummaryTable(s, surveyYearText(d.period.key));
    tables.satisfaction = satisfactionTable(s);
    tables.effect = effectTable(s);
    tables.items = itemsTable(s);
    tables.followUp = followUpTable(s);
    tables.changes = changesTable(s);
    if (data?.provinces) tables.provinces = sortTable(provinceTable(data.provinces), sorts.provinces);
  }
  const crumbs = d ? breadcrumbCodes(d.jurisdiction, d.region) : [];
  const pathNames = crumbs.map((c) => crumbNames[c] ?? knownName(c) ?? c);

  function preamble(): Preamble {
    return [
      [t('stats.export.title'), t('site.name')],
      [t('stats.export.jurisdiction'), d!.jurisdictionName],
      [t('stats.export.region'), pathNames.join(' › ')],
      [t('stats.export.period'), `${periodLabel(d!.period.key)}（${d!.period.key}）`],
      [t('stats.export.sector'), query.sector ? `${query.sector} ${sectorName}` : t('regulator.allSectors')],
      [t('stats.lastUpdate'), formatDateTime(d!.lastUpdate) || t('stats.noUpdate')],
      [t('stats.export.exportedAt'), formatDateTime(new Date().toISOString())],
      [t('stats.export.definitions'), t('stats.counts.note')],
      [t('stats.export.percentRule'), t('stats.percentRule')],
    ];
  }

  async function exportTables(kind: 'csv' | 'xlsx') {
    if (!d) return;
    setExporting(kind);
    setExportMessage(null);
    try {
      const download = await import('../client/download.ts');
      const name = exportFileName(pathNames, d.period.key, kind, t('stats.export.tablesSuffix'));
      if (kind === 'csv') download.downloadCsv(Object.values(tables), preamble(), name);
      else await download.downloadXlsx(Object.values(tables), preamble(), name);
      setExportMessage({ ok: true, text: t('regulator.exported', { name }) });
    } catch (err) {
      setExportMessage({ ok: false, text: (err as Error).message || t('error.generic') });
    } finally {
      setExporting('');
    }
  }

  const fullExportUrl = d ? `/api/qa/stats/export?${new URLSearchParams({ period: d.period.key, region: d.region === '' ? 'national' : d.region })}` : '';
  async function fullExport(e: MouseEvent) {
    e.preventDefault();
    if (!d) return;
    setExporting('full');
    setExportMessage(null);
    try {
      const download = await import('../client/download.ts');
      const name = exportFileName([d.regionName], d.period.key, 'csv', t('stats.export.fullSuffix'));
      await download.downloadWithAuth(fullExportUrl, pb().authStore.token, name);
      setExportMessage({ ok: true, text: t('regulator.fullExported') });
    } catch (err) {
      setExportMessage({ ok: false, text: (err as Error).message || t('error.generic') });
    } finally {
      setExporting('');
    }
  }

  const trendLabels = d ? d.trend.map((m) => (d.period.kind === 'all' ? m.month : t('stats.period.monthShort', { month: Number(m.month.slice(5)) }))) : [];
  const breakdownTop = d ? topRows(d.breakdown, 15) : [];
  const sectorTop = d ? topRows(d.bySector, 10) : [];
  const courseTop = d ? topRows(d.byCourse, 10) : [];
  const itemsRanked = s ? [...s.items].filter((i) => i.count > 0).sort((a, b) => b.count - a.count) : [];
  const spec = (type: ChartSpec['type'], categories: string[], series: ChartSpec['series']): ChartSpec => ({ type, categories, series });

  return (
    <div class="dashboard" aria-busy={loading ? 'true' : 'false'}>
      {problems.map((p) => <p class="notice warn" role="alert">{p}</p>)}
      {d && <p class="dash-scope" data-testid="scope">{t('regulator.scope', { region: d.jurisdictionName })}</p>}
      {d && crumbs.length > 1 && (
        <nav class="dash-crumbs" aria-label={t('regulator.regionPath')} data-testid="region-crumbs">
          <ol>
            {crumbs.map((code, i) =>
              i === crumbs.length - 1 ? (
                <li aria-current="page">{pathNames[i]}</li>
              ) : (
                <li><a {...regionLink(code, d.jurisdiction)}>{pathNames[i]}</a></li>
              ),
            )}
          </ol>
        </nav>
      )}

      <div class="dash-controls no-print">
        <PeriodPicker value={query.period} onChange={(period) => navigate({ period })} />
        <div class="dash-field dash-sector">
          <label for="dash-sector">{t('regulator.sectorFilter')}</label>
          <SectorPicker id="dash-sector" value={query.sector} onChange={(sector) => navigate({ sector })} emptyLabel={t('regulator.allSectors')} />
        </div>
      </div>

      {loading && <p class="status-line" role="status">{t('regulator.loading')}</p>}
      {error && (
        <div class="notice bad" role="alert" data-testid="dashboard-error">
          <p>{error.message}</p>
          {(error.status === 403 || error.status === 400) && query.region && (
            <p><a href={urlFor({ ...query, region: null })} onClick={(e) => { if (plainClick(e)) { e.preventDefault(); navigate({ region: null }); } }}>{t('regulator.backToJurisdiction')}</a></p>
          )}
        </div>
      )}

      {d && s && (
        <>
          <h2 class="dash-view-title" id="view-title" tabIndex={-1} ref={viewTitle} data-testid="view-title">
            {t('regulator.viewTitle', { region: pathNames[pathNames.length - 1] ?? d.regionName, period: periodLabel(d.period.key) })}
          </h2>
          <p class="dash-note" data-testid="updated">
            {t('stats.lastUpdate')}：{formatDateTime(d.lastUpdate) || t('stats.noUpdate')}
            {' · '}
            {t('stats.generatedAt')}：{formatDateTime(d.generatedAt)}
          </p>

          <div class="dash-toolbar no-print" role="group" aria-label={t('regulator.exports')}>
            <button type="button" class="btn secondary small" disabled={!!exporting} onClick={() => exportTables('csv')}>{t('regulator.exportCsv')}</button>
            <button type="button" class="btn secondary small" disabled={!!exporting} onClick={() => exportTables('xlsx')}>{exporting === 'xlsx' ? t('regulator.exporting') : t('regulator.exportXlsx')}</button>
            <a class="btn secondary small" href={fullExportUrl} onClick={fullExport} aria-disabled={exporting ? 'true' : undefined}>{exporting === 'full' ? t('regulator.exporting') : t('regulator.fullExport')}</a>
          </div>
          <p class="dash-note">{t('regulator.exportHint')}</p>
          {exportMessage && <p class={`notice ${exportMessage.ok ? 'ok' : 'bad'}`} role={exportMessage.ok ? 'status' : 'alert'}>{exportMessage.text}</p>}

          <section class="dash-section" aria-labelledby="totals-title">
            <h2 id="totals-title" class="visually-hidden">{t('regulator.totals')}</h2>
            <div class="stat-grid" data-testid="regulator-totals">
              <div class="stat"><div>{t('regulator.enterprises')}</div><div class="value" data-testid="stat-enterprises">{formatInt(d.totals.enterprises)}</div><div class="stat-note">{t('stats.counts.enterprises')}</div></div>
              <div class="stat"><div>{t('regulator.attendees')}</div><div class="value" data-testid="stat-attendees">{formatInt(d.totals.attendees)}</div><div class="stat-note">{t('stats.counts.attendees')}</div></div>
              <div class="stat"><div>{t('regulator.attendeeTimes')}</div><div class="value" data-testid="stat-attendee-times">{formatInt(d.totals.attendeeTimes)}</div><div class="stat-note">{t('stats.counts.attendeeTimes')}</div></div>
            </div>
            {tables.sectorFocus && (
              <div class="dash-focus" data-testid="sector-focus">
                <h3>{tables.sectorFocus.title}</h3>
                <TableView table={tables.sectorFocus} />
              </div>
            )}
          </section>

          <ChartPanel id="channel" title={tables.channel.title} spec={spec('pie', d.byChannel.map((c) => channelLabel(c.channel)), [{ name: t('regulator.attendeeTimes'), data: d.byChannel.map((c) => c.attendeeTimes) }])} chartLabel={chartLabel('pie', t('regulator.channelChart'))} height={240}>
            <TableView table={tables.channel} />
          </ChartPanel>

          <ChartPanel id="trend" title={tables.trend.title} spec={spec('line', trendLabels, countSeries(d.trend))} chartLabel={chartLabel('line', tables.trend.title)} height={300} collapsible>
            <TableView table={tables.trend} />
          </ChartPanel>

          {tables.breakdown && (
            <ChartPanel
              id="breakdown"
              title={tables.breakdown.title}
              spec={spec('hbar', breakdownTop.map((r) => r.name), [{ name: t('regulator.attendeeTimes'), data: breakdownTop.map((r) => r.attendeeTimes) }])}
              chartLabel={chartLabel('bar', t('regulator.topChart', { title: tables.breakdown.title, n: breakdownTop.length }))}
              height={barHeight(breakdownTop.length)}
              intro={canDrillInto(d.breakdown[0]?.code ?? '') ? <p class="dash-note">{t('regulator.drillHint', { level: childLevelLabel(d.region) })}</p> : null}
            >
              <TableView
                table={tables.breakdown}
                {...sortable('breakdown')}
                linkColumn={1}
                link={(row) => (canDrillInto(String(row[0])) ? regionLink(String(row[0]), d.jurisdiction) : null)}
              />
            </ChartPanel>
          )}

          <ChartPanel id="sectors" title={tables.sectors.title} spec={spec('hbar', sectorTop.map((r) => r.name), [{ name: t('regulator.attendeeTimes'), data: sectorTop.map((r) => r.attendeeTimes) }])} chartLabel={chartLabel('bar', t('regulator.topChart', { title: tables.sectors.title, n: sectorTop.length }))} height={barHeight(sectorTop.length)} collapsible>
            <TableView table={tables.sectors} {...sortable('sectors')} highlight={(row) => row[0] === query.sector} />
          </ChartPanel>

          <ChartPanel id="courses" title={tables.courses.title} spec={spec('hbar', courseTop.map((r) => r.title), [{ name: t('regulator.attendeeTimes'), data: courseTop.map((r) => r.attendeeTimes) }])} chartLabel={chartLabel('bar', t('regulator.topChart', { title: tables.courses.title, n: courseTop.length }))} height={barHeight(courseTop.length)}>
            <TableView table={tables.courses} {...sortable('courses')} />
          </ChartPanel>

          <section class="dash-section" aria-labelledby="survey-title" data-testid="survey-results">
            <h2 id="survey-title">{t('survey.results.title')}</h2>
            <p class="dash-note">{t('survey.results.intro', { year: surveyYearLabel(d.period.key) })}</p>
            <div class="stat-grid">
              <div class="stat"><div>{t('survey.results.responses')}</div><div class="value" data-testid="survey-responses">{formatInt(s.responses)}</div></div>
              <div class="stat"><div>{t('survey.satisfiedRate')}</div><div class="value" data-testid="survey-satisfied"><Pct value={s.satisfied} long /></div></div>
              <div class="stat"><div>{t('survey.clearEffectRate')}</div><div class="value" data-testid="survey-clear-effect"><Pct value={s.clearEffect} long /></div></div>
            </div>
            <details class="dash-data">
              <summary>{t('regulator.showTable', { title: tables.surveySummary.title })}</summary>
              <TableView table={tables.surveySummary} />
            </details>
            <div class="dash-grid-2">
              <ChartPanel id="survey-satisfaction" level={3} title={tables.satisfaction.title} spec={spec('vbar', tables.satisfaction.rows.map((r) => String(r[0])), [{ name: t('survey.enterprises'), data: s.satisfaction }])} chartLabel={chartLabel('bar', tables.satisfaction.title)} height={220} collapsible>
                <TableView table={tables.satisfaction} />
              </ChartPanel>
              <ChartPanel id="survey-effect" level={3} title={tables.effect.title} spec={spec('vbar', tables.effect.rows.map((r) => String(r[0])), [{ name: t('survey.enterprises'), data: s.effect }])} chartLabel={chartLabel('bar', tables.effect.title)} height={220} collapsible>
                <TableView table={tables.effect} />
              </ChartPanel>
            </div>
            <ChartPanel id="survey-items" level={3} title={tables.items.title} spec={spec('hbar', itemsRanked.map((i) => i.label), [{ name: t('survey.enterprises'), data: itemsRanked.map((i) => i.count) }])} chartLabel={chartLabel('bar', tables.items.title)} height={barHeight(itemsRanked.length)} collapsible>
              <TableView table={tables.items} />
            </ChartPanel>
            <div class="dash-grid-2">
              <ChartPanel id="survey-follow-up" level={3} title={tables.followUp.title} spec={spec('vbar', tables.followUp.rows.map((r) => String(r[0])), [{ name: t('survey.enterprises'), data: s.followUp.levels }])} chartLabel={chartLabel('bar', tables.followUp.title)} height={220} collapsible>
                <TableView table={tables.followUp} />
              </ChartPanel>
              <div data-testid="survey-changes">
                <h3>{tables.changes.title}</h3>
                <TableView table={tables.changes} />
              </div>
            </div>
          </section>

          {tables.provinces && (
            <section class="dash-section" aria-labelledby="provinces-title" data-testid="panel-provinces">
              <h2 id="provinces-title">{tables.provinces.title}</h2>
              <p class="dash-note">{t('regulator.provincesIntro')}</p>
              <TableView
                table={tables.provinces}
                {...sortable('provinces')}
                linkColumn={1}
                link={(row) => regionLink(String(row[0]), d.jurisdiction)}
              />
            </section>
          )}
        </>
      )}
    </div>
  );
}

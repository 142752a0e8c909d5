/**
 * The regulators' statistics dashboard: totals, channel split, monthly trend, breakdown one level down
 * with drill-down, sectors, courses, the helped-enterprise survey, and (national) the province comparison.
 * Every chart has a data table; the exports write exactly those tables. The view is in the URL
 * (?period=&region=&sector=), so it can be bookmarked and shared; the server checks the jurisdiction.
 * Data: dashboard/useDashboardData.ts; tables: src/lib/stats/dashboard-tables.ts; exports: ExportToolbar.
 *
 * Speed on a slow phone (docs/performance.md): before the figures arrive the first screen is already laid out
 * (scope, controls, title, export toolbar, the three totals with a dash), so nothing moves when they come and
 * the figures only fill places already painted. Each section below is built when it comes near the screen
 * (dashboard/Deferred.tsx; all of them once a key is pressed, and before printing), and each chart loads ECharts
 * when it nears the screen (dashboard/Chart.tsx). The exports write every table of the view, built on the screen yet or not.
 */
import { useMemo, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { formatDateTime, formatInt } from '../lib/format.ts';
import { IAF_SECTORS } from '../lib/iaf-sectors.ts';
import SectorPicker from './SectorPicker.tsx';
import type { Preamble, SortState } from '../lib/stats/export.ts';
import { ChartPanel } from './dashboard/ChartPanel.tsx';
import { PeriodPicker } from './dashboard/PeriodPicker.tsx';
import { TableView } from './dashboard/TableView.tsx';
import { periodLabel, surveyYearLabel, surveyYearText } from './dashboard/period.ts';
import { channelLabel, dashboardTables, nextSort, tablesInOrder, topRows, type Dashboard } from '../lib/stats/dashboard-tables.ts';
import { canDrillInto, childLevelLabel } from '../lib/stats/region-path.ts';
import { plainClick, urlFor, useDashboardData } from './dashboard/useDashboardData.ts';
import { ExportToolbar } from './dashboard/ExportToolbar.tsx';
import { Deferred } from './dashboard/Deferred.tsx';
import { RangeSection } from './dashboard/RangeSection.tsx';
import { SurveySection } from './dashboard/SurveySection.tsx';
import { barHeight, chartLabel, spec } from './dashboard/chartHelpers.ts';

const countSeries = (rows: { attendeeTimes: number; attendees: number; enterprises: number }[]) => [
  { name: t('regulator.attendeeTimes'), data: rows.map((r) => r.attendeeTimes) },
  { name: t('regulator.attendees'), data: rows.map((r) => r.attendees) },
  { name: t('regulator.enterprises'), data: rows.map((r) => r.enterprises) },
];

const trendLabels = (d: Dashboard) =>
  d.trend.map((m) => (d.period.kind === 'all' ? m.month : t('stats.period.monthShort', { month: Number(m.month.slice(5)) })));

/**
 * About the height of a chart panel on a phone (chart above its table), held while it is not built: heading and
 * notes, the chart, and the table's rows (a folded table: its summary line).
 */
const panelEstimate = (chartHeight: number, tableRows: number) => 90 + chartHeight + (tableRows ? 70 + tableRows * 44 : 60);

export default function RegulatorDashboard() {
  const { user, query, problems, data, error, loading, crumbs, pathNames, viewTitle, navigate, regionLink } = useDashboardData();
  const [sorts, setSorts] = useState<Record<string, SortState | null>>({});

  const d = data?.dashboard;
  const s = data?.survey;
  const sectorName = query.sector ? (IAF_SECTORS[query.sector] ?? query.sector) : '';
  // built once per answer or sort, not on every render: the tables' identity tells TableView when to measure again
  const tables = useMemo(
    () =>
      d && s
        ? dashboardTables({
            dashboard: d,
            survey: s,
            provinces: data?.provinces ?? null,
            sector: query.sector,
            sectorName,
            surveyYear: surveyYearText(d.period.key),
            sorts,
          })
        : null,
    [data, query.sector, sorts],
  );

  const sortable = (id: string) => ({
    sort: sorts[id] ?? null,
    onSort: (column: number) => setSorts((s) => ({ ...s, [id]: nextSort(s[id], column) })),
  });

  if (user === undefined) return <p class="status-line">{t('regulator.loading')}</p>;
  if (user === null) return null;
  if (user.role !== 'regulator')
    return (
      <p class="notice bad" role="alert">
        {t('regulator.onlyRegulators')}
      </p>
    );

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

  return (
    <div class="dashboard" aria-busy={loading ? 'true' : 'false'}>
      {problems.map((p) => (
        <p class="notice warn" role="alert">
          {p}
        </p>
      ))}
      {/* the line is kept (empty) while loading, so the controls below it do not move when it fills */}
      <p class="dash-scope" data-testid="scope">
        {d ? t('regulator.scope', { region: d.jurisdictionName }) : '\u00a0'}
      </p>
      {d && crumbs.length > 1 && (
        <nav class="dash-crumbs" aria-label={t('regulator.regionPath')} data-testid="region-crumbs">
          <ol>
            {crumbs.map((code, i) =>
              i === crumbs.length - 1 ? (
                <li aria-current="page">{pathNames[i]}</li>
              ) : (
                <li>
                  <a {...regionLink(code, d.jurisdiction)}>{pathNames[i]}</a>
                </li>
              ),
            )}
          </ol>
        </nav>
      )}

      <div class="dash-controls no-print">
        <PeriodPicker value={query.period} onChange={(period) => navigate({ period })} />
        <div class="dash-field dash-sector">
          <label for="dash-sector">{t('regulator.sectorFilter')}</label>
          <SectorPicker
            id="dash-sector"
            value={query.sector}
            onChange={(sector) => navigate({ sector })}
            emptyLabel={t('regulator.allSectors')}
          />
        </div>
      </div>

      <p class="status-line dash-status" role="status">
        {loading ? t('regulator.loading') : ''}
      </p>
      {error && (
        <div class="notice bad" role="alert" data-testid="dashboard-error">
          <p>{error.message}</p>
          {(error.status === 403 || error.status === 400) && query.region && (
            <p>
              <a
                href={urlFor({ ...query, region: null })}
                onClick={(e) => {
                  if (plainClick(e)) {
                    e.preventDefault();
                    navigate({ region: null });
                  }
                }}
              >
                {t('regulator.backToJurisdiction')}
              </a>
            </p>
          )}
        </div>
      )}

      {!error && (
        <>
          <h2 class="dash-view-title" id="view-title" tabIndex={-1} ref={viewTitle} data-testid="view-title">
            {d
              ? t('regulator.viewTitle', { region: pathNames[pathNames.length - 1] ?? d.regionName, period: periodLabel(d.period.key) })
              : periodLabel(query.period)}
          </h2>
          <p class="dash-note" data-testid="updated">
            {d ? (
              <>
                {t('stats.lastUpdate')}：{formatDateTime(d.lastUpdate) || t('stats.noUpdate')}
                {' · '}
                {t('stats.generatedAt')}：{formatDateTime(d.generatedAt)}
              </>
            ) : (
              '\u00a0'
            )}
          </p>

          <ExportToolbar
            key={`${query.period}|${query.region ?? ''}|${query.sector}`}
            tables={tables && tablesInOrder(tables)}
            preamble={preamble}
            pathNames={pathNames}
            regionName={d?.regionName ?? ''}
            region={d?.region ?? ''}
            periodKey={d?.period.key ?? query.period}
          />

          <section class="dash-section" aria-labelledby="totals-title">
            <h2 id="totals-title" class="visually-hidden">
              {t('regulator.totals')}
            </h2>
            <div class="stat-grid" data-testid="regulator-totals">
              <div class="stat">
                <div>{t('regulator.enterprises')}</div>
                <div class="value" data-testid="stat-enterprises">
                  {d ? formatInt(d.totals.enterprises) : '—'}
                </div>
                <div class="stat-note">{t('stats.counts.enterprises')}</div>
              </div>
              <div class="stat">
                <div>{t('regulator.attendees')}</div>
                <div class="value" data-testid="stat-attendees">
                  {d ? formatInt(d.totals.attendees) : '—'}
                </div>
                <div class="stat-note">{t('stats.counts.attendees')}</div>
              </div>
              <div class="stat">
                <div>{t('regulator.attendeeTimes')}</div>
                <div class="value" data-testid="stat-attendee-times">
                  {d ? formatInt(d.totals.attendeeTimes) : '—'}
                </div>
                <div class="stat-note">{t('stats.counts.attendeeTimes')}</div>
              </div>
            </div>
            {tables?.sectorFocus && (
              <div class="dash-focus" data-testid="sector-focus">
                <h3>{tables.sectorFocus.title}</h3>
                <TableView table={tables.sectorFocus} />
              </div>
            )}
          </section>
        </>
      )}

      {/* The sections below the figures are built when they come near the screen (Deferred). */}
      {d && s && tables && (
        <>
          <Deferred title={tables.channel.title} estimate={panelEstimate(240, tables.channel.rows.length)}>
            {() => (
              <ChartPanel
                id="channel"
                title={tables.channel.title}
                spec={spec(
                  'pie',
                  d.byChannel.map((c) => channelLabel(c.channel)),
                  [{ name: t('regulator.attendeeTimes'), data: d.byChannel.map((c) => c.attendeeTimes) }],
                )}
                chartLabel={chartLabel('pie', t('regulator.channelChart'))}
                height={240}
              >
                <TableView table={tables.channel} />
              </ChartPanel>
            )}
          </Deferred>

          <Deferred title={tables.trend.title} estimate={panelEstimate(300, 0)}>
            {() => (
              <ChartPanel
                id="trend"
                title={tables.trend.title}
                spec={spec('line', trendLabels(d), countSeries(d.trend))}
                chartLabel={chartLabel('line', tables.trend.title)}
                height={300}
                collapsible
              >
                <TableView table={tables.trend} />
              </ChartPanel>
            )}
          </Deferred>

          {tables.breakdown && (
            <Deferred
              title={tables.breakdown.title}
              estimate={panelEstimate(barHeight(Math.min(15, d.breakdown.length)), d.breakdown.length)}
            >
              {() => {
                const top = topRows(d.breakdown, 15);
                return (
                  <ChartPanel
                    id="breakdown"
                    title={tables.breakdown!.title}
                    spec={spec(
                      'hbar',
                      top.map((r) => r.name),
                      [{ name: t('regulator.attendeeTimes'), data: top.map((r) => r.attendeeTimes) }],
                    )}
                    chartLabel={chartLabel('bar', t('regulator.topChart', { title: tables.breakdown!.title, n: top.length }))}
                    height={barHeight(top.length)}
                    intro={
                      canDrillInto(d.breakdown[0]?.code ?? '') ? (
                        <p class="dash-note">{t('regulator.drillHint', { level: childLevelLabel(d.region) })}</p>
                      ) : null
                    }
                  >
                    <TableView
                      table={tables.breakdown!}
                      {...sortable('breakdown')}
                      linkColumn={1}
                      link={(row) => (canDrillInto(String(row[0])) ? regionLink(String(row[0]), d.jurisdiction) : null)}
                    />
                  </ChartPanel>
                );
              }}
            </Deferred>
          )}

          <Deferred title={tables.sectors.title} estimate={panelEstimate(barHeight(Math.min(10, d.bySector.length)), 0)}>
            {() => {
              const top = topRows(d.bySector, 10);
              return (
                <ChartPanel
                  id="sectors"
                  title={tables.sectors.title}
                  spec={spec(
                    'hbar',
                    top.map((r) => r.name),
                    [{ name: t('regulator.attendeeTimes'), data: top.map((r) => r.attendeeTimes) }],
                  )}
                  chartLabel={chartLabel('bar', t('regulator.topChart', { title: tables.sectors.title, n: top.length }))}
                  height={barHeight(top.length)}
                  collapsible
                >
                  <TableView table={tables.sectors} {...sortable('sectors')} highlight={(row) => row[0] === query.sector} />
                </ChartPanel>
              );
            }}
          </Deferred>

          <Deferred title={tables.courses.title} estimate={panelEstimate(barHeight(Math.min(10, d.byCourse.length)), d.byCourse.length)}>
            {() => {
              const top = topRows(d.byCourse, 10);
              return (
                <ChartPanel
                  id="courses"
                  title={tables.courses.title}
                  spec={spec(
                    'hbar',
                    top.map((r) => r.title),
                    [{ name: t('regulator.attendeeTimes'), data: top.map((r) => r.attendeeTimes) }],
                  )}
                  chartLabel={chartLabel('bar', t('regulator.topChart', { title: tables.courses.title, n: top.length }))}
                  height={barHeight(top.length)}
                >
                  <TableView table={tables.courses} {...sortable('courses')} />
                </ChartPanel>
              );
            }}
          </Deferred>

          <Deferred title={t('regulator.range.title')} estimate={520}>
            {() => <RangeSection region={query.region} regionName={pathNames[pathNames.length - 1] ?? d.regionName} />}
          </Deferred>

          <Deferred title={t('survey.results.title')} estimate={2500}>
            {() => <SurveySection survey={s} tables={tables} yearLabel={surveyYearLabel(d.period.key)} />}
          </Deferred>

          {tables.provinces && (
            <Deferred title={tables.provinces.title} estimate={150 + tables.provinces.rows.length * 54}>
              {() => (
                <section class="dash-section" aria-labelledby="provinces-title" data-testid="panel-provinces">
                  <h2 id="provinces-title">{tables.provinces!.title}</h2>
                  <p class="dash-note">{t('regulator.provincesIntro')}</p>
                  <TableView
                    table={tables.provinces!}
                    {...sortable('provinces')}
                    linkColumn={1}
                    link={(row) => regionLink(String(row[0]), d.jurisdiction)}
                  />
                </section>
              )}
            </Deferred>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The regulators' statistics dashboard: totals, channel split, monthly trend, breakdown one level down
 * with drill-down, sectors, courses, the helped-enterprise survey, and (national) the province comparison.
 * Every chart has a data table; the exports write exactly those tables. The view is in the URL
 * (?period=&region=&sector=), so it can be bookmarked and shared; the server checks the jurisdiction.
 * Data: dashboard/useDashboardData.ts; tables: src/lib/stats/dashboard-tables.ts; exports: ExportToolbar.
 *
 * Speed on a slow phone (docs/performance.md): before the figures arrive the first screen is already laid out
 * (scope, controls, title, export toolbar, the three totals with a dash), so nothing moves when they come and
 * the figures only fill places already painted; the sections below are then built one per browser task
 * (useStages), and each chart loads ECharts when it nears the screen (dashboard/Chart.tsx).
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { formatDateTime, formatInt } from '../lib/format.ts';
import { IAF_SECTORS } from '../lib/iaf-sectors.ts';
import SectorPicker from './SectorPicker.tsx';
import type { Preamble, SortState } from '../lib/stats/export.ts';
import { ChartPanel } from './dashboard/ChartPanel.tsx';
import { PeriodPicker } from './dashboard/PeriodPicker.tsx';
import { TableView } from './dashboard/TableView.tsx';
import { periodLabel, surveyYearLabel, surveyYearText } from './dashboard/period.ts';
import { channelLabel, dashboardTables, nextSort, tablesInOrder, topRows } from '../lib/stats/dashboard-tables.ts';
import { canDrillInto, childLevelLabel } from '../lib/stats/region-path.ts';
import { plainClick, urlFor, useDashboardData } from './dashboard/useDashboardData.ts';
import { ExportToolbar } from './dashboard/ExportToolbar.tsx';
import { SurveySection } from './dashboard/SurveySection.tsx';
import { RangeSection } from './dashboard/RangeSection.tsx';
import { barHeight, chartLabel, spec } from './dashboard/chartHelpers.ts';
import { useStages } from './dashboard/useStages.ts';

const countSeries = (rows: { attendeeTimes: number; attendees: number; enterprises: number }[]) => [
  { name: t('regulator.attendeeTimes'), data: rows.map((r) => r.attendeeTimes) },
  { name: t('regulator.attendees'), data: rows.map((r) => r.attendees) },
  { name: t('regulator.enterprises'), data: rows.map((r) => r.enterprises) },
];

export default function RegulatorDashboard() {
  const { user, query, problems, data, error, loading, crumbs, pathNames, viewTitle, navigate, regionLink } = useDashboardData();
  const [sorts, setSorts] = useState<Record<string, SortState | null>>({});
  const ready = !!(data?.dashboard && data.survey);
  // one section per browser task, in page order: channel, trend, breakdown, sectors, courses, date range,
  // survey, provinces
  const stage = useStages(ready, 8);
  // busy until the figures are in and every section below them is built
  const busy = loading || (!error && stage < 8);

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

  const d = data?.dashboard;
  const s = data?.survey;
  const sectorName = query.sector ? (IAF_SECTORS[query.sector] ?? query.sector) : '';
  const tables =
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
      : null;

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

  const trendLabels = d
    ? d.trend.map((m) => (d.period.kind === 'all' ? m.month : t('stats.period.monthShort', { month: Number(m.month.slice(5)) })))
    : [];
  const breakdownTop = d ? topRows(d.breakdown, 15) : [];
  const sectorTop = d ? topRows(d.bySector, 10) : [];
  const courseTop = d ? topRows(d.byCourse, 10) : [];

  return (
    <div class="dashboard" aria-busy={busy ? 'true' : 'false'}>
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

      {d && s && tables && stage >= 1 && (
        <>
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
        </>
      )}

      {d && s && tables && stage >= 2 && (
        <>
          <ChartPanel
            id="trend"
            title={tables.trend.title}
            spec={spec('line', trendLabels, countSeries(d.trend))}
            chartLabel={chartLabel('line', tables.trend.title)}
            height={300}
            collapsible
          >
            <TableView table={tables.trend} />
          </ChartPanel>
        </>
      )}

      {d && s && tables && stage >= 3 && (
        <>
          {tables.breakdown && (
            <ChartPanel
              id="breakdown"
              title={tables.breakdown.title}
              spec={spec(
                'hbar',
                breakdownTop.map((r) => r.name),
                [{ name: t('regulator.attendeeTimes'), data: breakdownTop.map((r) => r.attendeeTimes) }],
              )}
              chartLabel={chartLabel('bar', t('regulator.topChart', { title: tables.breakdown.title, n: breakdownTop.length }))}
              height={barHeight(breakdownTop.length)}
              intro={
                canDrillInto(d.breakdown[0]?.code ?? '') ? (
                  <p class="dash-note">{t('regulator.drillHint', { level: childLevelLabel(d.region) })}</p>
                ) : null
              }
            >
              <TableView
                table={tables.breakdown}
                {...sortable('breakdown')}
                linkColumn={1}
                link={(row) => (canDrillInto(String(row[0])) ? regionLink(String(row[0]), d.jurisdiction) : null)}
              />
            </ChartPanel>
          )}
        </>
      )}

      {d && s && tables && stage >= 4 && (
        <>
          <ChartPanel
            id="sectors"
            title={tables.sectors.title}
            spec={spec(
              'hbar',
              sectorTop.map((r) => r.name),
              [{ name: t('regulator.attendeeTimes'), data: sectorTop.map((r) => r.attendeeTimes) }],
            )}
            chartLabel={chartLabel('bar', t('regulator.topChart', { title: tables.sectors.title, n: sectorTop.length }))}
            height={barHeight(sectorTop.length)}
            collapsible
          >
            <TableView table={tables.sectors} {...sortable('sectors')} highlight={(row) => row[0] === query.sector} />
          </ChartPanel>
        </>
      )}

      {d && s && tables && stage >= 5 && (
        <>
          <ChartPanel
            id="courses"
            title={tables.courses.title}
            spec={spec(
              'hbar',
              courseTop.map((r) => r.title),
              [{ name: t('regulator.attendeeTimes'), data: courseTop.map((r) => r.attendeeTimes) }],
            )}
            chartLabel={chartLabel('bar', t('regulator.topChart', { title: tables.courses.title, n: courseTop.length }))}
            height={barHeight(courseTop.length)}
          >
            <TableView table={tables.courses} {...sortable('courses')} />
          </ChartPanel>
        </>
      )}

      {d && stage >= 6 && <RangeSection region={query.region} regionName={pathNames[pathNames.length - 1] ?? d.regionName} />}

      {d && s && tables && stage >= 7 && (
        <>
          <SurveySection survey={s} tables={tables} yearLabel={surveyYearLabel(d.period.key)} />
        </>
      )}

      {d && s && tables && stage >= 8 && (
        <>
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

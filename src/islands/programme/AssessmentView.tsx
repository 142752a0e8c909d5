/**
 * The 7-indicator provincial assessment. National regulators: all 32 province-level units scored and
 * ranked (sortable table, chart, CSV/XLSX export, how each score was reached). Provincial regulators:
 * their own score against the national median, and their prefectures and counties on the indicators that
 * break down by region. The server decides who sees what.
 */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { downloadCsv, downloadXlsx } from '../../client/download.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import { sortTable, type DataTable, type Preamble, type SortState } from '../../lib/stats/export.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { AssessmentView as View, RegionBreakdown } from '../../server/programme/assessment.ts';
import { TableView } from '../dashboard/TableView.tsx';
import { measuresTable, medianTable, regionsTable, scoreTable } from './assessment-model.ts';
import { ScoreChart } from './ScoreChart.tsx';
import ProgrammeRecords from './ProgrammeRecords.tsx';

export default function AssessmentView() {
  const [view, setView] = useState<View | null>(null);
  const [year, setYear] = useState('');
  const [error, setError] = useState('');
  const [sort, setSort] = useState<SortState | null>(null);
  const [detail, setDetail] = useState<string>('');
  const [region, setRegion] = useState<string>('');
  const [breakdown, setBreakdown] = useState<RegionBreakdown | null>(null);
  const [exportError, setExportError] = useState('');

  useEffect(() => {
    if (!currentUser()) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.regulatorAssessment())}`;
      return;
    }
    qa('assessment', { query: year ? { year } : {} })
      .then((v) => {
        setView(v);
        setYear(v.year);
      })
      .catch((err) => setError((err as ApiFailure).message));
  }, [year]);
  useEffect(() => {
    if (view?.scope !== 'province') return;
    qa('assessment/regions', { query: { year: view.year, region: region || view.jurisdiction } })
      .then(setBreakdown)
      .catch((err) => setError((err as ApiFailure).message));
  }, [view, region]);

  if (error)
    return (
      <p class="notice bad" role="alert">
        {error}
      </p>
    );
  if (!view) return <p class="status-line">…</p>;

  const names = Object.fromEntries((view.rows ?? (view.own ? [view.own] : [])).map((r) => [r.province, r.name]));
  const preamble: Preamble = [
    ['规则', `${view.rules.title}（第 ${view.rules.version} 版）`],
    ['评估年度', view.year],
    ['生成时间（北京时间）', formatDateTime(view.generatedAt)],
    ...(view.notes.length ? ([['说明', view.notes.join('；')]] as [string, string][]) : []),
  ];
  async function save(tables: DataTable[], kind: 'csv' | 'xlsx', name: string) {
    setExportError('');
    try {
      if (kind === 'csv') downloadCsv(tables, preamble, `${name}.csv`);
      else await downloadXlsx(tables, preamble, `${name}.xlsx`);
    } catch (err) {
      setExportError((err as Error).message);
    }
  }
  const yearPicker = (
    <label class="dash-field">
      {t('assess.year')}
      <select value={view.year} onChange={(e) => setYear(e.currentTarget.value)}>
        {view.years.map((y) => (
          <option value={y}>{y}</option>
        ))}
      </select>
    </label>
  );
  const header = (
    <>
      <div class="dash-controls">{yearPicker}</div>
      <p class="dash-note">
        {t('assess.rules', { title: view.rules.title, version: view.rules.version })}
        {view.rules.illustrative ? ` ${t('assess.rulesIllustrative')}` : ''}
      </p>
      {view.notes.length > 0 && (
        <p class="notice warn" data-testid="assessment-notes">
          {t('assess.notes', { notes: view.notes.join('；') })}
        </p>
      )}
    </>
  );

  if (view.rows) {
    const table = scoreTable(view, view.rows);
    const sorted = sortTable(table, sort);
    const chosen = view.rows.find((r) => r.province === detail);
    const measures = measuresTable(view.rows, names);
    const fileName = `省级评估_${view.year}`;
    return (
      <div>
        {header}
        <section class="dash-section" aria-labelledby="assess-table-title">
          <h2 id="assess-table-title">{t('assess.table')}</h2>
          <div class="dash-toolbar">
            <button class="btn secondary small" type="button" onClick={() => save([sortTable(table, sort), measures], 'csv', fileName)}>
              {t('assess.exportCsv')}
            </button>
            <button class="btn secondary small" type="button" onClick={() => save([sortTable(table, sort), measures], 'xlsx', fileName)}>
              {t('assess.exportXlsx')}
            </button>
          </div>
          {exportError && (
            <p class="notice bad" role="alert">
              {exportError}
            </p>
          )}
          <TableView
            table={sorted}
            sort={sort}
            onSort={(column) =>
              setSort((s) => ({ column, descending: s?.column === column ? !s.descending : column !== 2 && column !== 1 }))
            }
            linkColumn={2}
            link={(row) => ({
              href: `#detail-${row[1]}`,
              onClick: (e) => {
                e.preventDefault();
                setDetail(String(row[1]));
                requestAnimationFrame(() => document.getElementById('assess-detail')?.scrollIntoView());
              },
            })}
          />
        </section>
        <section class="dash-section" aria-labelledby="assess-chart-title">
          <h2 id="assess-chart-title">{t('assess.chart')}</h2>
          <ScoreChart
            rows={[...view.rows].sort((a, b) => b.total - a.total)}
            median={view.median.total}
            max={Math.max(view.rows[0]?.maxTotal ?? 100, ...view.rows.map((r) => r.total))}
            label={t('assess.chart')}
          />
        </section>
        {chosen && (
          <section class="dash-section" id="assess-detail" aria-labelledby="assess-detail-title" data-testid="assessment-detail">
            <h2 id="assess-detail-title">
              {chosen.name} · {t('assess.howReached')}（{t('assess.total')} {chosen.total}，{t('assess.rank')} {chosen.rank}）
            </h2>
            <TableView table={measuresTable([chosen], names, 'assessment-detail')} />
          </section>
        )}
        <ProgrammeRecords />
      </div>
    );
  }

  const own = view.own!;
  const ownTable = medianTable(view, own);
  const detailTable = measuresTable([own], names, 'assessment-own-measures');
  const regionTable = breakdown && regionsTable(breakdown);
  return (
    <div>
      {header}
      <p class="notice">{t('assess.ownRankHidden')}</p>
      <div class="stat-grid">
        <div class="stat" data-testid="own-total">
          <div class="meta">{t('assess.own')}</div>
          <strong>{own.total}</strong>
        </div>
        <div class="stat">
          <div class="meta">{t('assess.median')}</div>
          <strong>{view.median.total}</strong>
        </div>
      </div>
      <section class="dash-section">
        <h2>{ownTable.title}</h2>
        <div class="dash-toolbar">
          <button
            class="btn secondary small"
            type="button"
            onClick={() => save([ownTable, detailTable, ...(regionTable ? [regionTable] : [])], 'csv', `省级评估_${own.name}_${view.year}`)}
          >
            {t('assess.exportCsv')}
          </button>
          <button
            class="btn secondary small"
            type="button"
            onClick={() =>
              save([ownTable, detailTable, ...(regionTable ? [regionTable] : [])], 'xlsx', `省级评估_${own.name}_${view.year}`)
            }
          >
            {t('assess.exportXlsx')}
          </button>
        </div>
        <TableView table={ownTable} />
      </section>
      <section class="dash-section">
        <h2>{t('assess.howReached')}</h2>
        <TableView table={detailTable} />
      </section>
      {breakdown && regionTable && (
        <section class="dash-section" data-testid="assessment-regions">
          <h2>
            {t('assess.regions')}：{breakdown.regionName}
          </h2>
          <p class="dash-note">{t('assess.regionsIntro')}</p>
          {region && (
            <p>
              <button type="button" class="btn secondary small" onClick={() => setRegion('')}>
                {t('case.back')}
              </button>
            </p>
          )}
          <TableView
            table={regionTable}
            linkColumn={1}
            link={(row) =>
              String(row[0]).length === 4
                ? {
                    href: '#',
                    onClick: (e) => {
                      e.preventDefault();
                      setRegion(String(row[0]));
                    },
                  }
                : null
            }
          />
        </section>
      )}
      <ProgrammeRecords />
    </div>
  );
}

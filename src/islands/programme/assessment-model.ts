/** The assessment page's tables, as DataTables: what the screen shows is exactly what CSV/XLSX export. */
import { INDICATORS, INDICATOR_IDS, type IndicatorId } from '../../lib/provincial-assessment/measures.ts';
import type { ProvinceScore } from '../../lib/provincial-assessment/score.ts';
import { percentage } from '../../lib/stats/percent.ts';
import type { Column, DataTable } from '../../lib/stats/export.ts';
import type { AssessmentRow, AssessmentView, RegionBreakdown } from '../../server/programme/assessment.ts';

const indicatorColumns: Column[] = INDICATOR_IDS.map((id) => ({ label: `${INDICATORS[id].no} ${INDICATORS[id].name}`, kind: 'decimal' }));

/** All provinces: rank, code, name, seven indicator points, total. */
export function scoreTable(view: AssessmentView, rows: AssessmentRow[]): DataTable {
  return {
    id: 'assessment',
    title: `${view.year} 年度各省评估得分`,
    columns: [
      { label: '排名', kind: 'int' },
      { label: '代码', kind: 'text' },
      { label: '省份', kind: 'text' },
      ...indicatorColumns,
      { label: '总分', kind: 'decimal' },
    ],
    rows: rows.map((r) => [r.rank, r.province, r.name, ...INDICATOR_IDS.map((id) => points(r, id)), r.total]),
    note: `满分 ${rows[0]?.maxTotal ?? 100} 分（含超额完成的封顶加分）。全国中位数 ${view.median.total} 分。${view.notes.length ? `注：${view.notes.join('；')}。` : ''}`,
  };
}

const points = (s: ProvinceScore, id: IndicatorId) => s.indicators.find((i) => i.id === id)?.points ?? 0;

/** How each score was reached: every measure of every indicator, with count, target and attainment. */
export function measuresTable(rows: readonly ProvinceScore[], names: Record<string, string>, id = 'assessment-measures'): DataTable {
  return {
    id,
    title: '计算过程（逐项）',
    columns: [
      { label: '省份', kind: 'text' },
      { label: '指标', kind: 'text' },
      { label: '计分项', kind: 'text' },
      { label: '实际', kind: 'decimal' },
      { label: '目标', kind: 'decimal' },
      { label: '完成度', kind: 'percent', numeratorLabel: '实际', denominatorLabel: '目标' },
      { label: '指标权重', kind: 'decimal' },
      { label: '指标得分', kind: 'decimal' },
    ],
    rows: rows.flatMap((r) =>
      r.indicators.flatMap((ind) =>
        ind.measures.map((m) => [
          names[r.province] ?? r.province,
          `${ind.no} ${ind.name}`,
          m.label + (m.denominator !== undefined ? `（${m.numerator}/${m.denominator}）` : ''),
          m.value,
          m.target,
          m.value === null ? null : percentage(m.value, m.target),
          ind.weight,
          ind.points,
        ]),
      ),
    ),
    note: '完成度 = 实际 ÷ 目标，超过封顶的按封顶计；指标得分 = 指标权重 × 各计分项完成度的加权平均。',
  };
}

/** A province against the national median, indicator by indicator. */
export function medianTable(view: AssessmentView, own: AssessmentRow): DataTable {
  return {
    id: 'assessment-own',
    title: `${own.name} ${view.year} 年度得分与全国中位数`,
    columns: [
      { label: '指标', kind: 'text' },
      { label: '权重', kind: 'decimal' },
      { label: '本省得分', kind: 'decimal' },
      { label: '全国中位数', kind: 'decimal' },
    ],
    rows: [
      ...own.indicators.map((i) => [`${i.no} ${i.name}`, i.weight, i.points, view.median.indicators[i.id] ?? 0]),
      ['总分', own.maxTotal, own.total, view.median.total],
    ],
  };
}

/** Prefectures or counties on the measures that break down by region. */
export function regionsTable(b: RegionBreakdown): DataTable {
  return {
    id: 'assessment-regions',
    title: `${b.regionName}下级地区 ${b.year} 年度`,
    columns: [
      { label: '代码', kind: 'text' },
      { label: '地区', kind: 'text' },
      ...b.measures.map((m): Column => ({ label: m.label, kind: 'int' })),
    ],
    rows: b.rows.map((r) => [r.code, r.name, ...b.measures.map((m) => r.counts[m.key])]),
    note: b.notes.length ? `注：${b.notes.join('；')}。` : undefined,
  };
}

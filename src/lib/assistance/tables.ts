/**
 * The regulator's assistance figures as DataTables: the same rows on screen, in CSV and in XLSX
 * (src/lib/stats/export.ts). Withheld shares (fewer than 5 answers) are empty cells, never a guess.
 */
import type { DataTable } from '../stats/export.ts';
import type { Percentage } from '../stats/percent.ts';
import { beijingDateKey, pbDateMs } from '../beijing-time.ts';

export interface Figures {
  helped: number;
  completed: number;
  overdue: number;
  surveyed: number;
  responseRate: Percentage;
  satisfied: Percentage | null;
  clearEffect: Percentage | null;
  followUpSatisfied: Percentage | null;
  needsGovernmentSupport: Percentage | null;
}

const figureColumns = [
  { label: '帮扶企业数', kind: 'int' as const },
  { label: '完成帮扶企业数', kind: 'int' as const },
  { label: '回访逾期', kind: 'int' as const },
  { label: '调查回收率', kind: 'percent' as const, numeratorLabel: '答卷企业数', denominatorLabel: '帮扶企业数' },
  { label: '满意率', kind: 'percent' as const, numeratorLabel: '满意企业数', denominatorLabel: '答卷企业数' },
  { label: '效果明显率', kind: 'percent' as const, numeratorLabel: '效果明显企业数', denominatorLabel: '答卷企业数' },
  { label: '跟踪服务满意率', kind: 'percent' as const, numeratorLabel: '满意企业数', denominatorLabel: '答卷企业数' },
  { label: '认为政府支持需改进', kind: 'percent' as const, numeratorLabel: '企业数', denominatorLabel: '答卷企业数' },
];

const figureCells = (f: Figures) => [
  f.helped,
  f.completed,
  f.overdue,
  f.responseRate,
  f.satisfied,
  f.clearEffect,
  f.followUpSatisfied,
  f.needsGovernmentSupport,
];

export const NOTE =
  '帮扶企业数 = 统计期内有已接受（进行中或已完成）帮扶记录的企业，按企业去重，不以调查答卷推断；期间按北京时间划分。百分比四舍五入保留两位小数，并列出分子和分母；答卷不足 5 份的分组不公布占比（空白）。';

export function figuresTable(
  id: string,
  title: string,
  firstColumn: string,
  rows: readonly (Figures & { code: string; name: string })[],
): DataTable {
  return {
    id,
    title,
    columns: [
      { label: id === 'assistance-bodies' ? '批准号' : '代码', kind: 'text' },
      { label: firstColumn, kind: 'text' },
      ...figureColumns,
    ],
    rows: rows.map((r) => [r.code, r.name, ...figureCells(r)]),
    note: NOTE,
  };
}

export function totalsTable(regionName: string, f: Figures): DataTable {
  return {
    id: 'assistance-totals',
    title: `${regionName}合计`,
    columns: [{ label: '区域', kind: 'text' }, ...figureColumns],
    rows: [[regionName, ...figureCells(f)]],
    note: NOTE,
  };
}

export interface ListRow {
  enterprise: string;
  region: string;
  county: string;
  body: string;
  stateLabel: string;
  acceptedAt: string;
  finishedAt: string;
  lastConfirmedVisit: string;
  overdue: boolean;
}

const day = (iso: string) => (Number.isNaN(pbDateMs(iso)) ? '' : beijingDateKey(pbDateMs(iso)));

export function helpedListTable(rows: readonly ListRow[]): DataTable {
  return {
    id: 'helped-enterprises',
    title: '帮扶企业名单',
    columns: ['企业名称', '区划代码', '所在地', '帮扶机构', '状态', '接受帮扶日期', '结束日期', '最近确认回访', '回访逾期'].map(
      (label) => ({ label, kind: 'text' as const }),
    ),
    rows: rows.map((r) => [
      r.enterprise,
      r.county,
      r.region,
      r.body,
      r.stateLabel,
      day(r.acceptedAt),
      day(r.finishedAt),
      r.lastConfirmedVisit,
      r.overdue ? '是' : '否',
    ]),
    note: '名单只列企业名称和帮扶状态；诊断、方案、回访内容和调查答卷不向监管部门展示。',
  };
}

/**
 * The regulators' list of trained enterprises (src/server/stats-range.ts): sort keys and the table that the
 * page shows and the CSV export writes. Pure.
 */
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import type { Column, DataTable } from './export.ts';
import type { DateRange } from './date-range.ts';

export const ENTERPRISE_SORTS = ['times', 'people', 'last', 'name'] as const;
export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];

export interface EnterpriseRow {
  name: string;
  region: string;
  regionName: string;
  attendeeTimes: number;
  attendees: number;
  lastCompletion: string;
}

export const enterpriseListColumns = (): Column[] => [
  { label: t('regulator.enterpriseList.name'), kind: 'text' },
  { label: t('regulator.enterpriseList.region'), kind: 'text' },
  { label: t('regulator.enterpriseList.times'), kind: 'int' },
  { label: t('regulator.enterpriseList.people'), kind: 'int' },
  { label: t('regulator.enterpriseList.last'), kind: 'text' },
];

/** Which column of the table each server sort key orders (for the header buttons). */
export const SORT_COLUMN: Record<EnterpriseSort, number> = { name: 0, times: 2, people: 3, last: 4 };

export function enterpriseListTable(
  rows: readonly EnterpriseRow[],
  meta: { regionName: string; range: DateRange | null; total: number; search: string },
): DataTable {
  const scope = meta.range ? t('regulator.range.label', { from: meta.range.from, to: meta.range.to }) : t('stats.period.allLabel');
  return {
    id: 'trained-enterprises',
    title: t('regulator.enterpriseList.title', { region: meta.regionName, scope }),
    columns: enterpriseListColumns(),
    rows: rows.map((r) => [
      r.name || t('regulator.enterpriseList.unnamed'),
      r.regionName || r.region,
      r.attendeeTimes,
      r.attendees,
      formatDateTime(r.lastCompletion),
    ]),
    note: [
      t('regulator.enterpriseList.note'),
      meta.search ? t('regulator.enterpriseList.searchNote', { q: meta.search }) : '',
      t('regulator.enterpriseList.totalNote', { n: meta.total }),
    ]
      .filter(Boolean)
      .join(' '),
  };
}

/** The "custom range vs same period last year" table of the regulators' dashboard (screen and CSV). Pure. */
import { t } from '../../i18n/index.ts';
import type { DataTable } from './export.ts';
import { formatChange, formatDifference, type Change, type DateRange } from './date-range.ts';

export interface RangeComparison {
  regionName: string;
  current: { range: DateRange };
  lastYear: { range: DateRange };
  change: { attendeeTimes: Change; attendees: Change; enterprises: Change };
}

export function rangeTable(r: RangeComparison): DataTable {
  const { from, to } = r.current.range;
  const row = (label: string, c: Change) => [label, c.current, c.previous, formatDifference(c.difference), formatChange(c)];
  return {
    id: 'range-yoy',
    title: t('regulator.range.tableTitle', { region: r.regionName, from, to }),
    columns: [
      { label: t('regulator.range.indicator'), kind: 'text' },
      { label: t('regulator.range.current', { from, to }), kind: 'int' },
      { label: t('regulator.range.lastYear', { from: r.lastYear.range.from, to: r.lastYear.range.to }), kind: 'int' },
      { label: t('regulator.range.difference'), kind: 'text' },
      { label: t('regulator.range.change'), kind: 'text' },
    ],
    rows: [
      row(t('regulator.attendeeTimes'), r.change.attendeeTimes),
      row(t('regulator.attendees'), r.change.attendees),
      row(t('regulator.enterprises'), r.change.enterprises),
    ],
    note: t('regulator.range.note'),
  };
}

/**
 * Exports of exactly what the statistics pages show: every on-screen table is a `DataTable`, rendered as
 * HTML by the islands and written to CSV (UTF-8 with BOM, so that Excel opens Chinese correctly) or XLSX
 * from the same rows. Pure functions only: the browser-side saving lives in src/client/download.ts.
 */
import { t } from '../../i18n/index.ts';
import type { Percentage } from './percent.ts';

export type Cell = string | number | Percentage | null;
/** int: counts (shown 1,234); decimal: scores with two decimals; percent: a Percentage cell. */
export type ColumnKind = 'text' | 'int' | 'decimal' | 'percent';

export interface Column {
  label: string;
  kind: ColumnKind;
  /** For percent columns: what the numerator and the denominator count (spelled out in exports). */
  numeratorLabel?: string;
  denominatorLabel?: string;
}

export interface DataTable {
  /** Stable id: the HTML table carries data-testid="table-<id>". */
  id: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
  note?: string;
}

export interface FlatTable {
  title: string;
  header: string[];
  kinds: ColumnKind[];
  rows: (string | number)[][];
  note?: string;
}

export const BOM = '\uFEFF';

export function isPercentage(value: unknown): value is Percentage {
  return typeof value === 'object' && value !== null && 'denominator' in value && 'numerator' in value;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge spaces. Text that a
 * spreadsheet would run as a formula (= + - @ at the start) is prefixed with an apostrophe.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly (string | number | null | undefined)[]) => cells.map(csvCell).join(',');

/** "85.71%（6/7）" as shown in table cells; "—" when there is nothing to divide by. */
export function percentCellText(p: Percentage): string {
  return p.percent === null ? `—（${p.numerator}/${p.denominator}）` : `${p.text}（${p.numerator}/${p.denominator}）`;
}

/**
 * A table as rows of plain values: each percent column becomes three (the percentage rounded half up to
 * two decimals, its numerator and its denominator), so that a spreadsheet can recompute it.
 */
export function flattenTable(table: DataTable): FlatTable {
  const header: string[] = [];
  const kinds: ColumnKind[] = [];
  for (const c of table.columns) {
    if (c.kind === 'percent') {
      header.push(
        t('stats.export.percentColumn', { label: c.label }),
        c.numeratorLabel ?? t('stats.export.numerator', { label: c.label }),
        c.denominatorLabel ?? t('stats.export.denominator', { label: c.label }),
      );
      kinds.push('percent', 'int', 'int');
    } else {
      header.push(c.label);
      kinds.push(c.kind);
    }
  }
  const rows = table.rows.map((row) =>
    row.flatMap((cell, i): (string | number)[] => {
      if (table.columns[i]?.kind === 'percent') {
        if (!isPercentage(cell)) return ['', '', ''];
        return [cell.percent === null ? '' : cell.percent, cell.numerator, cell.denominator];
      }
      if (isPercentage(cell)) return [cell.text];
      return [cell ?? ''];
    }),
  );
  return { title: table.title, header, kinds, rows, note: table.note };
}

/** Key-value lines that open an export: scope, period, times, the rounding rule. */
export type Preamble = [string, string][];

/** The whole CSV: BOM, preamble, then each table (title, header, rows, note) separated by a blank line; CRLF. */
export function tablesToCsv(tables: readonly DataTable[], preamble: Preamble = []): string {
  const lines: string[] = preamble.map(([k, v]) => csvLine([k, v]));
  for (const table of tables) {
    const flat = flattenTable(table);
    if (lines.length) lines.push('');
    lines.push(csvLine([flat.title]));
    lines.push(csvLine(flat.header));
    for (const row of flat.rows) lines.push(csvLine(row));
    if (flat.note) lines.push(csvLine([flat.note]));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

const UNSAFE_FILE_CHARS = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** 质量学堂统计_浙江省_2026.csv; a drilled-down view adds the path: 质量学堂统计_浙江省_湖州市_2026-Q1.xlsx */
export function exportFileName(regionPath: readonly string[], periodKey: string, ext: 'csv' | 'xlsx', what?: string): string {
  const period = periodKey === 'all' ? t('stats.export.allPeriods') : periodKey;
  // `what` tells apart exports of the same region and period (the on-screen tables and the full detail)
  const parts = [t('stats.export.filePrefix'), ...regionPath, period, what ?? '']
    .map((p) => p.replace(UNSAFE_FILE_CHARS, '-').trim())
    .filter(Boolean);
  return `${parts.join('_')}.${ext}`;
}

/** An Excel worksheet name: at most 31 characters, none of []:*?/\, unique within the workbook. */
export function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}-${n}`;
  used.add(name.toLowerCase());
  return name;
}

export interface SortState {
  column: number;
  descending: boolean;
}

function sortKey(cell: Cell): number | string | null {
  if (cell === null) return null;
  if (isPercentage(cell)) return cell.percent;
  return cell;
}

/** The rows as the user sorted them (stable; empty values last whichever the direction). */
export function sortTable(table: DataTable, sort: SortState | null | undefined): DataTable {
  if (!sort || sort.column < 0 || sort.column >= table.columns.length) return table;
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  const rows = table.rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = sortKey(a.row[sort.column]);
      const y = sortKey(b.row[sort.column]);
      if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return (sort.descending ? -order : order) || a.index - b.index;
    })
    .map((r) => r.row);
  return { ...table, rows };
}

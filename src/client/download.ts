/**
 * Saving exports in the browser: the on-screen tables as CSV (UTF-8 with BOM) or XLSX (ExcelJS, loaded
 * only when the user asks for it), and the server's full CSV export, which needs the login token.
 */
import { flattenTable, sheetName, tablesToCsv, type DataTable, type Preamble } from '../lib/stats/export.ts';
import { t } from '../i18n/index.ts';
import { saveBlob } from './save-blob.ts';

export function downloadCsv(tables: readonly DataTable[], preamble: Preamble, filename: string): void {
  // The string starts with U+FEFF; a Blob encodes strings as UTF-8, so the file starts with EF BB BF.
  saveBlob(new Blob([tablesToCsv(tables, preamble)], { type: 'text/csv;charset=utf-8' }), filename);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One worksheet of notes (scope, period, times, rounding rule), then one worksheet per on-screen table. */
export async function downloadXlsx(tables: readonly DataTable[], preamble: Preamble, filename: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t('site.name');
  workbook.created = new Date();
  const used = new Set<string>();
  const notes = workbook.addWorksheet(sheetName(t('stats.export.notesSheet'), used));
  notes.columns = [{ width: 18 }, { width: 60 }];
  for (const [key, value] of preamble) notes.addRow([key, value]);
  notes.getColumn(1).font = { bold: true };
  for (const table of tables) {
    const flat = flattenTable(table);
    const sheet = workbook.addWorksheet(sheetName(flat.title, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(flat.header).font = { bold: true };
    for (const row of flat.rows) sheet.addRow(row);
    flat.kinds.forEach((kind, i) => {
      const column = sheet.getColumn(i + 1);
      const longest = Math.max(
        ...[flat.header[i], ...flat.rows.map((r) => String(r[i] ?? ''))].map((s) =>
          Array.from(s).reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 2 : 1), 0),
        ),
      );
      column.width = Math.min(48, Math.max(8, longest + 2));
      if (kind === 'percent') column.numFmt = '0.00"%"';
      if (kind === 'int') column.numFmt = '#,##0';
      if (kind === 'decimal') column.numFmt = '0.00';
    });
    if (flat.note) {
      sheet.addRow([]);
      sheet.addRow([flat.note]).font = { italic: true };
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  saveBlob(new Blob([buffer], { type: XLSX_TYPE }), filename);
}

function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/** Fetches a file that needs the login token (plain links cannot send the Authorization header) and saves it. */
export async function downloadWithAuth(url: string, token: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Authorization: token } });
  } catch {
    throw new Error(t('error.network'));
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message || t('error.generic'));
  }
  saveBlob(await res.blob(), filenameFrom(res.headers.get('content-disposition')) ?? fallbackName);
}

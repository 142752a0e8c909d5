/**
 * The dashboard's exports: the on-screen tables as CSV or XLSX (exactly the rows shown, as sorted), and the
 * server's full per-region detail. The export libraries load only when a button is pressed.
 */
import { useState } from 'preact/hooks';
import { authToken } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { exportFileName, type DataTable, type Preamble } from '../../lib/stats/export.ts';

export interface ExportToolbarProps {
  /** null while the view loads: the toolbar holds its place on the screen, its buttons disabled. */
  tables: DataTable[] | null;
  preamble: () => Preamble;
  /** The region path shown in the breadcrumb: names the file. */
  pathNames: string[];
  regionName: string;
  region: string;
  periodKey: string;
}

export function ExportToolbar(props: ExportToolbarProps) {
  const [exporting, setExporting] = useState<'' | 'csv' | 'xlsx' | 'full'>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(kind: 'csv' | 'xlsx' | 'full', work: () => Promise<string>) {
    setExporting(kind);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await work() });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message || t('error.generic') });
    } finally {
      setExporting('');
    }
  }

  const exportTables = (kind: 'csv' | 'xlsx') =>
    run(kind, async () => {
      const download = await import('../../client/download.ts');
      const name = exportFileName(props.pathNames, props.periodKey, kind, t('stats.export.tablesSuffix'));
      const tables = props.tables ?? [];
      if (kind === 'csv') download.downloadCsv(tables, props.preamble(), name);
      else await download.downloadXlsx(tables, props.preamble(), name);
      return t('regulator.exported', { name });
    });

  const fullExportUrl = `/api/qa/stats/export?${new URLSearchParams({ period: props.periodKey, region: props.region === '' ? 'national' : props.region })}`;
  function fullExport(e: MouseEvent) {
    e.preventDefault();
    if (!props.tables) return;
    void run('full', async () => {
      const download = await import('../../client/download.ts');
      const name = exportFileName([props.regionName], props.periodKey, 'csv', t('stats.export.fullSuffix'));
      await download.downloadWithAuth(fullExportUrl, authToken(), name);
      return t('regulator.fullExported');
    });
  }

  return (
    <>
      <div class="dash-toolbar no-print" role="group" aria-label={t('regulator.exports')}>
        <button type="button" class="btn secondary small" disabled={!!exporting || !props.tables} onClick={() => exportTables('csv')}>
          {t('regulator.exportCsv')}
        </button>
        <button type="button" class="btn secondary small" disabled={!!exporting || !props.tables} onClick={() => exportTables('xlsx')}>
          {exporting === 'xlsx' ? t('regulator.exporting') : t('regulator.exportXlsx')}
        </button>
        <a
          class="btn secondary small"
          href={props.tables ? fullExportUrl : undefined}
          onClick={fullExport}
          aria-disabled={exporting || !props.tables ? 'true' : undefined}
        >
          {exporting === 'full' ? t('regulator.exporting') : t('regulator.fullExport')}
        </a>
      </div>
      <p class="dash-note">{t('regulator.exportHint')}</p>
      {message && (
        <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </>
  );
}

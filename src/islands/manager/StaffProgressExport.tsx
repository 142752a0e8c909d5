/**
 * The manager's export of their staff's learning progress: CSV (UTF-8 with BOM, the statistics exports'
 * writer) or XLSX, from GET /api/qa/manager/staff-progress (own enterprise only; no email or phone).
 */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { staffProgressFileName, staffProgressPreamble, staffProgressTable } from '../../lib/manager/progress-table.ts';

export default function StaffProgressExport() {
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState<'' | 'csv' | 'xlsx'>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setShow(currentUser()?.role === 'enterprise_manager'), []);

  async function run(kind: 'csv' | 'xlsx') {
    // busy buttons stay enabled (aria-disabled): a disabled button would drop the keyboard focus to the page top
    if (busy) return;
    setBusy(kind);
    setMessage(null);
    try {
      const [data, download] = await Promise.all([qa('manager/staff-progress'), import('../../client/download.ts')]);
      const name = staffProgressFileName(data.enterprise.name, kind);
      const tables = [staffProgressTable(data)];
      if (kind === 'csv') download.downloadCsv(tables, staffProgressPreamble(data), name);
      else await download.downloadXlsx(tables, staffProgressPreamble(data), name);
      setMessage({ ok: true, text: t('manager.export.done', { name }) });
    } catch (err) {
      setMessage({ ok: false, text: (err as ApiFailure).message || t('error.generic') });
    } finally {
      setBusy('');
    }
  }

  if (!show) return null;
  return (
    <section class="card" data-testid="progress-export" aria-labelledby="progress-export-title">
      <h2 id="progress-export-title">{t('manager.export.title')}</h2>
      <p>{t('manager.export.intro')}</p>
      <div class="button-row">
        <button
          type="button"
          class="btn small"
          aria-disabled={busy ? true : undefined}
          onClick={() => run('csv')}
          data-testid="progress-csv"
        >
          {busy === 'csv' ? t('manager.export.busy') : t('manager.export.csv')}
        </button>
        <button
          type="button"
          class="btn secondary small"
          aria-disabled={busy ? true : undefined}
          onClick={() => run('xlsx')}
          data-testid="progress-xlsx"
        >
          {busy === 'xlsx' ? t('manager.export.busy') : t('manager.export.xlsx')}
        </button>
      </div>
      {message && (
        <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}

/**
 * The regulator's assistance section: the numbers (帮扶企业数 from the record, shares with numerator and
 * denominator), by region, sector and body; the list of helped enterprises with CSV/XLSX export; applications
 * waiting for a body; and admitting bodies to the programme in the jurisdiction.
 */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { downloadCsv, downloadXlsx } from '../../client/download.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import { exportFileName, type DataTable } from '../../lib/stats/export.ts';
import { figuresTable, helpedListTable, totalsTable } from '../../lib/assistance/tables.ts';
import type { AssistanceStats, helpedList } from '../../server/assistance/numbers.ts';
import type { BodyView } from '../../server/assistance/bodies.ts';
import { Pct, TableView } from '../dashboard/TableView.tsx';
import { Feedback, useAction } from './shared.tsx';

type List = ReturnType<typeof helpedList>;

export default function RegulatorAssistance() {
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const [period, setPeriod] = useState(String(year));
  const [region, setRegion] = useState<string | null>(null);
  const [stats, setStats] = useState<AssistanceStats | null>(null);
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  const user = typeof window === 'undefined' ? null : currentUser();
  useEffect(() => {
    if (!user) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.regulatorAssistance())}`;
      return;
    }
    if (user.role !== 'regulator') {
      setError(t('assist.wrongRole'));
      return;
    }
    const query: Record<string, string> = { period, ...(region !== null ? { region: region === '' ? 'national' : region } : {}) };
    Promise.all([qa('assistance/stats', { query }), qa('assistance/enterprises', { query })]).then(
      ([s, l]) => {
        setStats(s);
        setList(l);
        setError('');
      },
      (f: ApiFailure) => setError(f.message),
    );
  }, [period, region, tick]);
  if (error)
    return (
      <p class="notice bad" role="alert">
        {error}
      </p>
    );
  if (!stats || !list) return <p class="status-line">{t('assist.loading')}</p>;
  const tables: DataTable[] = [
    totalsTable(stats.regionName, stats.totals),
    ...(stats.byRegion.length ? [figuresTable('assistance-regions', t('assist.byRegion'), t('assist.region'), stats.byRegion)] : []),
    figuresTable('assistance-sectors', t('assist.bySector'), t('assist.sector'), stats.bySector),
    figuresTable('assistance-bodies', t('assist.byBody'), t('assist.body'), stats.byBody),
  ];
  const listTable = helpedListTable(list.rows);
  const preamble: [string, string][] = [
    [t('assist.scope'), stats.regionName],
    [t('assist.period'), stats.period],
    [t('assist.generated'), stats.generatedAt],
  ];
  const fileName = (ext: 'csv' | 'xlsx') => exportFileName([stats.regionName, '帮扶'], stats.period, ext);
  const jurisdiction = user?.jurisdiction ?? '';
  return (
    <div data-testid="regulator-assistance">
      <div class="filters">
        <label>
          {t('assist.period')}
          <select value={period} onChange={(e) => setPeriod((e.target as HTMLSelectElement).value)} data-testid="assist-period">
            {[year, year - 1, year - 2].map((y) => (
              <option value={String(y)}>{y}</option>
            ))}
            {[1, 2, 3, 4].map((q) => (
              <option value={`${year}-Q${q}`}>
                {year}-Q{q}
              </option>
            ))}
            <option value="all">{t('assist.allPeriods')}</option>
          </select>
        </label>
        {region !== null && region !== jurisdiction && (
          <button class="btn secondary small" type="button" onClick={() => setRegion(null)}>
            {t('assist.backToJurisdiction')}
          </button>
        )}
      </div>
      <h2>
        {stats.regionName} · {stats.period}
      </h2>
      <div class="stat-grid">
        <div class="stat">
          <div>{t('assist.helped')}</div>
          <div class="value" data-testid="assist-helped">
            {stats.totals.helped}
          </div>
        </div>
        <div class="stat">
          <div>{t('assist.completed')}</div>
          <div class="value">{stats.totals.completed}</div>
        </div>
        <div class="stat">
          <div>{t('assist.overdueFollowUps')}</div>
          <div class="value" data-testid="assist-overdue">
            {stats.totals.overdue}
          </div>
        </div>
        <div class="stat">
          <div>{t('assist.responseRate')}</div>
          <div class="value">
            <Pct value={stats.totals.responseRate} long />
          </div>
        </div>
        <div class="stat">
          <div>{t('assist.satisfied')}</div>
          <div class="value">
            <Pct value={stats.totals.satisfied} long />
          </div>
        </div>
        <div class="stat">
          <div>{t('assist.clearEffect')}</div>
          <div class="value">
            <Pct value={stats.totals.clearEffect} long />
          </div>
        </div>
        <div class="stat">
          <div>{t('assist.followUpSatisfied')}</div>
          <div class="value">
            <Pct value={stats.totals.followUpSatisfied} long />
          </div>
        </div>
        <div class="stat">
          <div>{t('assist.needsGovSupport')}</div>
          <div class="value">
            <Pct value={stats.totals.needsGovernmentSupport} long />
          </div>
        </div>
      </div>
      {stats.totals.changes?.some((c) => c.reported > 0) && (
        <ul class="status-line" data-testid="assist-changes">
          {stats.totals.changes
            .filter((c) => c.reported > 0)
            .map((c) => (
              <li>{t('assist.changeLine', { item: c.label, average: c.average === null ? '—' : `${c.average}%`, n: c.reported })}</li>
            ))}
        </ul>
      )}
      <p class="dash-note">{t('assist.definitionNote', { days: stats.followUpDays, min: stats.minPublished })}</p>
      <p>
        <button class="btn secondary small" type="button" onClick={() => downloadCsv([...tables, listTable], preamble, fileName('csv'))}>
          {t('assist.exportCsv')}
        </button>{' '}
        <button
          class="btn secondary small"
          type="button"
          onClick={() => void downloadXlsx([...tables, listTable], preamble, fileName('xlsx'))}
        >
          {t('assist.exportXlsx')}
        </button>
      </p>
      {tables.slice(1).map((table) => (
        <section>
          <h3>{table.title}</h3>
          <TableView
            table={table}
            showNote={false}
            linkColumn={table.id === 'assistance-regions' ? 1 : undefined}
            link={
              table.id === 'assistance-regions'
                ? (row) => ({
                    href: '#',
                    onClick: (e) => {
                      e.preventDefault();
                      setRegion(String(row[0]));
                    },
                  })
                : undefined
            }
          />
        </section>
      ))}
      <section>
        <h3>{t('assist.helpedList', { n: list.rows.length })}</h3>
        <TableView table={listTable} />
      </section>
      <Pending pending={list.pending} onDone={() => setTick((n) => n + 1)} />
      <Admissions jurisdiction={jurisdiction} />
    </div>
  );
}

function Pending({ pending, onDone }: { pending: List['pending']; onDone: () => void }) {
  const action = useAction(onDone);
  const [bodies, setBodies] = useState<Record<string, BodyView[]>>({});
  const [choice, setChoice] = useState<Record<string, string>>({});
  useEffect(() => {
    for (const province of new Set(pending.map((p) => p.province))) {
      if (!bodies[province])
        qa('assistance/bodies', { query: { province } }).then(
          (r) => setBodies((b) => ({ ...b, [province]: r.bodies })),
          () => undefined,
        );
    }
  }, [pending]);
  if (!pending.length) return null;
  return (
    <section data-testid="pending-applications">
      <h3>{t('assist.pendingTitle', { n: pending.length })}</h3>
      <p class="status-line">{t('assist.pendingLead')}</p>
      <ul class="cards">
        {pending.map((p) => (
          <li class="card">
            <p>
              <strong>{p.enterprise}</strong> · {p.region} · {p.body || t('assist.noBodyYet')}
            </p>
            {!p.body && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void action.run(`assistance/${p.assistance}/assign`, { body: choice[p.assistance] ?? '' }, t('assist.assignedBody'));
                }}
              >
                <label>
                  {t('assist.chooseBody')}
                  <select
                    value={choice[p.assistance] ?? ''}
                    onChange={(e) => setChoice({ ...choice, [p.assistance]: (e.target as HTMLSelectElement).value })}
                  >
                    <option value="">—</option>
                    {(bodies[p.province] ?? []).map((b) => (
                      <option value={b.id}>{b.name}</option>
                    ))}
                  </select>
                </label>
                <button class="btn small" type="submit" disabled={action.busy}>
                  {t('assist.assignBody')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <Feedback failure={action.failure} done={action.done} />
    </section>
  );
}

function Admissions({ jurisdiction }: { jurisdiction: string }) {
  const [bodies, setBodies] = useState<BodyView[]>([]);
  const [tick, setTick] = useState(0);
  const action = useAction(() => setTick((n) => n + 1));
  useEffect(() => {
    qa('assistance/bodies').then(
      (r) => setBodies(r.bodies),
      () => undefined,
    );
  }, [tick]);
  if (jurisdiction.length > 2) return <p class="status-line">{t('assist.admissionsProvinceOnly')}</p>;
  const mine = (code: string) => jurisdiction === '' || code === jurisdiction;
  return (
    <section data-testid="admissions">
      <h3>{t('assist.admissionsTitle')}</h3>
      <p class="status-line">{t('assist.admissionsLead')}</p>
      <ul class="cards">
        {bodies.map((b) => (
          <li class="card">
            <p>
              <strong>{b.name}</strong>（{b.approvalNumber}）
            </p>
            {b.provinces
              .filter((p) => mine(p.code))
              .map((p) => (
                <p>
                  {p.name}：
                  <span class={`badge ${p.admitted ? 'ok' : ''}`}>{p.admitted ? t('assist.admitted') : t('assist.notAdmitted')}</span>{' '}
                  <button
                    class="btn secondary small"
                    type="button"
                    disabled={action.busy}
                    onClick={() => action.run(`assistance/bodies/${b.id}/admission`, { province: p.code, admitted: !p.admitted })}
                  >
                    {p.admitted ? t('assist.remove') : t('assist.admit')}
                  </button>
                </p>
              ))}
          </li>
        ))}
      </ul>
      <Feedback failure={action.failure} done={action.done} />
    </section>
  );
}

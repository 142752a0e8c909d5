/**
 * The expert's workspace (/expert/): the body's enterprises (own first, overdue follow-ups flagged),
 * proposing help, and for one enterprise: accept, certifier, diagnosis findings, the plan, visits, closing.
 */
import { useEffect, useState } from 'preact/hooks';
import { qa } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import type { AssistanceDetail, ExpertHome } from '../../server/assistance/views.ts';
import type { BodyView } from '../../server/assistance/bodies.ts';
import {
  AssessmentsView,
  SuggestionsView,
  Feedback,
  FindingsView,
  FollowUpLine,
  HistoryView,
  PlanView,
  StateBadge,
  todayBeijing,
  useAction,
  useQa,
  when,
  type Catalogue,
} from './shared.tsx';

const selectedFromUrl = () => (typeof window === 'undefined' ? '' : (new URLSearchParams(window.location.search).get('id') ?? ''));

export default function ExpertWorkspace({ catalogue }: { catalogue: Catalogue }) {
  const home = useQa<ExpertHome>('assistance/expert', 'expert', routes.expert());
  const [selected, setSelected] = useState(selectedFromUrl());
  const detail = useQa<AssistanceDetail>(selected ? `assistance/${selected}` : null, 'expert', routes.expert());
  const reload = () => {
    home.reload();
    if (selected) detail.reload();
  };
  const open = (id: string) => {
    setSelected(id);
    history.pushState(null, '', id ? `?id=${id}` : window.location.pathname);
  };
  useEffect(() => {
    const onPop = () => setSelected(selectedFromUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  if (home.error)
    return (
      <p class="notice bad" role="alert">
        {home.error}
      </p>
    );
  if (!home.data) return <p class="status-line">{t('assist.loading')}</p>;
  if (selected) {
    return (
      <div>
        <p>
          <button class="btn secondary small" type="button" onClick={() => open('')}>
            {t('assist.backToList')}
          </button>
        </p>
        {detail.error && (
          <p class="notice bad" role="alert">
            {detail.error}
          </p>
        )}
        {detail.data && <Detail a={detail.data} me={home.data.me.id} catalogue={catalogue} onDone={reload} />}
      </div>
    );
  }
  const { body, assistances, overdue, followUpDays } = home.data;
  return (
    <div data-testid="expert-workspace">
      <p class="status-line">
        {body.name}（{body.approvalNumber}）·{' '}
        {t('assist.admittedIn', {
          provinces:
            body.provinces
              .filter((p) => p.admitted)
              .map((p) => p.name)
              .join('、') || '—',
        })}
      </p>
      {overdue > 0 && (
        <p class="notice warn" data-testid="expert-overdue">
          {t('assist.expertOverdue', { n: overdue, days: followUpDays })}
        </p>
      )}
      <h2>{t('assist.myEnterprises')}</h2>
      {!assistances.length && <p class="status-line">{t('assist.noEnterprises')}</p>}
      <ul class="cards">
        {assistances.map((a) => (
          <li class="card" data-testid="expert-assistance">
            <h3>
              <a
                href={`?id=${a.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  open(a.id);
                }}
              >
                {a.enterprise.name}
              </a>
            </h3>
            <p>
              <StateBadge state={a.state} label={a.stateLabel} /> {a.enterprise.region}
              {a.expert ? ` · ${a.expert.name}` : ''}
              {a.followUp.overdue ? (
                <>
                  {' '}
                  · <span class="badge warn">{t('assist.overdueDays', { days: a.followUp.daysSince ?? 0 })}</span>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      <Propose onDone={reload} />
    </div>
  );
}

function Propose({ onDone }: { onDone: () => void }) {
  const [uscc, setUscc] = useState('');
  const [note, setNote] = useState('');
  const action = useAction(onDone);
  return (
    <section>
      <h2>{t('assist.proposeTitle')}</h2>
      <p>{t('assist.proposeLead')}</p>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run('assistance/propose', { uscc, note }, t('assist.proposedDone'));
        }}
      >
        <label>
          {t('assist.uscc')}
          <input
            name="uscc"
            value={uscc}
            maxLength={24}
            autocomplete="off"
            onInput={(e) => setUscc((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('assist.proposeNote')}
          <textarea rows={2} maxLength={500} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        </label>
        <Feedback failure={action.failure} done={action.done} />
        <button class="btn" type="submit" disabled={action.busy}>
          {t('assist.proposeSubmit')}
        </button>
      </form>
    </section>
  );
}

function Detail({ a, me, catalogue, onDone }: { a: AssistanceDetail; me: string; catalogue: Catalogue; onDone: () => void }) {
  const action = useAction(onDone);
  const mine = a.expert?.id === me;
  const [reason, setReason] = useState('');
  return (
    <section data-testid="expert-detail">
      <h2>
        {a.enterprise.name} <StateBadge state={a.state} label={a.stateLabel} />
      </h2>
      <p class="status-line">
        {a.enterprise.region}
        {a.acceptedAt ? ` · ${t('assist.acceptedOn', { date: when(a.acceptedAt) })}` : ''}
        {a.expert ? ` · ${t('assist.expertLine', { name: a.expert.name })}` : ''}
      </p>
      {a.requestNote && (
        <p>
          {t('assist.requestNote')}
          {a.requestNote}
        </p>
      )}
      {a.state === 'requested' && (
        <div class="notice">
          <p>{t('assist.requestedLead')}</p>
          <button
            class="btn"
            type="button"
            data-testid="accept-request"
            disabled={action.busy}
            onClick={() => action.run(`assistance/${a.id}/accept`, {}, t('assist.acceptedDone'))}
          >
            {t('assist.acceptRequest')}
          </button>{' '}
          <button
            class="btn secondary"
            type="button"
            disabled={action.busy}
            onClick={() => action.run(`assistance/${a.id}/decline`, { reason }, t('assist.declinedDone'))}
          >
            {t('assist.decline')}
          </button>
        </div>
      )}
      {a.state === 'proposed' && <p class="notice">{t('assist.waitingForEnterprise')}</p>}
      <Feedback failure={action.failure} done={action.done} />
      {a.state === 'active' && (
        <>
          <FollowUpLine detail={a} />
          <Certifier a={a} onDone={onDone} />
          <h3>{t('assist.assessments')}</h3>
          <AssessmentsView detail={a} />
          <SuggestionsView detail={a} />
          <h3>{t('assist.findings')}</h3>
          {mine ? <FindingsForm a={a} onDone={onDone} /> : <FindingsView detail={a} />}
          <h3>{t('assist.plan')}</h3>
          <PlanView detail={a} />
          {mine && <MeasureForm a={a} catalogue={catalogue} onDone={onDone} />}
          <h3>{t('assist.visits')}</h3>
          <VisitList a={a} />
          {mine && <VisitForm a={a} onDone={onDone} />}
          {mine && (
            <details>
              <summary>{t('assist.closeOrEnd')}</summary>
              <p>{t('assist.closeLead')}</p>
              <button
                class="btn"
                type="button"
                disabled={action.busy}
                onClick={() => action.run(`assistance/${a.id}/close`, { reason }, t('assist.closedDone'))}
              >
                {t('assist.close')}
              </button>
              <label>
                {t('assist.endReason')}
                <textarea rows={2} maxLength={500} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
              </label>
              <button
                class="btn secondary"
                type="button"
                disabled={action.busy}
                onClick={() => action.run(`assistance/${a.id}/end`, { reason }, t('assist.endedDone'))}
              >
                {t('assist.end')}
              </button>
            </details>
          )}
        </>
      )}
      <HistoryView detail={a} />
    </section>
  );
}

function Certifier({ a, onDone }: { a: AssistanceDetail; onDone: () => void }) {
  const action = useAction(onDone);
  const [bodies, setBodies] = useState<BodyView[]>([]);
  const [certifier, setCertifier] = useState(a.certifier.id);
  const [other, setOther] = useState(a.certifier.id ? '' : a.certifier.name);
  useEffect(() => {
    qa('assistance/bodies').then(
      (r) => setBodies(r.bodies),
      () => setBodies([]),
    );
  }, []);
  return (
    <details open={!a.certifier.known}>
      <summary data-testid="certifier-summary">
        {t('assist.certifierTitle')}：{a.certifier.known ? a.certifier.name : t('assist.certifierUnknownShort')}
      </summary>
      <p class="status-line">{t('assist.certifierLead')}</p>
      <form
        class="stack"
        data-testid="certifier-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(`assistance/${a.id}/certifier`, { certifier, certifierName: certifier ? '' : other });
        }}
      >
        <label>
          {t('assist.certifierBody')}
          <select name="certifier" value={certifier} onChange={(e) => setCertifier((e.target as HTMLSelectElement).value)}>
            <option value="">{t('assist.certifierOther')}</option>
            {bodies.map((b) => (
              <option value={b.id}>{b.name}</option>
            ))}
          </select>
        </label>
        {!certifier && (
          <label>
            {t('assist.certifierName')}
            <input value={other} maxLength={100} onInput={(e) => setOther((e.target as HTMLInputElement).value)} />
            <span class="hint">{t('assist.certifierNameHint')}</span>
          </label>
        )}
        <Feedback failure={action.failure} done={action.done} />
        <button class="btn secondary" type="submit" disabled={action.busy}>
          {t('assist.save')}
        </button>
      </form>
    </details>
  );
}

function FindingsForm({ a, onDone }: { a: AssistanceDetail; onDone: () => void }) {
  const action = useAction(onDone);
  const [rows, setRows] = useState(a.findings.length ? a.findings : [{ area: '', text: '' }]);
  const set = (i: number, key: 'area' | 'text', value: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <form
      class="stack"
      data-testid="findings-form"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(`assistance/${a.id}/findings`, { findings: rows.filter((r) => r.text.trim()) });
      }}
    >
      {rows.map((r, i) => (
        <fieldset>
          <legend>{t('assist.findingN', { n: i + 1 })}</legend>
          <label>
            {t('assist.findingArea')}
            <input value={r.area} maxLength={40} onInput={(e) => set(i, 'area', (e.target as HTMLInputElement).value)} />
          </label>
          <label>
            {t('assist.findingText')}
            <textarea rows={2} maxLength={1000} value={r.text} onInput={(e) => set(i, 'text', (e.target as HTMLTextAreaElement).value)} />
          </label>
        </fieldset>
      ))}
      <button class="btn secondary small" type="button" onClick={() => setRows([...rows, { area: '', text: '' }])}>
        {t('assist.addFinding')}
      </button>
      <Feedback failure={action.failure} done={action.done} />
      <button class="btn" type="submit" disabled={action.busy}>
        {t('assist.saveFindings')}
      </button>
    </form>
  );
}

function MeasureForm({ a, catalogue, onDone }: { a: AssistanceDetail; catalogue: Catalogue; onDone: () => void }) {
  const action = useAction(onDone);
  const empty = {
    id: '',
    title: '',
    detail: '',
    owner: '',
    targetDate: '',
    status: 'planned',
    lessons: [] as string[],
    cases: [] as string[],
  };
  const [m, setM] = useState(empty);
  const field = (key: keyof typeof empty) => (e: Event) => setM({ ...m, [key]: (e.target as HTMLInputElement).value });
  const toggle = (key: 'lessons' | 'cases', id: string, on: boolean) =>
    setM({ ...m, [key]: on ? [...m[key], id] : m[key].filter((x) => x !== id) });
  const edit = (id: string) => {
    const found = a.measures.find((x) => x.id === id);
    setM(
      found
        ? {
            id,
            title: found.title,
            detail: found.detail,
            owner: found.owner,
            targetDate: found.targetDate,
            status: found.status,
            lessons: found.lessons.map((l) => l.id),
            cases: found.cases.map((c) => c.id),
          }
        : empty,
    );
  };
  return (
    <details>
      <summary>{t('assist.measureFormTitle')}</summary>
      <form
        class="stack"
        data-testid="measure-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await action.run(`assistance/${a.id}/measures`, { ...m, id: m.id || undefined })) setM(empty);
        }}
      >
        {a.measures.length > 0 && (
          <label>
            {t('assist.editMeasure')}
            <select value={m.id} onChange={(e) => edit((e.target as HTMLSelectElement).value)}>
              <option value="">{t('assist.newMeasure')}</option>
              {a.measures.map((x) => (
                <option value={x.id}>{x.title}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('assist.measureTitle')}
          <input name="title" value={m.title} maxLength={100} onInput={field('title')} />
        </label>
        <label>
          {t('assist.measureDetail')}
          <textarea name="detail" rows={2} maxLength={1000} value={m.detail} onInput={field('detail')} />
        </label>
        <label>
          {t('assist.measureOwnerLabel')}
          <input name="owner" value={m.owner} maxLength={40} onInput={field('owner')} />
        </label>
        <label>
          {t('assist.measureTarget')}
          <input name="targetDate" type="date" value={m.targetDate} onInput={field('targetDate')} />
        </label>
        <label>
          {t('assist.status')}
          <select name="status" value={m.status} onChange={field('status')}>
            {['planned', 'in_progress', 'done', 'dropped'].map((s) => (
              <option value={s}>{t(`assist.measureStatus.${s}` as 'assist.measureStatus.done')}</option>
            ))}
          </select>
        </label>
        <details>
          <summary>{t('assist.pickLessons', { n: m.lessons.length })}</summary>
          {catalogue.courses.map((c) => (
            <fieldset>
              <legend>{c.title}</legend>
              {c.lessons.map((l) => {
                const id = `${c.id}/${l.slug}`;
                return (
                  <label class="quiz-option">
                    <input
                      type="checkbox"
                      data-lesson={id}
                      checked={m.lessons.includes(id)}
                      onChange={(e) => toggle('lessons', id, (e.target as HTMLInputElement).checked)}
                    />
                    {l.title}
                  </label>
                );
              })}
            </fieldset>
          ))}
        </details>
        <details>
          <summary>{t('assist.pickCases', { n: m.cases.length })}</summary>
          {catalogue.cases.map((c) => (
            <label class="quiz-option">
              <input
                type="checkbox"
                checked={m.cases.includes(c.id)}
                onChange={(e) => toggle('cases', c.id, (e.target as HTMLInputElement).checked)}
              />
              {c.title}
            </label>
          ))}
        </details>
        <Feedback failure={action.failure} done={action.done} />
        <button class="btn" type="submit" disabled={action.busy}>
          {t('assist.saveMeasure')}
        </button>
      </form>
    </details>
  );
}

function VisitList({ a }: { a: AssistanceDetail }) {
  if (!a.visits.length) return <p class="status-line">{t('assist.noVisits')}</p>;
  return (
    <ul data-testid="visits">
      {a.visits.map((v) => (
        <li data-testid="visit">
          {v.date} · {v.modeLabel} · {v.checked} ·{' '}
          <span class={`badge ${v.confirmation === 'confirmed' ? 'ok' : 'warn'}`}>
            {t(`assist.confirmation.${v.confirmation}` as 'assist.confirmation.pending')}
          </span>
          {v.disputeReason ? `（${v.disputeReason}）` : ''}
        </li>
      ))}
    </ul>
  );
}

function VisitForm({ a, onDone }: { a: AssistanceDetail; onDone: () => void }) {
  const action = useAction(onDone);
  const [date, setDate] = useState(todayBeijing());
  const [mode, setMode] = useState('site');
  const [checked, setChecked] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [statuses, setStatuses] = useState<Record<string, string>>(Object.fromEntries(a.measures.map((m) => [m.id, m.status])));
  return (
    <details>
      <summary>{t('assist.logVisit')}</summary>
      <form
        class="stack"
        data-testid="visit-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const measures = a.measures.map((m) => ({ measure: m.id, status: statuses[m.id] ?? m.status }));
          if (await action.run(`assistance/${a.id}/visits`, { date, mode, checked, nextStep, measures }, t('assist.visitLogged'))) {
            setChecked('');
            setNextStep('');
          }
        }}
      >
        <label>
          {t('assist.visitDate')}
          <input type="date" name="date" value={date} max={todayBeijing()} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('assist.visitMode')}
          <select name="mode" value={mode} onChange={(e) => setMode((e.target as HTMLSelectElement).value)}>
            <option value="site">{t('assist.modeSite')}</option>
            <option value="remote">{t('assist.modeRemote')}</option>
          </select>
        </label>
        <label>
          {t('assist.visitChecked')}
          <textarea
            name="checked"
            rows={3}
            maxLength={2000}
            value={checked}
            onInput={(e) => setChecked((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        {a.measures.map((m) => (
          <label>
            {m.title}
            <select value={statuses[m.id]} onChange={(e) => setStatuses({ ...statuses, [m.id]: (e.target as HTMLSelectElement).value })}>
              {['planned', 'in_progress', 'done', 'dropped'].map((s) => (
                <option value={s}>{t(`assist.measureStatus.${s}` as 'assist.measureStatus.done')}</option>
              ))}
            </select>
          </label>
        ))}
        <label>
          {t('assist.visitNext')}
          <textarea
            name="nextStep"
            rows={2}
            maxLength={1000}
            value={nextStep}
            onInput={(e) => setNextStep((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <p class="status-line">{t('assist.visitConfirmNote')}</p>
        <Feedback failure={action.failure} done={action.done} />
        <button class="btn" type="submit" disabled={action.busy}>
          {t('assist.saveVisit')}
        </button>
      </form>
    </details>
  );
}

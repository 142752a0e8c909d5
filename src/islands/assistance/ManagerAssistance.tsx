/**
 * The enterprise manager's assistance page: apply (or answer a body's proposal), see the plan, assign
 * lessons to staff, confirm the expert's visits, end the assistance, and answer the survey at the end.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import type { ManagerHome } from '../../server/assistance/views.ts';
import type { AssignmentView } from '../../server/assistance/plan.ts';
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

interface AssignmentsReply {
  assignments: AssignmentView[];
  overdue: number;
  staff: { id: string; name: string; role: string }[];
}

export default function ManagerAssistance({ catalogue }: { catalogue: Catalogue }) {
  const home = useQa<ManagerHome>('assistance/enterprise', 'enterprise_manager', routes.assistance());
  const assignments = useQa<AssignmentsReply>('assistance/assignments', 'enterprise_manager', routes.assistance());
  const reload = () => {
    home.reload();
    assignments.reload();
  };
  if (home.error)
    return (
      <p class="notice bad" role="alert">
        {home.error}
      </p>
    );
  if (!home.data) return <p class="status-line">{t('assist.loading')}</p>;
  const { current, past, bodies, enterprise } = home.data;
  return (
    <div class="assist" data-testid="manager-assistance">
      <p class="status-line">
        {enterprise.name} · {enterprise.provinceName}
      </p>
      {!current && <ApplyForm bodies={bodies} onDone={reload} />}
      {current && <Current home={home.data} onDone={reload} />}
      {current?.state === 'active' && assignments.data && (
        <Assignments
          data={assignments.data}
          catalogue={catalogue}
          measures={current.measures.map((m) => ({ id: m.id, title: m.title }))}
          onDone={reload}
        />
      )}
      {past.length > 0 && (
        <section>
          <h2>{t('assist.past')}</h2>
          <ul>
            {past.map((p) => (
              <li>
                <StateBadge state={p.state} label={p.stateLabel} /> {p.body?.name ?? t('assist.noBodyYet')} · {when(p.acceptedAt)}–
                {when(p.finishedAt)}
                {p.state === 'closed' && (
                  <>
                    {' '}
                    · <a href={`${routes.manager()}#survey`}>{t('assist.answerSurvey')}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function ApplyForm({ bodies, onDone }: { bodies: ManagerHome['bodies']; onDone: () => void }) {
  const [body, setBody] = useState('');
  const [note, setNote] = useState('');
  const action = useAction(onDone);
  return (
    <section>
      <h2>{t('assist.applyTitle')}</h2>
      <p>{t('assist.applyLead')}</p>
      <form
        class="stack"
        data-testid="apply-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run('assistance/apply', { body, note }, t('assist.applied'));
        }}
      >
        <label>
          {t('assist.chooseBody')}
          <select value={body} onChange={(e) => setBody((e.target as HTMLSelectElement).value)} name="body">
            <option value="">{t('assist.letRegulatorAssign')}</option>
            {bodies.map((b) => (
              <option value={b.id}>
                {b.name}（{b.approvalNumber}）
              </option>
            ))}
          </select>
          <span class="hint">{t('assist.bodiesHint', { n: bodies.length })}</span>
        </label>
        <label>
          {t('assist.applyNote')}
          <textarea name="note" rows={3} maxLength={500} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        </label>
        <Feedback failure={action.failure} done={action.done} />
        <button class="btn" type="submit" disabled={action.busy}>
          {t('assist.applySubmit')}
        </button>
      </form>
    </section>
  );
}

function Current({ home, onDone }: { home: ManagerHome; onDone: () => void }) {
  const a = home.current!;
  const action = useAction(onDone);
  const [reason, setReason] = useState('');
  return (
    <section data-testid="current-assistance">
      <h2>
        {t('assist.current')} <StateBadge state={a.state} label={a.stateLabel} />
      </h2>
      <p>
        {a.body ? t('assist.bodyLine', { body: a.body.name }) : t('assist.waitingForAssignment')}
        {a.expert ? ` · ${t('assist.expertLine', { name: a.expert.name })}` : ''}
      </p>
      {a.state === 'proposed' && (
        <div class="notice">
          <p>{t('assist.proposedLead', { body: a.body?.name ?? '' })}</p>
          {a.requestNote && <p>{a.requestNote}</p>}
          <button
            class="btn"
            type="button"
            disabled={action.busy}
            onClick={() => action.run(`assistance/${a.id}/accept`, {}, t('assist.acceptedDone'))}
          >
            {t('assist.accept')}
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
      {a.state === 'requested' && (
        <p>
          <button
            class="btn secondary small"
            type="button"
            disabled={action.busy}
            onClick={() => action.run(`assistance/${a.id}/decline`, { reason: t('assist.withdrawnReason') }, t('assist.withdrawnDone'))}
          >
            {t('assist.withdraw')}
          </button>
        </p>
      )}
      {a.state === 'active' && (
        <>
          <FollowUpLine detail={a} />
          <p class="status-line">
            {a.certifier.known ? t('assist.certifierLine', { name: a.certifier.name }) : t('assist.certifierUnknown')}
          </p>
          <h3>{t('assist.assessments')}</h3>
          <AssessmentsView detail={a} />
          <SuggestionsView detail={a} />
          <h3>{t('assist.findings')}</h3>
          <FindingsView detail={a} />
          <h3>{t('assist.plan')}</h3>
          <PlanView detail={a} />
          <Visits detail={a} onDone={onDone} />
        </>
      )}
      <HistoryView detail={a} />
      {a.state === 'active' && (
        <details>
          <summary>{t('assist.endTitle')}</summary>
          <form
            class="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void action.run(`assistance/${a.id}/end`, { reason }, t('assist.endedDone'));
            }}
          >
            <label>
              {t('assist.endReason')}
              <textarea rows={2} value={reason} maxLength={500} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
            </label>
            <button class="btn secondary" type="submit" disabled={action.busy}>
              {t('assist.end')}
            </button>
          </form>
        </details>
      )}
      <Feedback failure={action.failure} done={action.done} />
    </section>
  );
}

function Visits({ detail, onDone }: { detail: NonNullable<ManagerHome['current']>; onDone: () => void }) {
  const action = useAction(onDone);
  const [dispute, setDispute] = useState<Record<string, string>>({});
  const measureTitle = (id: string) => detail.measures.find((m) => m.id === id)?.title ?? '';
  return (
    <section>
      <h3>{t('assist.visits')}</h3>
      {!detail.visits.length && <p class="status-line">{t('assist.noVisits')}</p>}
      <ul class="cards" data-testid="visits">
        {detail.visits.map((v) => (
          <li class="card" data-testid="visit">
            <p>
              <strong>{v.date}</strong> · {v.modeLabel} · {v.expertName} ·{' '}
              <span class={`badge ${v.confirmation === 'confirmed' ? 'ok' : 'warn'}`}>{t(`assist.confirmation.${v.confirmation}`)}</span>
            </p>
            <p>
              {t('assist.checked')}
              {v.checked}
            </p>
            {v.measures.map((m) => (
              <p>
                · {measureTitle(m.measure)}：{t(`assist.measureStatus.${m.status}`)}
                {m.note ? `（${m.note}）` : ''}
              </p>
            ))}
            {v.nextStep && (
              <p>
                {t('assist.nextStep')}
                {v.nextStep}
              </p>
            )}
            {v.disputeReason && (
              <p>
                {t('assist.disputeReason')}
                {v.disputeReason}
              </p>
            )}
            {v.confirmation === 'pending' && (
              <div>
                <p>{t('assist.confirmLead')}</p>
                <button
                  class="btn small"
                  type="button"
                  data-testid="confirm-visit"
                  disabled={action.busy}
                  onClick={() => action.run(`assistance/visits/${v.id}/confirm`, { confirmed: true }, t('assist.confirmedDone'))}
                >
                  {t('assist.confirmVisit')}
                </button>
                <label>
                  {t('assist.disputeLabel')}
                  <input
                    value={dispute[v.id] ?? ''}
                    maxLength={500}
                    onInput={(e) => setDispute({ ...dispute, [v.id]: (e.target as HTMLInputElement).value })}
                  />
                </label>
                <button
                  class="btn secondary small"
                  type="button"
                  disabled={action.busy}
                  onClick={() =>
                    action.run(
                      `assistance/visits/${v.id}/confirm`,
                      { confirmed: false, reason: dispute[v.id] ?? '' },
                      t('assist.disputedDone'),
                    )
                  }
                >
                  {t('assist.disputeVisit')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <Feedback failure={action.failure} done={action.done} />
    </section>
  );
}

function Assignments({
  data,
  catalogue,
  measures,
  onDone,
}: {
  data: AssignmentsReply;
  catalogue: Catalogue;
  measures: { id: string; title: string }[];
  onDone: () => void;
}) {
  const action = useAction(onDone);
  const [users, setUsers] = useState<string[]>([]);
  const [course, setCourse] = useState(catalogue.courses[0]?.id ?? '');
  const [lesson, setLesson] = useState('');
  const [due, setDue] = useState(() => new Date(Date.now() + (8 + 14 * 24) * 3600_000).toISOString().slice(0, 10));
  const [measure, setMeasure] = useState('');
  const lessons = catalogue.courses.find((c) => c.id === course)?.lessons ?? [];
  return (
    <section data-testid="assignments">
      <h2>{t('assist.assignTitle')}</h2>
      {data.overdue > 0 && (
        <p class="notice warn" data-testid="assignments-overdue">
          {t('assist.assignmentsOverdue', { n: data.overdue })}
        </p>
      )}
      <form
        class="stack"
        data-testid="assign-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(
            'assistance/assignments',
            { users, course, lesson, dueDate: due, measure: measure || undefined },
            t('assist.assignedDone'),
          );
        }}
      >
        <fieldset>
          <legend>{t('assist.assignStaff')}</legend>
          {data.staff.map((s) => (
            <label class="quiz-option">
              <input
                type="checkbox"
                checked={users.includes(s.id)}
                onChange={(e) => setUsers((e.target as HTMLInputElement).checked ? [...users, s.id] : users.filter((u) => u !== s.id))}
              />
              {s.name}
            </label>
          ))}
        </fieldset>
        <label>
          {t('assist.course')}
          <select
            name="course"
            value={course}
            onChange={(e) => {
              setCourse((e.target as HTMLSelectElement).value);
              setLesson('');
            }}
          >
            {catalogue.courses.map((c) => (
              <option value={c.id}>{c.title}</option>
            ))}
          </select>
        </label>
        <label>
          {t('assist.lesson')}
          <select name="lesson" value={lesson} onChange={(e) => setLesson((e.target as HTMLSelectElement).value)}>
            <option value="">{t('assist.wholeCourse')}</option>
            {lessons.map((l) => (
              <option value={l.slug}>{l.title}</option>
            ))}
          </select>
        </label>
        <label>
          {t('assist.dueDate')}
          <input
            type="date"
            name="dueDate"
            value={due}
            min={todayBeijing()}
            onInput={(e) => setDue((e.target as HTMLInputElement).value)}
          />
        </label>
        {measures.length > 0 && (
          <label>
            {t('assist.forMeasure')}
            <select name="measure" value={measure} onChange={(e) => setMeasure((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {measures.map((m) => (
                <option value={m.id}>{m.title}</option>
              ))}
            </select>
          </label>
        )}
        <Feedback failure={action.failure} done={action.done} />
        <button class="btn" type="submit" disabled={action.busy}>
          {t('assist.assignSubmit')}
        </button>
      </form>
      {data.assignments.length > 0 && (
        <div class="dash-table-wrap">
          <table class="dash-table" data-testid="assignment-table">
            <thead>
              <tr>
                <th>{t('assist.staff')}</th>
                <th>{t('assist.lesson')}</th>
                <th>{t('assist.dueDate')}</th>
                <th>{t('assist.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.assignments.map((a) => (
                <tr class={a.overdue ? 'overdue' : ''}>
                  <td>{a.userName}</td>
                  <td>{a.title}</td>
                  <td>{a.dueDate}</td>
                  <td>
                    <span class={`badge ${a.done ? 'ok' : a.overdue ? 'warn' : ''}`}>
                      {a.done ? t('assist.done') : a.overdue ? t('assist.overdue') : t('assist.notYet')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Pieces shared by the manager's assistance page and the expert's workspace. */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, qaSend, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import { formatDateZh } from '../../lib/format.ts';
import type { Role } from '../../lib/roles.ts';
import { beijingDateKey } from '../../lib/beijing-time.ts';
import type { AssistanceDetail } from '../../server/assistance/views.ts';

export interface Catalogue {
  courses: { id: string; title: string; lessons: { slug: string; title: string }[] }[];
  cases: { id: string; title: string }[];
}

/** Loads a route for the given role; sends others to log in. */
export function useQa<T>(path: string | null, role: Role, page: string): { data: T | null; error: string; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const user = currentUser();
    if (!user) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(page)}`;
      return;
    }
    if (user.role !== role) {
      setError(t('assist.wrongRole'));
      return;
    }
    if (!path) return;
    qaSend<T>(path).then(setData, (f: ApiFailure) => setError(f.message));
  }, [path, tick]);
  return { data, error, reload: () => setTick((n) => n + 1) };
}

/** Runs a POST, shows its Chinese error (and field errors), and reloads on success. */
export function useAction(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState('');
  async function run(path: string, body: unknown, message = t('assist.saved')) {
    setBusy(true);
    setFailure(null);
    setDone('');
    try {
      await qa(path, { method: 'POST', body });
      setDone(message);
      onDone();
      return true;
    } catch (err) {
      setFailure(err as ApiFailure);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, failure, done, run };
}

export function Feedback({ failure, done }: { failure: ApiFailure | null; done?: string }) {
  if (failure) {
    return (
      <div class="notice bad" role="alert">
        <p>{failure.message}</p>
        {Object.values(failure.fields).length > 0 && (
          <ul>
            {Object.entries(failure.fields).map(([k, v]) => (
              <li data-field={k}>{v}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return done ? (
    <p class="notice ok" role="status">
      {done}
    </p>
  ) : null;
}

export const when = (iso: string) => (iso ? formatDateZh(iso.replace(' ', 'T')) : '—');

const STATE_BADGE: Record<string, string> = { active: 'ok', requested: 'warn', proposed: 'warn', closed: '', ended: '', declined: '' };
export const StateBadge = ({ state, label }: { state: string; label: string }) => (
  <span class={`badge ${STATE_BADGE[state] ?? ''}`} data-testid="assistance-state">
    {label}
  </span>
);

export function FollowUpLine({ detail }: { detail: Pick<AssistanceDetail, 'followUp' | 'state'> & { followUpDays?: number } }) {
  if (detail.state !== 'active' || !detail.followUp.since) return null;
  return detail.followUp.overdue ? (
    <p class="notice warn" data-testid="followup-overdue">
      {t('assist.followUpOverdue', { days: detail.followUp.daysSince ?? 0 })}
    </p>
  ) : (
    <p class="status-line">{t('assist.followUpDue', { date: when(detail.followUp.dueBy ?? '') })}</p>
  );
}

/** The plan as both sides see it: measures with progress, lessons and cases that help. */
export function PlanView({ detail }: { detail: AssistanceDetail }) {
  if (!detail.measures.length) return <p class="status-line">{t('assist.noMeasures')}</p>;
  return (
    <ol class="assist-measures" data-testid="plan-measures">
      {detail.measures.map((m) => (
        <li class="card" data-testid="plan-measure">
          <h3>{m.title}</h3>
          {m.detail && <p>{m.detail}</p>}
          <p>
            {t('assist.measureOwner', { owner: m.owner })} · {t('assist.measureDue', { date: m.targetDate })} ·{' '}
            <span class={`badge ${m.status === 'done' ? 'ok' : ''}`}>{m.statusLabel}</span>
          </p>
          {m.progress.total > 0 && (
            <p data-testid="measure-progress">{t('assist.measureProgress', { done: m.progress.done, total: m.progress.total })}</p>
          )}
          {m.lessons.length > 0 && (
            <p>
              {t('assist.helpfulLessons')}
              {m.lessons.map((l) => {
                const [course, slug] = l.id.split('/');
                return (
                  <>
                    {' '}
                    <a href={routes.lesson(course, slug)}>{l.title}</a>
                  </>
                );
              })}
            </p>
          )}
          {m.cases.length > 0 && (
            <p>
              {t('assist.helpfulCases')}
              {m.cases.map((c) => (
                <>
                  {' '}
                  <a href={routes.caseStudy(c.id)}>{c.title}</a>
                </>
              ))}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The enterprise's self-assessments (baseline first): scores, and the page with weakest areas and before/after. */
export function AssessmentsView({ detail }: { detail: AssistanceDetail }) {
  if (!detail.assessments.length) return <p class="status-line">{t('assist.baselineMissing')}</p>;
  return (
    <ul data-testid="assistance-assessments">
      {detail.assessments.map((a, i) => (
        <li>
          <a href={routes.assessment(a.id)}>{i === 0 ? t('assist.assessmentBaseline') : t('assist.assessmentLater')}</a> ·{' '}
          {when(a.submittedAt)} · {t('assist.assessmentScore', { score: Math.round(a.overall) })}
        </li>
      ))}
    </ul>
  );
}

/** What the latest self-assessment suggests reading for its weakest areas: the starting point of the plan's measures. */
export function SuggestionsView({ detail }: { detail: AssistanceDetail }) {
  if (!detail.suggestions.length) return null;
  return (
    <div data-testid="assistance-suggestions">
      <h4>{t('assist.suggestions')}</h4>
      <ul>
        {detail.suggestions.map((s) => (
          <li>
            <strong>{s.title}</strong>：
            {s.items.map((item, i) => (
              <>
                {i > 0 && '、'}
                <a href={item.href}>{item.kind === 'case' ? t('assist.suggestedCase', { title: item.title }) : item.title}</a>
              </>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FindingsView({ detail }: { detail: AssistanceDetail }) {
  if (!detail.findings.length) return <p class="status-line">{t('assist.noFindings')}</p>;
  return (
    <ul data-testid="findings">
      {detail.findings.map((f) => (
        <li>
          {f.area && <strong>{f.area}：</strong>}
          {f.text}
        </li>
      ))}
    </ul>
  );
}

export function HistoryView({ detail }: { detail: AssistanceDetail }) {
  return (
    <details>
      <summary>{t('assist.history')}</summary>
      <ol class="status-line">
        {detail.history.map((h) => (
          <li>
            {when(h.at)} {h.byName}：{t(`assist.action.${h.action}` as 'assist.action.apply')}
            {h.note ? `（${h.note}）` : ''}
            {h.reason ? `，${t('assist.reason')}${h.reason}` : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}

export const todayBeijing = () => beijingDateKey(Date.now());

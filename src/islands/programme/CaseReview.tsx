/**
 * Regulators' case queue: a province reviews its enterprises' submitted cases (return with comments, or
 * recommend to the ministry); the ministry selects or declines recommended cases with a reason. The
 * buttons shown are those the server's state machine allows; the server checks again.
 */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { CASE_ACTION_NAMES, CASE_STATE_NAMES, CASE_STATES, type CaseAction, type CaseState } from '../../lib/cases/workflow.ts';
import { IAF_SECTORS } from '../../lib/iaf-sectors.ts';
import { routes } from '../../lib/routes.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { CaseDetail, CaseSummary } from '../../server/programme/cases.ts';
import { CaseView } from './CaseView.tsx';

export default function CaseReview() {
  const [list, setList] = useState<{ jurisdiction: string; cases: CaseSummary[] } | null>(null);
  const [state, setState] = useState<CaseState | ''>('');
  const [open, setOpen] = useState<CaseDetail | null>(null);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const load = () =>
    qa('cases/review')
      .then(setList)
      .catch((err) => setError((err as ApiFailure).message));
  useEffect(() => {
    if (!currentUser()) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.regulatorCases())}`;
      return;
    }
    load();
  }, []);
  if (error)
    return (
      <p class="notice bad" role="alert">
        {error}
      </p>
    );
  if (!list) return <p class="status-line">…</p>;

  async function show(id: string) {
    setMessage(null);
    setComment('');
    try {
      setOpen(await qa(`cases/${id}`));
      window.scrollTo(0, 0);
    } catch (err) {
      setMessage({ ok: false, text: (err as ApiFailure).message });
    }
  }
  async function act(action: CaseAction) {
    setBusy(true);
    try {
      const done = await qa(`cases/${open!.id}/actions`, { method: 'POST', body: { action, comment } });
      setOpen(done);
      setComment('');
      setMessage({ ok: true, text: t('case.review.done', { action: CASE_ACTION_NAMES[action] }) });
      load();
    } catch (err) {
      setMessage({ ok: false, text: (err as ApiFailure).message });
    } finally {
      setBusy(false);
    }
  }

  if (open) {
    const actions = open.actions.filter((a) => a !== 'save' && a !== 'submit');
    return (
      <div data-testid="case-review-detail">
        <p>
          <button
            type="button"
            class="btn secondary small"
            onClick={() => {
              setOpen(null);
              setMessage(null);
            }}
          >
            {t('case.back')}
          </button>
        </p>
        {message && (
          <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'} data-testid="case-message">
            {message.text}
          </p>
        )}
        <CaseView c={open} />
        {actions.length > 0 && (
          <form class="stack" onSubmit={(e) => e.preventDefault()}>
            <label for="review-comment">
              {t('case.review.comment')}
              <span class="hint">{t('case.review.commentHint')}</span>
              <textarea id="review-comment" rows={3} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
            </label>
            <div class="dash-toolbar">
              {actions.map((a) => (
                <button
                  type="button"
                  class={a === 'return' || a === 'decline' ? 'btn secondary' : 'btn'}
                  disabled={busy}
                  onClick={() => act(a)}
                >
                  {CASE_ACTION_NAMES[a]}
                </button>
              ))}
            </div>
          </form>
        )}
      </div>
    );
  }
  const shown = list.cases.filter((c) => !state || c.state === state);
  return (
    <div>
      {message && (
        <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role="alert">
          {message.text}
        </p>
      )}
      <label class="dash-field">
        {t('case.review.filter')}
        <select value={state} onChange={(e) => setState(e.currentTarget.value as CaseState | '')}>
          <option value="">
            {t('policy.all')}（{list.cases.length}）
          </option>
          {CASE_STATES.filter((s) => s !== 'draft').map((s) => (
            <option value={s}>
              {CASE_STATE_NAMES[s]}（{list.cases.filter((c) => c.state === s).length}）
            </option>
          ))}
        </select>
      </label>
      {shown.length === 0 ? (
        <p class="notice">{t('case.review.none')}</p>
      ) : (
        <ul class="cards" data-testid="review-cases">
          {shown.map((c) => (
            <li class="card">
              <h3>{c.title}</h3>
              <p class="meta">
                <span class="badge">{CASE_STATE_NAMES[c.state]}</span>
                {c.illustrative && <span class="badge">{t('policy.illustrative')}</span>}
                <span>{c.regionName}</span>
                <span>{IAF_SECTORS[c.sector] ?? c.sector}</span>
                <span>{t('case.updated', { time: formatDateTime(c.updated) })}</span>
              </p>
              <p>
                <button type="button" class="btn secondary small" onClick={() => show(c.id)}>
                  {t('case.view')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

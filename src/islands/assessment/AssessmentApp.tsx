/**
 * /assessment/: the self-assessment (自我诊断). Home lists the person's (and, for a manager, the
 * enterprise's) assessments; "start" resumes the open draft or starts one; a submitted one shows its result
 * and, when there is an earlier one of the same enterprise (or person), the change since then.
 * Scores come from the server; the questions come with the page (they are public content).
 */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { AssessmentContent } from '../../lib/assessment/types.ts';
import type { AssessmentComparison, AssessmentList, AssessmentSummary, AssessmentView } from '../../server/assessment/routes.ts';
import { Questionnaire } from './Questionnaire.tsx';
import { ResultView } from './ResultView.tsx';
import { CompareView } from './CompareView.tsx';

type Screen =
  | { kind: 'loading' }
  | { kind: 'login' }
  | { kind: 'not-allowed' }
  | { kind: 'home'; list: AssessmentList }
  | { kind: 'answering'; draft: AssessmentView }
  | { kind: 'result'; view: AssessmentView; comparison: AssessmentComparison | null }
  | { kind: 'compare'; comparison: AssessmentComparison }
  | { kind: 'error'; message: string };

const setUrl = (query: string) => history.replaceState(null, '', `${routes.assessment()}${query}`);

/** The latest submitted assessment of the same subject before this one: the "before" of a before/after. */
function previousOf(list: AssessmentSummary[], view: AssessmentView): AssessmentSummary | null {
  const earlier = list.filter(
    (a) =>
      a.id !== view.id &&
      a.status === 'submitted' &&
      a.scope === view.scope &&
      (a.scope === 'enterprise' || a.takenBy.id === view.takenBy.id) &&
      (a.submittedAt ?? '') < (view.submittedAt ?? ''),
  );
  earlier.sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''));
  return earlier[0] ?? null;
}

export default function AssessmentApp({ questionnaire }: { questionnaire: AssessmentContent }) {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);

  const fail = (err: unknown) => setScreen({ kind: 'error', message: (err as ApiFailure).message ?? t('error.generic') });

  async function showResult(view: AssessmentView) {
    setUrl(`?id=${encodeURIComponent(view.id)}`);
    let comparison: AssessmentComparison | null = null;
    try {
      const list = await qa('assessments');
      const before = previousOf(list.items, view);
      if (before) comparison = await qa('assessments/compare', { query: { before: before.id, after: view.id } });
    } catch {
      /* the result stands on its own; the comparison is a bonus */
    }
    setScreen({ kind: 'result', view, comparison });
  }

  async function open(id: string) {
    const view = await qa(`assessments/${encodeURIComponent(id)}`);
    if (view.status === 'submitted') await showResult(view);
    else if (view.mine) setScreen({ kind: 'answering', draft: view });
    else setScreen({ kind: 'error', message: t('assessment.draftOfOther') });
  }

  async function home() {
    setUrl('');
    setScreen({ kind: 'home', list: await qa('assessments') });
  }

  useEffect(() => {
    const user = currentUser();
    if (!user) return setScreen({ kind: 'login' });
    if (user.role !== 'learner' && user.role !== 'enterprise_manager') return setScreen({ kind: 'not-allowed' });
    const params = new URLSearchParams(window.location.search);
    const id = params.get('id');
    const before = params.get('before');
    const after = params.get('after');
    const task = id
      ? open(id)
      : before && after
        ? qa('assessments/compare', { query: { before, after } }).then((comparison) => setScreen({ kind: 'compare', comparison }))
        : home();
    task.catch(fail);
  }, []);

  async function start() {
    setBusy(true);
    try {
      const draft = await qa('assessments', { method: 'POST', body: {} });
      setUrl(`?id=${encodeURIComponent(draft.id)}`);
      setScreen({ kind: 'answering', draft });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <p>
      <a
        href={routes.assessment()}
        onClick={(e) => {
          e.preventDefault();
          home().catch(fail);
        }}
      >
        {t('assessment.backHome')}
      </a>
    </p>
  );

  switch (screen.kind) {
    case 'loading':
      return <p class="status-line">{t('assessment.loading')}</p>;
    case 'login':
      return (
        <p class="notice">
          {t('assessment.login')}{' '}
          <a class="btn small" href={`${routes.login()}?next=${encodeURIComponent(routes.assessment())}`}>
            {t('nav.login')}
          </a>
        </p>
      );
    case 'not-allowed':
      return (
        <p class="notice bad" role="alert">
          {t('assessment.notAllowed')}
        </p>
      );
    case 'error':
      return (
        <div>
          <p class="notice bad" role="alert">
            {screen.message}
          </p>
          {back}
        </div>
      );
    case 'answering':
      return <Questionnaire q={questionnaire} draft={screen.draft} onSubmitted={(v) => showResult(v).catch(fail)} />;
    case 'result':
      return (
        <div class="stack">
          <ResultView view={screen.view} />
          {screen.comparison && <CompareView c={screen.comparison} />}
          {back}
        </div>
      );
    case 'compare':
      return (
        <div class="stack">
          <CompareView c={screen.comparison} />
          {back}
        </div>
      );
    case 'home': {
      const { items, draft } = screen.list;
      const draftItem = items.find((i) => i.id === draft);
      const submitted = items.filter((i) => i.status === 'submitted');
      return (
        <div class="stack" data-testid="assessment-home">
          <p>{questionnaire.intro}</p>
          <p>
            <button type="button" class="btn" disabled={busy} onClick={start} data-testid="assessment-start">
              {draftItem
                ? t('assessment.resume', { n: draftItem.progress.answered, total: draftItem.progress.total })
                : t('assessment.start')}
            </button>
          </p>
          {submitted.length > 0 && (
            <>
              <h2>{t('assessment.history')}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('assessment.submittedAt')}</th>
                    <th scope="col">{t('assessment.takenBy')}</th>
                    <th scope="col" class="num">
                      {t('assessment.result.overall')}
                    </th>
                    <th scope="col">
                      <span class="visually-hidden">{t('assessment.view')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {submitted.map((a) => (
                    <tr>
                      <td>{a.submittedAt ? formatDateTime(a.submittedAt) : ''}</td>
                      <td>
                        {a.takenBy.name}
                        {a.scope === 'personal' ? ` · ${t('assessment.scope.personal')}` : ''}
                      </td>
                      <td class="num">{a.overall}</td>
                      <td>
                        <a href={routes.assessment(a.id)}>{t('assessment.view')}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      );
    }
  }
}

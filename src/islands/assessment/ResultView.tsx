/** One submitted self-assessment: overall readiness, every area (chart and table), the three weakest areas
 * explained, and the lessons and cases that help. */
import { t } from '../../i18n/index.ts';
import type { AssessmentView } from '../../server/assessment/routes.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ScoreBars } from './ScoreBars.tsx';

export function ResultView({ view }: { view: AssessmentView }) {
  const r = view.result;
  if (!r) return null;
  return (
    <section class="assessment-result stack" aria-labelledby="result-heading" data-testid="assessment-result">
      <h2 id="result-heading">{t('assessment.result.title')}</h2>
      <p class="status-line">
        {t('assessment.result.meta', { name: view.takenBy.name || '—', time: view.submittedAt ? formatDateTime(view.submittedAt) : '' })}
        {view.scope === 'enterprise' ? ` · ${t('assessment.scope.enterprise')}` : ` · ${t('assessment.scope.personal')}`}
      </p>
      <div class="stat-grid">
        <div class="stat">
          <div>{t('assessment.result.overall')}</div>
          <div class="value" data-testid="assessment-overall">
            {r.overall}
            <small> / 100</small>
          </div>
          <div>{r.band}</div>
        </div>
      </div>

      <h3>{t('assessment.result.byArea')}</h3>
      <ScoreBars bars={r.rows.map((row) => ({ label: row.short, value: row.score }))} />
      <table class="data-table" data-testid="assessment-table">
        <caption class="visually-hidden">{t('assessment.result.byArea')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assessment.area')}</th>
            <th scope="col" class="num">
              {t('assessment.score')}
            </th>
            <th scope="col">{t('assessment.band')}</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((row) => (
            <tr>
              <th scope="row">{row.title}</th>
              <td class="num">{row.score ?? '—'}</td>
              <td>{row.band}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">{t('assessment.result.scoreRule')}</p>

      <h3>{t('assessment.result.weakest')}</h3>
      {r.weakest.length === 0 && <p>{t('assessment.result.noWeak')}</p>}
      <ol class="weak-areas" data-testid="assessment-weakest">
        {r.weakest.map((w) => {
          const s = r.suggestions.find((x) => x.area === w.id);
          return (
            <li class="card">
              <h4>
                {w.title} <span class="badge">{w.score}</span>
              </h4>
              <p>{w.explain}</p>
              <p>
                <strong>{t('assessment.result.firstStep')}</strong>
                {w.firstStep}
              </p>
              {w.weakQuestions.length > 0 && (
                <ul class="weak-questions">
                  {w.weakQuestions.map((q) => (
                    <li>
                      {q.text}
                      <br />
                      <span class="hint">{t('assessment.result.nowNext', { now: q.now, next: q.next })}</span>
                    </li>
                  ))}
                </ul>
              )}
              {s && s.items.length > 0 && (
                <>
                  <p>
                    <strong>{t('assessment.result.suggested')}</strong>
                  </p>
                  <ul class="suggestions" data-testid={`suggestions-${w.id}`}>
                    {s.items.map((item) => (
                      <li>
                        <span class="badge">{item.kind === 'lesson' ? t('assessment.lesson') : t('assessment.case')}</span>{' '}
                        <a href={item.href}>{item.title}</a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

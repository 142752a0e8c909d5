/** Before and after: the change per area between two submitted assessments of the same enterprise (or person). */
import { t } from '../../i18n/index.ts';
import type { AssessmentComparison } from '../../server/assessment/routes.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ScoreBars } from './ScoreBars.tsx';

const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));

export function CompareView({ c }: { c: AssessmentComparison }) {
  const before = t('assessment.compare.before', { time: c.before.submittedAt ? formatDateTime(c.before.submittedAt) : '' });
  const after = t('assessment.compare.after', { time: c.after.submittedAt ? formatDateTime(c.after.submittedAt) : '' });
  return (
    <section class="stack" aria-labelledby="compare-heading" data-testid="assessment-compare">
      <h2 id="compare-heading">{t('assessment.compare.title')}</h2>
      <p class="hint">
        {before} · {after}
      </p>
      <p>
        {t('assessment.compare.summary', {
          before: c.overall.before,
          after: c.overall.after,
          change: signed(c.overall.change),
          improved: c.improved,
          declined: c.declined,
        })}
      </p>
      <ScoreBars bars={c.rows.map((r) => ({ label: r.short, value: r.after, before: r.before }))} beforeLabel={before} afterLabel={after} />
      <table class="data-table">
        <caption class="visually-hidden">{t('assessment.compare.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assessment.area')}</th>
            <th scope="col" class="num">
              {t('assessment.compare.beforeShort')}
            </th>
            <th scope="col" class="num">
              {t('assessment.compare.afterShort')}
            </th>
            <th scope="col" class="num">
              {t('assessment.compare.change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr>
              <th scope="row">{r.title}</th>
              <td class="num">{r.before ?? '—'}</td>
              <td class="num">{r.after ?? '—'}</td>
              <td class={`num ${r.change !== null && r.change < 0 ? 'bad' : ''}`}>{signed(r.change)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('assessment.result.overall')}</th>
            <td class="num">{c.overall.before}</td>
            <td class="num">{c.overall.after}</td>
            <td class="num">{signed(c.overall.change)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** A case as reviewers and authors read it: profile, problems, measures, figures, lessons, photos, history. */
import { t } from '../../i18n/index.ts';
import { describeFigure } from '../../lib/cases/case-content.ts';
import { CASE_ACTION_NAMES, CASE_STATE_NAMES } from '../../lib/cases/workflow.ts';
import { IAF_SECTORS } from '../../lib/iaf-sectors.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { CaseDetail } from '../../server/programme/cases.ts';

const SIZE_NAMES: Record<string, string> = { micro: '微型', small: '小型', medium: '中型' };

export function CaseHistory({ c }: { c: CaseDetail }) {
  if (!c.history.length) return null;
  return (
    <section aria-labelledby={`history-${c.id}`}>
      <h3 id={`history-${c.id}`}>{t('case.history')}</h3>
      <ol class="case-history" data-testid="case-history">
        {c.history.map((h) => (
          <li>
            <strong>{CASE_ACTION_NAMES[h.action]}</strong> · {h.byName} · <time dateTime={h.at}>{formatDateTime(h.at)}</time>
            {h.comment && <div class="case-comment">{h.comment}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function CaseView({ c }: { c: CaseDetail }) {
  const k = c.content;
  return (
    <article class="case-view" data-testid="case-view">
      <h2>{k.title || '（未填写标题）'}</h2>
      <p class="meta">
        <span class="badge" data-testid="case-state">
          {CASE_STATE_NAMES[c.state]}
        </span>
        {c.illustrative && <span class="badge">{t('policy.illustrative')}</span>}
        <span>{c.profile.enterpriseName}</span>
        <span>{c.regionName}</span>
        <span>{IAF_SECTORS[c.profile.sector] ?? c.profile.sector}</span>
        <span>
          {SIZE_NAMES[c.profile.size] ?? ''}
          {k.employees ? ` · ${k.employees} 人` : ''}
        </span>
      </p>
      {k.summary && <p>{k.summary}</p>}
      <dl class="case-facts">
        <dt>{t('case.field.business')}</dt>
        <dd>{k.business || '—'}</dd>
        <dt>{t('case.field.problems')}</dt>
        <dd>{k.problems.map((p) => t(`problem.${p}` as 'problem.weak-brand')).join('、') || '—'}</dd>
        <dt>{t('case.field.problemText')}</dt>
        <dd class="pre">{k.problemText || '—'}</dd>
        <dt>{t('case.field.measures')}</dt>
        <dd class="pre">{k.measures || '—'}</dd>
        <dt>{t('case.field.clauses')}</dt>
        <dd>{k.clauses.join('、') || '—'}</dd>
        <dt>{t('case.field.figures')}</dt>
        <dd>
          {k.figures.length ? (
            <ul>
              {k.figures.map((f) => (
                <li>
                  {f.metric}：{describeFigure(f)}，{f.period}
                </li>
              ))}
            </ul>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('case.field.lessons')}</dt>
        <dd class="pre">{k.lessons || '—'}</dd>
      </dl>
      {k.photos.length > 0 && (
        <div class="case-photos">
          {k.photos.map((p) => (
            <figure>
              <img src={`data:${p.mime};base64,${p.data}`} alt={p.caption || '现场照片'} loading="lazy" />
              <figcaption>{p.caption}</figcaption>
            </figure>
          ))}
        </div>
      )}
      <CaseHistory c={c} />
    </article>
  );
}

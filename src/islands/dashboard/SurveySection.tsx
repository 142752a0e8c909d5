/** The helped-enterprise survey's results on the regulators' dashboard: headline rates, level charts, items. */
import { t } from '../../i18n/index.ts';
import { formatInt } from '../../lib/format.ts';
import type { DataTable } from '../../lib/stats/export.ts';
import type { SurveyResults, SurveyTables } from '../../lib/stats/dashboard-tables.ts';
import { ChartPanel } from './ChartPanel.tsx';
import { Pct, TableView } from './TableView.tsx';
import { barHeight, chartLabel, spec } from './chartHelpers.ts';

export function SurveySection({ survey: s, tables, yearLabel }: { survey: SurveyResults; tables: SurveyTables; yearLabel: string }) {
  const itemsRanked = [...s.items].filter((i) => i.count > 0).sort((a, b) => b.count - a.count);
  const levels = (table: DataTable) => table.rows.map((r) => String(r[0]));
  return (
    <section class="dash-section" aria-labelledby="survey-title" data-testid="survey-results">
      <h2 id="survey-title">{t('survey.results.title')}</h2>
      <p class="dash-note">{t('survey.results.intro', { year: yearLabel })}</p>
      <div class="stat-grid">
        <div class="stat">
          <div>{t('survey.results.responses')}</div>
          <div class="value" data-testid="survey-responses">
            {formatInt(s.responses)}
          </div>
        </div>
        <div class="stat">
          <div>{t('survey.satisfiedRate')}</div>
          <div class="value" data-testid="survey-satisfied">
            <Pct value={s.satisfied} long />
          </div>
        </div>
        <div class="stat">
          <div>{t('survey.clearEffectRate')}</div>
          <div class="value" data-testid="survey-clear-effect">
            <Pct value={s.clearEffect} long />
          </div>
        </div>
      </div>
      <details class="dash-data">
        <summary>{t('regulator.showTable', { title: tables.surveySummary.title })}</summary>
        <TableView table={tables.surveySummary} />
      </details>
      <div class="dash-grid-2">
        <ChartPanel
          id="survey-satisfaction"
          level={3}
          title={tables.satisfaction.title}
          spec={spec('vbar', levels(tables.satisfaction), [{ name: t('survey.enterprises'), data: s.satisfaction }])}
          chartLabel={chartLabel('bar', tables.satisfaction.title)}
          height={220}
          collapsible
        >
          <TableView table={tables.satisfaction} />
        </ChartPanel>
        <ChartPanel
          id="survey-effect"
          level={3}
          title={tables.effect.title}
          spec={spec('vbar', levels(tables.effect), [{ name: t('survey.enterprises'), data: s.effect }])}
          chartLabel={chartLabel('bar', tables.effect.title)}
          height={220}
          collapsible
        >
          <TableView table={tables.effect} />
        </ChartPanel>
      </div>
      <ChartPanel
        id="survey-items"
        level={3}
        title={tables.items.title}
        spec={spec(
          'hbar',
          itemsRanked.map((i) => i.label),
          [{ name: t('survey.enterprises'), data: itemsRanked.map((i) => i.count) }],
        )}
        chartLabel={chartLabel('bar', tables.items.title)}
        height={barHeight(itemsRanked.length)}
        collapsible
      >
        <TableView table={tables.items} />
      </ChartPanel>
      <div class="dash-grid-2">
        <ChartPanel
          id="survey-follow-up"
          level={3}
          title={tables.followUp.title}
          spec={spec('vbar', levels(tables.followUp), [{ name: t('survey.enterprises'), data: s.followUp.levels }])}
          chartLabel={chartLabel('bar', tables.followUp.title)}
          height={220}
          collapsible
        >
          <TableView table={tables.followUp} />
        </ChartPanel>
        <div data-testid="survey-changes">
          <h3>{tables.changes.title}</h3>
          <TableView table={tables.changes} />
        </div>
      </div>
    </section>
  );
}

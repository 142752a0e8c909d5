/** Small helpers shared by the dashboard's chart panels. */
import { t } from '../../i18n/index.ts';
import type { ChartSpec } from '../../client/charts.ts';

/** A horizontal bar chart's height for n bars (at least 140 px). */
export const barHeight = (n: number) => Math.max(140, 36 + n * 30);

/** The accessible name of a chart: its kind and title. */
export const chartLabel = (kind: 'bar' | 'line' | 'pie', title: string) =>
  t('regulator.chartAria', { kind: t(`regulator.chartKind.${kind}` as 'regulator.chartKind.bar'), title });

export const spec = (type: ChartSpec['type'], categories: string[], series: ChartSpec['series']): ChartSpec => ({
  type,
  categories,
  series,
});

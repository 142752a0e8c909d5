import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { ChartSpec } from '../../client/charts.ts';
import { t } from '../../i18n/index.ts';
import { Chart } from './Chart.tsx';

/** True on screens wide enough to show a chart and its table side by side. */
export function useWide(query = '(min-width: 64rem)'): boolean {
  const [wide, setWide] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const listener = () => setWide(media.matches);
    media.addEventListener('change', listener);
    listener();
    return () => media.removeEventListener('change', listener);
  }, [query]);
  return wide;
}

interface Props {
  id: string;
  title: string;
  /** Heading level inside the dashboard. */
  level?: 2 | 3;
  spec: ChartSpec;
  chartLabel: string;
  height: number;
  /** The data table: always next to (wide) or below (phone) the chart. */
  children: ComponentChildren;
  /** Put the table in a <details>, open on wide screens (long tables on phones). */
  collapsible?: boolean;
  intro?: ComponentChildren;
}

/** A chart with its data table, under one heading. */
export function ChartPanel({ id, title, level = 2, spec, chartLabel, height, children, collapsible = false, intro }: Props) {
  const wide = useWide();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class="dash-section" aria-labelledby={`${id}-title`} data-testid={`panel-${id}`}>
      <Heading id={`${id}-title`}>{title}</Heading>
      {intro}
      <div class="dash-pair">
        <Chart spec={spec} label={chartLabel} height={height} />
        {collapsible ? (
          <details class="dash-data" open={wide}>
            <summary>{t('regulator.showTable', { title })}</summary>
            {children}
          </details>
        ) : (
          <div class="dash-data">{children}</div>
        )}
      </div>
    </section>
  );
}

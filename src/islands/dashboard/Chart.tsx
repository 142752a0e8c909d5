import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartHandle, ChartSpec } from '../../client/charts.ts';
import { t } from '../../i18n/index.ts';

interface Props {
  spec: ChartSpec;
  /** What the chart shows, for screen readers; the same figures are in the table beside it. */
  label: string;
  height: number;
}

/**
 * A chart drawn by ECharts, loaded when the chart comes near the screen (ECharts is the heaviest script of the
 * site, docs/performance.md; the same figures are in the table, which needs none). Shows a plain notice when
 * there is nothing to draw.
 */
export function Chart({ spec, label, height }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const handle = useRef<ChartHandle | null>(null);
  const latest = useRef(spec);
  const [failed, setFailed] = useState(false);
  const [near, setNear] = useState(false);
  const empty = spec.series.every((s) => s.data.every((v) => !v));
  latest.current = spec;
  const key = JSON.stringify(spec);

  useEffect(() => {
    if (empty || near || !ref.current) return;
    if (typeof IntersectionObserver === 'undefined') return setNear(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          setNear(true);
        }
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [empty, near]);

  useEffect(() => {
    if (empty || !near) return;
    let alive = true;
    import('../../client/charts.ts')
      .then((charts) => {
        if (!alive || !ref.current) return;
        handle.current = charts.mountChart(ref.current, latest.current);
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
      handle.current?.dispose();
      handle.current = null;
    };
  }, [empty, near]);

  useEffect(() => {
    handle.current?.update(latest.current);
  }, [key]);

  if (empty) return <p class="dash-empty">{t('regulator.noData')}</p>;
  if (failed) return <p class="dash-empty">{t('regulator.chartFailed')}</p>;
  return <div ref={ref} class="dash-chart" role="img" aria-label={label} style={{ height: `${height}px` }} />;
}

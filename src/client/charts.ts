/**
 * Charts with Apache ECharts 6, importing only the parts used (core, bar/line/pie, grid/tooltip/legend,
 * canvas renderer). Islands load this module with a dynamic import, so pages without charts never fetch
 * ECharts. A chart is always paired with a data table on the page; the canvas itself is decoration for
 * screen readers (the container carries role="img" and an aria-label).
 */
import { init, use, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  data: number[];
}

/** What to draw, without any ECharts vocabulary: hbar (ranked names), vbar (levels), line (months), pie. */
export interface ChartSpec {
  type: 'hbar' | 'vbar' | 'line' | 'pie';
  categories: string[];
  series: ChartSeries[];
}

const PALETTE = ['#0b6bcb', '#e8833a', '#1a7f37', '#8e44ad', '#c62828', '#00838f'];
const FONT = 'system-ui, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

export function chartOption(spec: ChartSpec, width: number): EChartsCoreOption {
  const narrow = width < 480;
  const base = {
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    animation: false,
    tooltip: { trigger: spec.type === 'pie' ? 'item' : 'axis', confine: true },
  };
  const legend = spec.series.length > 1 ? { legend: { bottom: 0, type: 'scroll' } } : {};
  if (spec.type === 'pie') {
    const [series] = spec.series;
    return {
      ...base,
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          name: series.name,
          radius: ['38%', '65%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{d}%' },
          data: spec.categories.map((name, i) => ({ name, value: series.data[i] ?? 0 })),
        },
      ],
    };
  }
  if (spec.type === 'hbar') {
    // Ranked names, the largest on top; long names are cut on phones (the full name is in the table).
    return {
      ...base,
      ...legend,
      grid: { left: 4, right: 40, top: 8, bottom: spec.series.length > 1 ? 32 : 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', inverse: true, data: spec.categories, axisLabel: { width: narrow ? 84 : 180, overflow: 'truncate' } },
      series: spec.series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.data,
        barMaxWidth: 22,
        label: { show: true, position: 'right' },
      })),
    };
  }
  return {
    ...base,
    ...legend,
    grid: { left: 4, right: 16, top: 16, bottom: spec.series.length > 1 ? 36 : 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisLabel: {
        hideOverlap: true,
        interval: spec.type === 'vbar' ? 0 : 'auto',
        rotate: spec.type === 'line' && narrow && spec.categories.length > 6 ? 45 : 0,
      },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: spec.series.map((s, i) =>
      spec.type === 'line'
        ? { type: 'line', name: s.name, data: s.data, ...LINE_LOOKS[i % LINE_LOOKS.length] }
        : { type: 'bar', name: s.name, data: s.data, barMaxWidth: 36, label: { show: true, position: 'top' } },
    ),
  };
}

/**
 * Lines that often carry the same numbers (人数 and 人次 in a month where nobody finished twice) must not hide
 * each other: the first is wide and solid, the ones after are thinner, dashed or dotted, with other markers,
 * and drawn on top, so both stay visible where they coincide.
 */
export const LINE_LOOKS = [
  { symbol: 'circle', symbolSize: 9, lineStyle: { width: 4, type: 'solid' as const }, z: 2 },
  { symbol: 'triangle', symbolSize: 8, lineStyle: { width: 2, type: 'dashed' as const }, z: 3 },
  { symbol: 'rect', symbolSize: 6, lineStyle: { width: 2, type: 'dotted' as const }, z: 4 },
];

export interface ChartHandle {
  update(spec: ChartSpec): void;
  dispose(): void;
}

/** Draws a chart into an element and keeps it sized to the element. */
export function mountChart(el: HTMLElement, spec: ChartSpec): ChartHandle {
  const chart: ECharts = init(el, undefined, { renderer: 'canvas', locale: 'ZH' });
  let current = spec;
  chart.setOption(chartOption(spec, el.clientWidth), { notMerge: true });
  let lastWidth = el.clientWidth;
  const observer = new ResizeObserver(() => {
    const width = el.clientWidth;
    chart.resize();
    // Label widths depend on the width class, so redraw when it changes.
    if (width < 480 !== lastWidth < 480) chart.setOption(chartOption(current, width), { notMerge: true });
    lastWidth = width;
  });
  observer.observe(el);
  return {
    update(next) {
      current = next;
      chart.setOption(chartOption(next, el.clientWidth), { notMerge: true });
    },
    dispose() {
      observer.disconnect();
      chart.dispose();
    },
  };
}

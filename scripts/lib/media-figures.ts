/**
 * Lays out a lecture video's worked example (src/schemas/media.ts FigureSchema) on a 640×360 slide as plain
 * boxes and text lines, with the time window in which each one shows. scripts/build-media.ts turns them into
 * ffmpeg drawbox/drawtext filters; keeping the geometry here (no I/O) lets it be tested and lets a figure
 * that does not fit be refused with a message that names it.
 */
import { figureItemCount, type Figure } from '../../src/schemas/media.ts';
import { roundHalfUp } from '../../src/lib/stats/percent.ts';
import { textWidth, wrapText } from './slide-text.ts';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  fill: boolean;
  enable: string;
}
export interface Label {
  text: string;
  size: number;
  x: number;
  y: number;
  align: 'left' | 'center';
  color: string;
  bold?: boolean;
  enable: string;
}
export interface FigureDrawing {
  boxes: Box[];
  labels: Label[];
  problems: string[];
}

export interface Palette {
  accent: string;
  text: string;
  muted: string;
  good: string;
  bad: string;
  panel: string;
}

/** The slide area below the title and above where the player draws captions. */
export const FIGURE_AREA = { left: 40, right: 600, top: 98, bottom: 292 } as const;

export interface Window {
  start: number;
  end: number;
}

const round = (n: number) => Math.round(n * 100) / 100;
const during = (from: number, to: number) => `gte(t,${round(from)})*lt(t,${round(to)})`;

/**
 * When item k (1-based) appears: items before `reveal[0]` are there from the cue's start, items
 * reveal[0]..reveal[1] appear evenly through the cue (the first half a second in), later ones stay hidden
 * (null). Without `reveal` everything is there from the start.
 */
export function revealTimes(count: number, window: Window, reveal?: readonly [number, number]): (number | null)[] {
  return Array.from({ length: count }, (_, i) => {
    const k = i + 1;
    if (!reveal || k < reveal[0]) return window.start;
    if (k > reveal[1]) return null;
    const steps = reveal[1] - reveal[0] + 1;
    const lead = Math.min(0.5, (window.end - window.start) / 4);
    return round(window.start + lead + ((k - reveal[0]) * (window.end - window.start - lead)) / steps);
  });
}

export function drawFigure(figure: Figure, window: Window, palette: Palette, reveal?: readonly [number, number]): FigureDrawing {
  const d: FigureDrawing = { boxes: [], labels: [], problems: [] };
  const whole = during(window.start, window.end);
  const at = revealTimes(figureItemCount(figure), window, reveal);
  const from = (t: number | null) => (t === null ? null : during(t, window.end));
  let top: number = FIGURE_AREA.top;
  const title = 'title' in figure ? figure.title : undefined;
  if (title) {
    d.labels.push({ text: title, size: 18, x: 320, y: top, align: 'center', color: palette.muted, enable: whole });
    top += 28;
  }
  const fits = (text: string, size: number, width: number, what: string) => {
    if (textWidth(text) * size > width)
      d.problems.push(`“${text}”放不进${what}（约 ${Math.round(textWidth(text) * size)} 像素，只有 ${Math.round(width)} 像素），请缩短`);
  };
  const width = FIGURE_AREA.right - FIGURE_AREA.left;

  switch (figure.kind) {
    case 'table': {
      const size = 17;
      const lines = figure.rows.length + 1;
      const rowH = Math.min(34, Math.floor((FIGURE_AREA.bottom - top) / lines));
      const need = figure.columns.map((c, i) => Math.max(textWidth(c), ...figure.rows.map((r) => textWidth(r[i]))) * size + 20);
      const scale = width / need.reduce((a, b) => a + b, 0);
      const colW = need.map((w) => w * Math.max(1, Math.min(scale, 1.6)));
      const tableW = colW.reduce((a, b) => a + b, 0);
      const x0 = Math.round(320 - tableW / 2);
      if (scale < 1) d.problems.push(`表格太宽（约 ${Math.round(width / scale)} 像素，只有 ${width} 像素），请少一列或缩短文字`);
      const colX = colW.map((_, i) => x0 + colW.slice(0, i).reduce((a, b) => a + b, 0));
      d.boxes.push({ x: x0, y: top, w: Math.round(tableW), h: rowH, color: `${palette.accent}@0.25`, fill: true, enable: whole });
      figure.columns.forEach((c, i) =>
        d.labels.push({
          text: c,
          size,
          x: Math.round(colX[i] + 10),
          y: top + Math.round((rowH - size) / 2) - 2,
          align: 'left',
          color: palette.accent,
          bold: true,
          enable: whole,
        }),
      );
      figure.rows.forEach((row, r) => {
        const y = top + rowH * (r + 1);
        d.boxes.push({ x: x0, y: y + rowH - 1, w: Math.round(tableW), h: 1, color: `${palette.muted}@0.6`, fill: true, enable: whole });
        const shown = from(at[r]);
        if (shown)
          row.forEach((cell, i) =>
            d.labels.push({
              text: cell,
              size,
              x: Math.round(colX[i] + 10),
              y: y + Math.round((rowH - size) / 2) - 2,
              align: 'left',
              color: palette.text,
              enable: shown,
            }),
          );
      });
      colX
        .slice(1)
        .forEach((x) =>
          d.boxes.push({ x: Math.round(x), y: top, w: 1, h: rowH * lines, color: `${palette.muted}@0.4`, fill: true, enable: whole }),
        );
      break;
    }
    case 'bars': {
      const n = figure.items.length;
      const max = Math.max(...figure.items.map((i) => i.value)) || 1;
      const total = figure.items.reduce((s, i) => s + i.value, 0) || 1;
      const baseline = FIGURE_AREA.bottom - 24;
      const labelTop = figure.cumulative ? 40 : 22; // room for the value (and the running share) above a bar
      const chartH = baseline - top - labelTop;
      const slot = width / n;
      const barW = Math.min(64, Math.round(slot * 0.6));
      d.boxes.push({ x: FIGURE_AREA.left, y: baseline, w: width, h: 2, color: palette.muted, fill: true, enable: whole });
      // Pareto: the bars that make up the first 80% (the vital few) stand out
      let running = 0;
      figure.items.forEach((item, i) => {
        running += item.value;
        const shown = from(at[i]);
        const cx = Math.round(FIGURE_AREA.left + slot * (i + 0.5));
        fits(item.label, 15, slot - 4, '柱子下面');
        if (!shown) return;
        const h = Math.max(2, Math.round((item.value / max) * chartH));
        d.boxes.push({
          x: cx - Math.round(barW / 2),
          y: baseline - h,
          w: barW,
          h,
          color: figure.cumulative && running - item.value < 0.8 * total ? palette.bad : palette.accent,
          fill: true,
          enable: shown,
        });
        d.labels.push({
          text: `${item.value}${figure.unit ?? ''}`,
          size: 16,
          x: cx,
          y: baseline - h - 20,
          align: 'center',
          color: palette.text,
          enable: shown,
        });
        if (figure.cumulative) {
          d.labels.push({
            text: `累计 ${roundHalfUp((running / total) * 100, 1)}%`,
            size: 13,
            x: cx,
            y: baseline - h - 38,
            align: 'center',
            color: palette.muted,
            enable: shown,
          });
        }
        d.labels.push({ text: item.label, size: 15, x: cx, y: baseline + 6, align: 'center', color: palette.text, enable: shown });
      });
      break;
    }
    case 'compare': {
      const panelW = 264;
      const gap = width - panelW * 2;
      const size = 17;
      const panels = [
        { panel: figure.before, x: FIGURE_AREA.left, color: palette.bad, mark: '×', offset: 0 },
        { panel: figure.after, x: FIGURE_AREA.left + panelW + gap, color: palette.good, mark: '✓', offset: figure.before.items.length },
      ];
      const panelH = FIGURE_AREA.bottom - top;
      for (const { panel, x, color, mark, offset } of panels) {
        d.boxes.push({ x, y: top, w: panelW, h: panelH, color: palette.panel, fill: true, enable: whole });
        d.boxes.push({ x, y: top, w: panelW, h: 4, color, fill: true, enable: whole });
        d.labels.push({ text: panel.title, size: 20, x: x + panelW / 2, y: top + 14, align: 'center', color, bold: true, enable: whole });
        panel.items.forEach((text, i) => {
          fits(`${mark} ${text}`, size, panelW - 24, '半边框');
          const shown = from(at[offset + i]);
          if (shown)
            d.labels.push({
              text: `${mark} ${text}`,
              size,
              x: x + 14,
              y: top + 50 + i * 34,
              align: 'left',
              color: palette.text,
              enable: shown,
            });
        });
      }
      break;
    }
    case 'checklist': {
      const size = 19;
      const lineH = Math.min(40, Math.floor((FIGURE_AREA.bottom - top) / figure.items.length));
      const widest = Math.max(...figure.items.map((t) => textWidth(t))) * size + 40;
      const x0 = Math.round(Math.max(FIGURE_AREA.left, 320 - widest / 2));
      figure.items.forEach((text, i) => {
        const y = top + i * lineH + 4;
        fits(text, size, width - 40, '一行');
        d.boxes.push({ x: x0, y, w: 22, h: 22, color: palette.muted, fill: false, enable: whole });
        d.labels.push({ text, size, x: x0 + 36, y: y, align: 'left', color: palette.text, enable: whole });
        const shown = from(at[i]);
        if (shown)
          d.labels.push({ text: '✓', size: 22, x: x0 + 11, y: y - 2, align: 'center', color: palette.good, bold: true, enable: shown });
      });
      break;
    }
    case 'flow': {
      const n = figure.steps.length;
      const arrow = 22;
      const boxW = Math.floor((width - arrow * (n - 1)) / n);
      const size = n > 4 ? 16 : 18;
      const y = Math.round(top + (FIGURE_AREA.bottom - top) / 2 - 42);
      figure.steps.forEach((step, i) => {
        const x = FIGURE_AREA.left + i * (boxW + arrow);
        const lines = wrapText(step, Math.max(1, (boxW - 12) / size));
        if (lines.length > 3) d.problems.push(`步骤“${step}”在框里超过 3 行，请缩短`);
        d.boxes.push({ x, y, w: boxW, h: 84, color: palette.muted, fill: false, enable: whole });
        const lit = from(at[i]);
        if (lit) d.boxes.push({ x, y, w: boxW, h: 84, color: `${palette.accent}@0.35`, fill: true, enable: lit });
        lines.slice(0, 3).forEach((line, j) => {
          d.labels.push({
            text: line,
            size,
            x: x + boxW / 2,
            y: Math.round(y + 42 - (lines.length * (size + 6)) / 2 + j * (size + 6)),
            align: 'center',
            color: palette.text,
            enable: whole,
          });
        });
        if (i < n - 1)
          d.labels.push({ text: '→', size: 18, x: x + boxW + arrow / 2, y: y + 32, align: 'center', color: palette.accent, enable: whole });
      });
      break;
    }
  }
  return d;
}

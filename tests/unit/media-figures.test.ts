import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawFigure, FIGURE_AREA, revealTimes, type Palette } from '../../scripts/lib/media-figures.ts';
import { parseMediaScript } from '../../scripts/lib/media-script.ts';
import { MediaScriptSchema, type Figure } from '../../src/schemas/media.ts';

const palette: Palette = { accent: 'A', text: 'T', muted: 'M', good: 'G', bad: 'B', panel: 'P' };
const root = fileURLToPath(new URL('../..', import.meta.url));
const cue = { start: 10, end: 20 };

describe('worked examples on video slides', () => {
  it('reveals items one by one through the cue; earlier ones are there, later ones not yet', () => {
    expect(revealTimes(3, cue)).toEqual([10, 10, 10]);
    // items 2-3 of 4 appear in turn: item 1 is already there, item 4 not yet
    expect(revealTimes(4, cue, [2, 3])).toEqual([10, 10.5, 15.25, null]);
  });

  it('fills in a table row by row, keeping the empty lines of the form visible', () => {
    const table: Figure = {
      kind: 'table',
      columns: ['问题类别', '合计'],
      rows: [
        ['线头没剪', '43'],
        ['跳线', '31'],
        ['污渍', '11'],
      ],
    };
    const d = drawFigure(table, cue, palette, [1, 2]);
    expect(d.problems).toEqual([]);
    const cell = (text: string) => d.labels.find((l) => l.text === text);
    expect(cell('问题类别')!.enable).toBe('gte(t,10)*lt(t,20)');
    expect(cell('线头没剪')!.enable).toBe('gte(t,10.5)*lt(t,20)');
    expect(cell('跳线')!.enable).toBe('gte(t,15.25)*lt(t,20)');
    expect(cell('污渍')).toBeUndefined();
    // three row lines are drawn whether filled in or not
    expect(d.boxes.filter((b) => b.h === 1).length).toBe(3);
  });

  it('builds a Pareto chart: bars in proportion, running share above each, the vital few marked', () => {
    const pareto: Figure = {
      kind: 'bars',
      unit: '条',
      cumulative: true,
      items: [
        { label: '上菜慢', value: 34 },
        { label: '菜凉了', value: 18 },
        { label: '口味太咸', value: 12 },
        { label: '其他', value: 16 },
      ],
    };
    const d = drawFigure(pareto, cue, palette);
    expect(d.labels.filter((l) => l.text.startsWith('累计')).map((l) => l.text)).toEqual([
      '累计 42.5%',
      '累计 65%',
      '累计 80%',
      '累计 100%',
    ]);
    const bars = d.boxes.filter((b) => b.w > 2 && b.h > 2);
    expect(bars.map((b) => b.color)).toEqual(['B', 'B', 'B', 'A']);
    expect(bars[0].h / bars[1].h).toBeCloseTo(34 / 18, 1);
    for (const b of bars) expect(b.y + b.h).toBeLessThanOrEqual(FIGURE_AREA.bottom);
  });

  it('ticks a checklist, lights flow steps in turn and shows before then after', () => {
    const checklist = drawFigure({ kind: 'checklist', items: ['选出内审员', '写清查哪些部门'] }, cue, palette, [2, 2]);
    expect(checklist.labels.filter((l) => l.text === '✓').map((l) => l.enable)).toEqual(['gte(t,10)*lt(t,20)', 'gte(t,10.5)*lt(t,20)']);
    const flow = drawFigure({ kind: 'flow', steps: ['停', '报', '隔'] }, cue, palette, [1, 1]);
    expect(flow.boxes.filter((b) => b.fill).length).toBe(1);
    const compare = drawFigure(
      { kind: 'compare', before: { title: '以前', items: ['乱放'] }, after: { title: '现在', items: ['定位'] } },
      cue,
      palette,
      [1, 1],
    );
    expect(compare.labels.map((l) => l.text)).toContain('× 乱放');
    expect(compare.labels.map((l) => l.text)).not.toContain('✓ 定位');
  });

  it('refuses text that does not fit, naming it', () => {
    const d = drawFigure(
      {
        kind: 'bars',
        items: [{ label: '很长很长的标签', value: 1 }, ...Array.from({ length: 6 }, (_, i) => ({ label: `第${i}类`, value: 1 }))],
      },
      cue,
      palette,
    );
    expect(d.problems.join()).toContain('很长很长的标签');
    const wide = drawFigure(
      {
        kind: 'table',
        columns: ['一', '二', '三', '四', '五'],
        rows: [['十四个字十四个字十四个字十四', '十四个字十四个字十四个字十四', '十四个字十四个字十四个字十四', '短', '短']],
      },
      cue,
      palette,
    );
    expect(wide.problems.join()).toContain('表格太宽');
  });

  it('rejects a cue that shows a figure that does not exist or reveals past its end', () => {
    const result = MediaScriptSchema.safeParse({
      title: '测试视频',
      lesson: 'a/b',
      figures: { steps: { kind: 'flow', steps: ['一', '二'] } },
      cues: [
        { start: 0, end: 5, text: '第一条字幕', show: 'missing' },
        { start: 5, end: 10, text: '第二条字幕', show: 'steps', reveal: [1, 3] },
      ],
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('cues.0.show: figures: 里没有 missing');
    expect(messages.some((m) => m.startsWith('cues.1.reveal:'))).toBe(true);
  });

  it('every course has a video that shows a worked example, and every figure fits', () => {
    const dir = join(root, 'content', 'media');
    const coursesWithFigures = new Set<string>();
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const { script, problems } = parseMediaScript(readFileSync(join(dir, name), 'utf8'), name);
      expect(problems).toEqual([]);
      script!.cues.forEach((c, i) => {
        if (!c.show) return;
        const d = drawFigure(script!.figures![c.show], c, palette, c.reveal);
        expect(d.problems, `${name} cue ${i}`).toEqual([]);
        coursesWithFigures.add(script!.lesson.split('/')[0]);
      });
    }
    const courses = readdirSync(join(root, 'content', 'courses')).map((f) => f.replace(/\.mdx$/, ''));
    expect(courses.filter((c) => !coursesWithFigures.has(c))).toEqual([]);
  });
});

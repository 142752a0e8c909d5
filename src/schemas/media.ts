import { z } from 'zod';

/**
 * A demo lecture video as data: content/media/<video-id>.yaml. `npm run build:media` (scripts/build-media.ts)
 * turns it into public/media/<video-id>/ (HLS in two bitrates, poster, WebVTT captions): one slide per cue
 * showing the title and the cue text, and the same text as Chinese captions.
 */
export const MediaIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '只能用小写字母、数字和连字符');

const label = (max: number) => z.string().trim().min(1).max(max, `最多 ${max} 个字`);

/**
 * A worked example drawn on the slides instead of the caption text: a form being filled in, a chart being
 * built, a corner before and after. Its "items" (table rows, bars, before-then-after lines, checklist ticks,
 * flow steps) can appear one by one through a cue (`reveal`), so the video shows the work being done.
 */
export const FigureSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('table'),
      title: label(20).optional(),
      columns: z.array(label(12)).min(2).max(5),
      /** items: the rows; a row not yet revealed shows as an empty line of the form */
      rows: z
        .array(z.array(z.union([z.string(), z.number()]).transform(String).pipe(label(14))))
        .min(1)
        .max(5),
    })
    .refine((t) => t.rows.every((r) => r.length === t.columns.length), { message: '每一行的格数要和 columns 一样多', path: ['rows'] }),
  z.object({
    kind: z.literal('bars'),
    title: label(20).optional(),
    /** the unit after each value, e.g. 条, 件, % */
    unit: label(4).optional(),
    /** Pareto: print the running share of the total above each bar (items should be sorted, largest first) */
    cumulative: z.boolean().optional(),
    /** items: the bars, left to right */
    items: z
      .array(z.object({ label: label(8), value: z.number().nonnegative() }))
      .min(2)
      .max(7),
  }),
  z.object({
    kind: z.literal('compare'),
    /** items: the before lines, then the after lines */
    before: z.object({ title: label(8), items: z.array(label(13)).min(1).max(4) }),
    after: z.object({ title: label(8), items: z.array(label(13)).min(1).max(4) }),
  }),
  z.object({
    kind: z.literal('checklist'),
    title: label(20).optional(),
    /** items: the ticks; every line is visible from the start, its tick appears when revealed */
    items: z.array(label(22)).min(1).max(5),
  }),
  z.object({
    kind: z.literal('flow'),
    title: label(20).optional(),
    /** items: the steps, lit up in turn when revealed (all lit when not) */
    steps: z.array(label(10)).min(2).max(5),
  }),
]);
export type Figure = z.output<typeof FigureSchema>;

/** How many revealable items a figure has (see FigureSchema). */
export function figureItemCount(figure: Figure): number {
  switch (figure.kind) {
    case 'table':
      return figure.rows.length;
    case 'bars':
      return figure.items.length;
    case 'compare':
      return figure.before.items.length + figure.after.items.length;
    case 'checklist':
      return figure.items.length;
    case 'flow':
      return figure.steps.length;
  }
}

export const CueSchema = z
  .object({
    /** seconds from the start of the video */
    start: z.number().min(0),
    end: z.number().positive(),
    /** one or two plain-Chinese sentences; shown on the slide and as the caption */
    text: z
      .string()
      .trim()
      .min(2)
      .max(60, '一条字幕最多 60 个字，太长请拆成两条')
      .refine((s) => !s.includes('-->'), { message: '字幕里不能有 "-->"' }),
    /** a figure from `figures:` drawn on the slide during this cue (the text is then only the caption) */
    show: MediaIdSchema.optional(),
    /** [first, last]: items first..last (counted from 1) appear one by one during this cue; earlier ones are
     * already there, later ones not yet. Without it the whole figure shows. */
    reveal: z.tuple([z.number().int().min(1), z.number().int().min(1)]).optional(),
  })
  .refine((c) => c.end > c.start, { message: 'end 必须大于 start', path: ['end'] })
  .refine((c) => c.end - c.start <= 15, { message: '一条字幕最长 15 秒', path: ['end'] });

export const MediaScriptSchema = z
  .object({
    /** shown at the top of every slide and on the poster */
    title: z.string().trim().min(2).max(30),
    /** the lesson that shows this video: <course-id>/<lesson-slug> (its frontmatter has the `video:` block) */
    lesson: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, '写成 <课程 id>/<课时 slug>'),
    /** total length in seconds; defaults to the end of the last cue */
    duration: z.number().int().positive().optional(),
    /** worked examples shown by cues (`show: <name>`) */
    figures: z.record(MediaIdSchema, FigureSchema).optional(),
    cues: z.array(CueSchema).min(1),
  })
  .superRefine((script, ctx) => {
    script.cues.forEach((cue, i) => {
      const figure = cue.show === undefined ? undefined : script.figures?.[cue.show];
      if (cue.show !== undefined && !figure) {
        ctx.addIssue({ code: 'custom', path: ['cues', i, 'show'], message: `figures: 里没有 ${cue.show}` });
      }
      if (cue.reveal && cue.show === undefined) {
        ctx.addIssue({ code: 'custom', path: ['cues', i, 'reveal'], message: 'reveal 要和 show 一起用' });
      }
      if (cue.reveal && figure) {
        const [first, last] = cue.reveal;
        const count = figureItemCount(figure);
        if (first > last || last > count) {
          ctx.addIssue({
            code: 'custom',
            path: ['cues', i, 'reveal'],
            message: `reveal 应为 [起, 止]，1 ≤ 起 ≤ 止 ≤ ${count}（${cue.show} 共 ${count} 项）`,
          });
        }
      }
    });
    script.cues.forEach((cue, i) => {
      const prev = script.cues[i - 1];
      if (prev && cue.start < prev.end) {
        ctx.addIssue({
          code: 'custom',
          path: ['cues', i, 'start'],
          message: `第 ${i + 1} 条字幕和上一条时间重叠（上一条到 ${prev.end} 秒结束）`,
        });
      }
    });
    const last = script.cues[script.cues.length - 1];
    if (script.duration !== undefined && last && script.duration < last.end) {
      ctx.addIssue({ code: 'custom', path: ['duration'], message: `duration 不能短于最后一条字幕的结束时间 ${last.end} 秒` });
    }
  });

export type Cue = z.output<typeof CueSchema>;
export type MediaScript = z.output<typeof MediaScriptSchema>;

/** The video's length in whole seconds: the lesson's `video.durationSeconds` must be this number. */
export const mediaDuration = (script: Pick<MediaScript, 'duration' | 'cues'>): number =>
  script.duration ?? Math.ceil(script.cues[script.cues.length - 1].end);

/** Where the generated files are served from (the lesson's `video:` block points here). */
export const mediaUrls = (id: string) => ({
  src: `/media/${id}/master.m3u8`,
  captions: `/media/${id}/zh.vtt`,
  poster: `/media/${id}/poster.jpg`,
});

import { z } from 'zod';

/**
 * A demo lecture video as data: content/media/<video-id>.yaml. `npm run build:media` (scripts/build-media.ts)
 * turns it into public/media/<video-id>/ (HLS in two bitrates, poster, WebVTT captions): one slide per cue
 * showing the title and the cue text, and the same text as Chinese captions.
 */
export const MediaIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '只能用小写字母、数字和连字符');

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
    cues: z.array(CueSchema).min(1),
  })
  .superRefine((script, ctx) => {
    script.cues.forEach((cue, i) => {
      const prev = script.cues[i - 1];
      if (prev && cue.start < prev.end) {
        ctx.addIssue({ code: 'custom', path: ['cues', i, 'start'], message: `第 ${i + 1} 条字幕和上一条时间重叠（上一条到 ${prev.end} 秒结束）` });
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

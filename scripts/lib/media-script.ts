/**
 * The media build's pure part (unit-tested in tests/unit/video-tracking.test.ts): reading and checking a
 * video script, captions as WebVTT, ffmpeg filter escaping, slide line breaking. scripts/build-media.ts
 * runs ffmpeg and writes files.
 */
import YAML from 'yaml';
import { MediaScriptSchema, mediaDuration, mediaUrls, type Cue, type MediaScript } from '../../src/schemas/media.ts';

export interface MediaProblem {
  file: string;
  message: string;
}

/**
 * Escapes a value for an ffmpeg filter graph, which is parsed twice: first the graph (`[ ] , ;` separate
 * filters and links), then each filter's options (`:` separates options). Quotes and backslashes are special
 * at both levels. See "Quoting and escaping" in the ffmpeg-filters manual.
 */
export function escapeFilterValue(value: string): string {
  const optionLevel = value.replace(/[\\':]/g, '\\$&');
  return optionLevel.replace(/[\\'[\],;]/g, '\\$&');
}

/** Slide text: width in em and line breaking (scripts/lib/slide-text.ts). */
export { textWidth, wrapText as wrapCaption } from './slide-text.ts';

export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

const vttText = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ');

/** WebVTT captions, one cue per script cue. */
export function toVtt(cues: readonly Cue[]): string {
  const body = cues.map((c, i) => `${i + 1}\n${vttTime(c.start)} --> ${vttTime(c.end)}\n${vttText(c.text)}\n`).join('\n');
  return `WEBVTT\n\n${body}`;
}

export function parseMediaScript(text: string, file: string): { script?: MediaScript; problems: MediaProblem[] } {
  const doc = YAML.parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) return { problems: doc.errors.map((e) => ({ file, message: `YAML 语法错误：${e.message.split('\n')[0]}` })) };
  const result = MediaScriptSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => ({ file, message: `${issue.path.map(String).join('.') || '(根)'}: ${issue.message}` })),
    };
  }
  return { script: result.data, problems: [] };
}

/** The lesson's `video:` block must point at this video and state its real length. */
export function checkLessonVideo(frontmatter: unknown, id: string, script: MediaScript): string[] {
  const video = (frontmatter as { video?: Record<string, unknown> } | null)?.video;
  const expected = { ...mediaUrls(id), durationSeconds: mediaDuration(script) };
  if (!video) return [`课时没有 video: 块，应加上：${JSON.stringify(expected)}`];
  return (Object.keys(expected) as (keyof typeof expected)[])
    .filter((k) => video[k] !== expected[k])
    .map((k) => `video.${k} 是 ${JSON.stringify(video[k])}，应为 ${JSON.stringify(expected[k])}`);
}

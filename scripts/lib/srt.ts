/**
 * SubRip (.srt) captions, as trainers get them from recording and subtitling tools, parsed into cues for
 * WebVTT. Problems name the line, so a trainer can fix the file by hand.
 */
export interface SrtCue {
  start: number;
  end: number;
  text: string;
}
export interface SrtProblem {
  line: number;
  message: string;
}

const TIME = /^(\d{1,2}):(\d{2}):(\d{2})[,.](\d{1,3})$/;

export function parseSrtTime(value: string): number | null {
  const m = TIME.exec(value.trim());
  if (!m) return null;
  const [h, min, s, ms] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4].padEnd(3, '0'))];
  if (min > 59 || s > 59) return null;
  return h * 3600 + min * 60 + s + ms / 1000;
}

/** Parses an SRT file; any problem makes the whole file rejected (half a caption track is worse than none). */
export function parseSrt(text: string): { cues: SrtCue[]; problems: SrtProblem[] } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const cues: SrtCue[] = [];
  const problems: SrtProblem[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    const blockStart = i;
    // the cue number is optional in practice; the timing line is not
    if (/^\d+$/.test(lines[i].trim()) && i + 1 < lines.length && lines[i + 1].includes('-->')) i++;
    const timing = lines[i];
    const arrow = timing.split('-->');
    if (arrow.length !== 2) {
      problems.push({ line: i + 1, message: `应为时间行 "00:00:01,000 --> 00:00:04,000"，实际是 "${timing.trim()}"` });
      while (i < lines.length && lines[i].trim() !== '') i++;
      continue;
    }
    const start = parseSrtTime(arrow[0]);
    const end = parseSrtTime(arrow[1].trim().split(/\s+/)[0] ?? '');
    if (start === null || end === null) problems.push({ line: i + 1, message: `时间格式不对："${timing.trim()}"，应为 时:分:秒,毫秒` });
    else if (end <= start) problems.push({ line: i + 1, message: '结束时间必须晚于开始时间' });
    else if (cues.length && start < cues[cues.length - 1].end) problems.push({ line: i + 1, message: '和上一条字幕时间重叠' });
    i++;
    const textLines: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') textLines.push(lines[i++].trim());
    if (!textLines.length) problems.push({ line: blockStart + 1, message: '这条字幕没有文字' });
    if (start !== null && end !== null && end > start && textLines.length) {
      // SRT allows <i>, <b>, <font>; WebVTT escapes the text, so formatting tags are dropped
      cues.push({ start, end, text: textLines.join('\n').replace(/<\/?(i|b|u|font)[^>]*>/gi, '') });
    }
  }
  if (!cues.length && !problems.length) problems.push({ line: 1, message: '文件里没有字幕' });
  return { cues, problems };
}

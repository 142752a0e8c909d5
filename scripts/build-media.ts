/**
 * `npm run build:media`: turns each lecture script content/media/<id>.yaml into public/media/<id>/ —
 * an HLS stream in two bitrates (H.264 + AAC, fMP4 segments), a poster and Chinese WebVTT captions.
 * Every cue becomes a slide showing the lesson title and the cue text; the audio track is silent.
 *
 * A video whose output is newer than its yaml (and than this script) is skipped, so rebuilds are fast.
 * `--force` rebuilds everything; ids on the command line limit the run to those videos.
 * Needs ffmpeg (Debian: apt-get install ffmpeg) and the Noto CJK fonts (apt-get install fonts-noto-cjk).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { mediaDuration, type MediaScript } from '../src/schemas/media.ts';
import { drawFigure, type Box, type Palette } from './lib/media-figures.ts';
import { ROOT, StartError } from './lib/pocketbase.ts';
import { splitFrontmatter } from './lib/frontmatter.ts';
import { checkLessonVideo, escapeFilterValue, parseMediaScript, toVtt, wrapCaption, type MediaProblem } from './lib/media-script.ts';
import { hlsOutputArgs } from './lib/hls-output.ts';

const SELF = fileURLToPath(import.meta.url);
const LAYOUT_SOURCES = [
  fileURLToPath(new URL('./lib/media-script.ts', import.meta.url)),
  fileURLToPath(new URL('../src/lib/pdf/text-layout.ts', import.meta.url)),
];
const FPS = 10;
/** seconds per HLS segment; a keyframe starts every segment so both renditions switch cleanly */
const SEGMENT_SECONDS = 6;
const WIDTH = 640;
const HEIGHT = 360;
/** the bitrate ladder: BANDWIDTH in master.m3u8 is the cap plus the audio */
export const RENDITIONS = [
  { name: '360p', width: 640, height: 360, crf: 28, maxrateKbps: 350 },
  { name: '240p', width: 426, height: 240, crf: 30, maxrateKbps: 150 },
] as const;
const AUDIO_KBPS = 32;
const COLORS = { background: '0x1d3557', accent: '0xf4a261', text: 'white', muted: '0xa8dadc' };
const PALETTE: Palette = { ...COLORS, good: '0x8fd694', bad: '0xff8a80', panel: '0x264a73' };

export type { MediaProblem } from './lib/media-script.ts';

// ---------------------------------------------------------------- tools

function run(cmd: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  return { ok: !r.error && r.status === 0, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}

interface Tools {
  ffmpeg: string;
  font: string;
}

let tools: Tools | null = null;
function findTools(): Tools {
  if (tools) return tools;
  const ffmpeg = process.env.FFMPEG ?? 'ffmpeg';
  const version = run(ffmpeg, ['-hide_banner', '-version']);
  if (!version.ok) {
    throw new StartError(
      '找不到 ffmpeg，无法生成讲解视频。\n' +
        'ffmpeg not found: lesson videos are generated from content/media/*.yaml. Install it (Debian/Ubuntu: ' +
        'apt-get install ffmpeg) and run the command again, or set FFMPEG=/path/to/ffmpeg.',
    );
  }
  const filters = run(ffmpeg, ['-hide_banner', '-filters']).stdout;
  if (!/\bdrawtext\b/.test(filters) || !/\blibx264\b/.test(run(ffmpeg, ['-hide_banner', '-encoders']).stdout)) {
    throw new StartError(
      "这个 ffmpeg 缺少 drawtext 滤镜或 libx264 编码器 (ffmpeg needs libfreetype and libx264; Debian's ffmpeg package has both).",
    );
  }
  const fc = run('fc-match', ['-f', '%{file}\n%{index}\n%{family}', 'Noto Sans CJK SC']);
  const [fontFile = '', fontIndex = '0', family = ''] = fc.stdout.split('\n');
  if (!fc.ok || !/CJK/i.test(family) || !existsSync(fontFile)) {
    throw new StartError(
      '找不到中文字体 Noto Sans CJK SC，无法生成讲解视频。\n' +
        "Chinese font not found (fc-match 'Noto Sans CJK SC'). Debian/Ubuntu: apt-get install fontconfig fonts-noto-cjk",
    );
  }
  // The .ttc holds the JP, KR, SC, TC and HK faces and `fontfile` always opens the first one (Japanese glyph
  // forms); a fontconfig family name opens the Simplified Chinese face. Use it when ffmpeg has fontconfig.
  const font =
    version.stdout.includes('--enable-libfontconfig') && fontIndex !== '0'
      ? `font=${escapeFilterValue('Noto Sans CJK SC')}`
      : `fontfile=${escapeFilterValue(fontFile)}`;
  tools = { ffmpeg, font };
  return tools;
}

function ffmpeg(args: string[], what: string) {
  const r = run(findTools().ffmpeg, ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args]);
  if (!r.ok) throw new StartError(`ffmpeg 失败：${what}\n${r.stderr.trim().split('\n').slice(-15).join('\n')}`);
}

// ---------------------------------------------------------------- one video

interface TextItem {
  text: string;
  size: number;
  y: number;
  color: string;
  bold?: boolean;
  enable?: string;
  /** left edge, or the centre with align 'center'; default: centred on the slide */
  x?: number;
  align?: 'left' | 'center';
}

/** drawtext filters; the text goes through files so that no caption needs filter escaping. */
function drawTexts(items: TextItem[], workDir: string): string[] {
  const t = findTools();
  return items.map((item, i) => {
    const file = join(workDir, `text-${String(i).padStart(3, '0')}.txt`);
    writeFileSync(file, item.text);
    const opts = [
      t.font,
      `textfile=${escapeFilterValue(file)}`,
      'expansion=none',
      `fontsize=${item.size}`,
      `fontcolor=${item.color}`,
      `x=${escapeFilterValue(item.x === undefined ? '(w-text_w)/2' : item.align === 'center' ? `${item.x}-text_w/2` : String(item.x))}`,
      `y=${item.y}`,
    ];
    // bold by outlining in the text colour (the bold face would need a second font lookup)
    if (item.bold) opts.push('borderw=1', `bordercolor=${item.color}`);
    if (item.enable) opts.push(`enable=${escapeFilterValue(item.enable)}`);
    return `drawtext=${opts.join(':')}`;
  });
}

const drawBoxes = (boxes: Box[]) =>
  boxes.map(
    (b) => `drawbox=x=${b.x}:y=${b.y}:w=${b.w}:h=${b.h}:color=${b.color}:t=${b.fill ? 'fill' : 2}:enable=${escapeFilterValue(b.enable)}`,
  );

/** The worked examples' boxes and text; a figure that does not fit stops the build with the cue named. */
function slideFigures(script: MediaScript, file: string): { boxes: Box[]; texts: TextItem[] } {
  const boxes: Box[] = [];
  const texts: TextItem[] = [];
  const problems: string[] = [];
  script.cues.forEach((cue, i) => {
    if (!cue.show) return;
    const drawing = drawFigure(script.figures![cue.show], cue, PALETTE, cue.reveal);
    problems.push(...drawing.problems.map((p) => `${file}: cues.${i} (show: ${cue.show}): ${p}`));
    boxes.push(...drawing.boxes);
    texts.push(...drawing.labels);
  });
  if (problems.length) throw new StartError(problems.join('\n'));
  return { boxes, texts };
}

function slideTexts(script: MediaScript, file: string): TextItem[] {
  const title = wrapCaption(script.title, 18);
  const items: TextItem[] = [
    { text: '质量学堂 · 讲解视频', size: 16, y: 14, color: COLORS.muted },
    { text: title[0] + (title.length > 1 ? '…' : ''), size: 28, y: 42, color: COLORS.accent, bold: true },
  ];
  const lineHeight = 44;
  for (const cue of script.cues) {
    if (cue.show) continue; // the figure is the slide; the words are in the captions
    const lines = wrapCaption(cue.text, 18);
    if (lines.length > 3) throw new StartError(`${file}: 字幕“${cue.text}”在幻灯片上超过 3 行，请拆成两条`);
    const top = 160 - (lines.length * lineHeight) / 2; // above the captions, which the browser draws at the bottom
    lines.forEach((line, i) => {
      items.push({
        text: line,
        size: 30,
        y: Math.round(top + i * lineHeight),
        color: COLORS.text,
        enable: `gte(t,${cue.start})*lt(t,${cue.end})`,
      });
    });
  }
  return items;
}

function encode(script: MediaScript, file: string, outDir: string, workDir: string) {
  const duration = mediaDuration(script);
  const figures = slideFigures(script, file);
  const texts = [...drawBoxes(figures.boxes), ...drawTexts([...slideTexts(script, file), ...figures.texts], workDir)];
  const divider = `drawbox=x=48:y=88:w=${WIDTH - 96}:h=2:color=${COLORS.accent}@0.6:t=fill`;
  const bar = `color=c=${COLORS.accent}:s=${WIDTH}x6:r=${FPS}:d=${duration}[bar]`;
  const progress = `overlay=x=${escapeFilterValue(`-w+W*t/${duration}`)}:y=H-h:eval=frame`;
  const split = RENDITIONS.map((_, i) => `[s${i}]`).join('');
  const graph = [
    bar,
    `[0:v]${[divider, ...texts].join(',')}[slides]`,
    `[slides][bar]${progress},split=${RENDITIONS.length}${split}`,
    ...RENDITIONS.map((r, i) => `[s${i}]scale=${r.width}:${r.height}:flags=lanczos,format=yuv420p[v${i}]`),
  ].join(';');

  const perStream = RENDITIONS.flatMap((r, i) => [
    `-crf:v:${i}`,
    String(r.crf),
    `-maxrate:v:${i}`,
    `${r.maxrateKbps}k`,
    `-bufsize:v:${i}`,
    `${r.maxrateKbps * 2}k`,
  ]);
  ffmpeg(
    [
      '-f',
      'lavfi',
      '-i',
      `color=c=${COLORS.background}:s=${WIDTH}x${HEIGHT}:r=${FPS}:d=${duration}`,
      '-f',
      'lavfi',
      '-i',
      'anullsrc=r=22050:cl=mono',
      '-filter_complex',
      graph,
      ...RENDITIONS.flatMap((_, i) => ['-map', `[v${i}]`]),
      ...RENDITIONS.flatMap(() => ['-map', '1:a']),
      '-t',
      String(duration),
      '-c:v',
      'libx264',
      '-preset',
      'medium',
      '-profile:v',
      'main',
      '-level:v',
      '3.0',
      '-tune',
      'stillimage',
      '-g',
      String(FPS * SEGMENT_SECONDS),
      '-keyint_min',
      String(FPS * SEGMENT_SECONDS),
      '-sc_threshold',
      '0',
      ...perStream,
      '-c:a',
      'aac',
      '-b:a',
      `${AUDIO_KBPS}k`,
      '-ac',
      '1',
      '-ar',
      '22050',
      ...hlsOutputArgs(outDir, SEGMENT_SECONDS, RENDITIONS),
    ],
    `${file} → HLS`,
  );

  const posterTexts = drawTexts(
    [
      { text: '质量学堂 · 讲解视频', size: 18, y: 70, color: COLORS.muted },
      ...wrapCaption(script.title, 16)
        .slice(0, 2)
        .map((line, i) => ({ text: line, size: 36, y: 130 + i * 52, color: COLORS.accent, bold: true })),
      { text: `约 ${Math.max(1, Math.round(duration / 60))} 分钟 · 中文字幕`, size: 20, y: 270, color: COLORS.text },
    ],
    workDir,
  );
  ffmpeg(
    [
      '-f',
      'lavfi',
      '-i',
      `color=c=${COLORS.background}:s=${WIDTH}x${HEIGHT}:d=1`,
      '-vf',
      [...posterTexts, `drawbox=x=0:y=${HEIGHT - 6}:w=${WIDTH}:h=6:color=${COLORS.accent}:t=fill`].join(','),
      '-frames:v',
      '1',
      '-q:v',
      '4',
      join(outDir, 'poster.jpg'),
    ],
    `${file} → poster`,
  );
  writeFileSync(join(outDir, 'zh.vtt'), toVtt(script.cues));

  // The stream must be as long as the lesson says, or the watched fraction would be off.
  for (const r of RENDITIONS) {
    const playlist = readFileSync(join(outDir, r.name, 'index.m3u8'), 'utf8');
    const total = [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].reduce((s, m) => s + Number(m[1]), 0);
    if (Math.abs(total - duration) > 0.5) throw new StartError(`${file}: ${r.name} 时长 ${total.toFixed(2)} 秒，应为 ${duration} 秒`);
  }
}

// ---------------------------------------------------------------- all videos

const mtime = (path: string) => (existsSync(path) ? statSync(path).mtimeMs : 0);

function dirSize(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const st = statSync(path);
    return sum + (st.isDirectory() ? dirSize(path) : st.size);
  }, 0);
}

function lessonFrontmatter(root: string, lesson: string): unknown {
  const file = join(root, 'content', 'lessons', `${lesson}.mdx`);
  if (!existsSync(file)) return undefined;
  const parts = splitFrontmatter(readFileSync(file, 'utf8'));
  return parts ? YAML.parse(parts.yaml) : undefined;
}

export interface BuildMediaOptions {
  root?: string;
  force?: boolean;
  only?: string[];
  log?: (msg: string) => void;
}

/** Generates every out-of-date video; returns the ids that were (re)built. */
export function buildMedia({ root = ROOT, force = false, only, log = console.log }: BuildMediaOptions = {}): string[] {
  const sourceDir = join(root, 'content', 'media');
  const mediaDir = join(root, 'public', 'media');
  if (!existsSync(sourceDir)) return [];
  const files = readdirSync(sourceDir)
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
    .sort();
  // a change to the build or to its slide layout rebuilds the videos
  const scriptTime = Math.max(mtime(SELF), ...LAYOUT_SOURCES.map(mtime));
  const problems: MediaProblem[] = [];
  const todo: { id: string; file: string; script: MediaScript }[] = [];

  for (const name of files) {
    const id = name.slice(0, -'.yaml'.length);
    const file = relative(root, join(sourceDir, name));
    if (only?.length && !only.includes(id)) continue;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
      problems.push({ file, message: '文件名只能用小写字母、数字和连字符' });
      continue;
    }
    const parsed = parseMediaScript(readFileSync(join(sourceDir, name), 'utf8'), file);
    problems.push(...parsed.problems);
    if (!parsed.script) continue;
    const frontmatter = lessonFrontmatter(root, parsed.script.lesson);
    if (frontmatter === undefined) problems.push({ file, message: `lesson: 找不到课时 content/lessons/${parsed.script.lesson}.mdx` });
    else
      for (const message of checkLessonVideo(frontmatter, id, parsed.script))
        problems.push({ file: `content/lessons/${parsed.script.lesson}.mdx`, message });
    const built = mtime(join(mediaDir, id, 'master.m3u8'));
    if (force || built < Math.max(mtime(join(sourceDir, name)), scriptTime)) todo.push({ id, file, script: parsed.script });
  }
  if (problems.length) {
    throw new StartError(`讲解视频脚本有问题 (media scripts are invalid):\n${problems.map((p) => `${p.file}: ${p.message}`).join('\n')}`);
  }
  if (!todo.length) return [];

  findTools();
  mkdirSync(mediaDir, { recursive: true });
  // Videos are built outside public/ (so a concurrent site build never copies half a video) on the same disk,
  // then moved into place. Work dirs of runs that died long ago are removed; a running build's are left alone.
  const workRoot = join(root, '.cache', 'media-build');
  mkdirSync(workRoot, { recursive: true });
  for (const name of readdirSync(workRoot)) {
    if (Date.now() - mtime(join(workRoot, name)) > 3_600_000) rmSync(join(workRoot, name), { recursive: true, force: true });
  }
  for (const { id, file, script } of todo) {
    const started = Date.now();
    const outDir = mkdtempSync(join(workRoot, `${id}-`));
    chmodSync(outDir, 0o755); // mkdtemp makes it private; the web server may run as another user
    const workDir = mkdtempSync(join(outDir, '.work-'));
    const target = join(mediaDir, id);
    try {
      encode(script, file, outDir, workDir);
      rmSync(workDir, { recursive: true, force: true });
      rmSync(target, { recursive: true, force: true });
      try {
        renameSync(outDir, target);
      } catch (err) {
        // another build (npm start and npm test at once) finished the same video first: keep its copy
        if (!existsSync(join(target, 'master.m3u8'))) throw err;
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
    const kb = Math.round(dirSize(target) / 1024);
    log(`media: ${id} (${mediaDuration(script)} s, ${kb} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return todo.map((t) => t.id);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    // npm run build:media [-- --force] [video-id …]
    const { values, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });
    const built = buildMedia({ force: values.force, only: positionals });
    if (!built.length) console.log('media: up to date');
  } catch (err) {
    console.error(err instanceof StartError ? err.message : err);
    process.exit(1);
  }
}

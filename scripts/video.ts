/**
 * `npm run video -- <recording> --lesson <course>/<lesson> [--captions file.srt] [--id name]`: packages a
 * trainer's recording for a lesson: adaptive HLS in several bitrates (4-second fMP4 segments, a master
 * playlist), a poster frame and WebVTT captions converted from SRT, in public/media/<id>/, then writes the
 * lesson's `video:` block (paths and measured duration).
 *
 * Everything is written to a hidden folder first and moved into place only when complete, so a failure or
 * Ctrl-C never leaves half a video behind, and an earlier good version stays until the new one is ready.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toVtt } from './lib/media-script.ts';
import { parseSrt } from './lib/srt.ts';
import { setLessonVideo } from './lib/frontmatter-edit.ts';
import { hlsOutputArgs } from './lib/hls-output.ts';

export class VideoError extends Error {}

const HELP = `用法 usage: npm run video -- <录像文件> --lesson <课程>/<课时> [--captions 字幕.srt] [--id 视频名]
  <录像文件>   手机或相机录的视频（mp4、mov、mkv 等）
  --lesson     放到哪一课，例如 internal-audit/audit-basics
  --captions   SubRip 字幕文件 (.srt)，会转成网页用的 WebVTT
  --id         视频文件夹名，默认用课时文件名
  --out        输出目录，默认 public/media`;

const SEGMENT_SECONDS = 4;
/** the bitrate ladder, highest first; renditions taller than the recording are skipped (never upscaled) */
export const LADDER = [
  { name: '720p', height: 720, videoKbps: 1500 },
  { name: '480p', height: 480, videoKbps: 700 },
  { name: '360p', height: 360, videoKbps: 400 },
  { name: '240p', height: 240, videoKbps: 180 },
] as const;
const AUDIO_KBPS = 64;

/** The renditions for a recording of this height: every rung not above it, and always the two smallest. */
export function renditionsFor(sourceHeight: number) {
  const fit = LADDER.filter((r) => r.height <= sourceHeight);
  return fit.length >= 2 ? fit : LADDER.slice(-2);
}

interface Probe {
  duration: number;
  height: number;
  hasAudio: boolean;
}

function tool(name: string): string {
  const cmd = name === 'ffmpeg' ? (process.env.FFMPEG ?? 'ffmpeg') : (process.env.FFPROBE ?? 'ffprobe');
  const r = spawnSync(cmd, ['-hide_banner', '-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new VideoError(
      `找不到 ${name}，无法处理视频。请先安装 ffmpeg（Debian/Ubuntu：apt-get install ffmpeg），或用环境变量 ${name.toUpperCase()}=路径 指定。\n` +
        `${name} not found: install ffmpeg (apt-get install ffmpeg) or set ${name.toUpperCase()}=/path/to/${name}.`,
    );
  }
  return cmd;
}

export function probe(file: string): Probe {
  const r = spawnSync(tool('ffprobe'), ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], {
    encoding: 'utf8',
  });
  let info: {
    streams?: { codec_type?: string; height?: number; disposition?: { attached_pic?: number } }[];
    format?: { duration?: string };
  } = {};
  try {
    info = JSON.parse(r.stdout || '{}');
  } catch {
    /* reported below */
  }
  // a cover image inside an audio file is a "video" stream too: not a recording
  const video = info.streams?.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const duration = Number(info.format?.duration);
  if (r.status !== 0 || !video || !Number.isFinite(duration) || duration <= 0) {
    throw new VideoError(`${file} 不是能用的视频文件（读不出画面或时长）。请用手机或相机录制的 mp4、mov 等视频。`);
  }
  return { duration, height: video.height ?? 360, hasAudio: Boolean(info.streams?.some((s) => s.codec_type === 'audio')) };
}

function ffmpeg(args: string[], what: string) {
  const r = spawnSync(tool('ffmpeg'), ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], {
    encoding: 'utf8',
    maxBuffer: 32 << 20,
  });
  if (r.error || r.status !== 0)
    throw new VideoError(`ffmpeg 失败（${what}）：\n${(r.stderr ?? String(r.error)).trim().split('\n').slice(-10).join('\n')}`);
}

function encodeHls(input: string, src: Probe, outDir: string) {
  const rungs = renditionsFor(src.height);
  const graph = [
    `[0:v]split=${rungs.length}${rungs.map((_, i) => `[s${i}]`).join('')}`,
    ...rungs.map((r, i) => `[s${i}]scale=-2:${r.height}:flags=bicubic,format=yuv420p[v${i}]`),
  ].join(';');
  const audioInput = src.hasAudio ? [] : ['-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=mono'];
  const audio = src.hasAudio ? '0:a:0' : '1:a';
  for (const r of rungs) mkdirSync(join(outDir, r.name), { recursive: true });
  ffmpeg(
    [
      '-i',
      input,
      ...audioInput,
      '-filter_complex',
      graph,
      ...rungs.flatMap((_, i) => ['-map', `[v${i}]`]),
      ...rungs.flatMap(() => ['-map', audio]),
      '-t',
      String(src.duration),
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-profile:v',
      'main',
      ...rungs.flatMap((r, i) => [
        `-b:v:${i}`,
        `${r.videoKbps}k`,
        `-maxrate:v:${i}`,
        `${Math.round(r.videoKbps * 1.2)}k`,
        `-bufsize:v:${i}`,
        `${r.videoKbps * 2}k`,
      ]),
      // a keyframe at every segment boundary, whatever the frame rate, so renditions switch cleanly
      '-force_key_frames',
      `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
      '-sc_threshold',
      '0',
      '-c:a',
      'aac',
      '-b:a',
      `${AUDIO_KBPS}k`,
      '-ac',
      '1',
      ...hlsOutputArgs(outDir, SEGMENT_SECONDS, rungs),
    ],
    'HLS',
  );
  const lengths = rungs.map((r) => {
    const playlist = readFileSync(join(outDir, r.name, 'index.m3u8'), 'utf8');
    return [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].reduce((s, m) => s + Number(m[1]), 0);
  });
  return { renditions: rungs.map((r) => r.name), duration: Math.min(...lengths) };
}

export interface VideoOptions {
  input: string;
  lesson: string;
  captions?: string;
  id?: string;
  root: string;
  out?: string;
}

export function packageVideo(o: VideoOptions): { dir: string; lessonFile: string; duration: number; renditions: string[] } {
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(o.lesson))
    throw new VideoError(`--lesson 写成 <课程>/<课时>，例如 internal-audit/audit-basics，收到 "${o.lesson}"`);
  const lessonFile = join(o.root, 'content', 'lessons', `${o.lesson}.mdx`);
  if (!existsSync(lessonFile)) throw new VideoError(`找不到课时 content/lessons/${o.lesson}.mdx`);
  const id = o.id ?? o.lesson.split('/')[1];
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new VideoError(`--id "${id}" 只能用小写字母、数字和连字符`);
  if (existsSync(join(o.root, 'content', 'media', `${id}.yaml`))) {
    throw new VideoError(`content/media/${id}.yaml 是一个用脚本生成的视频，会覆盖这个录像。请用 --id 换一个名字。`);
  }
  if (!existsSync(o.input)) throw new VideoError(`找不到录像文件 ${o.input}`);

  // captions first: a typo in the subtitles should not cost a long encode
  let vtt: string | undefined;
  if (o.captions) {
    if (!existsSync(o.captions)) throw new VideoError(`找不到字幕文件 ${o.captions}`);
    const { cues, problems } = parseSrt(readFileSync(o.captions, 'utf8'));
    if (problems.length) throw new VideoError(problems.map((p) => `${o.captions}:${p.line} ${p.message}`).join('\n'));
    vtt = toVtt(cues);
  }
  const source = probe(o.input);

  const outRoot = o.out ?? join(o.root, 'public', 'media');
  mkdirSync(outRoot, { recursive: true });
  const final = join(outRoot, id);
  const partial = join(outRoot, `.${id}.partial-${process.pid}`);
  const cleanUp = () => rmSync(partial, { recursive: true, force: true });
  const onSignal = () => {
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    cleanUp();
    mkdirSync(partial, { recursive: true });
    const hls = encodeHls(o.input, source, partial);
    ffmpeg(
      [
        '-ss',
        String(Math.min(3, source.duration / 10)),
        '-i',
        o.input,
        '-frames:v',
        '1',
        '-vf',
        'scale=-2:360',
        '-q:v',
        '4',
        join(partial, 'poster.jpg'),
      ],
      'poster',
    );
    if (vtt) writeFileSync(join(partial, 'zh.vtt'), vtt);

    const durationSeconds = Math.round(hls.duration * 10) / 10;
    const updatedLesson = setLessonVideo(readFileSync(lessonFile, 'utf8'), {
      src: `/media/${id}/master.m3u8`,
      poster: `/media/${id}/poster.jpg`,
      captions: vtt ? `/media/${id}/zh.vtt` : undefined,
      durationSeconds,
    });
    // swap in the new folder, then the lesson: the old video is removed only once the new one is in place
    const previous = join(outRoot, `.${id}.previous-${process.pid}`);
    if (existsSync(final)) renameSync(final, previous);
    renameSync(partial, final);
    rmSync(previous, { recursive: true, force: true });
    writeFileSync(lessonFile, updatedLesson);
    return { dir: final, lessonFile, duration: durationSeconds, renditions: hls.renditions };
  } catch (err) {
    cleanUp();
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      lesson: { type: 'string' },
      captions: { type: 'string' },
      id: { type: 'string' },
      out: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  if (positionals.length !== 1 || !values.lesson) throw new VideoError(`需要一个录像文件和 --lesson。\n${HELP}`);
  const root = resolve(values.root ?? fileURLToPath(new URL('..', import.meta.url)));
  const started = Date.now();
  const result = packageVideo({
    input: resolve(positionals[0]),
    lesson: values.lesson,
    captions: values.captions && resolve(values.captions),
    id: values.id,
    root,
    out: values.out && resolve(values.out),
  });
  console.log(
    `已生成 ${relative(root, result.dir) || result.dir}：${result.renditions.join(' / ')}，时长 ${result.duration} 秒，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
  );
  console.log(`已写入 ${relative(root, result.lessonFile)} 的 video: 段。运行 npm run check，再用 npm run dev 预览。`);
  console.log(`注意：public/media/ 不进 git。上线时把 ${basename(result.dir)}/ 整个文件夹放到网站的 /media/ 下（见 docs/video.md）。`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (err) {
    if (err instanceof VideoError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`npm run video: ${(err as Error).message}`);
      process.exit(2);
    }
    throw err;
  }
}

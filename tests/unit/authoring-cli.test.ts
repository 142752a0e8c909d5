/** `npm run new` and `npm run video` as a trainer runs them, on a copy of content/ in a temp folder. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, readContent } from '../../scripts/lib/content-source.ts';
import { checkContentRules } from '../../scripts/lib/content-rules.ts';
import { PLACEHOLDER } from '../../scripts/lib/templates.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qa-authoring-'));
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  return dir;
}

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const problemsOf = (root: string) => {
  const set = readContent(root);
  return [...set.problems, ...checkContentRules(set)].map(formatProblem);
};

describe('npm run new', { timeout: 60_000 }, () => {
  it('writes every kind of file; the check lists what is left to write, with file and line', () => {
    const root = project();
    expect(
      run('new-content.ts', [
        '--root',
        root,
        '--kind',
        'lesson',
        '--course',
        'internal-audit',
        '--slug',
        'scaffold-demo-lesson',
        '--title',
        '十人以下的小厂怎样做内审',
      ]).status,
    ).toBe(0);
    expect(
      run('new-content.ts', ['--root', root, '--kind', 'course', '--slug', 'design-basics', '--title', '小企业的设计开发']).status,
    ).toBe(0);
    expect(
      run('new-content.ts', ['--root', root, '--kind', 'case', '--slug', 'gansu-starch', '--title', '甘肃一家淀粉厂的故事']).status,
    ).toBe(0);
    expect(run('new-content.ts', ['--root', root, '--kind', 'term', '--slug', 'first-article', '--title', '首件']).status).toBe(0);

    expect(readFileSync(join(root, 'content/courses/internal-audit.mdx'), 'utf8')).toMatch(/lessons: \[.*, scaffold-demo-lesson\]/);
    const problems = problemsOf(root);
    expect(problems).toContain(
      'content/lessons/internal-audit/scaffold-demo-lesson.mdx:5 description: 还没填写：把“【待填写】”换成你的内容（npm run new 生成的模板里有说明）',
    );
    expect(problems.some((p) => p.startsWith('content/lessons/design-basics/introduction.mdx:') && p.includes(' options: 还没填写'))).toBe(
      true,
    );
    expect(problems.some((p) => p.startsWith('content/glossary/first-article.yaml:'))).toBe(true);

    // Once every mark is replaced, the files are complete: nothing else is missing from the templates.
    for (const file of [
      'content/lessons/internal-audit/scaffold-demo-lesson.mdx',
      'content/courses/design-basics.mdx',
      'content/lessons/design-basics/introduction.mdx',
      'content/cases/gansu-starch.mdx',
      'content/glossary/first-article.yaml',
    ]) {
      const text = readFileSync(join(root, file), 'utf8')
        .replace(`sector: "${PLACEHOLDER}"`, 'sector: "03"')
        .replace(`province: "${PLACEHOLDER}"`, 'province: "62"')
        .replace(`clauses: ["${PLACEHOLDER}"]`, 'clauses: ["8.5.1"]')
        .replaceAll(PLACEHOLDER, '示例');
      writeFileSync(join(root, file), text);
    }
    expect(problemsOf(root)).toEqual([]);
  });

  it('refuses bad input with a precise message and never overwrites', () => {
    const root = project();
    const existing = readFileSync(join(root, 'content/courses/internal-audit.mdx'), 'utf8');
    const taken = run('new-content.ts', ['--root', root, '--kind', 'course', '--slug', 'internal-audit', '--title', '内部审核']);
    expect(taken.status).toBe(2);
    expect(taken.out).toContain('content/courses/internal-audit.mdx 已经存在，不会覆盖');
    expect(readFileSync(join(root, 'content/courses/internal-audit.mdx'), 'utf8')).toBe(existing);
    expect(run('new-content.ts', ['--root', root, '--kind', 'lesson', '--course', 'nope', '--slug', 'a', '--title', '标题']).out).toContain(
      '--course "nope" 不存在',
    );
    expect(
      run('new-content.ts', ['--root', root, '--kind', 'lesson', '--course', 'internal-audit', '--slug', 'Bad Slug', '--title', '标题'])
        .out,
    ).toContain('--slug "Bad Slug" 不合格');
    expect(run('new-content.ts', ['--root', root, '--kind', 'video', '--slug', 'a', '--title', '标题']).out).toContain(
      '--kind 只能是 course / lesson / case / term',
    );
    // without a terminal there is nobody to ask: say what is missing instead of waiting
    expect(run('new-content.ts', ['--root', root, '--kind', 'lesson']).out).toContain('缺少参数');
  });
});

describe('npm run video', { timeout: 120_000 }, () => {
  const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

  it.runIf(hasFfmpeg)('packages a recording into HLS renditions, a poster and captions, and records them in the lesson', () => {
    const root = project();
    const clip = join(root, 'clip.mp4');
    spawnSync('ffmpeg', [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=640x480:rate=25:duration=5',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=5',
      '-shortest',
      '-c:v',
      'libx264',
      '-c:a',
      'aac',
      clip,
    ]);
    writeFileSync(join(root, 'c.srt'), '1\n00:00:00,500 --> 00:00:02,000\n先看首件\n');
    const r = run('video.ts', [clip, '--lesson', 'internal-audit/audit-programme', '--captions', join(root, 'c.srt'), '--root', root]);
    expect(r.status, r.out).toBe(0);
    const dir = join(root, 'public/media/audit-programme');
    const master = readFileSync(join(dir, 'master.m3u8'), 'utf8');
    expect(master.match(/#EXT-X-STREAM-INF/g)?.length).toBe(3); // 480p, 360p, 240p: never upscaled to 720p
    const segments = readFileSync(join(dir, '360p/index.m3u8'), 'utf8');
    expect(Math.max(...[...segments.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1])))).toBeLessThanOrEqual(4.5);
    expect(existsSync(join(dir, 'poster.jpg'))).toBe(true);
    expect(readFileSync(join(dir, 'zh.vtt'), 'utf8')).toContain('00:00:00.500 --> 00:00:02.000\n先看首件');
    const lesson = readFileSync(join(root, 'content/lessons/internal-audit/audit-programme.mdx'), 'utf8');
    expect(lesson).toMatch(
      /video:\n {2}src: \/media\/audit-programme\/master.m3u8\n {2}captions: \/media\/audit-programme\/zh.vtt\n {2}poster: \/media\/audit-programme\/poster.jpg\n {2}durationSeconds: 5\n/,
    );
    expect(problemsOf(root)).toEqual([]);
  });

  it.runIf(hasFfmpeg)('refuses what is not a video and bad captions, leaving nothing half-written and the lesson unchanged', () => {
    const root = project();
    const lessonFile = join(root, 'content/lessons/internal-audit/audit-programme.mdx');
    const before = readFileSync(lessonFile, 'utf8');
    writeFileSync(join(root, 'notes.mp4'), '这不是视频');
    const notVideo = run('video.ts', [join(root, 'notes.mp4'), '--lesson', 'internal-audit/audit-programme', '--root', root]);
    expect(notVideo.status).toBe(2);
    expect(notVideo.out).toContain('不是能用的视频文件');
    writeFileSync(join(root, 'bad.srt'), '1\n00:00:02,000 --> 00:00:01,000\n倒着\n');
    const badSrt = run('video.ts', [
      join(root, 'notes.mp4'),
      '--lesson',
      'internal-audit/audit-programme',
      '--captions',
      join(root, 'bad.srt'),
      '--root',
      root,
    ]);
    expect(badSrt.out).toContain('bad.srt:2 结束时间必须晚于开始时间');
    expect(readFileSync(lessonFile, 'utf8')).toBe(before);
    const media = join(root, 'public/media');
    expect(existsSync(media) ? readdirSync(media) : []).toEqual([]);
  });

  it('says how to install ffmpeg when it is missing', () => {
    const root = project();
    writeFileSync(join(root, 'clip.mp4'), 'x');
    const r = run('video.ts', [join(root, 'clip.mp4'), '--lesson', 'internal-audit/audit-programme', '--root', root], {
      FFPROBE: '/nonexistent/ffprobe',
      FFMPEG: '/nonexistent/ffmpeg',
    });
    expect(r.status).toBe(2);
    expect(r.out).toContain('apt-get install ffmpeg');
  });
});

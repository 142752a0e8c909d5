/**
 * `npm run new`: writes a new course, lesson, case or glossary term from a template in which every field is
 * explained in Chinese. Asks for what the flags leave out (in a terminal), never overwrites a file, and
 * adds a new lesson to its course's list.
 *
 *   npm run new                                   # asks step by step
 *   npm run new -- --kind lesson --course internal-audit --slug audit-in-a-tiny-firm --title 十人以下的小厂怎样做内审
 *   npm run new -- --kind course --slug design-basics --title 小企业的设计开发
 *   npm run new -- --kind case --slug gansu-potato-starch --title 甘肃一家淀粉厂……
 *   npm run new -- --kind term --slug calibration --title 校准
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { KINDS, KIND_NAMES, PLACEHOLDER, SLUG, render, targetPath, type Kind } from './lib/templates.ts';
import { addLessonToCourse } from './lib/frontmatter-edit.ts';

class UsageError extends Error {}

const HELP = `用法 usage: npm run new -- [--kind course|lesson|case|term] [--slug 文件名] [--title 标题] [--course 课程文件名]
  --kind    要新建什么：course 课程，lesson 课时，case 案例，term 术语
  --slug    文件名（网址的一部分）：小写英文字母、数字和连字符，例如 first-article-check
  --title   标题（中文）
  --course  课时属于哪门课程（content/courses/ 下的文件名），只有 lesson 需要
  --first-lesson  新课程第一课的文件名，默认 introduction
  --root    项目目录（默认：本项目）`;

interface Answers {
  kind?: string;
  slug?: string;
  title?: string;
  course?: string;
  firstLesson?: string;
}

function courseSlugs(root: string): string[] {
  const dir = join(root, 'content/courses');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.mdx'))
        .map((f) => f.slice(0, -4))
        .sort()
    : [];
}

function nextCourseOrder(root: string): number {
  const orders = courseSlugs(root).map((slug) => {
    const m = /^order:\s*(\d+)/m.exec(readFileSync(join(root, 'content/courses', `${slug}.mdx`), 'utf8'));
    return m ? Number(m[1]) : 0;
  });
  return orders.length ? Math.max(...orders) + 1 : 1;
}

/** Checks every answer and says exactly what is wrong, before anything is written. */
export function validate(root: string, a: Answers): { kind: Kind; slug: string; title: string; course?: string; firstLesson: string } {
  if (!KINDS.includes(a.kind as Kind)) throw new UsageError(`--kind 只能是 ${KINDS.join(' / ')}，收到 "${a.kind ?? ''}"`);
  const kind = a.kind as Kind;
  const slug = (a.slug ?? '').trim();
  if (!SLUG.test(slug)) throw new UsageError(`--slug "${slug}" 不合格：只能用小写英文字母、数字和连字符，例如 first-article-check`);
  const title = (a.title ?? '').trim();
  const max = kind === 'case' ? 60 : 40;
  const min = kind === 'case' ? 4 : kind === 'term' ? 1 : 2;
  if (Array.from(title).length < min || Array.from(title).length > max)
    throw new UsageError(`--title 要 ${min} 到 ${max} 个字，收到 "${title}"`);
  if (title.includes('\n')) throw new UsageError('--title 不能换行');
  const firstLesson = (a.firstLesson ?? 'introduction').trim();
  if (kind === 'course' && !SLUG.test(firstLesson))
    throw new UsageError(`--first-lesson "${firstLesson}" 不合格：只能用小写英文字母、数字和连字符`);
  let course: string | undefined;
  if (kind === 'lesson') {
    course = (a.course ?? '').trim();
    const known = courseSlugs(root);
    if (!known.includes(course)) throw new UsageError(`--course "${course}" 不存在。已有课程：${known.join(', ')}`);
  }
  const target = join(root, targetPath(kind, slug, course));
  if (existsSync(target)) throw new UsageError(`${targetPath(kind, slug, course)} 已经存在，不会覆盖。换一个 --slug，或直接编辑这个文件。`);
  if (kind === 'course' && existsSync(join(root, targetPath('lesson', firstLesson, slug)))) {
    throw new UsageError(`${targetPath('lesson', firstLesson, slug)} 已经存在，不会覆盖。`);
  }
  return { kind, slug, title, course, firstLesson };
}

async function ask(a: Answers, root: string): Promise<Answers> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const out = { ...a };
    if (!out.kind) out.kind = (await rl.question(`要新建什么？${KINDS.map((k) => `${k}（${KIND_NAMES[k]}）`).join(' / ')}：`)).trim();
    if (out.kind === 'lesson' && !out.course)
      out.course = (await rl.question(`属于哪门课程？（${courseSlugs(root).join(', ')}）：`)).trim();
    if (!out.title) out.title = (await rl.question('标题（中文）：')).trim();
    if (!out.slug) out.slug = (await rl.question('文件名（小写英文、数字、连字符，例如 first-article-check）：')).trim();
    return out;
  } finally {
    rl.close();
  }
}

function write(root: string, relPath: string, text: string): void {
  const file = join(root, relPath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' }); // wx: never overwrite, even if the file appeared meanwhile
}

/** Writes the files and returns their paths relative to root. */
export function createContent(root: string, v: ReturnType<typeof validate>): string[] {
  const written: string[] = [];
  if (v.kind === 'course') {
    const course = targetPath('course', v.slug);
    write(root, course, render('course', { title: v.title, slug: v.slug, order: nextCourseOrder(root), firstLesson: v.firstLesson }));
    written.push(course);
    const lesson = targetPath('lesson', v.firstLesson, v.slug);
    write(root, lesson, render('lesson', { title: '先读这一课', slug: v.firstLesson, course: v.slug }));
    written.push(lesson);
    return written;
  }
  const path = targetPath(v.kind, v.slug, v.course);
  write(root, path, render(v.kind, { title: v.title, slug: v.slug, course: v.course }));
  written.push(path);
  if (v.kind === 'lesson') {
    const coursePath = targetPath('course', v.course!);
    const courseFile = join(root, coursePath);
    writeFileSync(courseFile, addLessonToCourse(readFileSync(courseFile, 'utf8'), v.slug));
    written.push(coursePath);
  }
  return written;
}

async function main() {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string' },
      slug: { type: 'string' },
      title: { type: 'string' },
      course: { type: 'string' },
      'first-lesson': { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const root = values.root ?? fileURLToPath(new URL('..', import.meta.url));
  let answers: Answers = {
    kind: values.kind,
    slug: values.slug,
    title: values.title,
    course: values.course,
    firstLesson: values['first-lesson'],
  };
  const missing = !answers.kind || !answers.slug || !answers.title || (answers.kind === 'lesson' && !answers.course);
  if (missing) {
    if (!process.stdin.isTTY) throw new UsageError(`缺少参数。\n${HELP}`);
    answers = await ask(answers, root);
  }
  const v = validate(root, answers);
  const written = createContent(root, v);
  console.log(`已新建${KIND_NAMES[v.kind]}：`);
  for (const f of written) console.log(`  ${f}`);
  console.log(`\n下一步：打开文件，把每一处“${PLACEHOLDER}”换成你的内容（文件里的 # 注释说明了每一项怎么写）。`);
  console.log('然后运行 npm run check：它会列出还没填的地方和写错的地方（文件:行号 字段: 原因）。');
  console.log('预览：npm run dev，在浏览器里打开 http://localhost:4321/ 。写课指南：docs/trainers-guide.md');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    if (err instanceof UsageError || err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`npm run new: ${err.message}`);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  });
}

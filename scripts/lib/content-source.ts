/**
 * Reads content/ from disk for Node tools (check, server bundle, search index, tests), with the line of
 * every frontmatter field so that errors can name file, line and field.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import YAML, { LineCounter, isNode } from 'yaml';
import { z } from 'zod';
import { CaseSchema, CourseSchema, GlossaryTermSchema, LessonSchema } from '../../src/schemas/content.ts';
import type { CaseStudy, Course, GlossaryTerm, Lesson } from '../../src/schemas/content.ts';
import { AssessmentRulesSchema, type AssessmentRules } from '../../src/schemas/assessment-rules.ts';
import { FormTemplateSchema, type FormTemplate } from '../../src/schemas/template.ts';
import { splitFrontmatter } from './frontmatter.ts';

// Trainers read these messages: zod's built-in messages in Chinese.
z.config(z.locales.zhCN());

export interface ContentProblem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export interface Entry<T> {
  id: string;
  file: string;
  data: T;
  body: string;
  /** 1-based line in the file where the body starts */
  bodyLine: number;
  lineOf: (path: (string | number)[]) => number;
}

export interface ContentSet {
  root: string;
  courses: Entry<Course>[];
  lessons: Entry<Lesson & { course: string; slug: string }>[];
  cases: Entry<CaseStudy>[];
  glossary: Entry<GlossaryTerm>[];
  /** content/assessment-rules/<year>.yaml: the ministry's scoring rules, one file per assessment year */
  assessmentRules: Entry<AssessmentRules>[];
  /** fill-in forms offered for download (content/templates/*.yaml) */
  templates: Entry<FormTemplate>[];
  /** every MDX body, parsed or not, so that links and terms are checked even when frontmatter is broken */
  bodies: { file: string; body: string; bodyLine: number }[];
  problems: ContentProblem[];
}

export const formatProblem = (p: ContentProblem) => `${p.file}:${p.line} ${p.field ? `${p.field}: ` : ''}${p.message}`;

function listFiles(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(ext) && !name.startsWith('_'))
    .sort()
    .map((name) => join(dir, name));
}

export function parseEntry<S extends z.ZodType>(
  root: string,
  file: string,
  schema: S,
  kind: 'mdx' | 'yaml',
  problems: ContentProblem[],
  bodies: ContentSet['bodies'],
): { data: z.output<S>; body: string; bodyLine: number; lineOf: Entry<unknown>['lineOf'] } | null {
  const rel = relative(root, file);
  const text = readFileSync(file, 'utf8');
  let yamlText = text;
  let yamlLine = 1;
  let body = '';
  let bodyLine = 1;
  if (kind === 'mdx') {
    const parts = splitFrontmatter(text);
    if (!parts) {
      problems.push({ file: rel, line: 1, field: '', message: '缺少 frontmatter：文件必须以 --- 开头，并以 --- 结束元数据块' });
      return null;
    }
    ({ yaml: yamlText, yamlLine, body, bodyLine } = parts);
    bodies.push({ file: rel, body, bodyLine });
  }
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + yamlLine - 1;
  if (doc.errors.length) {
    for (const err of doc.errors) {
      problems.push({ file: rel, line: toFileLine(err.pos[0]), field: '', message: `YAML 语法错误：${err.message.split('\n')[0]}` });
    }
    return null;
  }
  const lineOf = (path: (string | number)[]) => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return toFileLine(node.range[0]);
    }
    return yamlLine;
  };
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      problems.push({ file: rel, line: lineOf(path), field: path.join('.'), message: issue.message });
    }
    return null;
  }
  return { data: result.data, body, bodyLine, lineOf };
}

const fileId = (file: string, ext: string) => file.split('/').pop()!.slice(0, -ext.length);

export function readContent(root: string): ContentSet {
  const dir = join(root, 'content');
  const problems: ContentProblem[] = [];
  const set: ContentSet = {
    root,
    courses: [],
    lessons: [],
    cases: [],
    glossary: [],
    templates: [],
    assessmentRules: [],
    bodies: [],
    problems,
  };

  for (const file of listFiles(join(dir, 'courses'), '.mdx')) {
    const parsed = parseEntry(root, file, CourseSchema, 'mdx', problems, set.bodies);
    if (parsed) set.courses.push({ id: fileId(file, '.mdx'), file: relative(root, file), ...parsed });
  }
  const lessonsDir = join(dir, 'lessons');
  const courseDirs = existsSync(lessonsDir)
    ? readdirSync(lessonsDir)
        .filter((d) => statSync(join(lessonsDir, d)).isDirectory())
        .sort()
    : [];
  for (const course of courseDirs) {
    for (const file of listFiles(join(lessonsDir, course), '.mdx')) {
      const parsed = parseEntry(root, file, LessonSchema, 'mdx', problems, set.bodies);
      const slug = fileId(file, '.mdx');
      if (parsed) {
        set.lessons.push({
          id: `${course}/${slug}`,
          file: relative(root, file),
          ...parsed,
          data: { ...parsed.data, course, slug },
        });
      }
    }
  }
  for (const file of listFiles(join(dir, 'cases'), '.mdx')) {
    const parsed = parseEntry(root, file, CaseSchema, 'mdx', problems, set.bodies);
    if (parsed) set.cases.push({ id: fileId(file, '.mdx'), file: relative(root, file), ...parsed });
  }
  for (const file of listFiles(join(dir, 'glossary'), '.yaml')) {
    const parsed = parseEntry(root, file, GlossaryTermSchema, 'yaml', problems, set.bodies);
    if (parsed) set.glossary.push({ id: fileId(file, '.yaml'), file: relative(root, file), ...parsed });
  }
  for (const file of listFiles(join(dir, 'assessment-rules'), '.yaml')) {
    const parsed = parseEntry(root, file, AssessmentRulesSchema, 'yaml', problems, []);
    if (!parsed) continue;
    const id = fileId(file, '.yaml');
    if (id !== String(parsed.data.year)) {
      problems.push({
        file: relative(root, file),
        line: parsed.lineOf(['year']),
        field: 'year',
        message: `文件名应为评估年度：${parsed.data.year}.yaml`,
      });
      continue;
    }
    set.assessmentRules.push({ id, file: relative(root, file), ...parsed });
  }
  for (const file of listFiles(join(dir, 'templates'), '.yaml')) {
    const parsed = parseEntry(root, file, FormTemplateSchema, 'yaml', problems, set.bodies);
    if (parsed) set.templates.push({ id: fileId(file, '.yaml'), file: relative(root, file), ...parsed });
  }
  set.courses.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
  return set;
}

/** Lessons of a course in the course's study order. */
export function lessonsOf(set: ContentSet, courseId: string) {
  const course = set.courses.find((c) => c.id === courseId);
  if (!course) return [];
  return course.data.lessons
    .map((slug) => set.lessons.find((l) => l.id === `${courseId}/${slug}`))
    .filter((l): l is ContentSet['lessons'][number] => Boolean(l));
}

/** Cross-file rules that a schema alone cannot express. Each problem names file, line and field. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentProblem, ContentSet } from './content-source.ts';
import { routes, STATIC_PATHS } from '../../src/lib/routes.ts';
import { placeholderProblems } from './placeholder-rule.ts';
import { isKnownClause } from '../../src/lib/iso9001-clauses.ts';

const TERM_USE = /<Term\s+id="([^"]*)"/g;
const TEMPLATE_USE = /<Template\s+id="([^"]*)"/g;
const CASE_LINK_USE = /<CaseLink\s+id="([^"]*)"/g;
const CLAUSE_USE = /<Clause\s+n="([^"]*)"/g;
const FIGURE_USE = /<Figure\s[^>]*?src="([^"]*)"/g;
const KNOWLEDGE_CHECK_USE = /<KnowledgeCheck\s[^>]*?question="([^"]*)"/g;
const INTERNAL_LINK = /\]\((\/[^)\s]*)\)/g;

function bodyMatches(body: string, bodyLine: number, re: RegExp) {
  const out: { value: string; line: number }[] = [];
  body.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(re)) out.push({ value: m[1], line: bodyLine + i });
  });
  return out;
}

export function knownPaths(set: ContentSet): Set<string> {
  const paths = new Set(STATIC_PATHS);
  for (const c of set.courses) {
    paths.add(routes.course(c.id));
    paths.add(routes.exam(c.id));
  }
  for (const l of set.lessons) paths.add(routes.lesson(l.data.course, l.data.slug));
  for (const c of set.cases) paths.add(routes.caseStudy(c.id));
  return paths;
}

export function checkContentRules(set: ContentSet): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const terms = new Set(set.glossary.map((g) => g.id));
  const paths = knownPaths(set);
  const courseIds = new Set(set.courses.map((c) => c.id));
  const templates = new Set(set.templates.map((t) => t.id));
  const caseIds = new Set(set.cases.map((c) => c.id));
  const quizPrompts = new Set(set.lessons.flatMap((l) => l.data.quiz.questions.map((q) => q.prompt.trim())));

  for (const course of set.courses) {
    const seen = new Set<string>();
    course.data.lessons.forEach((slug, i) => {
      const line = course.lineOf(['lessons', i]);
      if (seen.has(slug)) problems.push({ file: course.file, line, field: `lessons.${i}`, message: `课时 "${slug}" 重复列出` });
      seen.add(slug);
      const exists = set.lessons.some((l) => l.id === `${course.id}/${slug}`);
      if (!exists && !existsSync(join(set.root, 'content/lessons', course.id, `${slug}.mdx`))) {
        problems.push({ file: course.file, line, field: `lessons.${i}`, message: `找不到课时文件 content/lessons/${course.id}/${slug}.mdx` });
      }
    });
    const bank = set.lessons.filter((l) => l.data.course === course.id).reduce((n, l) => n + l.data.quiz.questions.length, 0);
    const draw = course.data.finalQuiz.draw;
    if (course.data.completion.finalQuiz && draw && bank && draw > bank) {
      problems.push({ file: course.file, line: course.lineOf(['finalQuiz', 'draw']), field: 'finalQuiz.draw', message: `要抽 ${draw} 题，但本课程题库只有 ${bank} 题` });
    }
    const n = course.data.completion.lessons;
    if (typeof n === 'number' && n > course.data.lessons.length) {
      problems.push({ file: course.file, line: course.lineOf(['completion', 'lessons']), field: 'completion.lessons', message: `要求学完 ${n} 课，但课程只有 ${course.data.lessons.length} 课` });
    }
  }
  const orders = new Map<number, string>();
  for (const course of set.courses) {
    const other = orders.get(course.data.order);
    if (other) problems.push({ file: course.file, line: course.lineOf(['order']), field: 'order', message: `与课程 ${other} 的 order 相同` });
    orders.set(course.data.order, course.id);
  }

  for (const lesson of set.lessons) {
    const { course, slug, quiz } = lesson.data;
    if (!courseIds.has(course)) {
      problems.push({ file: lesson.file, line: 1, field: '', message: `没有对应的课程文件 content/courses/${course}.mdx` });
    } else if (!set.courses.find((c) => c.id === course)!.data.lessons.includes(slug)) {
      problems.push({ file: lesson.file, line: 1, field: '', message: `课程 ${course} 的 lessons 列表里没有 "${slug}"，学员看不到这一课` });
    }
    if (quiz.draw && quiz.draw > quiz.questions.length) {
      problems.push({ file: lesson.file, line: lesson.lineOf(['quiz', 'draw']), field: 'quiz.draw', message: `要抽 ${quiz.draw} 题，但只有 ${quiz.questions.length} 题` });
    }
  }

  for (const entry of set.bodies) {
    for (const use of bodyMatches(entry.body, entry.bodyLine, TERM_USE)) {
      if (!terms.has(use.value)) {
        problems.push({ file: entry.file, line: use.line, field: 'Term.id', message: `术语表里没有 "${use.value}"（需要 content/glossary/${use.value}.yaml）` });
      }
    }
    for (const use of bodyMatches(entry.body, entry.bodyLine, TEMPLATE_USE)) {
      if (!templates.has(use.value)) problems.push({ file: entry.file, line: use.line, field: 'Template.id', message: `没有这个表格模板 "${use.value}"（需要 content/templates/${use.value}.yaml）` });
    }
    for (const use of bodyMatches(entry.body, entry.bodyLine, CASE_LINK_USE)) {
      if (!caseIds.has(use.value)) problems.push({ file: entry.file, line: use.line, field: 'CaseLink.id', message: `没有这个案例 "${use.value}"（需要 content/cases/${use.value}.mdx）` });
    }
    for (const use of bodyMatches(entry.body, entry.bodyLine, CLAUSE_USE)) {
      if (!isKnownClause(use.value)) problems.push({ file: entry.file, line: use.line, field: 'Clause.n', message: `未知的 ISO 9001 条款号 "${use.value}"` });
    }
    for (const use of bodyMatches(entry.body, entry.bodyLine, FIGURE_USE)) {
      if (!use.value.startsWith('/') || !existsSync(join(set.root, 'public', use.value))) {
        problems.push({ file: entry.file, line: use.line, field: 'Figure.src', message: `找不到图片 public${use.value}（图片放在 public/images/ 下，src 以 / 开头）` });
      }
    }
    for (const use of bodyMatches(entry.body, entry.bodyLine, KNOWLEDGE_CHECK_USE)) {
      if (quizPrompts.has(use.value.trim())) {
        problems.push({ file: entry.file, line: use.line, field: 'KnowledgeCheck.question', message: '和小测里的一道题一样：课文里的小问题答案在网页上，不能用小测的题，请换一道' });
      }
    }
    for (const link of bodyMatches(entry.body, entry.bodyLine, INTERNAL_LINK)) {
      const path = link.value.split('#')[0].split('?')[0];
      const normalised = path.endsWith('/') ? path : `${path}/`;
      if (!paths.has(normalised)) problems.push({ file: entry.file, line: link.line, field: 'link', message: `站内链接 ${link.value} 指向不存在的页面` });
    }
  }

  for (const c of set.cases) {
    if (!c.data.illustrative && !c.data.source) {
      problems.push({ file: c.file, line: c.lineOf(['illustrative']), field: 'source', message: '真实案例 (illustrative: false) 必须注明来源 source' });
    }
  }

  const names = new Map<string, string>();
  for (const g of set.glossary) {
    const other = names.get(g.data.term);
    if (other) problems.push({ file: g.file, line: g.lineOf(['term']), field: 'term', message: `术语 "${g.data.term}" 与 ${other} 重复` });
    names.set(g.data.term, g.id);
  }
  problems.push(...placeholderProblems(set.root));
  return problems;
}

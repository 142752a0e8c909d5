/** Cross-file rules that a schema alone cannot express. Each problem names file, line and field. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentProblem, ContentSet } from './content-source.ts';
import { routes, STATIC_PATHS } from '../../src/lib/routes.ts';
import { checkPools, MIN_LESSON_QUESTIONS } from '../../src/lib/quiz/pools.ts';
import { lessonSections, sameHeading } from '../../src/lib/quiz/sections.ts';

const TERM_USE = /<Term\s+id="([^"]*)"/g;
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
  }

  problems.push(...poolProblems(set));

  for (const lesson of set.lessons) {
    const headings = lessonSections(lesson.body).map((s) => s.title);
    lesson.data.quiz.questions.forEach((q, i) => {
      if (q.section && !headings.some((h) => sameHeading(h, q.section!))) {
        problems.push({ file: lesson.file, line: lesson.lineOf(['quiz', 'questions', i, 'section']), field: `quiz.questions.${i}.section`, message: `课文里没有标题 "${q.section}"（可用：${headings.join('、')}）` });
      }
    });
  }

  for (const entry of set.bodies) {
    for (const use of bodyMatches(entry.body, entry.bodyLine, TERM_USE)) {
      if (!terms.has(use.value)) {
        problems.push({ file: entry.file, line: use.line, field: 'Term.id', message: `术语表里没有 "${use.value}"（需要 content/glossary/${use.value}.yaml）` });
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
  return problems;
}

/** Exam integrity (src/lib/quiz/pools.ts): disjoint practice and final pools, enough of each, no near-copies. */
function poolProblems(set: ContentSet): ContentProblem[] {
  const lessons = set.lessons.map((l) => ({ id: l.id, course: l.data.course, questions: l.data.quiz.questions, draw: l.data.quiz.draw }));
  const courses = set.courses.map((c) => ({ id: c.id, finalDraw: c.data.finalQuiz.draw, finalRequired: c.data.completion.finalQuiz }));
  const lessonOf = (id: string) => set.lessons.find((l) => l.id === id)!;
  const courseOf = (id: string) => set.courses.find((c) => c.id === id)!;
  return checkPools(lessons, courses).map((p): ContentProblem => {
    switch (p.kind) {
      case 'lesson-too-few': {
        const l = lessonOf(p.lesson);
        return { file: l.file, line: l.lineOf(['quiz', 'questions']), field: 'quiz.questions', message: `课时测验只剩 ${p.count} 道练习题 (pool: lesson)，至少要 ${MIN_LESSON_QUESTIONS} 道` };
      }
      case 'lesson-draw': {
        const l = lessonOf(p.lesson);
        return { file: l.file, line: l.lineOf(['quiz', 'draw']), field: 'quiz.draw', message: `要抽 ${p.draw} 题，但只有 ${p.count} 道练习题 (pool: lesson)` };
      }
      case 'final-too-few': {
        const c = courseOf(p.course);
        const line = c.data.finalQuiz.draw ? c.lineOf(['finalQuiz', 'draw']) : c.lineOf(['lessons']);
        return { file: c.file, line, field: 'finalQuiz.draw', message: `结业测验要 ${p.needed} 道题，但各课时只有 ${p.count} 道结业题 (pool: final)；请把更多题目标成 pool: final` };
      }
      case 'near-copy': {
        const l = lessonOf(p.lesson);
        const index = l.data.quiz.questions.findIndex((q) => q.id === p.question);
        return { file: l.file, line: l.lineOf(['quiz', 'questions', index, 'prompt']), field: `quiz.questions.${index}`, message: `结业题 "${p.question}" 和练习题 ${p.of} 几乎一样（相似度 ${p.similarity}），练习题的答案会公开，结业题必须另出` };
      }
    }
  });
}

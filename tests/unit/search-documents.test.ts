import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readContent } from '../../scripts/lib/content-source.ts';
import { searchCorpus, splitBody, stripMdx, toSearchDocuments } from '../../src/lib/search/documents.ts';
import { STATIC_PATHS } from '../../src/lib/routes.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = readContent(root);
const docs = toSearchDocuments(content);

describe('stripMdx', () => {
  it('keeps the words of glossary tags, links and emphasis, drops the markup', () => {
    expect(stripMdx('用<Term id="pareto-chart">排列图</Term>找到了**头号问题**。')).toBe('用排列图找到了头号问题。');
    expect(stripMdx('再用[五个为什么](/courses/x/y/)往下问')).toBe('再用五个为什么往下问');
    expect(stripMdx('import X from "./x.ts";\n正文 <Video src="/a" />')).toBe('正文');
    expect(stripMdx('- [ ] 挑一个问题\n1. 叫上相关的人')).toBe('挑一个问题\n叫上相关的人');
    expect(stripMdx('| 大骨 | 原因 |\n|---|---|\n| 人 | 传菜员少 |')).toBe('大骨 原因\n人 传菜员少');
    expect(stripMdx('> 提示：`SOP` 要*简单*')).toBe('提示：SOP 要简单');
  });

  it('separates headings from the text', () => {
    expect(splitBody('## 先看一个例子\n\n饭馆上菜慢。\n\n## 用大白话讲要求（条款 9.2）\n内容')).toEqual({
      headings: ['先看一个例子', '用大白话讲要求（条款 9.2）'],
      text: '饭馆上菜慢。\n内容',
    });
  });
});

describe('toSearchDocuments (shared by the site index, the benchmark and the tests)', () => {
  it('has every course, published lesson, case and glossary term once', () => {
    const published = content.courses.reduce(
      (n, c) => n + c.data.lessons.filter((s) => content.lessons.some((l) => l.id === `${c.id}/${s}`)).length,
      0,
    );
    expect(docs).toHaveLength(content.courses.length + published + content.cases.length + content.glossary.length);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    expect(docs.find((d) => d.id === 'lesson:seven-quality-tools/cause-and-effect-diagram')).toMatchObject({
      kind: 'lesson',
      url: '/courses/seven-quality-tools/cause-and-effect-diagram/',
      parent: '质量管理七种工具',
      clauses: ['10.2.1', '9.1.3'],
    });
    expect(docs.find((d) => d.id === 'case:liuzhou-snail-noodles')).toMatchObject({
      kind: 'case',
      industry: '03',
      url: '/cases/liuzhou-snail-noodles/',
    });
    expect(docs.find((d) => d.id === 'term:internal-audit')).toMatchObject({
      kind: 'term',
      url: '/glossary/#internal-audit',
      keywords: ['内审', '第一方审核', 'internal audit'],
    });
  });

  it('links only to pages that exist', () => {
    for (const d of docs) {
      if (d.kind === 'term') expect(d.url).toMatch(/^\/glossary\/#[a-z0-9-]+$/);
      else expect(d.url.startsWith('/courses/') || d.url.startsWith('/cases/') || STATIC_PATHS.includes(d.url)).toBe(true);
    }
  });

  it('leaves out unpublished lessons (not in their course list)', () => {
    const course = content.courses[0];
    const trimmed = { ...content, courses: [{ ...course, data: { ...course.data, lessons: course.data.lessons.slice(1) } }] };
    const ids = toSearchDocuments(trimmed).map((d) => d.id);
    expect(ids).not.toContain(`lesson:${course.id}/${course.data.lessons[0]}`);
    expect(ids).toContain(`lesson:${course.id}/${course.data.lessons[1]}`);
  });

  it('indexes no quiz: no prompts, answer keys or explanations, and no MDX markup', () => {
    const text = docs.map((d) => [d.title, d.summary, d.body, ...d.headings, ...d.keywords, ...d.facets].join('\n')).join('\n');
    for (const lesson of content.lessons) {
      for (const q of lesson.data.quiz.questions) {
        expect(text).not.toContain(q.prompt);
        if (q.explanation) expect(text).not.toContain(q.explanation);
      }
    }
    expect(text).not.toMatch(/<\/?Term|<[A-Z][A-Za-z]*[\s/>]|\]\(\/|\*\*/);
  });

  it('gives the same documents whatever order the content comes in (astro:content or disk)', () => {
    const shuffled = {
      courses: [...content.courses].reverse(),
      lessons: [...content.lessons].reverse(),
      cases: [...content.cases].reverse(),
      glossary: [...content.glossary].reverse(),
    };
    expect(searchCorpus(shuffled)).toEqual(searchCorpus(content));
  });
});

/**
 * The one place that turns content into search documents. Called by the site's index endpoint
 * (src/pages/search-index.json.ts, with astro:content entries) and by the benchmark and tests (with
 * scripts/lib/content-source.ts), so all of them index exactly the same documents.
 *
 * Quiz questions, answer keys and explanations are never read here: they must not reach the site.
 * Pure functions, no I/O.
 */
import type { CaseStudy, Course, GlossaryTerm, Lesson } from '../../schemas/content.ts';
import { IAF_SECTORS } from '../iaf-sectors.ts';
import { routes } from '../routes.ts';
import { t, type UiKey } from '../../i18n/index.ts';
import { regionName } from '../regions.ts';
import { curatedSynonyms, mergeSynonyms } from './synonyms.ts';
import type { SearchDocument } from './types.ts';

interface Entry<T> {
  id: string;
  data: T;
  body?: string;
}

/** Content as either astro:content or scripts/lib/content-source.ts gives it. Lesson ids are "<course>/<slug>". */
export interface ContentInput {
  courses: Entry<Course>[];
  lessons: Entry<Lesson>[];
  cases: Entry<CaseStudy>[];
  glossary: Entry<GlossaryTerm>[];
}

/** MDX/Markdown to plain text: <Term id="x">词</Term> → 词, links → their text, no markup. */
export function stripMdx(mdx: string): string {
  return mdx
    .replace(/^\s*(import|export)\s.*$/gm, ' ')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[A-Za-z][\w.:-]*(?:\s(?:"[^"]*"|'[^']*'|\{[^{}]*\}|[^<>"'{}])*)?\/?>/g, '')
    .replace(/\{[^{}\n]*\}/g, ' ')
    .replace(/^```.*$/gm, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/gm, ' ')
    .replace(/\|/g, ' ')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s*)?/gm, '')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?!\w)/g, '$1$2')
    .replace(/^\s*([-*_])\s*(\1\s*){2,}$/gm, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** The body split into section headings and the text without the heading lines. */
export function splitBody(mdx: string): { headings: string[]; text: string } {
  const headings: string[] = [];
  const rest: string[] = [];
  for (const line of mdx.replace(/\r\n/g, '\n').split('\n')) {
    const m = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) headings.push(stripMdx(m[1]));
    else rest.push(line);
  }
  return { headings: headings.filter(Boolean), text: stripMdx(rest.join('\n')) };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const join = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join('\n');

/** Search documents for all published courses, lessons, cases and glossary terms, in a stable order. */
export function toSearchDocuments(content: ContentInput): SearchDocument[] {
  const docs: SearchDocument[] = [];
  const courses = [...content.courses].sort(byId);

  for (const course of courses) {
    const { headings, text } = splitBody(course.body ?? '');
    docs.push({
      id: `course:${course.id}`,
      kind: 'course',
      url: routes.course(course.id),
      title: course.data.title,
      clauses: [],
      keywords: [],
      headings,
      facets: [...course.data.topics.map((topic) => t(`topic.${topic}` as UiKey)), t(`level.${course.data.level}` as UiKey)],
      summary: course.data.description,
      body: join(course.data.description, text),
    });
  }

  // Only lessons that a course lists are published (the lesson pages come from the course's list).
  const lessons = new Map(content.lessons.map((l) => [l.id, l]));
  const published: { course: Entry<Course>; lesson: Entry<Lesson>; slug: string }[] = [];
  for (const course of courses) {
    for (const slug of course.data.lessons) {
      const lesson = lessons.get(`${course.id}/${slug}`);
      if (lesson) published.push({ course, lesson, slug });
    }
  }
  published.sort((a, b) => byId(a.lesson, b.lesson));
  for (const { course, lesson, slug } of published) {
    const { headings, text } = splitBody(lesson.body ?? '');
    docs.push({
      id: `lesson:${lesson.id}`,
      kind: 'lesson',
      url: routes.lesson(course.id, slug),
      title: lesson.data.title,
      parent: course.data.title,
      clauses: lesson.data.clauses,
      keywords: lesson.data.tags,
      headings,
      facets: [course.data.title],
      summary: lesson.data.description,
      body: join(lesson.data.description, ...lesson.data.goals, text),
    });
  }

  for (const c of [...content.cases].sort(byId)) {
    const { headings, text } = splitBody(c.body ?? '');
    const sector = IAF_SECTORS[c.data.sector];
    docs.push({
      id: `case:${c.id}`,
      kind: 'case',
      url: routes.caseStudy(c.id),
      title: c.data.title,
      parent: sector,
      industry: c.data.sector,
      clauses: c.data.clauses,
      keywords: c.data.tags,
      headings,
      facets: [sector, regionName(c.data.province), ...c.data.problems.map((p) => t(`problem.${p}` as UiKey))],
      summary: c.data.summary,
      body: join(c.data.summary, ...c.data.results.map((r) => [r.metric, r.before, r.after, r.note].filter(Boolean).join(' ')), text),
    });
  }

  for (const term of [...content.glossary].sort(byId)) {
    docs.push({
      id: `term:${term.id}`,
      kind: 'term',
      url: routes.term(term.id),
      title: term.data.term,
      clauses: term.data.clause ? [term.data.clause] : [],
      keywords: [...term.data.aliases, term.data.english],
      headings: [],
      facets: [],
      summary: term.data.plain,
      body: join(term.data.formal, term.data.plain, term.data.example),
    });
  }
  return docs;
}

export interface SearchCorpus {
  docs: SearchDocument[];
  /** curated synonyms plus every glossary term with its other names, folded */
  synonyms: string[][];
}

/** Everything the index is built from: the documents and the synonym groups. */
export function searchCorpus(content: ContentInput): SearchCorpus {
  const glossary = [...content.glossary].sort(byId);
  return {
    docs: toSearchDocuments(content),
    synonyms: mergeSynonyms(
      curatedSynonyms(),
      glossary.map((g) => g.data),
    ),
  };
}

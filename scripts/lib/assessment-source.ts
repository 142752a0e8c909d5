/**
 * Reads and checks content/assessment/questions.yaml and suggestions.yaml, and builds the self-assessment
 * as the server and the /assessment/ page use it (suggestions resolved to titles and links). Every problem
 * names file, line and field, like the rest of `npm run check`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseEntry, type ContentProblem, type ContentSet } from './content-source.ts';
import { AssessmentQuestionsSchema, AssessmentSuggestionsSchema } from '../../src/schemas/assessment.ts';
import type { AssessmentContent, SuggestedItem } from '../../src/lib/assessment/types.ts';
import { routes } from '../../src/lib/routes.ts';

export const QUESTIONS_FILE = 'content/assessment/questions.yaml';
export const SUGGESTIONS_FILE = 'content/assessment/suggestions.yaml';
/** About 20 seconds a question: more than this no longer fits in 15 minutes on a phone. */
export const MAX_QUESTIONS = 45;
export const MIN_QUESTIONS = 30;

export function readAssessment(set: ContentSet): { content: AssessmentContent | null; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const file = (rel: string) => join(set.root, rel);
  for (const rel of [QUESTIONS_FILE, SUGGESTIONS_FILE]) {
    if (!existsSync(file(rel))) problems.push({ file: rel, line: 1, field: '', message: '缺少这个文件：自我诊断需要它' });
  }
  if (problems.length) return { content: null, problems };
  const q = parseEntry(set.root, file(QUESTIONS_FILE), AssessmentQuestionsSchema, 'yaml', problems, []);
  const s = parseEntry(set.root, file(SUGGESTIONS_FILE), AssessmentSuggestionsSchema, 'yaml', problems, []);
  if (!q || !s) return { content: null, problems };

  const areaIds = new Set<string>();
  const questionIds = new Set<string>();
  q.data.areas.forEach((area, i) => {
    if (areaIds.has(area.id))
      problems.push({
        file: QUESTIONS_FILE,
        line: q.lineOf(['areas', i, 'id']),
        field: `areas.${i}.id`,
        message: `方面 "${area.id}" 重复`,
      });
    areaIds.add(area.id);
    area.questions.forEach((question, j) => {
      const path = ['areas', i, 'questions', j, 'id'];
      if (questionIds.has(question.id))
        problems.push({
          file: QUESTIONS_FILE,
          line: q.lineOf(path),
          field: path.join('.'),
          message: `题目 id "${question.id}" 重复：每道题的 id 必须唯一`,
        });
      questionIds.add(question.id);
    });
  });
  if (questionIds.size > MAX_QUESTIONS || questionIds.size < MIN_QUESTIONS) {
    problems.push({
      file: QUESTIONS_FILE,
      line: q.lineOf(['areas']),
      field: 'areas',
      message: `共 ${questionIds.size} 道题：应在 ${MIN_QUESTIONS} 到 ${MAX_QUESTIONS} 道之间，才能在手机上 15 分钟内做完`,
    });
  }

  const lessons = new Map(set.lessons.map((l) => [l.id, l]));
  const cases = new Map(set.cases.map((c) => [c.id, c]));
  const resolve = (group: 'areas' | 'questions', key: string, entry: { lessons: string[]; cases: string[] }): SuggestedItem[] => {
    const items: SuggestedItem[] = [];
    entry.lessons.forEach((ref, i) => {
      const lesson = lessons.get(ref);
      if (!lesson)
        problems.push({
          file: SUGGESTIONS_FILE,
          line: s.lineOf([group, key, 'lessons', i]),
          field: `${group}.${key}.lessons.${i}`,
          message: `没有这个课时 "${ref}"（应为 content/lessons/<课程>/<课时>.mdx）`,
        });
      else items.push({ kind: 'lesson', id: ref, title: lesson.data.title, href: routes.lesson(lesson.data.course, lesson.data.slug) });
    });
    entry.cases.forEach((id, i) => {
      const found = cases.get(id);
      if (!found)
        problems.push({
          file: SUGGESTIONS_FILE,
          line: s.lineOf([group, key, 'cases', i]),
          field: `${group}.${key}.cases.${i}`,
          message: `没有这个案例 "${id}"（应为 content/cases/<案例>.mdx）`,
        });
      else items.push({ kind: 'case', id, title: found.data.title, href: routes.caseStudy(id) });
    });
    return items;
  };

  const suggestions: AssessmentContent['suggestions'] = { areas: {}, questions: {} };
  for (const [key, entry] of Object.entries(s.data.areas)) {
    if (!areaIds.has(key))
      problems.push({
        file: SUGGESTIONS_FILE,
        line: s.lineOf(['areas', key]),
        field: `areas.${key}`,
        message: `questions.yaml 里没有方面 "${key}"`,
      });
    suggestions.areas[key] = resolve('areas', key, entry);
  }
  for (const area of q.data.areas) {
    const entry = s.data.areas[area.id];
    if (!entry || entry.lessons.length === 0) {
      problems.push({
        file: SUGGESTIONS_FILE,
        line: s.lineOf(['areas']),
        field: `areas.${area.id}`,
        message: `方面 "${area.id}" 至少要推荐一个课时：薄弱的方面必须有路可走`,
      });
    }
  }
  for (const [key, entry] of Object.entries(s.data.questions)) {
    if (!questionIds.has(key))
      problems.push({
        file: SUGGESTIONS_FILE,
        line: s.lineOf(['questions', key]),
        field: `questions.${key}`,
        message: `questions.yaml 里没有题目 "${key}"`,
      });
    suggestions.questions[key] = resolve('questions', key, entry);
  }
  if (problems.length) return { content: null, problems };

  const body = { title: q.data.title, intro: q.data.intro, areas: q.data.areas, suggestions };
  const version = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { content: { version, ...body }, problems };
}

import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreAnswers, toStored, weakestAreas, readinessBand } from '../../src/lib/assessment/scoring.ts';
import { suggestFor } from '../../src/lib/assessment/suggestions.ts';
import { compareScores } from '../../src/lib/assessment/compare.ts';
import { mergeAnswers, missingQuestions, progressOf, validateAnswers } from '../../src/lib/assessment/answers.ts';
import { assessmentResult } from '../../src/lib/assessment/result.ts';
import type { AssessmentContent, AssessmentQuestion } from '../../src/lib/assessment/types.ts';
import { formatProblem, readContent } from '../../scripts/lib/content-source.ts';
import { readAssessment } from '../../scripts/lib/assessment-source.ts';

const q = (id: string): AssessmentQuestion => ({ id, text: `题目 ${id}`, levels: [`${id}-0`, `${id}-1`, `${id}-2`, `${id}-3`] });
const area = (id: string, questions: string[]) => ({
  id,
  title: `方面${id}`,
  short: id,
  clauses: [],
  problems: [],
  explain: `${id} 为什么重要`,
  firstStep: `${id} 第一步`,
  questions: questions.map(q),
});
const lesson = (id: string) => ({ kind: 'lesson' as const, id, title: id, href: `/courses/${id}/` });
const caseItem = (id: string) => ({ kind: 'case' as const, id, title: id, href: `/cases/${id}/` });

const content: AssessmentContent = {
  version: 'test',
  title: '测试',
  intro: '测试',
  areas: [area('a', ['a1', 'a2']), area('b', ['b1', 'b2', 'b3']), area('c', ['c1'])],
  suggestions: {
    areas: { a: [lesson('l1'), lesson('l3')], b: [lesson('l2'), lesson('l1'), caseItem('k')], c: [lesson('l4')] },
    questions: { b1: [lesson('l1')] },
  },
};
// a: 3 + 1 = 4 of 6 -> 66.67 -> 67; b: 0 + 1 + 2 = 3 of 9 -> 33.33 -> 33; c: 3 of 3 -> 100
// overall: (4/6 + 3/9 + 1) / 3 = 2/3 -> 66.67 -> 67
const answers = { a1: 3, a2: 1, b1: 0, b2: 1, b3: 2, c1: 3 };

describe('assessment scoring', () => {
  it('scores each area on 0-100 and the overall as the mean of areas, half up', () => {
    const s = scoreAnswers(content, answers);
    expect(s.areas.map((a) => [a.id, a.score])).toEqual([
      ['a', 67],
      ['b', 33],
      ['c', 100],
    ]);
    expect(s.overall).toBe(67);
    expect(toStored(s)).toEqual({ areas: { a: 67, b: 33, c: 100 }, overall: 67 });
  });

  it('weighs areas equally, not questions', () => {
    // questions-weighted would be (3+3+0+0+0+3)/18 = 50; area-weighted is (1 + 0 + 1)/3 = 66.67
    expect(scoreAnswers(content, { a1: 3, a2: 3, b1: 0, b2: 0, b3: 0, c1: 3 }).overall).toBe(67);
  });

  it('the weakest areas: lowest first, never an area at 100, with the weak questions and the next level', () => {
    const weak = weakestAreas(content, toStored(scoreAnswers(content, answers)), answers);
    expect(weak.map((w) => [w.id, w.score])).toEqual([
      ['b', 33],
      ['a', 67],
    ]);
    expect(weak[0].explain).toBe('b 为什么重要');
    expect(weak[0].weakQuestions).toEqual([
      { id: 'b1', text: '题目 b1', level: 0, now: 'b1-0', next: 'b1-1' },
      { id: 'b2', text: '题目 b2', level: 1, now: 'b2-1', next: 'b2-2' },
    ]);
    expect(weak[1].weakQuestions.map((x) => x.id)).toEqual(['a2']);
  });

  it('ties keep the questionnaire order and at most three areas are named', () => {
    const four: AssessmentContent = { ...content, areas: ['w', 'x', 'y', 'z'].map((id) => area(id, [`${id}1`])) };
    const scores = { areas: { w: 33, x: 0, y: 33, z: 33 }, overall: 25 };
    expect(weakestAreas(four, scores, {}).map((w) => w.id)).toEqual(['x', 'w', 'y']);
  });

  it('bands', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 100].map((s) => readinessBand(s).label)).toEqual([
      '刚起步',
      '刚起步',
      '有基础',
      '有基础',
      '基本做到',
      '基本做到',
      '持续改进',
      '持续改进',
    ]);
  });
});

describe('assessment suggestions', () => {
  it('puts what the weak questions point to first, then the area list; each lesson once, under the weakest area', () => {
    const weak = weakestAreas(content, toStored(scoreAnswers(content, answers)), answers);
    const out = suggestFor(content, weak);
    expect(out.map((s) => [s.area, s.items.map((i) => `${i.kind}:${i.id}`)])).toEqual([
      ['b', ['lesson:l1', 'lesson:l2', 'case:k']],
      ['a', ['lesson:l3']],
    ]);
  });
  it('the result bundles scores, weakest areas and suggestions', () => {
    const r = assessmentResult(content, answers, toStored(scoreAnswers(content, answers)));
    expect(r.overall).toBe(67);
    expect(r.band).toBe('基本做到');
    expect(r.rows.map((x) => x.score)).toEqual([67, 33, 100]);
    expect(r.suggestions[0].items[0].href).toBe('/courses/l1/');
  });
});

describe('before and after', () => {
  it('shows the change per area, and none for an area missing on one side', () => {
    const c = compareScores(content, { areas: { a: 67, b: 33, c: 100 }, overall: 67 }, { areas: { a: 83, b: 22 }, overall: 70 });
    expect(c.rows.map((r) => [r.id, r.before, r.after, r.change])).toEqual([
      ['a', 67, 83, 16],
      ['b', 33, 22, -11],
      ['c', 100, null, null],
    ]);
    expect(c.overall).toEqual({ before: 67, after: 70, change: 3 });
    expect([c.improved, c.declined]).toEqual([1, 1]);
  });
});

describe('answers', () => {
  it('refuses unknown questions and levels outside 0-3, naming the question', () => {
    const r = validateAnswers(content, { a1: 4, zz: 1, b1: 1.5, c1: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['a1', 'b1', 'zz']);
    expect(validateAnswers(content, [1, 2]).ok).toBe(false);
  });
  it('merges a partial save; null clears an answer', () => {
    const r = validateAnswers(content, { a1: 2, b1: null });
    expect(r.ok && mergeAnswers({ a1: 0, b1: 3, c1: 1 }, r.value)).toEqual({ a1: 2, c1: 1 });
  });
  it('progress and what is still missing', () => {
    expect(progressOf(content, { a1: 0, b2: 3 })).toEqual({
      answered: 2,
      total: 6,
      areas: [
        { id: 'a', answered: 1, total: 2 },
        { id: 'b', answered: 1, total: 3 },
        { id: 'c', answered: 0, total: 1 },
      ],
    });
    expect(missingQuestions(content, { a1: 0, b2: 3 })).toEqual(['a2', 'b1', 'b3', 'c1']);
  });
});

describe('the real questionnaire (content/assessment)', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const { content: real, problems } = readAssessment(readContent(root));
  it('passes the check and has about 40 questions with four levels each', () => {
    expect(problems.map(formatProblem)).toEqual([]);
    const questions = real!.areas.flatMap((a) => a.questions);
    expect(questions.length).toBeGreaterThanOrEqual(36);
    expect(questions.length).toBeLessThanOrEqual(45);
    expect(questions.every((x) => x.levels.length === 4)).toBe(true);
    expect(real!.areas.map((a) => a.id)).toEqual(
      expect.arrayContaining(['context', 'leadership', 'planning', 'support', 'operation', 'evaluation', 'improvement', 'workplace']),
    );
  });
  it('every weak area leads to lessons that exist', () => {
    const zero = Object.fromEntries(real!.areas.flatMap((a) => a.questions.map((x) => [x.id, 0])));
    const r = assessmentResult(real!, zero, toStored(scoreAnswers(real!, zero)));
    expect(r.overall).toBe(0);
    expect(r.weakest.map((w) => w.id)).toEqual(real!.areas.slice(0, 3).map((a) => a.id));
    for (const s of r.suggestions) expect(s.items.some((i) => i.kind === 'lesson')).toBe(true);
  });
});

describe('npm run check on broken self-assessment content', () => {
  const fixture = fileURLToPath(new URL('../fixtures/bad-content', import.meta.url));
  const problems = readAssessment(readContent(fixture)).problems.map(formatProblem);
  const has = (text: string) =>
    expect(
      problems.some((p) => p.includes(text)),
      `expected "${text}" in:\n${problems.join('\n')}`,
    ).toBe(true);
  it('names file, line and field', () => {
    has('content/assessment/questions.yaml:13 areas.0.questions.1.id: 题目 id "same-id" 重复');
    has('content/assessment/questions.yaml:4 areas: 共 5 道题');
    has('content/assessment/suggestions.yaml:5 areas.workplace.lessons.0: 没有这个课时 "demo/no-such-lesson"');
    has('content/assessment/suggestions.yaml:6 areas.workplace.cases.0: 没有这个案例 "no-such-case"');
    has('content/assessment/suggestions.yaml:8 areas.nowhere: questions.yaml 里没有方面 "nowhere"');
    has('areas.leadership: 方面 "leadership" 至少要推荐一个课时');
    has('content/assessment/suggestions.yaml:11 questions.q-zz: questions.yaml 里没有题目 "q-zz"');
  });
  it('a question without exactly four levels is refused at its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-assess-'));
    mkdirSync(join(dir, 'content/assessment'), { recursive: true });
    const text = readFileSync(join(fixture, 'content/assessment/questions.yaml'), 'utf8').replace(
      'levels: [没有写下来, 老板心里有数, 写下来并照做, 检查并改进]',
      'levels: [没有写下来, 老板心里有数]',
    );
    writeFileSync(join(dir, 'content/assessment/questions.yaml'), text);
    writeFileSync(join(dir, 'content/assessment/suggestions.yaml'), 'areas: {}\n');
    const out = readAssessment(readContent(dir)).problems.map(formatProblem);
    expect(out).toContain(
      'content/assessment/questions.yaml:12 areas.0.questions.0.levels: 每道题必须正好有 4 个等级：没有写下来、老板心里有数、写下来并照做、检查并改进',
    );
  });
});

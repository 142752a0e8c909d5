import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { formatProblem, readContent } from '../../scripts/lib/content-source.ts';
import { checkContentRules } from '../../scripts/lib/content-rules.ts';

const fixture = fileURLToPath(new URL('../fixtures/bad-content', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

function problemsOf(dir: string) {
  const set = readContent(dir);
  return [...set.problems, ...checkContentRules(set)].map(formatProblem);
}

describe('npm run check on broken content', () => {
  const problems = problemsOf(fixture);
  const has = (text: string) =>
    expect(
      problems.some((p) => p.includes(text)),
      `expected a problem like "${text}" in:\n${problems.join('\n')}`,
    ).toBe(true);

  it('names file, line and field for schema errors', () => {
    has('content/lessons/demo/first.mdx:6 clauses.1: 未知的 ISO 9001 条款号 "4.9"');
    has('content/lessons/demo/first.mdx:13 quiz.questions.0.answer: answer 3 超出选项范围');
    has('content/lessons/demo/typed.mdx:11 quiz.questions.0.answer');
    has('content/glossary/bad-term.yaml:4 plain');
  });
  it('reports a duplicate question id', () => {
    // the first lesson also has an answer out of range, so its quiz is reported as a whole: see below
    const dup = problemsOf(fixture).find((p) => p.includes('重复'));
    expect(dup ?? '').toMatch(/first\.mdx:\d+ quiz/);
  });
  it('reports a case without results and with an unknown sector', () => {
    has('content/cases/no-results.mdx:10 results: 案例必须写明可衡量的效果');
    has('content/cases/no-results.mdx:5 sector: 未知的 IAF/EA 行业代码 "99"');
  });
  it('checks glossary terms and internal links even when the frontmatter is broken', () => {
    has('content/lessons/demo/first.mdx:22 Term.id: 术语表里没有 "no-such-term"');
    has('content/lessons/demo/first.mdx:24 link: 站内链接 /courses/nowhere/ 指向不存在的页面');
  });
  it('checks the lesson components: forms, cases, clauses, images, and in-lesson questions that give away a quiz', () => {
    has('content/lessons/demo/first.mdx:26 Template.id: 没有这个表格模板 "no-such-form"');
    has('content/lessons/demo/first.mdx:28 CaseLink.id: 没有这个案例 "no-such-case"');
    has('content/lessons/demo/first.mdx:30 Clause.n: 未知的 ISO 9001 条款号 "11.2"');
    has('content/lessons/demo/first.mdx:32 Figure.src: 找不到图片 public/images/missing.jpg');
    has('content/lessons/demo/first.mdx:34 KnowledgeCheck.question: 和小测里的一道题一样');
    has('content/templates/bad-form.yaml:4 example: 示例行有 1 格，表格有 2 列，要一样多');
  });
  it('reports missing and orphaned lessons', () => {
    has('content/courses/demo.mdx:7 lessons.1: 找不到课时文件 content/lessons/demo/missing-lesson.mdx');
    has('content/lessons/demo/orphan.mdx:1 课程 demo 的 lessons 列表里没有 "orphan"');
  });
});

describe('quiz quality and case size checks', () => {
  const problems = problemsOf(fixture);
  const has = (text: string) =>
    expect(
      problems.some((p) => p.includes(text)),
      `expected a problem like "${text}" in:\n${problems.join('\n')}`,
    ).toBe(true);

  it('reports a multiple-choice item that "tick all but the silly one" passes', () => {
    has('content/lessons/demo/silly-quiz.mdx:12 quiz.questions.0.options: 多选题 "tick-all-but-one" 只有 1 个错误选项');
    expect(problems.some((p) => p.includes('"two-wrong"'))).toBe(false);
  });
  it('reports an option containing a word from content/lint/absurd-options.yaml, with a suggestion', () => {
    has('content/lessons/demo/silly-quiz.mdx:15 quiz.questions.0.options.3: 选项 "老板的星座合得来" 含有明显离谱的词 "星座"');
    expect(problems.find((p) => p.includes('星座'))).toContain('建议');
    expect(problems.some((p) => p.includes('silly-quiz.mdx') && p.includes('离谱的词') && !p.includes('星座'))).toBe(false);
  });
  it('reports a single-choice item with only two options', () => {
    has('content/lessons/demo/silly-quiz.mdx:44 quiz.questions.3.options: 单选题 "two-options" 只有 2 个选项');
  });
  it('reports a case whose size contradicts its employees and revenue under the 2011 rules', () => {
    has('content/cases/wrong-size.mdx:7 size: 按 2011 年中小企业划型规定');
    expect(problems.find((p) => p.includes('wrong-size.mdx'))).toContain('size: small');
    has('content/cases/repair-shop-size.mdx:8 size:');
  });
  it('does not guess the size-rule industry of a sector that spans several', () => {
    expect(problems.some((p) => p.includes('ambiguous-sector.mdx'))).toBe(false);
  });
});

describe('the real curriculum', () => {
  const set = readContent(root);
  it('passes every content rule', () => {
    expect([...set.problems, ...checkContentRules(set)].map(formatProblem)).toEqual([]);
  });
  it('is as large as the programme needs', () => {
    const questions = set.lessons.reduce((n, l) => n + l.data.quiz.questions.length, 0);
    expect(set.courses.length).toBeGreaterThanOrEqual(20);
    expect(set.lessons.length).toBeGreaterThanOrEqual(110);
    expect(questions).toBeGreaterThanOrEqual(700);
    expect(set.glossary.length).toBeGreaterThanOrEqual(130);
    expect(set.cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(set.cases.map((c) => c.data.sector)).size).toBeGreaterThanOrEqual(22);
    expect(new Set(set.cases.map((c) => c.data.province)).size).toBeGreaterThanOrEqual(32);
  });
  it('gives every lesson at least 5 questions, a checklist and a clause', () => {
    for (const lesson of set.lessons) {
      expect(lesson.data.quiz.questions.length, lesson.file).toBeGreaterThanOrEqual(5);
      expect(lesson.body, lesson.file).toContain('## 本周就做');
    }
  });
  it('has the impartiality lesson the assistance feature links to', () => {
    const lesson = set.lessons.find((l) => l.id === 'certification-guide/impartiality-in-assistance');
    expect(lesson, 'content/lessons/certification-guide/impartiality-in-assistance.mdx').toBeDefined();
    expect(set.courses.find((c) => c.id === 'certification-guide')?.data.lessons).toContain('impartiality-in-assistance');
  });
  it('keeps 校准 and 检定 apart in the glossary', () => {
    const calibration = set.glossary.find((g) => g.id === 'calibration')!;
    const verification = set.glossary.find((g) => g.id === 'legal-verification')!;
    expect(calibration.data.aliases).not.toContain('检定');
    expect(verification.data.term).toBe('检定');
  });
  it('marks every case that is not from the report as illustrative, in its text too', () => {
    for (const c of set.cases.filter((x) => x.data.illustrative)) expect(c.body, c.file).toMatch(/示例|虚构|并非真实/);
  });
});

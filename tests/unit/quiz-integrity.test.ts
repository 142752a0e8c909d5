import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Question } from '../../src/schemas/quiz.ts';
import { formatProblem, readContent } from '../../scripts/lib/content-source.ts';
import { checkContentRules } from '../../scripts/lib/content-rules.ts';
import { buildServerContent } from '../../scripts/lib/server-content.ts';
import { checkPools, questionText, similarity } from '../../src/lib/quiz/pools.ts';
import { feedbackFor } from '../../src/lib/quiz/feedback.ts';
import { lessonSections, sectionFor } from '../../src/lib/quiz/sections.ts';
import { finalQuizId, quizDefinition } from '../../src/lib/quiz/bank.ts';
import { scoreQuestion } from '../../src/lib/quiz/scoring.ts';
import { canStartAttempt, MAX_LESSON_RETRY_DELAY_MS, retryDelayMs } from '../../src/lib/quiz/attempt-rules.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/pool-content', import.meta.url));

const q = (id: string, pool: 'lesson' | 'final', prompt = `题目 ${id} 的题干`): Question => ({
  id,
  type: 'single',
  prompt,
  options: [`${id} 甲`, `${id} 乙`, `${id} 丙`],
  answer: 1,
  explanation: `${id} 的讲解`,
  pool,
});

describe('the content checker enforces disjoint pools', () => {
  const set = readContent(fixture);
  const problems = [...set.problems, ...checkContentRules(set)].map(formatProblem);
  const has = (text: string) =>
    expect(
      problems.some((p) => p.includes(text)),
      `expected "${text}" in:\n${problems.join('\n')}`,
    ).toBe(true);

  it('names file, line and field for each broken rule', () => {
    has('content/lessons/exam/one.mdx:8 quiz.questions: 课时测验只剩 2 道练习题');
    has('content/lessons/exam/two.mdx:7 quiz.draw: 要抽 4 题，但只有 3 道练习题');
    has('content/courses/exam.mdx:11 finalQuiz.draw: 结业测验要 4 道题，但各课时只有 2 道结业题');
    has('content/lessons/exam/one.mdx:22 quiz.questions.2: 结业题 "f1" 和练习题 exam/one#p1 几乎一样');
    has('content/lessons/exam/two.mdx:10 quiz.questions.0.section: 课文里没有标题 "没有这个标题"（可用：首件检验、量具要校准、本周就做）');
    expect(problems).toHaveLength(5);
  });

  it('flags near-copies across courses too, and only final questions that copy practice ones', () => {
    const lessons = [
      { id: 'a/x', course: 'a', questions: [q('p1', 'lesson'), q('p2', 'lesson'), q('p3', 'lesson'), q('f', 'final', '题目 p1 的题干')] },
      { id: 'b/y', course: 'b', questions: [q('p1', 'lesson'), q('p2', 'lesson'), q('p3', 'lesson'), q('g', 'final')] },
    ];
    // a/x#f has the prompt of a/x#p1 but its own options: not a copy. Give it p1's options and it is one.
    expect(checkPools(lessons, [])).toEqual([]);
    lessons[0].questions[3] = { ...q('p1', 'final'), id: 'f' };
    expect(checkPools(lessons, [])).toEqual([expect.objectContaining({ kind: 'near-copy', lesson: 'a/x', question: 'f', of: 'a/x#p1' })]);
    lessons[0].questions[3] = { ...q('g', 'final'), id: 'f' }; // a copy of b/y#g? no: g is final there too
    expect(checkPools(lessons, [])).toEqual([]);
  });

  it('needs enough final questions only where the final exam is required', () => {
    const lessons = [{ id: 'a/x', course: 'a', questions: [q('p1', 'lesson'), q('p2', 'lesson'), q('p3', 'lesson')] }];
    expect(checkPools(lessons, [{ id: 'a', finalDraw: 2, finalRequired: true }])).toEqual([
      { kind: 'final-too-few', course: 'a', count: 0, needed: 2 },
    ]);
    expect(checkPools(lessons, [{ id: 'a', finalDraw: 2, finalRequired: false }])).toEqual([]);
  });

  it('measures similarity on prompt and options, ignoring punctuation and option order', () => {
    expect(similarity('面包房的温度，每天记两次。', '面包房的温度每天记两次')).toBe(1);
    expect(similarity('内部审核主要回答哪两个问题', '供应商评价多久做一次')).toBeLessThan(0.1);
    const a = q('a', 'lesson');
    const b: Question = { ...a, options: [...(a as { options: string[] }).options].reverse() } as Question;
    expect(questionText(a)).toBe(questionText(b));
  });
});

describe('the real curriculum', () => {
  const content = buildServerContent(readContent(root));
  it('never asks a final question in a lesson quiz, and every final has enough questions to draw', () => {
    for (const course of Object.values(content.courses)) {
      const final = quizDefinition(content, finalQuizId(course.id))!;
      const practice = new Set(course.lessons.flatMap((slug) => quizDefinition(content, `${course.id}/${slug}`)!.bank.map((b) => b.ref)));
      expect(
        final.bank.filter((b) => practice.has(b.ref)),
        course.id,
      ).toEqual([]);
      expect(
        final.bank.every((b) => b.question.pool === 'final'),
        course.id,
      ).toBe(true);
      expect(final.bank.length, course.id).toBeGreaterThanOrEqual(course.finalQuiz.draw ?? 5);
      // every lesson contributes to the final, so the exam covers the whole course
      expect(new Set(final.bank.map((b) => b.ref.split('#')[0])).size, course.id).toBe(course.lessons.length);
    }
  });
});

describe('feedback after an attempt', () => {
  const practice = q('p', 'lesson');
  const moved = q('m', 'final');
  const questions: Record<string, Question> = { 'c/l#p': practice, 'c/l#m': moved, 'c/k#p': practice };
  const drawn = Object.keys(questions).map((ref) => ({ ref, order: [2, 0, 1] }));
  const questionOf = (ref: string) => questions[ref];

  it('explains practice questions, shows the key only for answered ones, and drops questions now in the final', () => {
    const results = [scoreQuestion(drawn[0], practice, 0), scoreQuestion(drawn[1], moved, 2), scoreQuestion(drawn[2], practice, null)];
    const feedback = feedbackFor('lesson', drawn, results, questionOf);
    expect(feedback.questions).toEqual([
      { ref: 'c/l#p', score: 0, correct: false, rightAnswer: 2, explanation: 'p 的讲解' },
      { ref: 'c/k#p', score: 0, correct: false, explanation: 'p 的讲解' },
    ]);
    expect(JSON.stringify(feedback)).not.toContain('m 的讲解');
    expect(feedback.review).toEqual(['c/l', 'c/k']);
  });

  it('tells the final exam only which lessons to re-read', () => {
    const results = [scoreQuestion(drawn[0], practice, 2), scoreQuestion(drawn[1], moved, 0)];
    const feedback = feedbackFor('final', drawn, results, questionOf);
    expect(feedback).toEqual({ questions: [], review: ['c/l'] });
  });
});

describe('waiting between lesson-quiz attempts', () => {
  it('lets three attempts go, then waits 1, 2, 4, 8 and at most 10 minutes; finals never wait', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelayMs('lesson', n) / 60_000)).toEqual([0, 0, 0, 1, 2, 4, 8, 10, 10]);
    expect(retryDelayMs('lesson', 99)).toBe(MAX_LESSON_RETRY_DELAY_MS);
    expect(retryDelayMs('final', 5)).toBe(0);
  });

  it('refuses an attempt that comes too soon, with the time it may start', () => {
    const base = { attemptsAllowed: 0, alreadyPassed: false, kind: 'lesson' as const, lastFinishedAtMs: 1_000_000 };
    expect(canStartAttempt({ ...base, attemptsUsed: 3, finishedAttempts: 3, nowMs: 1_000_000 + 30_000 })).toEqual({
      ok: false,
      code: 'retry_later',
      retryAtMs: 1_060_000,
      message: '先回到课文看看讲解，1 分钟后可以再做一次',
    });
    expect(canStartAttempt({ ...base, attemptsUsed: 3, finishedAttempts: 3, nowMs: 1_060_000 }).ok).toBe(true);
    expect(canStartAttempt({ ...base, attemptsUsed: 2, finishedAttempts: 2, nowMs: 1_000_001 }).ok).toBe(true);
    expect(canStartAttempt({ ...base, kind: 'final', attemptsUsed: 5, finishedAttempts: 5, nowMs: 1_000_001 }).ok).toBe(true);
  });
});

describe('the section to re-read', () => {
  const body =
    '## 先看一个例子\n\n面包房的师傅每天早上量冷藏柜温度。\n\n```\n## 不是标题\n```\n\n## 用大白话讲要求（<Term id="x">条款</Term> 7.1.5）\n\n量具要定期校准，校准过期的卡尺不能再用。\n\n## 本周就做\n\n- [ ] 校准卡尺\n';
  const sections = lessonSections(body);
  it('reads ## and ### headings as a reader sees them, skipping code', () => {
    expect(sections.map((s) => s.title)).toEqual(['先看一个例子', '用大白话讲要求（条款 7.1.5）', '本周就做']);
  });
  it("uses the author's heading when given, else the section that shares most words (never 本周就做)", () => {
    const tf: Question = {
      id: 't',
      type: 'truefalse',
      prompt: '校准过期的卡尺还能用吗？',
      answer: false,
      explanation: '过期的卡尺要先校准。',
      pool: 'lesson',
    };
    expect(sectionFor(tf, sections)).toBe('用大白话讲要求（条款 7.1.5）');
    expect(sectionFor({ ...tf, section: '先看一个 例子' }, sections)).toBe('先看一个例子');
    expect(sectionFor({ ...tf, prompt: '完全无关', explanation: '毫不相干' }, sections)).toBeUndefined();
  });
  it('is part of practice feedback only', () => {
    const practice = q('p', 'lesson');
    const drawn = [{ ref: 'c/l#p', order: [0, 1, 2] }];
    const results = [scoreQuestion(drawn[0], practice, 0)];
    expect(
      feedbackFor(
        'lesson',
        drawn,
        results,
        () => practice,
        () => '先看一个例子',
      ).questions[0].section,
    ).toBe('先看一个例子');
    expect(
      JSON.stringify(
        feedbackFor(
          'final',
          drawn,
          results,
          () => practice,
          () => '先看一个例子',
        ),
      ),
    ).not.toContain('先看一个例子');
  });
});

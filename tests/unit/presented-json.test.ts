import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readContent } from '../../scripts/lib/content-source.ts';
import { buildServerContent } from '../../scripts/lib/server-content.ts';
import { finalQuizId, quizDefinition } from '../../src/lib/quiz/bank.ts';
import { drawQuestions, presentedJson, presentedParts, presentQuestion } from '../../src/lib/quiz/draw.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('a presented question joined from its parts', () => {
  const content = buildServerContent(readContent(root));
  const quizIds = [...Object.keys(content.lessons), ...Object.keys(content.courses).map(finalQuizId)];

  it('is exactly JSON.stringify of the presented question, for every question of every quiz, in many option orders', () => {
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let compared = 0;
    for (const id of quizIds) {
      const def = quizDefinition(content, id);
      if (!def || def.bank.length === 0) continue;
      for (let round = 0; round < 4; round++) {
        for (const drawn of drawQuestions(def.bank, { count: def.bank.length, shuffleOptions: true }, random)) {
          const question = def.bank.find((b) => b.ref === drawn.ref)!.question;
          expect(presentedJson(drawn, presentedParts(drawn.ref, question))).toBe(JSON.stringify(presentQuestion(drawn, question)));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('keeps true/false questions without options, and writes an option the question no longer has as null', () => {
    const truefalse = {
      id: 't',
      type: 'truefalse' as const,
      prompt: '记录要保存吗？',
      answer: true,
      explanation: '要。',
      pool: 'lesson' as const,
    };
    expect(presentedJson({ ref: 'a/t', order: [] }, presentedParts('a/t', truefalse))).toBe(
      JSON.stringify(presentQuestion({ ref: 'a/t', order: [] }, truefalse)),
    );
    const single = {
      id: 's',
      type: 'single' as const,
      prompt: '"引号" 与 \\ 反斜杠',
      options: ['甲', '乙'],
      answer: 0,
      explanation: '',
      pool: 'lesson' as const,
    };
    const stale = { ref: 'a/s', order: [1, 0, 2] };
    expect(presentedJson(stale, presentedParts('a/s', single))).toBe(JSON.stringify(presentQuestion(stale, single)));
    expect(presentedJson(stale, presentedParts('a/s', single))).toContain('"乙","甲",null]');
  });
});

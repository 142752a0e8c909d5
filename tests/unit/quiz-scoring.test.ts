import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/schemas/quiz.ts';
import { drawQuestions, presentQuestion, type DrawnQuestion } from '../../src/lib/quiz/draw.ts';
import { partialScore, rightAnswerShown, scoreQuestion, scoreQuiz } from '../../src/lib/quiz/scoring.ts';
import { acceptsSubmission, canStartAttempt, deadlineFor, SUBMIT_GRACE_MS } from '../../src/lib/quiz/attempt-rules.ts';

const single: Question = {
  id: 's',
  type: 'single',
  prompt: '哪一个？',
  options: ['甲', '乙', '丙'],
  answer: 1,
  explanation: '因为乙对。',
  pool: 'lesson',
};
const multiple: Question = {
  id: 'm',
  type: 'multiple',
  prompt: '哪些？',
  options: ['A', 'B', 'C', 'D'],
  answer: [0, 2],
  scoring: 'all-or-nothing',
  explanation: 'A 和 C。',
  pool: 'lesson',
};
const partial: Question = { ...(multiple as Extract<Question, { type: 'multiple' }>), id: 'p', scoring: 'partial' };
const tf: Question = { id: 't', type: 'truefalse', prompt: '对吗？', answer: false, explanation: '不对。', pool: 'lesson' };
const identity = (q: Question): DrawnQuestion => ({ ref: q.id, order: q.type === 'truefalse' ? [] : q.options.map((_, i) => i) });

describe('quiz scoring', () => {
  it('grades single choice through the shuffled option order', () => {
    const drawn: DrawnQuestion = { ref: 's', order: [2, 0, 1] }; // shown: 丙 甲 乙
    expect(scoreQuestion(drawn, single, 2)).toEqual({ ref: 's', correct: true, score: 1, given: 1 });
    expect(rightAnswerShown(drawn, single)).toBe(2);
    expect(scoreQuestion(drawn, single, 1)).toMatchObject({ correct: false, score: 0, given: 0 });
  });

  it('treats malformed answers as wrong, never as an error', () => {
    const d = identity(single);
    for (const bad of [null, undefined, -1, 7, 1.5, '1', [1]] as never[]) expect(scoreQuestion(d, single, bad).score).toBe(0);
  });

  it('grades multiple choice all-or-nothing', () => {
    const d = identity(multiple);
    expect(scoreQuestion(d, multiple, [2, 0]).score).toBe(1);
    expect(scoreQuestion(d, multiple, [0]).score).toBe(0);
    expect(scoreQuestion(d, multiple, [0, 1, 2]).score).toBe(0);
  });

  it('gives partial credit: right picks minus wrong picks over the number right, never below zero', () => {
    const d = identity(partial);
    expect(scoreQuestion(d, partial, [0, 2]).score).toBe(1);
    expect(scoreQuestion(d, partial, [0]).score).toBe(0.5);
    expect(scoreQuestion(d, partial, [0, 1]).score).toBe(0);
    expect(scoreQuestion(d, partial, [1, 3]).score).toBe(0);
    expect(scoreQuestion(d, partial, [0, 0, 0]).score).toBe(0.5); // duplicates count once
  });

  it('makes over-ticking cost more than it gains (hand-computed examples)', () => {
    // 3 right of 4 (the "tick all but the silly one" item): a wrong tick costs max(2/3, 1/1) = 1
    const threeOfFour: Question = {
      id: 'x',
      type: 'multiple',
      scoring: 'partial',
      prompt: '哪些？',
      options: ['A', 'B', 'C', 'D'],
      answer: [0, 1, 2],
      explanation: '…',
      pool: 'lesson',
    };
    const d = identity(threeOfFour);
    expect(scoreQuestion(d, threeOfFour, [0, 1, 2, 3]).score).toBe(0); // everything ticked: 3/3 - 1 = 0
    expect(scoreQuestion(d, threeOfFour, [0, 1, 2]).score).toBe(1);
    expect(scoreQuestion(d, threeOfFour, [0, 1]).score).toBeCloseTo(2 / 3, 9);
    expect(scoreQuestion(d, threeOfFour, [0, 1, 3]).score).toBe(0); // 2/3 - 1 < 0
    // 2 right of 5: a wrong tick costs max(2/2, 1/3) = 1, a right tick earns 1/2
    expect(partialScore(2, 3, 2, 3)).toBe(0);
    expect(partialScore(1, 1, 2, 3)).toBe(0);
    expect(partialScore(2, 0, 2, 3)).toBe(1);
    // 4 right of 6: a wrong tick costs max(2/4, 1/2) = 1/2, a right tick earns 1/4
    expect(partialScore(4, 2, 4, 2)).toBe(0);
    expect(partialScore(3, 0, 4, 2)).toBe(0.75);
    expect(partialScore(3, 1, 4, 2)).toBe(0.25);
    expect(partialScore(4, 1, 4, 2)).toBe(0.5);
  });

  it('for every shape of question: ticking everything scores 0 and a wrong tick costs at least twice a right one', () => {
    for (let right = 2; right <= 7; right++) {
      for (let wrong = 1; right + wrong <= 8; wrong++) {
        expect(partialScore(right, wrong, right, wrong), `${right}+${wrong}`).toBe(0);
        for (let hits = 0; hits < right; hits++) {
          for (let misses = 0; misses < wrong; misses++) {
            const base = partialScore(hits, misses, right, wrong);
            const gain = partialScore(hits + 1, misses, right, wrong) - base;
            const cost = base - partialScore(hits, misses + 1, right, wrong);
            expect(gain).toBeGreaterThanOrEqual(0);
            expect(gain).toBeLessThanOrEqual(1 / right + 1e-9);
            // a right tick earns at most 1/right; a wrong one takes at least 2/right (unless the floor of 0 is hit)
            if (base >= 2 / right) expect(cost).toBeGreaterThanOrEqual(2 / right - 1e-9);
            else expect(partialScore(hits, misses + 1, right, wrong)).toBe(0);
          }
        }
      }
    }
  });

  it('grades true/false', () => {
    expect(scoreQuestion(identity(tf), tf, false).correct).toBe(true);
    expect(scoreQuestion(identity(tf), tf, true).correct).toBe(false);
    expect(scoreQuestion(identity(tf), tf, 0 as never).correct).toBe(false);
  });

  it('computes the percentage rounded half up to 2 decimals and compares with the pass mark', () => {
    const qs = [single, multiple, partial, tf];
    const drawn = qs.map(identity);
    const byRef = (ref: string) => qs.find((q) => q.id === ref);
    const result = scoreQuiz(drawn, byRef, { s: 1, m: [0], p: [0], t: false }, 60);
    expect(result.percent).toBe(62.5);
    expect(result.passed).toBe(true);
    expect(scoreQuiz(drawn.slice(0, 3), byRef, { s: 1 }, 60).percent).toBe(33.33);
    expect(scoreQuiz(drawn, byRef, {}, 60)).toMatchObject({ percent: 0, passed: false });
  });
});

describe('drawing questions', () => {
  const bank = [single, multiple, partial, tf].map((q) => ({ ref: q.id, question: q }));
  it('draws the requested number without repeats and shuffles options', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const drawn = drawQuestions(bank, { count: 3, shuffleOptions: true }, random);
    expect(drawn).toHaveLength(3);
    expect(new Set(drawn.map((d) => d.ref)).size).toBe(3);
    for (const d of drawn) {
      const q = bank.find((b) => b.ref === d.ref)!.question;
      if (q.type !== 'truefalse') expect([...d.order].sort()).toEqual(q.options.map((_, i) => i));
    }
  });

  it('gives every question of the bank and every option position an equal chance', () => {
    const big = Array.from({ length: 8 }, (_, i) => ({ ref: `q${i}`, question: { ...single, id: `q${i}` } }));
    const drawnCount = new Map<string, number>();
    const firstPlace = new Map<string, number>();
    const optionFirst = [0, 0, 0];
    const runs = 20_000;
    for (let n = 0; n < runs; n++) {
      const drawn = drawQuestions(big, { count: 3, shuffleOptions: true });
      expect(new Set(drawn.map((d) => d.ref)).size).toBe(3);
      for (const d of drawn) drawnCount.set(d.ref, (drawnCount.get(d.ref) ?? 0) + 1);
      for (let place = 0; place < drawn.length; place++) {
        const key = `${drawn[place].ref}@${place}`;
        firstPlace.set(key, (firstPlace.get(key) ?? 0) + 1);
      }
      optionFirst[drawn[0].order[0]]++;
    }
    // each question is drawn in 3/8 of the runs and comes in each place in 1/8; each option is shown first in 1/3
    for (const b of big) {
      expect(drawnCount.get(b.ref)! / runs).toBeCloseTo(3 / 8, 1);
      for (let place = 0; place < 3; place++)
        expect(firstPlace.get(`${b.ref}@${place}`)! / runs, `${b.ref} @${place}`).toBeCloseTo(1 / 8, 1);
    }
    // drawing the whole bank is a permutation of it
    expect(new Set(drawQuestions(big, { count: 8, shuffleOptions: false }).map((d) => d.ref)).size).toBe(8);
    for (const n of optionFirst) expect(n / runs).toBeCloseTo(1 / 3, 1);
  });

  it('never sends the answer or the explanation to the browser', () => {
    const shown = presentQuestion({ ref: 's', order: [1, 2, 0] }, single);
    expect(shown).toEqual({ ref: 's', type: 'single', prompt: '哪一个？', options: ['乙', '丙', '甲'] });
    expect(JSON.stringify(shown)).not.toContain('因为乙对');
  });
});

describe('attempt limits', () => {
  it('refuses a new attempt once the allowed attempts are used or the quiz is passed', () => {
    expect(canStartAttempt({ attemptsAllowed: 3, attemptsUsed: 2, alreadyPassed: false }).ok).toBe(true);
    expect(canStartAttempt({ attemptsAllowed: 3, attemptsUsed: 3, alreadyPassed: false })).toMatchObject({
      ok: false,
      code: 'attempts_exhausted',
    });
    expect(canStartAttempt({ attemptsAllowed: 0, attemptsUsed: 99, alreadyPassed: false }).ok).toBe(true);
    expect(canStartAttempt({ attemptsAllowed: 0, attemptsUsed: 1, alreadyPassed: true })).toMatchObject({
      ok: false,
      code: 'already_passed',
    });
  });

  it('accepts a submission until the deadline plus a short grace period', () => {
    const start = Date.UTC(2026, 0, 1);
    const deadline = deadlineFor(start, 10)!;
    expect(deadline - start).toBe(600_000);
    expect(acceptsSubmission(deadline, deadline + SUBMIT_GRACE_MS)).toBe(true);
    expect(acceptsSubmission(deadline, deadline + SUBMIT_GRACE_MS + 1)).toBe(false);
    expect(acceptsSubmission(deadlineFor(start), start + 10 ** 9)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { analyseItems, extremeGroups, stopPoints, type GradedAttempt } from '../../src/lib/analytics/item-analysis.ts';

// Ten attempts with totals 100, 90, …, 10. Groups are 27% of 10 → 3: upper = 100, 90, 80; lower = 30, 20, 10.
const totals = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10];
const attempts: GradedAttempt[] = totals.map((total, i) => ({
  total,
  items: [
    // A: the five best get it right (picked option 2, the key); the others picked 0 or 1
    { ref: 'A', score: i < 5 ? 1 : 0, given: i < 5 ? 2 : i % 2 },
    // B: the five weakest get it right: a flawed key
    { ref: 'B', score: i >= 5 ? 1 : 0, given: i >= 5 },
    // C: everyone right
    { ref: 'C', score: 1, given: 0 },
    // D: partial credit, drawn only by the first four
    ...(i < 4 ? [{ ref: 'D', score: [1, 0.5, 0.5, 0][i], given: [[0, 1], [0], [0], []][i] }] : []),
  ],
}));

describe('item analysis (hand-computed)', () => {
  const stats = Object.fromEntries(analyseItems(attempts).map((s) => [s.ref, s]));

  it('facility is the mean credit; discrimination is upper-group minus lower-group facility', () => {
    expect(stats.A).toMatchObject({ answers: 10, facility: 0.5, discrimination: 1, flags: [] });
    expect(stats.B).toMatchObject({ facility: 0.5, discrimination: -1, flags: ['negative'] });
    expect(stats.C).toMatchObject({ facility: 1, discrimination: 0, flags: ['too_easy', 'weak'] });
  });

  it('counts how often each option was chosen, and unanswered questions', () => {
    expect(stats.A.choices).toEqual({ '2': 5, '1': 3, '0': 2 });
    expect(stats.B.choices).toEqual({ false: 5, true: 5 });
    expect(stats.D.choices).toEqual({ '0': 3, '1': 1, none: 1 });
  });

  it('judges a question only among the attempts that drew it, and flags nothing with few answers', () => {
    // D: totals 100, 90, 80, 70 → groups of 1: upper 100 (score 1), lower 70 (score 0)
    expect(stats.D).toMatchObject({ answers: 4, facility: 0.5, discrimination: 1, flags: [] });
  });

  it('makes equal, disjoint groups even for tiny samples', () => {
    expect(extremeGroups([{ total: 5 }])).toEqual({ upper: [], lower: [] });
    expect(extremeGroups([{ total: 5 }, { total: 9 }])).toEqual({ upper: [{ total: 9 }], lower: [{ total: 5 }] });
  });
});

describe('video stop points', () => {
  it('puts each learner’s furthest point in a tenth of the video, the end in the last', () => {
    expect(stopPoints([0, 0.05, 0.15, 0.95, 1, 1.2])).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import { emptyFigures } from '../../src/lib/provincial-assessment/measures.ts';
import { figuresOf, type FigureParts } from '../../src/lib/provincial-assessment/parts.ts';
import { rank } from '../../src/lib/provincial-assessment/score.ts';

const parts: FigureParts = {
  organising: { '33': [4, 7, 3, 1], '32': [1, 0, 0, 0] },
  sessions: { '33': 12 },
  helped: { '33': [40, 20, 15, 12] },
  training: { totals: { '33': [5000, 800], '44': [10, 2] }, courses: { '33': 18, '44': 1 } },
  notes: [],
};

describe('assessment figures from their parts', () => {
  it('puts every slot of every part in its measure', () => {
    const zj = figuresOf(parts, ['33']).get('33')!;
    expect(zj.counts).toEqual({
      policies: 4,
      organisingRecords: 7,
      casesRecommended: 3,
      casesSelected: 1,
      sessionsHeld: 12,
      attendeeTimes: 5000,
      enterprisesTrained: 800,
      coursesOffered: 18,
      enterprisesHelped: 40,
    });
    // improvement is the survey's "clear effect" share, satisfaction its "satisfied" share, over the responses
    expect(zj.rates).toEqual({ improvedRate: { numerator: 12, denominator: 20 }, satisfiedRate: { numerator: 15, denominator: 20 } });
  });

  it('counts 0 where a part has no row for a region, and answers only the regions asked for', () => {
    const out = figuresOf(parts, ['44', '11']);
    expect([...out.keys()]).toEqual(['44', '11']);
    expect(out.get('11')).toEqual(emptyFigures());
    expect(out.get('44')!.counts).toMatchObject({
      attendeeTimes: 10,
      enterprisesTrained: 2,
      coursesOffered: 1,
      policies: 0,
      sessionsHeld: 0,
    });
    expect(out.get('44')!.rates.satisfiedRate).toEqual({ numerator: 0, denominator: 0 });
  });

  it('gives every region its own copy of the notes', () => {
    const out = figuresOf({ ...parts, notes: ['帮扶数据不完整'] }, ['33', '32']);
    out.get('33')!.notes.push('x');
    expect(out.get('32')!.notes).toEqual(['帮扶数据不完整']);
  });
});

describe('ranking', () => {
  it('shares a place between equal totals and skips the places they take, in one pass after the sort', () => {
    const totals = [70, 90, 90, 90, 50, 70, 10];
    expect(rank(totals.map((total) => ({ total }))).map((r) => r.rank)).toEqual([1, 1, 1, 4, 4, 6, 7]);
    expect(rank([])).toEqual([]);
  });
});

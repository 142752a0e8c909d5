import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { AssessmentRulesSchema, type AssessmentRules } from '../../src/schemas/assessment-rules.ts';
import { emptyFigures } from '../../src/lib/provincial-assessment/measures.ts';
import { median, medians, rank, scoreProvince } from '../../src/lib/provincial-assessment/score.ts';
import { ancestorAt } from '../../src/lib/provincial-assessment/bucket.ts';
import { readContent } from '../../scripts/lib/content-source.ts';

/** A small rule set for hand computation. */
const rules: AssessmentRules = AssessmentRulesSchema.parse({
  year: 2026,
  version: 1,
  title: '测试规则',
  illustrative: true,
  indicators: [
    {
      id: 'organising',
      weight: 10,
      measures: [
        { key: 'policies', weight: 1, target: 4 },
        { key: 'organisingRecords', weight: 1, target: 2 },
      ],
    },
    {
      id: 'publicity',
      weight: 15,
      measures: [
        { key: 'coursesOffered', target: 10 },
        { key: 'sessionsHeld', target: 5 },
        { key: 'attendeeTimes', weight: 2, target: 1000 },
      ],
    },
    { id: 'trained', weight: 20, cap: 1.2, measures: [{ key: 'enterprisesTrained', target: 100 }] },
    { id: 'helped', weight: 20, measures: [{ key: 'enterprisesHelped', target: 50 }] },
    { id: 'improvement', weight: 10, measures: [{ key: 'improvedRate', target: 90 }] },
    { id: 'satisfaction', weight: 10, measures: [{ key: 'satisfiedRate', target: 95 }] },
    {
      id: 'cases',
      weight: 15,
      measures: [
        { key: 'casesRecommended', weight: 2, target: 5 },
        { key: 'casesSelected', target: 1 },
      ],
    },
  ],
  targets: { '33': { enterprisesTrained: 200 } },
});

function figures() {
  const f = emptyFigures();
  Object.assign(f.counts, {
    policies: 2,
    organisingRecords: 3,
    coursesOffered: 5,
    sessionsHeld: 5,
    attendeeTimes: 500,
    enterprisesTrained: 150,
    enterprisesHelped: 25,
    casesRecommended: 2,
    casesSelected: 1,
  });
  f.rates.improvedRate = { numerator: 45, denominator: 50 };
  f.rates.satisfiedRate = { numerator: 38, denominator: 50 };
  return f;
}

describe('provincial assessment scoring', () => {
  it('computes a province by hand', () => {
    const s = scoreProvince(rules, '11', figures());
    const points = Object.fromEntries(s.indicators.map((i) => [i.id, i.points]));
    // organising: policies 2/4 = 0.5, records 3/2 capped at 1 → (0.5 + 1) / 2 = 0.75 → 7.5
    expect(points.organising).toBe(7.5);
    // publicity: courses 0.5, sessions 1, attendee-times 0.5 (weight 2) → (0.5 + 1 + 1) / 4 = 0.625 → 9.38 (9.375 half up)
    expect(points.publicity).toBe(9.38);
    // trained: 150/100 = 1.5 capped at 1.2 → 24
    expect(points.trained).toBe(24);
    // helped: 25/50 → 10
    expect(points.helped).toBe(10);
    // improvement: 45/50 = 90% of target 90 → 10; satisfaction: 76% / 95 = 0.8 → 8
    expect(points.improvement).toBe(10);
    expect(points.satisfaction).toBe(8);
    // cases: recommended 2/5 = 0.4 (weight 2), selected 1/1 → (0.8 + 1) / 3 = 0.6 → 9
    expect(points.cases).toBe(9);
    expect(s.total).toBe(77.88);
    expect(s.maxTotal).toBe(104);
    const rate = s.indicators.find((i) => i.id === 'satisfaction')!.measures[0];
    expect(rate).toMatchObject({ value: 76, numerator: 38, denominator: 50, target: 95 });
  });
  it('uses the per-province target when the rule set gives one', () => {
    const trained = scoreProvince(rules, '33', figures()).indicators.find((i) => i.id === 'trained')!;
    expect(trained.measures[0].target).toBe(200);
    expect(trained.points).toBe(15); // 150/200 = 0.75 × 20
  });
  it('scores a rate with no answers as zero, not as a division error', () => {
    const s = scoreProvince(rules, '11', emptyFigures());
    expect(s.total).toBe(0);
    expect(s.indicators.find((i) => i.id === 'satisfaction')!.measures[0].value).toBeNull();
  });
  it('ranks with shared places and takes medians', () => {
    expect(rank([{ total: 5 }, { total: 9 }, { total: 5 }, { total: 1 }]).map((r) => [r.total, r.rank])).toEqual([
      [9, 1],
      [5, 2],
      [5, 2],
      [1, 4],
    ]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const m = medians([scoreProvince(rules, '11', figures()), scoreProvince(rules, '12', emptyFigures())]);
    expect(m.total).toBe(38.94);
    expect(m.indicators.trained).toBe(12);
  });
  it('buckets region codes into their province, prefecture or county', () => {
    expect(ancestorAt('330502', 2)).toBe('33');
    expect(ancestorAt('659001', 2)).toBe('66');
    expect(ancestorAt('6590', 2)).toBe('66');
    expect(ancestorAt('330502', 4)).toBe('3305');
    expect(ancestorAt('33', 4)).toBeNull();
  });
});

describe('assessment rule files', () => {
  it('the shipped rule set is valid, lists all 7 indicators and its weights total 100', () => {
    const set = readContent(fileURLToPath(new URL('../..', import.meta.url)));
    expect(set.problems.filter((p) => p.file.includes('assessment-rules'))).toEqual([]);
    const r2026 = set.assessmentRules.find((r) => r.id === '2026')!;
    expect(r2026.data.indicators).toHaveLength(7);
    expect(r2026.data.indicators.reduce((s, i) => s + i.weight, 0)).toBe(100);
  });
  it('names the field of a wrong rule', () => {
    const bad = AssessmentRulesSchema.safeParse({
      ...rules,
      indicators: rules.indicators.map((i) => (i.id === 'cases' ? { ...i, measures: [{ key: 'policies', target: 1 }] } : i)),
      targets: { '99': { attendeeTimes: 1 }, '33': { bogus: 1 } },
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^indicators\.6\.measures\.0\.key: 指标 cases 只能用/),
        expect.stringMatching(/^targets\.99: /),
        expect.stringMatching(/^targets\.33\.bogus: 未知的计分项/),
      ]),
    );
  });
});

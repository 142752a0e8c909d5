import { describe, expect, it } from 'vitest';
import { summariseSurveys, publishable, MIN_PUBLISHED_RESPONSES } from '../../src/lib/survey/summary.ts';
import { answerFromStored, validateSurvey, type SurveyAnswer } from '../../src/lib/survey/instrument.ts';

const answer = (over: Partial<SurveyAnswer> = {}): SurveyAnswer => ({
  instrument: 2,
  satisfaction: 5,
  effect: 4,
  improvements: [],
  changes: {},
  followUp: 5,
  govSupport: 'adequate',
  govSupportAreas: [],
  ...over,
});

/** n answers, the first k of which get `yes`, the rest `no`. */
function population(n: number, parts: { count: number; make: (i: number) => Partial<SurveyAnswer> }[]): SurveyAnswer[] {
  return Array.from({ length: n }, (_, i) => {
    let over: Partial<SurveyAnswer> = {};
    for (const p of parts) if (i < p.count) over = { ...over, ...p.make(i) };
    return answer(over);
  });
}

describe("survey summary with the report's counts", () => {
  // 5,639 helped enterprises answered: 5,498 satisfied, 5,407 saw a clear improvement, 1,724 want better
  // government support. The report printed 97.4% and 95.88% (truncated); the platform rounds half up.
  const base = Array.from({ length: 5639 }, (_, i) =>
    answer({
      satisfaction: i < 5498 ? (i % 2 ? 5 : 4) : i % 3 === 0 ? 3 : i % 3 === 1 ? 2 : 1,
      effect: i < 5407 ? (i % 2 ? 4 : 3) : i % 2 ? 2 : 1,
      improvements: [...(i < 5124 ? ['awareness'] : []), ...(i < 4936 ? ['rules'] : []), ...(i < 1980 ? ['first_pass_yield'] : [])],
      govSupport: i < 1724 ? 'needs_improvement' : 'adequate',
      govSupportAreas: i < 1724 ? (i % 2 ? ['funds'] : ['funds', 'technical']) : [],
    }),
  );
  const s = summariseSurveys(base);

  it('satisfied: 5,498 of 5,639 is 97.50% (the report truncated to 97.4%)', () => {
    expect(s.responses).toBe(5639);
    expect(s.satisfied).toEqual({ numerator: 5498, denominator: 5639, percent: 97.5, text: '97.50%' });
  });
  it('clear effect: 5,407 of 5,639 is 95.89% (the report truncated to 95.88%)', () => {
    expect(s.clearEffect).toEqual({ numerator: 5407, denominator: 5639, percent: 95.89, text: '95.89%' });
  });
  it('improvement items keep their counts and share of all responses', () => {
    const awareness = s.items.find((i) => i.item === 'awareness')!;
    expect(awareness.count).toBe(5124);
    expect(awareness.share.text).toBe('90.87%'); // 5124 / 5639 = 0.908671…
    expect(s.items.find((i) => i.item === 'rules')!.share.text).toBe('87.53%'); // 0.875332…
    expect(s.items.find((i) => i.item === 'first_pass_yield')!.count).toBe(1980);
  });
  it('government support: 1,724 of 5,639 need improvement, with what', () => {
    expect(s.govSupport.needsImprovement).toEqual({ numerator: 1724, denominator: 5639, percent: 30.57, text: '30.57%' });
    expect(s.govSupport.areas.find((a) => a.area === 'funds')!.count).toBe(1724);
    expect(s.govSupport.areas.find((a) => a.area === 'technical')!.count).toBe(862);
  });
});

describe('survey summary details', () => {
  it('averages the size of change over those who gave one, half up to 2 decimals', () => {
    const s = summariseSurveys([
      answer({ improvements: ['first_pass_yield'], changes: { first_pass_yield: 10 } }),
      answer({ improvements: ['first_pass_yield'], changes: { first_pass_yield: 20.01 } }),
      answer({ improvements: ['first_pass_yield'] }), // ticked, no size given: not in the average
      answer({ improvements: ['sales_revenue'], changes: { sales_revenue: 12.345 } }),
    ]);
    expect(s.changes.find((c) => c.item === 'first_pass_yield')).toMatchObject({ reported: 2, average: 15.01 }); // 15.005 -> 15.01
    expect(s.changes.find((c) => c.item === 'sales_revenue')).toMatchObject({ reported: 1, average: 12.35 });
    expect(s.changes.find((c) => c.item === 'profit_margin')).toMatchObject({ reported: 0, average: null });
  });

  it('follow-up satisfaction counts only answers that were asked (old answers were not)', () => {
    const s = summariseSurveys([
      answer({ followUp: 5 }),
      answer({ followUp: 2 }),
      answer({ instrument: 1, followUp: null, govSupport: null }),
    ]);
    expect(s.followUp.asked).toBe(2);
    expect(s.followUp.satisfied).toMatchObject({ numerator: 1, denominator: 2, text: '50.00%' });
    expect(s.govSupport.asked).toBe(2);
  });

  it('withholds every share and average of a group under 5 answers', () => {
    const four = summariseSurveys(population(MIN_PUBLISHED_RESPONSES - 1, []));
    expect(publishable(four)).toEqual({
      responses: 4,
      satisfied: null,
      clearEffect: null,
      followUpSatisfied: null,
      govSupportNeedsImprovement: null,
      changes: null,
    });
    const five = publishable(
      summariseSurveys(population(5, [{ count: 1, make: () => ({ improvements: ['sales_volume'], changes: { sales_volume: 5 } }) }])),
    );
    expect(five.satisfied?.text).toBe('100.00%');
    // one enterprise's size of change is not published either
    expect(five.changes!.find((c) => c.item === 'sales_volume')).toMatchObject({ reported: 1, average: null });
  });

  it('reads a stored record: old answers have no follow-up, 0 means unanswered', () => {
    expect(
      answerFromStored({
        instrument: 1,
        satisfaction: 4,
        effect: 3,
        improvements: ['sales_revenue'],
        changes: { sales_revenue: 12.5, bogus: 3 },
        follow_up: 0,
        gov_support: '',
        gov_support_areas: null,
      }),
    ).toEqual({
      instrument: 1,
      satisfaction: 4,
      effect: 3,
      improvements: ['sales_revenue'],
      changes: { sales_revenue: 12.5 },
      followUp: null,
      govSupport: null,
      govSupportAreas: [],
    });
  });
});

describe('validateSurvey', () => {
  const good = {
    satisfaction: 5,
    effect: 3,
    followUp: 2,
    govSupport: 'needs_improvement',
    govSupportAreas: ['funds'],
    improvements: ['first_pass_yield', 'awareness'],
    changes: { first_pass_yield: 17.8 },
    comment: ' 好 ',
  };
  it('accepts a full answer', () => {
    const r = validateSurvey(good);
    expect(r.ok && r.value).toMatchObject({ followUp: 2, changes: { first_pass_yield: 17.8 }, comment: '好', govSupportAreas: ['funds'] });
  });
  it('names each bad field in Chinese', () => {
    const r = validateSurvey({
      ...good,
      satisfaction: 6,
      followUp: undefined,
      govSupport: 'maybe',
      changes: { first_pass_yield: 'abc', sales_revenue: 5, awareness: 3, profit_margin: 1.234 },
      improvements: ['first_pass_yield', 'x'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual([
      'changes.awareness',
      'changes.first_pass_yield',
      'changes.profit_margin',
      'changes.sales_revenue',
      'followUp',
      'govSupport',
      'improvements',
      'satisfaction',
    ]);
    expect(r.errors['changes.sales_revenue']).toContain('请同时勾选“月销售额”');
    expect(r.errors['changes.profit_margin']).toContain('两位小数');
  });
  it('drops support areas when support needs no improvement, and blank sizes of change', () => {
    const r = validateSurvey({ ...good, govSupport: 'adequate', changes: { first_pass_yield: '' } });
    expect(r.ok && r.value.govSupportAreas).toEqual([]);
    expect(r.ok && r.value.changes).toEqual({});
  });
});

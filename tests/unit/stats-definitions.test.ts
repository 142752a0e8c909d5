import { describe, expect, it } from 'vitest';
import {
  counterDeltas,
  isNewFrom,
  monthInPeriod,
  monthOf,
  monthsOfPeriod,
  parsePeriod,
  periodsOfMonth,
  quarterOf,
  recount,
  revocationDeltas,
  type CompletionFacts,
  type Counts,
  type CounterDelta,
} from '../../src/lib/stats/keys.ts';
import { percentage, roundHalfUp } from '../../src/lib/stats/percent.ts';

const base: CompletionFacts = {
  user: 'u1',
  enterprise: 'e1',
  course: 'c1',
  month: '2026-03',
  province: '33',
  prefecture: '3305',
  county: '330502',
  sector: '04',
  channel: 'online',
};
const get = (m: Map<string, { attendeeTimes: number; attendees: number; enterprises: number }>, key: string) =>
  m.get(key) ?? { attendeeTimes: 0, attendees: 0, enterprises: 0 };

describe('statistics definitions', () => {
  it('counts attendee-times per completion, attendees and enterprises once per period', () => {
    const counts = recount([
      base,
      { ...base, course: 'c2' }, // same person, second course, same month
      { ...base, course: 'c3', month: '2026-05' }, // same person, later month
      { ...base, user: 'u2', course: 'c1' }, // colleague in the same enterprise
      { ...base, user: 'u3', enterprise: 'e2', county: '330106', prefecture: '3301', course: 'c1' },
    ]);
    expect(get(counts, '2026-03|33|total')).toEqual({ attendeeTimes: 4, attendees: 3, enterprises: 2 });
    expect(get(counts, '2026-05|33|total')).toEqual({ attendeeTimes: 1, attendees: 1, enterprises: 1 });
    expect(get(counts, '2026-Q1|33|total')).toEqual({ attendeeTimes: 4, attendees: 3, enterprises: 2 });
    expect(get(counts, '2026|33|total')).toEqual({ attendeeTimes: 5, attendees: 3, enterprises: 2 });
    expect(get(counts, 'all||total')).toEqual({ attendeeTimes: 5, attendees: 3, enterprises: 2 });
    // Sums across months over-count people; the year figure does not.
    expect(get(counts, '2026-03|33|total').attendees + get(counts, '2026-05|33|total').attendees).toBe(4);
    expect(get(counts, '2026|3305|total')).toEqual({ attendeeTimes: 4, attendees: 2, enterprises: 1 });
    expect(get(counts, '2026|330106|total')).toEqual({ attendeeTimes: 1, attendees: 1, enterprises: 1 });
    expect(get(counts, '2026|33|course:c1')).toEqual({ attendeeTimes: 3, attendees: 3, enterprises: 2 });
  });

  it('counts a person once per channel they used', () => {
    const counts = recount([base, { ...base, course: 'c2', channel: 'in_person' }, { ...base, course: 'c3', channel: 'in_person' }]);
    expect(get(counts, '2026|33|channel:online')).toEqual({ attendeeTimes: 1, attendees: 1, enterprises: 1 });
    expect(get(counts, '2026|33|channel:in_person')).toEqual({ attendeeTimes: 2, attendees: 1, enterprises: 1 });
    expect(get(counts, '2026|33|total')).toEqual({ attendeeTimes: 3, attendees: 1, enterprises: 1 });
  });

  it('attributes a person who moved to the region of their first completion in the period', () => {
    const moved = { ...base, course: 'c2', province: '44', prefecture: '4403', county: '440305', month: '2026-06' };
    const counts = recount([base, moved]);
    expect(get(counts, '2026|33|total').attendees).toBe(1);
    expect(get(counts, '2026|44|total')).toEqual({ attendeeTimes: 1, attendees: 0, enterprises: 0 });
    expect(get(counts, '2026-06|44|total')).toEqual({ attendeeTimes: 1, attendees: 1, enterprises: 1 });
    expect(get(counts, '2026||total').attendees).toBe(1);
  });

  it('answers "new in this period" from earlier completions, as the server does', () => {
    const isNew = isNewFrom(
      [{ month: '2026-01', channel: 'online', course: 'c1' }],
      [{ month: '2025-12', channel: 'in_person', course: 'c9' }],
    );
    expect(isNew('2026-03', 'person')).toBe(true);
    expect(isNew('2026-Q1', 'person')).toBe(false);
    expect(isNew('2026', 'enterprise')).toBe(true);
    expect(isNew('all', 'enterprise')).toBe(false);
    expect(isNew('all', 'enterprise@online')).toBe(true);
    expect(isNew('all', 'enterprise@course:c9')).toBe(false);
    const deltas = counterDeltas(base, (p, k) => isNew(p, k));
    expect(deltas).toHaveLength(4 * 4 * 4);
  });

  it('revoking or reinstating one completion changes the counters exactly as a full recount would', () => {
    let seed = 11;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const applied = (counts: Map<string, Counts>, deltas: CounterDelta[]) => {
      const out = new Map([...counts].map(([k, v]) => [k, { ...v }]));
      for (const d of deltas) {
        const key = `${d.period}|${d.region}|${d.dim}`;
        const c = out.get(key) ?? { attendeeTimes: 0, attendees: 0, enterprises: 0 };
        out.set(key, {
          attendeeTimes: c.attendeeTimes + d.attendeeTimes,
          attendees: c.attendees + d.attendees,
          enterprises: c.enterprises + d.enterprises,
        });
      }
      return new Map([...out].filter(([, c]) => c.attendeeTimes || c.attendees || c.enterprises));
    };
    const places = [
      ['33', '3305', '330502', '04'],
      ['33', '3301', '330106', '18'],
      ['44', '4403', '440305', '04'],
      ['66', '6590', '659001', '03'],
    ];
    const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
    for (let trial = 0; trial < 200; trial++) {
      // Six people in three enterprises; some change employer, some enterprises move county or sector.
      const completions: CompletionFacts[] = [];
      const taken = new Set<string>();
      const monthIndex = [0];
      for (let n = 0; n < 14; n++) {
        const user = `u${random(6)}`;
        const course = `c${random(5)}`;
        if (taken.has(`${user}/${course}`)) continue;
        taken.add(`${user}/${course}`);
        const enterprise = `e${(Number(user.slice(1)) + (random(5) === 0 ? 1 : 0)) % 3}`;
        const [province, prefecture, county, sector] = places[(Number(enterprise.slice(1)) + (random(6) === 0 ? 1 : 0)) % places.length];
        monthIndex[0] = Math.min(months.length - 1, monthIndex[0] + (random(3) === 0 ? 1 : 0)); // completion order is time order
        completions.push({
          user,
          enterprise,
          course,
          month: months[monthIndex[0]],
          province,
          prefecture,
          county,
          sector,
          channel: random(3) === 0 ? 'in_person' : 'online',
        });
      }
      const target = random(completions.length);
      const t = completions[target];
      const related = completions.filter((c) => c.user === t.user || c.enterprise === t.enterprise);
      const inRelated = related.indexOf(t);
      const all = recount(completions);
      const without = recount(completions.filter((_, i) => i !== target));
      expect(applied(all, revocationDeltas(related, inRelated, true)), `trial ${trial}`).toEqual(without);
      expect(applied(without, revocationDeltas(related, inRelated, false)), `trial ${trial}`).toEqual(all);
    }
  });

  it('parses and expands periods', () => {
    expect(parsePeriod('2026-Q2')).toEqual({ key: '2026-Q2', kind: 'quarter' });
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod('26')).toBeNull();
    expect(monthsOfPeriod(parsePeriod('2026-Q4')!)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOfPeriod(parsePeriod('2026')!)).toHaveLength(12);
    expect(monthsOfPeriod(parsePeriod('all')!, ['2026-02', '2025-12'])).toEqual(['2025-12', '2026-02']);
    expect(periodsOfMonth('2026-11')).toEqual(['2026-11', '2026-Q4', '2026', 'all']);
    expect(quarterOf('2026-03')).toBe('2026-Q1');
    expect(monthInPeriod('2026-03', '2026-Q1')).toBe(true);
    expect(monthInPeriod('2026-04', '2026-Q1')).toBe(false);
    // Beijing time: 23:00 UTC on 31 January is 07:00 on 1 February (tests/unit/beijing-time.test.ts has the edges)
    expect(monthOf(new Date('2026-01-31T23:00:00Z'))).toBe('2026-02');
  });
});

describe('percentages', () => {
  it('round half up to two decimals and keep numerator and denominator', () => {
    expect(roundHalfUp(1.005)).toBe(1.01);
    expect(roundHalfUp(2.675)).toBe(2.68);
    expect(percentage(5498, 5639)).toEqual({ numerator: 5498, denominator: 5639, percent: 97.5, text: '97.50%' });
    expect(percentage(1, 3).text).toBe('33.33%');
    expect(percentage(2, 3).text).toBe('66.67%');
    expect(percentage(0, 0)).toMatchObject({ percent: null, text: '—' });
  });
});

// The helped-enterprise survey's definitions are tested in survey-summary.test.ts.

describe('demo activity', () => {
  it('is deterministic, covers every province-level unit, and lists completions in time order', async () => {
    const { demoActivity } = await import('../../src/lib/demo-activity.ts');
    const { regionChain, listProvinces } = await import('../../src/lib/regions.ts');
    const { validateSurvey } = await import('../../src/lib/survey/instrument.ts');
    const now = new Date('2026-11-28T00:00:00Z');
    const a = demoActivity(['c1', 'c2', 'c3'], now);
    expect(demoActivity(['c1', 'c2', 'c3'], now)).toEqual(a);
    const provinces = new Set(a.enterprises.map((e) => regionChain(e.county)?.province));
    expect([...provinces].sort()).toEqual(listProvinces().map((p) => p.code));
    expect(a.completions.map((c) => c.at)).toEqual([...a.completions.map((c) => c.at)].sort());
    const pairs = a.completions.map((c) => `${c.email}/${c.course}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const s of a.surveys) expect(validateSurvey(s).ok).toBe(true);
  });
});

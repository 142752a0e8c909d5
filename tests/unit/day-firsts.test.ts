import { describe, expect, it } from 'vitest';
import {
  beijingDayOf,
  DAY_FIELDS,
  dayDifference,
  dayInsertDeltas,
  firstsKindOf,
  recountDays,
  type DayCounts,
  type DayDelta,
  type DayFacts,
  type EarliestSeen,
  zeroDayCounts,
} from '../../src/lib/stats/day-firsts.ts';

const huzhou = { province: '33', prefecture: '3305', county: '330502' };
const xihu = { province: '33', prefecture: '3301', county: '330106' };
const corps = { province: '66', prefecture: '6590', county: '659001' };
const at = (instant: string, user = 'u1', enterprise = 'e1', place = huzhou): DayFacts => ({
  user,
  enterprise,
  ...place,
  completedAt: instant,
});
const row = (rows: Map<string, DayCounts>, key: string) => {
  const r = rows.get(key);
  return r ? DAY_FIELDS.map((k) => r[k]) : [0, 0, 0, 0, 0, 0, 0];
};
/** [attendee-times, attendees year/quarter/month, enterprises year/quarter/month] */
type Figures = [number, number, number, number, number, number, number];

function applied(base: Map<string, DayCounts>, deltas: readonly DayDelta[]): Map<string, DayCounts> {
  const out = new Map<string, DayCounts>();
  for (const [k, v] of base) out.set(k, { ...v });
  for (const d of deltas) {
    const key = `${d.region}|${d.day}`;
    const cur = out.get(key) ?? zeroDayCounts();
    for (const k of DAY_FIELDS) cur[k] += d[k];
    out.set(key, cur);
  }
  for (const [k, v] of out) if (DAY_FIELDS.every((f) => v[f] === 0)) out.delete(k);
  return out;
}
const seenOf = (facts: readonly DayFacts[]): EarliestSeen[] =>
  facts.map((f) => ({ province: f.province, prefecture: f.prefecture, county: f.county, completedAt: f.completedAt }));
const sumOf = (rows: Map<string, DayCounts>, region: string, from: string, to: string, kind: 'Year' | 'Quarter' | 'Month') => {
  const total = { attendeeTimes: 0, attendees: 0, enterprises: 0 };
  for (const [key, v] of rows) {
    const [r, day] = key.split('|');
    if (r !== region || day < from || day > to) continue;
    total.attendeeTimes += v.attendeeTimes;
    total.attendees += v[`attendees${kind}`];
    total.enterprises += v[`enterprises${kind}`];
  }
  return total;
};

describe('per-day firsts', () => {
  it('cuts days in Beijing time: 23:30 UTC on 31 January is 1 February, on 31 December the new year', () => {
    expect(beijingDayOf('2026-01-31 23:30:00.000Z')).toBe('2026-02-01');
    expect(beijingDayOf('2026-01-31 15:59:59.999Z')).toBe('2026-01-31');
    const rows = recountDays([at('2025-12-31 23:30:00.000Z'), at('2026-01-31 23:30:00.000Z')]);
    // The first is on 1 January 2026 (Beijing), a first of the year, Q1 and January; the second is in
    // February: a first of its month only.
    expect(row(rows, '|2026-01-01')).toEqual([1, 1, 1, 1, 1, 1, 1] satisfies Figures);
    expect(row(rows, '|2026-02-01')).toEqual([1, 0, 0, 1, 0, 0, 1] satisfies Figures);
    expect(rows.has('|2025-12-31')).toBe(false);
  });

  it('a session recorded after the fact moves the first to its earlier day (hand-computed)', () => {
    const online = at('2026-03-10 02:00:00.000Z', 'u1', 'e1'); // 10 March, recorded first
    const colleague = at('2026-03-12 02:00:00.000Z', 'u2', 'e1');
    const session = at('2026-02-20 01:00:00.000Z', 'u1', 'e1'); // 20 February, recorded later
    const before = recountDays([online, colleague]);
    expect(row(before, '|2026-03-10')).toEqual([1, 1, 1, 1, 1, 1, 1] satisfies Figures);
    const deltas = dayInsertDeltas(session, seenOf([online]), seenOf([online, colleague]));
    const after = applied(before, deltas);
    // u1 and e1: the year's and Q1's first move to 20 February; February gains a month first; March keeps its
    // month first on the 10th.
    expect(row(after, '|2026-02-20')).toEqual([1, 1, 1, 1, 1, 1, 1] satisfies Figures);
    expect(row(after, '|2026-03-10')).toEqual([1, 0, 0, 1, 0, 0, 1] satisfies Figures);
    expect(row(after, '|2026-03-12')).toEqual([1, 1, 1, 1, 0, 0, 0] satisfies Figures);
    expect(row(after, '33|2026-02-20')).toEqual([1, 1, 1, 1, 1, 1, 1] satisfies Figures);
    expect(after).toEqual(recountDays([online, colleague, session]));
    // "1 January to 10 March": 2 times, 1 person, 1 enterprise (before the session: 1, 1, 1).
    expect(sumOf(after, '', '2026-01-01', '2026-03-10', 'Year')).toEqual({ attendeeTimes: 2, attendees: 1, enterprises: 1 });
    expect(sumOf(after, '', '2026-01-01', '2026-02-28', 'Year')).toEqual({ attendeeTimes: 1, attendees: 1, enterprises: 1 });
  });

  it('revoking the first moves it to the next completion; reinstating it moves it back (hand-computed)', () => {
    const first = at('2026-02-20 01:00:00.000Z');
    const second = at('2026-03-10 02:00:00.000Z');
    const all = recountDays([first, second]);
    const leave = dayDifference([first, second], 0, true);
    expect(leave).toContainEqual({
      region: '',
      day: '2026-02-20',
      attendeeTimes: -1,
      attendeesYear: -1,
      attendeesQuarter: -1,
      attendeesMonth: -1,
      enterprisesYear: -1,
      enterprisesQuarter: -1,
      enterprisesMonth: -1,
    });
    expect(leave).toContainEqual({
      region: '',
      day: '2026-03-10',
      attendeeTimes: 0,
      attendeesYear: 1,
      attendeesQuarter: 1,
      attendeesMonth: 0,
      enterprisesYear: 1,
      enterprisesQuarter: 1,
      enterprisesMonth: 0,
    });
    const without = applied(all, leave);
    expect(without).toEqual(recountDays([second]));
    expect(applied(without, dayDifference([first, second], 0, false))).toEqual(all);
  });

  it('counts a person who moved in both regions, once each, and once nationally', () => {
    const rows = recountDays([at('2026-03-01 02:00:00.000Z', 'u1', 'e1', huzhou), at('2026-03-05 02:00:00.000Z', 'u1', 'e2', corps)]);
    expect(row(rows, '330502|2026-03-01')[1]).toBe(1);
    expect(row(rows, '659001|2026-03-05')[1]).toBe(1);
    expect(row(rows, '66|2026-03-05')[1]).toBe(1);
    expect(row(rows, '|2026-03-05')[1]).toBe(0); // nationally u1 started on the 1st
    expect(row(rows, '|2026-03-05')[4]).toBe(1); // e2 is a new enterprise
  });

  it('finds the period kind whose firsts answer a range', () => {
    expect(firstsKindOf({ from: '2026-01-01', to: '2026-12-01' })).toBe('year');
    expect(firstsKindOf({ from: '2025-01-01', to: '2025-12-31' })).toBe('year');
    expect(firstsKindOf({ from: '2026-04-01', to: '2026-06-30' })).toBe('quarter');
    expect(firstsKindOf({ from: '2026-04-01', to: '2026-07-01' })).toBeNull();
    expect(firstsKindOf({ from: '2026-05-01', to: '2026-05-20' })).toBe('month');
    expect(firstsKindOf({ from: '2026-05-01', to: '2026-06-20' })).toBeNull();
    expect(firstsKindOf({ from: '2026-05-02', to: '2026-05-20' })).toBeNull();
    expect(firstsKindOf({ from: '2025-12-01', to: '2026-01-31' })).toBeNull();
  });

  it('stays equal to a recount over random histories: out-of-order recording, revocations, every range that starts a period', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const places = [huzhou, xihu, corps, { province: '44', prefecture: '4403', county: '440305' }];
    const pad = (n: number) => String(n).padStart(2, '0');
    for (let trial = 0; trial < 150; trial++) {
      const facts: DayFacts[] = [];
      for (let n = 0; n < 16; n++) {
        const user = `u${random(5)}`;
        const enterprise = `e${(Number(user.slice(1)) + (random(4) === 0 ? 1 : 0)) % 3}`;
        const place = places[(Number(enterprise.slice(1)) + (random(5) === 0 ? 1 : 0)) % places.length];
        // Instants around month, quarter and year boundaries, with hours that cross the Beijing day.
        const month = [12, 1, 2, 3, 4][random(5)];
        const year = month === 12 ? 2025 : 2026;
        const day = [1, 2, 28, 31][random(4)];
        const safeDay = Math.min(day, new Date(Date.UTC(year, month, 0)).getUTCDate());
        const instant = `${year}-${pad(month)}-${pad(safeDay)} ${pad([0, 15, 16, 23][random(4)])}:${pad(random(60))}:00.000Z`;
        facts.push({ user, enterprise, ...place, completedAt: instant });
      }
      // Recorded in this (random) order, each added with the deltas the server would apply.
      let rows = new Map<string, DayCounts>();
      for (let i = 0; i < facts.length; i++) {
        const f = facts[i];
        const earlier = facts.slice(0, i);
        const deltas = dayInsertDeltas(
          f,
          seenOf(earlier.filter((o) => o.user === f.user)),
          seenOf(earlier.filter((o) => o.enterprise === f.enterprise)),
        );
        rows = applied(rows, deltas);
      }
      expect(rows, `trial ${trial}`).toEqual(recountDays(facts));
      // Every range that starts a period: the sum of its rows equals the distinct count from the completions.
      for (const region of ['', '33', '3305', '330106', '66']) {
        for (const [from, to, kind] of [
          ['2026-01-01', '2026-03-31', 'Year'],
          ['2026-01-01', '2026-02-01', 'Year'],
          ['2026-01-01', '2026-01-01', 'Month'],
          ['2026-04-01', '2026-04-28', 'Quarter'],
          ['2026-02-01', '2026-02-28', 'Month'],
          ['2025-12-01', '2025-12-31', 'Month'],
        ] as const) {
          const inRange = facts.filter((f) => {
            const d = beijingDayOf(f.completedAt);
            return d >= from && d <= to && (region === '' || [f.province, f.prefecture, f.county].includes(region));
          });
          const expected = {
            attendeeTimes: inRange.length,
            attendees: new Set(inRange.map((f) => f.user)).size,
            enterprises: new Set(inRange.map((f) => f.enterprise)).size,
          };
          expect(sumOf(rows, region, from, to, kind), `trial ${trial} ${region} ${from}–${to}`).toEqual(expected);
        }
      }
      // Revoking any one and reinstating it: the difference over its person's and enterprise's completions.
      const target = random(facts.length);
      const t = facts[target];
      const related = facts.filter((c) => c.user === t.user || c.enterprise === t.enterprise);
      const without = applied(rows, dayDifference(related, related.indexOf(t), true));
      expect(without, `trial ${trial}`).toEqual(recountDays(facts.filter((_, i) => i !== target)));
      expect(applied(without, dayDifference(related, related.indexOf(t), false)), `trial ${trial}`).toEqual(rows);
    }
  });
});

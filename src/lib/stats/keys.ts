/**
 * Statistics definitions as data: which counters a completion touches, and which memberships make a
 * person or an enterprise count once per period.
 *
 * - Periods: a month "2026-03", a quarter "2026-Q1", a year "2026", and the whole programme "all".
 *   Distinct counts (attendees, enterprises) are exact for each of these periods.
 * - Regions: national "", province (2 digits; 66 = XPCC), prefecture (4), county (6), from the snapshot.
 * - Dimensions: "total", "sector:<IAF code>", "course:<id>", "channel:<online|in_person>".
 * - Attendee-times count every completion. An attendee (or enterprise) counts once per period and is
 *   attributed to the region and sector of their first completion in that period; by channel, once per
 *   channel used; by course, a completion is unique per person and course, so attendees = attendee-times.
 */
import { beijingDateKey } from '../beijing-time.ts';

export type Channel = 'online' | 'in_person';

export interface CompletionFacts {
  user: string;
  enterprise: string;
  course: string;
  month: string; // YYYY-MM
  province: string;
  prefecture: string;
  county: string;
  sector: string;
  channel: Channel;
}

/** A completion row as stored (the completions table's column names), for recounts read from the database or the API. */
export interface CompletionRow {
  user: string;
  enterprise: string;
  course: string;
  month: string;
  province_code: string;
  prefecture_code: string;
  county_code: string;
  sector: string;
  channel: string;
  revoked?: boolean | number;
}

/** A stored completion row as the statistics definitions take it. */
export function factsOfRow(r: CompletionRow): CompletionFacts {
  return {
    user: r.user,
    enterprise: r.enterprise,
    course: r.course,
    month: r.month,
    province: r.province_code,
    prefecture: r.prefecture_code,
    county: r.county_code,
    sector: r.sector,
    channel: r.channel as Channel,
  };
}

/** The counted completions (not revoked) of stored rows, as the statistics definitions take them. */
export function factsOfRows(rows: readonly CompletionRow[]): CompletionFacts[] {
  return rows.filter((r) => !r.revoked).map(factsOfRow);
}

export type PeriodKind = 'month' | 'quarter' | 'year' | 'all';
export interface Period {
  key: string;
  kind: PeriodKind;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

/**
 * The reporting month of an instant, YYYY-MM, in Beijing time: 23:30 UTC on 31 January is 07:30 on 1 February
 * in Beijing, so it counts in February (and its quarter and year follow from the month). The one place where
 * a period is derived from an instant.
 */
export function monthOf(date: Date | number): string {
  return beijingDateKey(date).slice(0, 7);
}

/**
 * monthOf as SQL over a PocketBase date column ("2026-01-31 23:30:00.000Z"), for re-deriving stored months in
 * bulk (the migration to Beijing time); a unit test runs both on the same instants.
 */
export const monthOfSql = (column: string) => `strftime('%Y-%m', ${column}, '+8 hours')`;

/** The reporting year of an instant, "2026" (Beijing time): the default period and the survey year. */
export const yearOf = (date: Date | number): string => monthOf(date).slice(0, 4);

export function quarterOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}-Q${Math.ceil(m / 3)}`;
}

export function periodsOfMonth(month: string): string[] {
  return [month, quarterOf(month), month.slice(0, 4), 'all'];
}

export function parsePeriod(value: string): Period | null {
  if (value === 'all') return { key: 'all', kind: 'all' };
  if (MONTH.test(value)) return { key: value, kind: 'month' };
  if (QUARTER.test(value)) return { key: value, kind: 'quarter' };
  if (YEAR.test(value)) return { key: value, kind: 'year' };
  return null;
}

/** The months a period covers, for trend charts (for "all": the months that have data, passed in). */
export function monthsOfPeriod(period: Period, knownMonths: readonly string[] = []): string[] {
  if (period.kind === 'month') return [period.key];
  if (period.kind === 'all') return [...knownMonths].sort();
  const year = Number(period.key.slice(0, 4));
  const [first, last] = period.kind === 'year' ? [1, 12] : [(Number(period.key.slice(-1)) - 1) * 3 + 1, Number(period.key.slice(-1)) * 3];
  const out: string[] = [];
  for (let m = first; m <= last; m++) out.push(`${year}-${String(m).padStart(2, '0')}`);
  return out;
}

export const regionKeysOf = (f: CompletionFacts) => ['', f.province, f.prefecture, f.county];

export const dims = {
  total: 'total',
  sector: (code: string) => `sector:${code}`,
  course: (id: string) => `course:${id}`,
  channel: (channel: string) => `channel:${channel}`,
};

/** Membership kinds: a member counts once per (period, kind). */
export const memberKinds = {
  person: 'person',
  enterprise: 'enterprise',
  personChannel: (c: Channel) => `person@${c}`,
  enterpriseChannel: (c: Channel) => `enterprise@${c}`,
  enterpriseCourse: (course: string) => `enterprise@course:${course}`,
};

export interface CounterDelta {
  period: string;
  region: string;
  dim: string;
  attendeeTimes: number;
  attendees: number;
  enterprises: number;
}

/** One counter increment as a row: [period, region, dim, attendeeTimes, attendees, enterprises]. */
export type CounterDeltaRow = [string, string, string, number, number, number];

/**
 * The counter increments for one completion, given which memberships were new (first time in that
 * period). `isNew(period, kind, member)` answers from the membership table inside the same transaction.
 */
export function counterDeltas(f: CompletionFacts, isNew: (period: string, kind: string, member: string) => boolean): CounterDelta[] {
  return counterDeltaRows(f, isNew).map(([period, region, dim, attendeeTimes, attendees, enterprises]) => ({
    period,
    region,
    dim,
    attendeeTimes,
    attendees,
    enterprises,
  }));
}

/**
 * counterDeltas as rows (the definition itself): the server sends a completion's 64 rows to SQLite as they are,
 * without building an object per counter first (in the server's JS VM each object is a map to allocate).
 */
export function counterDeltaRows(f: CompletionFacts, isNew: (period: string, kind: string, member: string) => boolean): CounterDeltaRow[] {
  const out: CounterDeltaRow[] = [];
  const sector = dims.sector(f.sector);
  const channel = dims.channel(f.channel);
  const course = dims.course(f.course);
  const regions = regionKeysOf(f);
  for (const period of periodsOfMonth(f.month)) {
    const person = isNew(period, memberKinds.person, f.user) ? 1 : 0;
    const enterprise = isNew(period, memberKinds.enterprise, f.enterprise) ? 1 : 0;
    const personByChannel = isNew(period, memberKinds.personChannel(f.channel), f.user) ? 1 : 0;
    const enterpriseByChannel = isNew(period, memberKinds.enterpriseChannel(f.channel), f.enterprise) ? 1 : 0;
    const enterpriseByCourse = isNew(period, memberKinds.enterpriseCourse(f.course), f.enterprise) ? 1 : 0;
    for (const region of regions) {
      out.push([period, region, dims.total, 1, person, enterprise]);
      out.push([period, region, sector, 1, person, enterprise]);
      out.push([period, region, channel, 1, personByChannel, enterpriseByChannel]);
      out.push([period, region, course, 1, 1, enterpriseByCourse]);
    }
  }
  return out;
}

export interface Counts {
  attendeeTimes: number;
  attendees: number;
  enterprises: number;
}

/** Remembers which (period, kind, member) were already seen: the membership test over earlier completions. */
export function membershipTracker(): (period: string, kind: string, member: string) => boolean {
  const seen = new Set<string>();
  return (period, kind, member) => {
    const key = `${period}|${kind}|${member}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

/**
 * Recounts every counter from raw completions in completion order: the reference the incremental
 * aggregates must agree with (used by tests), and the base of revocationDeltas.
 */
export function recount(completions: readonly CompletionFacts[]): Map<string, Counts> {
  const isNew = membershipTracker();
  const counters = new Map<string, Counts>();
  for (const c of completions) {
    for (const d of counterDeltas(c, isNew)) {
      const key = `${d.period}|${d.region}|${d.dim}`;
      const current = counters.get(key) ?? { attendeeTimes: 0, attendees: 0, enterprises: 0 };
      current.attendeeTimes += d.attendeeTimes;
      current.attendees += d.attendees;
      current.enterprises += d.enterprises;
      counters.set(key, current);
    }
  }
  return counters;
}

export function monthInPeriod(month: string, period: string): boolean {
  if (period === 'all') return true;
  if (period.length === 4) return month.startsWith(period);
  if (period.includes('Q')) return quarterOf(month) === period;
  return month === period;
}

export interface EarlierCompletion {
  month: string;
  channel: string;
  course: string;
}

/**
 * The membership test for a new completion, answered from the same person's and enterprise's earlier
 * completions (no separate membership table to keep in step).
 */
export function isNewFrom(earlierOfPerson: readonly EarlierCompletion[], earlierOfEnterprise: readonly EarlierCompletion[]) {
  return (period: string, kind: string): boolean => {
    const [who, qualifier] = kind.split('@');
    const pool = who === 'person' ? earlierOfPerson : earlierOfEnterprise;
    return !pool.some((c) => {
      if (!monthInPeriod(c.month, period)) return false;
      if (!qualifier) return true;
      if (qualifier.startsWith('course:')) return c.course === qualifier.slice(7);
      return c.channel === qualifier;
    });
  };
}

/**
 * The counter changes when one completion leaves the statistics (revoked) or re-enters them (reinstated).
 * `related` holds, in completion order, the target and every other counted completion that shares its person
 * or its enterprise: only their firsts-in-period can move, so the counts of everyone else cancel out of the
 * difference between a recount with and one without the target. Exact, and proportional to one person's and
 * one enterprise's completions instead of a rebuild of every period the target belongs to (including "all").
 */
export function revocationDeltas(related: readonly CompletionFacts[], target: number, leaving: boolean): CounterDelta[] {
  const withTarget = recount(related);
  const withoutTarget = recount(related.filter((_, i) => i !== target));
  const [before, after] = leaving ? [withTarget, withoutTarget] : [withoutTarget, withTarget];
  const zero: Counts = { attendeeTimes: 0, attendees: 0, enterprises: 0 };
  const out: CounterDelta[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [b, a] = [before.get(key) ?? zero, after.get(key) ?? zero];
    const delta = {
      attendeeTimes: a.attendeeTimes - b.attendeeTimes,
      attendees: a.attendees - b.attendees,
      enterprises: a.enterprises - b.enterprises,
    };
    if (!delta.attendeeTimes && !delta.attendees && !delta.enterprises) continue;
    const [period, region, dim] = key.split('|');
    out.push({ period, region, dim, ...delta });
  }
  return out;
}

/**
 * Checking stored counters against `recount`, one region at a time: a person or an enterprise is attributed
 * by their own completions only, so the counters of a region are decided by the completions of every person
 * and enterprise with at least one completion there (select those, in completion order, recount them, and
 * keep the region's keys). Used by the rebuild command and the statistics bench.
 */
export function countersOfRegion(counts: ReadonlyMap<string, Counts>, region: string): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const [key, value] of counts) if (key.split('|')[1] === region && value.attendeeTimes > 0) out.set(key, value);
  return out;
}

/** Keys whose counts differ ("2026-Q1|33|total: expected 5/4/2, stored 5/4/3"), at most `limit` of them. */
export function counterMismatches(expected: ReadonlyMap<string, Counts>, stored: ReadonlyMap<string, Counts>, limit = 10): string[] {
  const text = (c?: Counts) => (c ? `${c.attendeeTimes}/${c.attendees}/${c.enterprises}` : 'none');
  const out: string[] = [];
  for (const key of new Set([...expected.keys(), ...stored.keys()])) {
    const [a, b] = [text(expected.get(key)), text(stored.get(key))];
    if (a !== b && out.push(`${key}: expected ${a}, stored ${b}`) >= limit) break;
  }
  return out;
}

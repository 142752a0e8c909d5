/**
 * Per-day firsts: exact distinct counts for every custom range that starts a year, a quarter or a month
 * (the dashboard's default "1 January to today", its comparison with the same days last year, whole years,
 * quarter- and month-to-date), at every region level, without scanning the completions.
 *
 * One row per (region, Beijing day) holds that day's completions (attendee-times) and, for each period kind
 * (year, quarter, month), how many people and how many enterprises have their FIRST counted completion in
 * that region and period on that day. A range [start of period P, d] with d inside P then has:
 *   attendee-times = the sum of its days' completions;
 *   attendees      = the people whose first completion of P in the region is on or before d
 *                  = the people with a completion in the range (exactly the range's distinct count),
 * so each figure is a sum over at most 366 rows. Any other range is counted from the completions
 * (src/server/stats-range.ts).
 *
 * The member of a region's rows is (person, region): a range counts everyone with a completion in the region
 * (a person who moved counts in both regions), unlike the monthly counters, which attribute a person to the
 * region of their first completion (keys.ts). Nationally the two coincide.
 *
 * "First" is by completion time (completed_at), not by when it was recorded: an in-person session recorded
 * after the fact can precede a learner's earlier-recorded online completion and move their first to an
 * earlier day. Completions at the same instant share their day, so ties cannot change a row.
 * Pure: no I/O. The server applies these deltas in the transaction of the completion, revocation or deletion
 * (src/server/stats-days.ts); the rebuild (src/server/stats-rebuild.ts) computes the same rows in SQL.
 */
import { BEIJING_OFFSET_MS, parsePbDate } from '../beijing-time.ts';

/** What a completion contributes to the day rows. */
export interface DayFacts {
  user: string;
  enterprise: string;
  province: string;
  prefecture: string;
  county: string;
  /** PocketBase's instant text, "2026-01-31 23:30:00.000Z" (sorts as time). */
  completedAt: string;
}

/** A completion as stored (the columns the day rows read): for reading rows in tools and tests. */
export interface StoredDayRow {
  user: string;
  enterprise: string;
  province_code: string;
  prefecture_code: string;
  county_code: string;
  completed_at: string;
}

export function dayFactsOfRow(r: StoredDayRow): DayFacts {
  return {
    user: r.user,
    enterprise: r.enterprise,
    province: r.province_code,
    prefecture: r.prefecture_code,
    county: r.county_code,
    completedAt: r.completed_at,
  };
}

export const DAY_KINDS = ['year', 'quarter', 'month'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** One day row's figures (or a change of them). */
export interface DayCounts {
  attendeeTimes: number;
  attendeesYear: number;
  attendeesQuarter: number;
  attendeesMonth: number;
  enterprisesYear: number;
  enterprisesQuarter: number;
  enterprisesMonth: number;
}
export interface DayDelta extends DayCounts {
  region: string;
  day: string;
}

/** Column order of the stored rows and of the JSON the server sends SQLite. */
export const DAY_FIELDS = [
  'attendeeTimes',
  'attendeesYear',
  'attendeesQuarter',
  'attendeesMonth',
  'enterprisesYear',
  'enterprisesQuarter',
  'enterprisesMonth',
] as const satisfies readonly (keyof DayCounts)[];

/** Stored column of each DayCounts field, in DAY_FIELDS order (table stat_days, migration 1764700200). */
export const DAY_COLUMNS = [
  'attendee_times',
  'attendees_year',
  'attendees_quarter',
  'attendees_month',
  'enterprises_year',
  'enterprises_quarter',
  'enterprises_month',
] as const;

export const zeroDayCounts = (): DayCounts => ({
  attendeeTimes: 0,
  attendeesYear: 0,
  attendeesQuarter: 0,
  attendeesMonth: 0,
  enterprisesYear: 0,
  enterprisesQuarter: 0,
  enterprisesMonth: 0,
});

/** The counts of a stored stat_days row (columns as DAY_COLUMNS). */
export function dayCountsOfRow(r: Readonly<Record<string, unknown>>): DayCounts {
  const c = zeroDayCounts();
  for (let i = 0; i < DAY_FIELDS.length; i++) c[DAY_FIELDS[i]] = Number(r[DAY_COLUMNS[i]]);
  return c;
}
const field = (who: 'attendees' | 'enterprises', kind: DayKind) => `${who}${kind[0].toUpperCase()}${kind.slice(1)}` as keyof DayCounts;

/** The DayCounts field of each member kind and period kind (DAY_KINDS order). */
const FIELDS_OF = {
  attendees: DAY_KINDS.map((k) => field('attendees', k)),
  enterprises: DAY_KINDS.map((k) => field('enterprises', k)),
};

/** The Beijing calendar day of a stored instant: 2026-01-31 23:30 UTC is 2026-02-01. */
export function beijingDayOf(completedAt: string): string {
  // PocketBase's "2026-01-31 23:30:00.000Z" by string arithmetic (this runs for every completion, and parsing a
  // date is the costliest step in the JS VM): 16:00 UTC and later is the next Beijing day.
  const m = UTC_INSTANT.exec(completedAt);
  if (!m) {
    const ms = parsePbDate(completedAt)?.getTime();
    if (ms === undefined) throw new Error(`not an instant: "${completedAt}"`);
    return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
  }
  if (Number(m[4]) < 16) return `${m[1]}-${m[2]}-${m[3]}`;
  let [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3]) + 1];
  const days = mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
  if (d > days) [mo, d] = [mo + 1, 1];
  if (mo > 12) [y, mo] = [y + 1, 1];
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
const UTC_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):\d{2}:\d{2}(?:\.\d+)?Z$/;

/** The period of a kind that holds a day: "2026", "2026-Q1", "2026-02". */
export function periodOfDay(day: string, kind: DayKind): string {
  if (kind === 'year') return day.slice(0, 4);
  if (kind === 'month') return day.slice(0, 7);
  return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`; // quarterOf, without the split
}

/**
 * The instants [from, to) of the period of `kind` that holds a Beijing day, as PocketBase's UTC texts
 * ("2026-12-31 16:00:00.000Z" is Beijing's 1 January 2027, 00:00), which sort as time: a completion is in the
 * period exactly when from <= completed_at < to, the same as periodOfDay(beijingDayOf(completed_at), kind).
 * Lets the server find a member's earliest completion of a period by one index seek on completed_at.
 */
export function periodInstants(day: string, kind: DayKind): { from: string; to: string } {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)); // 1-12
  const [first, months] = kind === 'year' ? [1, 12] : kind === 'quarter' ? [3 * Math.floor((month - 1) / 3) + 1, 3] : [month, 1];
  return { from: beijingMonthStart(year, first), to: beijingMonthStart(year, first + months) };
}

/**
 * The instant Beijing's month `m` (1-13, 13 = January of the next year) of `year` begins: 16:00 UTC on the last
 * day of the month before. String arithmetic, as in beijingDayOf: this runs in every completion's transaction,
 * where goja's Date is the costliest step.
 */
function beijingMonthStart(year: number, m: number): string {
  const [y, mo] = m === 1 ? [year - 1, 12] : m === 13 ? [year, 12] : [year, m - 1];
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${daysInMonth(y, mo)} 16:00:00.000Z`;
}

const daysInMonth = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/** The region rows a completion belongs to: national "", province-level unit (66 for the Corps), prefecture, county. */
export const dayRegionsOf = (f: Pick<DayFacts, 'province' | 'prefecture' | 'county'>) => ['', f.province, f.prefecture, f.county];

const keyOf = (region: string, day: string) => `${region}|${day}`;

/**
 * Every day row from the counted completions (revoked ones left out by the caller): the reference the stored
 * rows must equal (tests, the rebuild's check). Sorted here by completion time, so callers need not.
 */
export function recountDays(completions: readonly DayFacts[]): Map<string, DayCounts> {
  const ordered = [...completions].sort((a, b) => (a.completedAt < b.completedAt ? -1 : a.completedAt > b.completedAt ? 1 : 0));
  const seen = new Set<string>();
  const rows = new Map<string, DayCounts>();
  for (const f of ordered) {
    const day = beijingDayOf(f.completedAt);
    for (const region of dayRegionsOf(f)) {
      const key = keyOf(region, day);
      const row = rows.get(key) ?? zeroDayCounts();
      row.attendeeTimes += 1;
      for (const kind of DAY_KINDS) {
        const period = periodOfDay(day, kind);
        for (const [who, member] of [
          ['attendees', f.user],
          ['enterprises', f.enterprise],
        ] as const) {
          const id = `${who}|${kind}|${period}|${region}|${member}`;
          if (seen.has(id)) continue;
          seen.add(id);
          row[field(who, kind)] += 1;
        }
      }
      rows.set(key, row);
    }
  }
  return rows;
}

/**
 * The earliest counted completion of a member (person or enterprise) in a region triple and a month, other
 * than the one being added: all that decides whether the new one moves a first (the server reads these
 * grouped by county and month, a few rows even for an enterprise with thousands of completions).
 */
export interface EarliestSeen {
  province: string;
  prefecture: string;
  county: string;
  /** The earliest completed_at of the group. */
  completedAt: string;
}

/**
 * The day-row changes when one completion is added, given the earliest other counted completions of its
 * person and of its enterprise (EarliestSeen, any months: only those in the new completion's periods matter).
 * For each region row and period kind, the member's first is the earliest of its completions there: if it had
 * none, the new day gains a first; if the new completion is earlier than the old first (recorded late), the
 * first moves from the old day to the new one; otherwise nothing changes. This is exactly the difference of
 * recounts with and without the new completion (unit-tested against recountDays), with no need to read
 * every completion of the member.
 */
export function dayInsertDeltas(f: DayFacts, person: readonly EarliestSeen[], enterprise: readonly EarliestSeen[]): DayDelta[] {
  // Runs in every completion's transaction, in PocketBase's JS VM: each instant is cut into its day and
  // periods once, plain loops, no intermediate maps.
  const day = beijingDayOf(f.completedAt);
  const periods = DAY_KINDS.map((kind) => periodOfDay(day, kind));
  const regions = dayRegionsOf(f);
  const prepared = (others: readonly EarliestSeen[]) =>
    others.map((o) => {
      const d = beijingDayOf(o.completedAt);
      return { at: o.completedAt, day: d, periods: DAY_KINDS.map((kind) => periodOfDay(d, kind)), regions: dayRegionsOf(o) };
    });
  const members = [
    [FIELDS_OF.attendees, prepared(person)],
    [FIELDS_OF.enterprises, prepared(enterprise)],
  ] as const;
  const rows: DayDelta[] = [];
  const rowAt = (region: string, d: string): DayDelta => {
    for (const r of rows) if (r.region === region && r.day === d) return r;
    const r = { region, day: d, ...zeroDayCounts() };
    rows.push(r);
    return r;
  };
  for (let level = 0; level < regions.length; level++) {
    const region = regions[level];
    rowAt(region, day).attendeeTimes += 1;
    for (const [fields, others] of members) {
      for (let k = 0; k < DAY_KINDS.length; k++) {
        // The member's first in this region and period among the others (by the region's own level code).
        let first: (typeof others)[number] | null = null;
        for (const x of others)
          if (x.periods[k] === periods[k] && x.regions[level] === region && (first === null || x.at < first.at)) first = x;
        if (first !== null && first.at <= f.completedAt) continue; // an earlier (or simultaneous) first stays
        rowAt(region, day)[fields[k]] += 1;
        if (first !== null) rowAt(region, first.day)[fields[k]] -= 1;
      }
    }
  }
  return rows.filter((d) => DAY_FIELDS.some((k) => d[k] !== 0));
}

/**
 * The day-row changes when one completion leaves the statistics (revoked, deleted) or re-enters them
 * (reinstated): the difference of recounts with and without it over `related`, the completions that share its
 * person or its enterprise (nobody else's firsts can move). Same method as revocationDeltas (keys.ts).
 */
export function dayDifference(related: readonly DayFacts[], target: number, leaving: boolean): DayDelta[] {
  const withTarget = recountDays(related);
  const withoutTarget = recountDays(related.filter((_, i) => i !== target));
  const [before, after] = leaving ? [withTarget, withoutTarget] : [withoutTarget, withTarget];
  const out: DayDelta[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [b, a] = [before.get(key) ?? zeroDayCounts(), after.get(key) ?? zeroDayCounts()];
    const delta = zeroDayCounts();
    for (const k of DAY_FIELDS) delta[k] = a[k] - b[k];
    if (!DAY_FIELDS.some((k) => delta[k] !== 0)) continue;
    const [region, day] = key.split('|');
    out.push({ region, day, ...delta });
  }
  return out;
}

/**
 * The period kind whose firsts answer a range exactly: the range starts on the first day of that kind's period
 * and ends inside the same period. Year first (the default view and its comparison), then quarter, then month;
 * any that fits gives the same figures. Null: the range is counted from the completions.
 */
export function firstsKindOf(range: { from: string; to: string }): DayKind | null {
  const { from, to } = range;
  if (from > to || from.slice(8) !== '01') return null;
  for (const kind of DAY_KINDS) {
    const startsPeriod = kind === 'month' || (kind === 'quarter' ? (Number(from.slice(5, 7)) - 1) % 3 === 0 : from.slice(5, 7) === '01');
    if (startsPeriod && periodOfDay(from, kind) === periodOfDay(to, kind)) return kind;
  }
  return null;
}

/** A range's figures from its day rows (already summed per column): which columns to add for a kind. */
export const dayColumnsOf = (kind: DayKind) => ({
  attendeeTimes: 'attendeeTimes' as const,
  attendees: field('attendees', kind),
  enterprises: field('enterprises', kind),
});

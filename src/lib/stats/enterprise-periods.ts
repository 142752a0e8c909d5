/**
 * Per-(region, period, enterprise) summaries for the regulators' trained-enterprise list
 * (GET /api/qa/stats/enterprises, src/server/stats-range.ts): so that the default view, a whole year (or the year so
 * far) sorted by completions, is one index range read in sorted order instead of a grouping of the region's
 * completions of the range.
 *
 * One row per (region, period, enterprise) holds, over the enterprise's counted (not revoked) completions in that
 * region and period: 培训人次 (completions), 培训人数 (distinct people) and the last completion instant. The region is
 * the one on the completion row (the snapshot at completion), at the province-level unit (66 for the Corps),
 * prefecture and county levels: exactly what the list's scan filters on (`c.province_code = region`, etc.). So
 * an enterprise that moved counts in both regions, like the day rows (day-firsts.ts) and unlike the counters
 * (keys.ts, which attribute an enterprise to the region of its first completion of the period). No national rows:
 * the list is read within a province.
 *
 * Periods (LIST_KINDS): the year and the whole programme ("all", the list without dates). A completion counts in
 * year Y when both its stored month and its Beijing day lie in Y: the same test as the scan's
 * `month BETWEEN … AND completed_at BETWEEN …` for the whole year (the two agree unless an admin edit made them
 * disagree). Quarters and months are not kept (each would add a row per enterprise and period: about three times
 * the rows for quarters, eight times for months at the bench's 10 completions per enterprise); their ranges keep
 * the scan, which is bounded by a quarter's or a month's completions of the region. See docs/statistics.md.
 *
 * Pure: no I/O. The server applies these rows in the transaction of the completion, revocation, deletion or edit
 * (src/server/stats-enterprises.ts); the rebuild computes the same rows in SQL (src/server/stats-rebuild.ts).
 */
import { beijingDayOf, dayFactsOfRow, type DayFacts, type StoredDayRow } from './day-firsts.ts';
import type { DateRange } from './date-range.ts';

export const LIST_KINDS = ['year', 'all'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** What the summaries read of a completion: the day rows' facts and the stored reporting month ("2026-03"). */
export interface ListFacts extends DayFacts {
  month: string;
}

/** A completion as stored (the columns the summaries read), for tools and tests. */
export interface StoredListRow extends StoredDayRow {
  month: string;
}

export function listFactsOfRow(r: StoredListRow): ListFacts {
  return { ...dayFactsOfRow(r), month: r.month };
}

/** One summary row's figures. */
export interface EnterpriseTotals {
  attendeeTimes: number;
  attendees: number;
  /** The latest completed_at ('' when there is none). */
  lastCompletion: string;
}
export interface EnterpriseRow extends EnterpriseTotals {
  region: string;
  period: string;
  enterprise: string;
}

export const summaryKey = (region: string, period: string, enterprise: string) => `${region}|${period}|${enterprise}`;

/** The region rows a completion belongs to: province-level unit, prefecture, county (blank codes have none). */
export const listRegionsOf = (f: Pick<ListFacts, 'province' | 'prefecture' | 'county'>): string[] =>
  [f.province, f.prefecture, f.county].filter((r) => r !== '');

/** The periods a completion counts in: "all", and its year when its stored month and its Beijing day agree on it. */
export function listPeriodsOf(f: Pick<ListFacts, 'month' | 'completedAt'>): string[] {
  const year = beijingDayOf(f.completedAt).slice(0, 4);
  // The scan's test for the whole year: month >= 'Y-01' AND month <= 'Y-12' (text), and the instant in Y.
  return f.month >= `${year}-01` && f.month <= `${year}-12` ? [year, 'all'] : ['all'];
}

/** The summary keys a completion touches (its enterprise's rows of its regions and periods). */
export function listKeysOf(f: ListFacts): string[] {
  const out: string[] = [];
  for (const region of listRegionsOf(f)) for (const period of listPeriodsOf(f)) out.push(summaryKey(region, period, f.enterprise));
  return out;
}

/**
 * Every summary row from the counted completions (revoked ones left out by the caller): the reference the
 * stored rows must equal (tests, the rebuild's check, the bench). Order does not matter.
 */
export function recountEnterpriseRows(completions: readonly ListFacts[]): Map<string, EnterpriseTotals> {
  const rows = new Map<string, EnterpriseTotals>();
  const people = new Set<string>();
  for (const f of completions) {
    for (const key of listKeysOf(f)) {
      const row = rows.get(key) ?? { attendeeTimes: 0, attendees: 0, lastCompletion: '' };
      row.attendeeTimes += 1;
      const person = `${key}|${f.user}`;
      if (!people.has(person)) {
        people.add(person);
        row.attendees += 1;
      }
      if (f.completedAt > row.lastCompletion) row.lastCompletion = f.completedAt;
      rows.set(key, row);
    }
  }
  return rows;
}

/** The stored row of a summary key. */
export function rowOfKey(key: string, totals: EnterpriseTotals): EnterpriseRow {
  const [region, period, enterprise] = key.split('|');
  return { region, period, enterprise, ...totals };
}

/**
 * The rows to add when one completion is recorded, given the same person's other counted completions at the same
 * enterprise (a person has a handful): one more completion in each of its rows, one more person where the person
 * had no other completion of that enterprise in that region and period, and the last completion the later of the
 * two. Exact in any recording order (a session recorded late changes no other row). The server adds these
 * (attendee_times and attendees added, last_completed the maximum).
 */
export function enterpriseInsertRows(f: ListFacts, samePersonSameEnterprise: readonly ListFacts[]): EnterpriseRow[] {
  const seen = new Set<string>();
  for (const o of samePersonSameEnterprise) for (const key of listKeysOf(o)) seen.add(key);
  return listKeysOf(f).map((key) => rowOfKey(key, { attendeeTimes: 1, attendees: seen.has(key) ? 0 : 1, lastCompletion: f.completedAt }));
}

/**
 * The rows of `keys` recounted over an enterprise's counted completions as they now are (after a revocation,
 * reinstatement, deletion or edit): absolute values to store; a key with no completion left has attendeeTimes 0
 * (the server deletes that row).
 */
export function enterpriseRowsOfKeys(enterpriseCompletions: readonly ListFacts[], keys: Iterable<string>): EnterpriseRow[] {
  const wanted = new Set(keys);
  const recounted = recountEnterpriseRows(enterpriseCompletions.filter((f) => listKeysOf(f).some((k) => wanted.has(k))));
  return [...wanted].map((key) => rowOfKey(key, recounted.get(key) ?? { attendeeTimes: 0, attendees: 0, lastCompletion: '' }));
}

/**
 * The summary period that answers a range of the list: no range = "all"; a range from 1 January of a year to a day
 * of the same year = that year, `complete` when it ends on 31 December. An incomplete year (the default view,
 * "1 January to today") equals the year's row only when the region has no counted completion of that year after
 * the range: the server checks that with a few index seeks (no future completions exist, so "to today" always
 * qualifies) and otherwise counts from the completions. Any other range: null (the scan).
 */
export function listPeriodOf(range: DateRange | null): { kind: ListKind; period: string; complete: boolean } | null {
  if (!range) return { kind: 'all', period: 'all', complete: true };
  const year = range.from.slice(0, 4);
  if (range.from !== `${year}-01-01` || range.to.slice(0, 4) !== year || range.to < range.from) return null;
  return { kind: 'year', period: year, complete: range.to === `${year}-12-31` };
}

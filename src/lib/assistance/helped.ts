/**
 * 帮扶企业数 (helped enterprises), from the assistance record and never from survey answers: the distinct
 * enterprises with an accepted assistance (one that became active) in force at some moment of the period,
 * i.e. accepted before the period ends and not closed or ended before it starts. Region and sector are
 * those of the enterprise as snapshotted on the assistance at acceptance. Periods are cut in Beijing time.
 */
import type { Period } from '../stats/keys.ts';
import { fromBeijing, toPbDate } from '../beijing-time.ts';

/** [start, end) of a period as UTC instants; the boundaries are Beijing-time midnights. */
export function periodRange(period: Period): { start: Date; end: Date } | null {
  if (period.kind === 'all') return null;
  const year = Number(period.key.slice(0, 4));
  let first = 0;
  let months = 12;
  if (period.kind === 'month') {
    first = Number(period.key.slice(5, 7)) - 1;
    months = 1;
  } else if (period.kind === 'quarter') {
    first = (Number(period.key.slice(-1)) - 1) * 3;
    months = 3;
  }
  // fromBeijing takes 1-based months and rolls month 13 over to January of the next year, as Date.UTC does.
  return { start: fromBeijing(year, first + 1, 1), end: fromBeijing(year, first + months + 1, 1) };
}

export interface AssistanceFacts {
  enterprise: string;
  acceptedAt: string | null; // ISO; null when never accepted
  finishedAt: string | null; // closed or ended; null while active
}

export function helpedInPeriod(a: AssistanceFacts, range: { start: Date; end: Date } | null): boolean {
  if (!a.acceptedAt) return false;
  if (!range) return true;
  const accepted = Date.parse(a.acceptedAt);
  const finished = a.finishedAt ? Date.parse(a.finishedAt) : Infinity;
  return accepted < range.end.getTime() && finished >= range.start.getTime();
}

/** Distinct enterprises helped in the period (an enterprise with two assistances counts once). */
export function helpedEnterprises(records: readonly AssistanceFacts[], range: { start: Date; end: Date } | null): Set<string> {
  const out = new Set<string>();
  for (const r of records) if (helpedInPeriod(r, range)) out.add(r.enterprise);
  return out;
}

/**
 * helpedInPeriod as an SQL condition over PocketBase's date columns (text "2026-03-01 10:00:00.000Z", '' when
 * unset, so text order is time order), for counting in SQLite instead of row by row in the JS VM; bind
 * helpedRangeParams(range). Unit-tested against helpedInPeriod.
 */
export const helpedInPeriodSql = (accepted = 'accepted_at', finished = 'finished_at') =>
  `(COALESCE(${accepted}, '') != '' AND ({:helpedEnd} = '' OR ${accepted} < {:helpedEnd}) AND (COALESCE(${finished}, '') = '' OR {:helpedStart} = '' OR ${finished} >= {:helpedStart}))`;

export function helpedRangeParams(range: { start: Date; end: Date } | null): { helpedStart: string; helpedEnd: string } {
  return range ? { helpedStart: toPbDate(range.start), helpedEnd: toPbDate(range.end) } : { helpedStart: '', helpedEnd: '' };
}

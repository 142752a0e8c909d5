/**
 * Custom date ranges of the regulators' statistics: whole Beijing calendar days, from–to inclusive, counted
 * from the completions themselves (not from the monthly counters), and the same days one year earlier for
 * the year-on-year comparison. Pure: used by the server routes and by the dashboard's form.
 * Definitions: docs/statistics.md, "Custom date ranges and year on year".
 */
import { beijingDateKey, fromBeijing, toPbDate } from '../beijing-time.ts';

/** The longest range asked for at once (five years): longer ranges are the "all" period of the dashboard. */
export const MAX_RANGE_DAYS = 366 * 5;
/** The programme's statistics start in 2020 (dashboard/period.ts FIRST_YEAR). */
export const FIRST_DAY = '2020-01-01';

export interface DateRange {
  from: string;
  to: string;
}
export type RangeCheck = { ok: true; range: DateRange; days: number } | { ok: false; field: 'from' | 'to'; code: string; message: string };

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date "2026-02-28" as [year, month, day], or null when it is not a real date. */
export function parseDay(value: string): [number, number, number] | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? [y, mo, d] : null;
}

const dayNumber = ([y, m, d]: [number, number, number]) => Date.UTC(y, m - 1, d) / DAY_MS;

/** Checks a from–to range of Beijing dates (today = the Beijing date now); Chinese messages for the form. */
export function checkRange(fromRaw: unknown, toRaw: unknown, now: Date | number = Date.now()): RangeCheck {
  const from = typeof fromRaw === 'string' ? fromRaw.trim() : '';
  const to = typeof toRaw === 'string' ? toRaw.trim() : '';
  const today = beijingDateKey(now);
  if (!from) return { ok: false, field: 'from', code: 'required', message: '请选择开始日期' };
  if (!to) return { ok: false, field: 'to', code: 'required', message: '请选择结束日期' };
  const f = parseDay(from);
  if (!f) return { ok: false, field: 'from', code: 'invalid_date', message: `开始日期“${from}”不是有效日期，格式如 2026-01-01` };
  const t = parseDay(to);
  if (!t) return { ok: false, field: 'to', code: 'invalid_date', message: `结束日期“${to}”不是有效日期，格式如 2026-03-31` };
  if (from < FIRST_DAY)
    return { ok: false, field: 'from', code: 'too_early', message: `开始日期不能早于 ${FIRST_DAY}（平台统计从这一天开始）` };
  if (to > today) return { ok: false, field: 'to', code: 'in_future', message: `结束日期不能晚于今天（${today}）` };
  if (from > to) return { ok: false, field: 'to', code: 'before_start', message: '结束日期不能早于开始日期' };
  const days = dayNumber(t) - dayNumber(f) + 1;
  if (days > MAX_RANGE_DAYS) return { ok: false, field: 'to', code: 'too_long', message: '时间段最长五年；更长的时间请选“全部期间”' };
  return { ok: true, range: { from, to }, days };
}

/** The dashboard's default range, this year so far: 1 January to today (Beijing). */
export function defaultRange(now: Date | number = Date.now()): DateRange {
  const today = beijingDateKey(now);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/**
 * The same days one year earlier: 2026-03-01–2026-03-31 -> 2025-03-01–2025-03-31. 29 February becomes
 * 28 February, so a range never ends in the following month.
 */
export function sameRangeLastYear(range: DateRange): DateRange {
  const back = (day: string) => {
    const [y, m, d] = parseDay(day)!;
    const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate(); // days in that month a year earlier
    return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  };
  return { from: back(range.from), to: back(range.to) };
}

/**
 * The range as stored instants and months: completed_at >= start AND completed_at < end (PocketBase's UTC
 * text, which sorts as time), and the Beijing months it touches (completions.month), which let SQLite use
 * the (region, month) indexes before it looks at the exact instants.
 */
export function rangeBounds(range: DateRange): { start: string; end: string; firstMonth: string; lastMonth: string } {
  const [fy, fm, fd] = parseDay(range.from)!;
  const [ty, tm, td] = parseDay(range.to)!;
  return {
    start: toPbDate(fromBeijing(fy, fm, fd)),
    end: toPbDate(fromBeijing(ty, tm, td + 1)),
    firstMonth: range.from.slice(0, 7),
    lastMonth: range.to.slice(0, 7),
  };
}

export interface Change {
  current: number;
  previous: number;
  difference: number /** null when last year was 0 */;
  percent: number | null;
}

/** Year-on-year change of one figure: difference and percentage (rounded half up to two decimals). */
export function yearOnYear(current: number, previous: number): Change {
  const difference = current - previous;
  const percent = previous === 0 ? null : Math.round(((difference / previous) * 100 + Number.EPSILON) * 100) / 100;
  return { current, previous, difference, percent };
}

/** "+12.50%", "-3%", "—" (no base last year) for screens and exports. */
export function formatChange(change: Change): string {
  if (change.percent === null) return change.current === 0 ? '—' : '—（去年同期为 0）';
  const sign = change.percent > 0 ? '+' : '';
  return `${sign}${change.percent}%`;
}

/** "+3", "-2", "0" */
export const formatDifference = (n: number) => (n > 0 ? `+${n}` : String(n));

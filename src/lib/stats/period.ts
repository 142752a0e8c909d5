/** Reporting periods are whole months, written YYYY-MM; a range includes both ends. */
export interface MonthRange { from: string; to: string }

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (value: string) => MONTH.test(value);

export function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export type RangeResult = { ok: true; range: MonthRange } | { ok: false; field: 'from' | 'to'; message: string };

/** Validates a requested period. Missing ends default to the programme's start and the current month. */
export function parseMonthRange(from: string | undefined, to: string | undefined, now: Date): RangeResult {
  const f = from || '2020-01';
  const t = to || monthOf(now);
  if (!isMonth(f)) return { ok: false, field: 'from', message: `开始月份“${from}”格式不对，应为 YYYY-MM，例如 2026-01` };
  if (!isMonth(t)) return { ok: false, field: 'to', message: `结束月份“${to}”格式不对，应为 YYYY-MM，例如 2026-12` };
  if (f > t) return { ok: false, field: 'from', message: '开始月份不能晚于结束月份' };
  return { ok: true, range: { from: f, to: t } };
}

/** Months of a range in order, for trend charts with no gaps. */
export function monthsIn({ from, to }: MonthRange): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) { m = 1; y += 1; }
  }
  return out;
}

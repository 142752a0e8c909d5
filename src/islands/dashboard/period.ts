/** The period picker's model: a period key ("2026", "2026-Q1", "2026-03", "all") split into its parts and back. */
import { monthOf, parsePeriod, yearOf, type PeriodKind } from '../../lib/stats/keys.ts';
import { t } from '../../i18n/index.ts';

export interface PeriodParts {
  kind: PeriodKind;
  year: number;
  quarter: number;
  month: number;
}

/** The first year the programme has data for; the picker offers every year from it to this one. */
export const FIRST_YEAR = 2020;

/** This year and month in Beijing time, whatever the browser's time zone. */
const beijingNow = (now: Date) => ({ year: Number(monthOf(now).slice(0, 4)), month: Number(monthOf(now).slice(5)) });

export const currentYearKey = (now = new Date()) => yearOf(now);

export function periodParts(key: string, now = new Date()): PeriodParts {
  const period = parsePeriod(key) ?? { key: currentYearKey(now), kind: 'year' as const };
  const today = beijingNow(now);
  const year = period.kind === 'all' ? today.year : Number(period.key.slice(0, 4));
  const isThisYear = year === today.year;
  const month = period.kind === 'month' ? Number(period.key.slice(5)) : isThisYear ? today.month : 1;
  const quarter = period.kind === 'quarter' ? Number(period.key.slice(-1)) : Math.ceil(month / 3);
  return { kind: period.kind, year, quarter, month };
}

export function periodKey(p: PeriodParts): string {
  if (p.kind === 'all') return 'all';
  if (p.kind === 'year') return String(p.year);
  if (p.kind === 'quarter') return `${p.year}-Q${p.quarter}`;
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** Years the picker offers, newest first (a year asked for in the URL is kept even if out of range). */
export function pickerYears(selected: number, now = new Date()): number[] {
  const last = Math.max(beijingNow(now).year, selected);
  const first = Math.min(FIRST_YEAR, selected);
  const out: number[] = [];
  for (let y = last; y >= first; y--) out.push(y);
  return out;
}

/** "2026 年", "2026 年第一季度", "2026 年 3 月", "全部期间". */
export function periodLabel(key: string): string {
  const period = parsePeriod(key);
  if (!period) return key;
  if (period.kind === 'all') return t('stats.period.allLabel');
  const year = period.key.slice(0, 4);
  if (period.kind === 'year') return t('stats.period.yearLabel', { year });
  if (period.kind === 'quarter')
    return t('stats.period.quarterLabel', { year, quarter: t(`stats.period.q${period.key.slice(-1)}` as 'stats.period.q1') });
  return t('stats.period.monthLabel', { year, month: Number(period.key.slice(5)) });
}

/** The survey is answered once a year: which year(s) a period's survey results cover ("2026 年", "全部年度"). */
export function surveyYearText(key: string): string {
  const period = parsePeriod(key);
  if (!period || period.kind === 'all') return t('stats.survey.allYears');
  return t('stats.period.yearLabel', { year: period.key.slice(0, 4) });
}

/** "调查年度：2026 年" */
export const surveyYearLabel = (key: string) => t('stats.survey.yearLabel', { year: surveyYearText(key) });

/**
 * Display helpers shared by pages, islands and the certificate drawing. Dates shown to people are Beijing
 * dates whatever the viewer's time zone (src/lib/beijing-time.ts): a course finished at 06:30 on 1 December
 * in Beijing reads 12月1日 on a certificate printed in Los Angeles too.
 */
import { beijingParts, parsePbDate } from './beijing-time.ts';

export const totalMinutes = (lessons: { minutes: number }[]) => lessons.reduce((s, l) => s + l.minutes, 0);

const pad = (n: number) => String(n).padStart(2, '0');

/** A duration on a clock: 83 → "1:23" (the video's resume point, the quiz's time left). */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

/** "2026-11-28 09:30:00.000Z" (PocketBase) or ISO -> "2026年11月28日" (Beijing date); unparseable text is returned as is. */
export function formatDateZh(value: string | null | undefined): string {
  const date = parsePbDate(value);
  if (!date) return value ?? '';
  const p = beijingParts(date);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** Beijing time, to the minute: "2026-03-05 14:07"; "" when empty. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = parsePbDate(value);
  if (!date) return value;
  const p = beijingParts(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * 12345 -> "12,345" (zh-CN grouping, as `toLocaleString('zh-CN')` writes it). Whole numbers are grouped here:
 * `toLocaleString` builds a new ICU formatter on every call (about 0.5 ms a table cell on a slow phone, a third of
 * the dashboard's script time), and even one `Intl.NumberFormat` costs some 15 ms to create there
 * (docs/performance.md). Anything else (fractions, huge values) goes to `toLocaleString`.
 */
export function formatInt(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('zh-CN');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

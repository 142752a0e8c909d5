/**
 * Instants and Beijing time. Instants are stored in UTC (PocketBase's "2026-11-28 09:30:00.000Z"); everything
 * people see and every reporting period is in Beijing time (Asia/Shanghai, UTC+8, no daylight saving since
 * 1991), whatever the time zone of the server or of the viewer's browser. Plain arithmetic, no Intl: the same
 * code runs in the browser, in Node and in PocketBase's JS VM.
 */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** A PocketBase date ("2026-11-28 09:30:00.000Z"), an ISO string or a date "2026-11-28" (midnight UTC); null when empty or invalid. */
export function parsePbDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value.includes('T') || !value.includes(' ') ? value : value.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Milliseconds since the epoch of a PocketBase date, NaN when empty or invalid. */
export const pbDateMs = (value: string | null | undefined): number => parsePbDate(value)?.getTime() ?? NaN;

/** An instant as PocketBase stores it: "2026-11-28 09:30:00.000Z". */
export const toPbDate = (date: Date | number): string => new Date(date).toISOString().replace('T', ' ');

export interface BeijingParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Beijing wall-clock reading of an instant. */
export function beijingParts(date: Date | number): BeijingParts {
  const shifted = new Date(new Date(date).getTime() + BEIJING_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-02-01": the Beijing calendar date of an instant. */
export function beijingDateKey(date: Date | number): string {
  const p = beijingParts(date);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The instant at which a Beijing wall-clock time occurs (month 1-12). */
export const fromBeijing = (year: number, month: number, day: number, hour = 0, minute = 0): Date =>
  new Date(Date.UTC(year, month - 1, day, hour, minute) - BEIJING_OFFSET_MS);

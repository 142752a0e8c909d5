/**
 * Rules of a live in-person session (docs/in-person-sessions.md): when check-in is open, who fits, and what
 * a trainer may create. Pure; the server (src/server/checkin/) and the pages call these.
 */
import { fromBeijing } from '../beijing-time.ts';

/** Check-in opens this long before the start… */
export const OPENS_BEFORE_MS = 30 * 60_000;
/** …and stays open this long after the end, for latecomers and slow phones. */
export const GRACE_AFTER_MS = 30 * 60_000;
export const MAX_DURATION_MS = 12 * 3_600_000;
export const MAX_CAPACITY = 500;
export const SESSION_FORMATS = ['lecture', 'small_class', 'site_visit'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];
export const FORMAT_LABELS: Record<SessionFormat, string> = { lecture: '讲座', small_class: '小班授课', site_visit: '专家进企（现场）' };

export const MESSAGES = {
  staleCode: '二维码已过期，请重新扫描现场屏幕上的二维码',
  wrongManualCode: '签到码不对或已过期，请核对现场屏幕上的 6 位签到码',
  ticketExpired: '签到页面打开太久了，请重新扫描现场屏幕上的二维码',
  notYetOpen: (opensAt: string) => `签到还没开始：本场培训 ${opensAt} 起可以签到（开始前 30 分钟）`,
  ended: '本场培训的签到时间已过，请联系培训老师',
  closed: '本场培训已结束签到，请联系培训老师',
  full: (capacity: number) => `本场培训名额已满（${capacity} 人），请联系培训老师`,
  already: '您已签到，无需重复签到',
  done: '签到成功',
  otherEnterprise: '本场培训只面向一家企业的员工：您所在的企业不在此列，请联系培训老师',
  notLearner: '只有企业学员账号可以签到（培训老师、监管人员账号不能签到）',
} as const;

export type WindowState = { open: true } | { open: false; code: 'closed' | 'not_yet_open' | 'ended'; message: string };

/** Beijing time "YYYY-MM-DD HH:mm" for messages. */
export function beijingMinute(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export function checkinWindow(s: { startsAt: number; endsAt: number; closed: boolean }, now: number): WindowState {
  if (s.closed) return { open: false, code: 'closed', message: MESSAGES.closed };
  if (now < s.startsAt - OPENS_BEFORE_MS)
    return { open: false, code: 'not_yet_open', message: MESSAGES.notYetOpen(beijingMinute(s.startsAt - OPENS_BEFORE_MS)) };
  if (now > s.endsAt + GRACE_AFTER_MS) return { open: false, code: 'ended', message: MESSAGES.ended };
  return { open: true };
}

/** A new check-in fits while fewer than `capacity` people are checked in (the same person again always fits). */
export const hasRoom = (checkedIn: number, capacity: number): boolean => checkedIn < capacity;

export interface SessionInput {
  start: string;
  end: string;
  capacity: unknown;
  format: unknown;
  location: unknown;
}
export interface ValidSession {
  startsAt: number;
  endsAt: number;
  capacity: number;
  format: SessionFormat;
  location: string;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/** "YYYY-MM-DDTHH:mm" in Beijing time (what <input type="datetime-local"> sends) → epoch ms, or null. */
export function parseBeijingMinute(value: unknown): number | null {
  const m = typeof value === 'string' ? LOCAL.exec(value.trim()) : null;
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const date = fromBeijing(y, mo, d, h, mi);
  return beijingMinute(date.getTime()) === `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` ? date.getTime() : null;
}

/** Checks what a trainer typed; field errors in Chinese, keyed by form field. */
export function validateSession(
  input: SessionInput,
  now: number,
): { ok: true; value: ValidSession } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const startsAt = parseBeijingMinute(input.start);
  const endsAt = parseBeijingMinute(input.end);
  if (startsAt === null) errors.start = '请填写开始时间（北京时间），例如 2026-12-01 09:00';
  if (endsAt === null) errors.end = '请填写结束时间（北京时间），例如 2026-12-01 11:30';
  if (startsAt !== null && endsAt !== null) {
    if (endsAt <= startsAt) errors.end = '结束时间应晚于开始时间';
    else if (endsAt - startsAt > MAX_DURATION_MS) errors.end = '一场培训最长 12 小时；多天的培训请每天建一场';
    if (endsAt + GRACE_AFTER_MS < now) errors.start = '这场培训已经结束了：已举办的培训请用下方“登记线下培训”补登';
    else if (startsAt > now + 366 * 86_400_000) errors.start = '只能安排一年以内的培训';
  }
  const capacity = typeof input.capacity === 'number' ? input.capacity : Number(input.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) errors.capacity = `名额应为 1 到 ${MAX_CAPACITY} 之间的整数`;
  const format = SESSION_FORMATS.find((f) => f === input.format);
  if (!format) errors.format = '请选择培训形式：讲座、小班授课或专家进企';
  const location = typeof input.location === 'string' && input.location.length <= 400 ? input.location.trim() : '';
  const len = Array.from(location).length;
  if (len < 2 || len > 100) errors.location = '请填写 2 到 100 字的培训地点，例如 织里镇童装商会三楼会议室';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { startsAt: startsAt!, endsAt: endsAt!, capacity, format: format!, location } };
}

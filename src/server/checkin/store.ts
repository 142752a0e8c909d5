/** Reading live sessions and their check-ins for the check-in routes (src/server/checkin/). */
import { checkinWindow, type SessionFormat, type WindowState } from '../../lib/checkin/rules.ts';
import type { Hmac } from '../../lib/checkin/codes.ts';
import { pbDateMs } from '../../lib/beijing-time.ts';
import { content } from '../content.ts';

/** PocketBase's HMAC-SHA256 (hex), in the argument order of the pure rules. */
export const hmac: Hmac = (key, message) => $security.hs256(message, key);

/** What anyone allowed to see a live session sees (attendees and trainers alike); never the secret. */
export interface LiveSessionInfo {
  id: string;
  course: string;
  courseTitle: string;
  title: string;
  format: SessionFormat;
  /** ISO instants */
  startsAt: string;
  endsAt: string;
  location: string;
  /** only this enterprise's staff may check in; null: open to everyone */
  enterpriseName: string | null;
  capacity: number;
  closed: boolean;
  window: WindowState;
}

export const startsAt = (s: PbRecord) => pbDateMs(s.getString('starts_at'));
export const endsAt = (s: PbRecord) => pbDateMs(s.getString('ends_at'));
export const isClosed = (s: PbRecord) => s.getString('closed_at') !== '';

export function windowOf(s: PbRecord, now = Date.now()): WindowState {
  return checkinWindow({ startsAt: startsAt(s), endsAt: endsAt(s), closed: isClosed(s) }, now);
}

export function sessionInfo(app: PbApp, s: PbRecord, now = Date.now()): LiveSessionInfo {
  const enterprise = s.getString('enterprise') ? app.findRecordById('enterprises', s.getString('enterprise')) : null;
  return {
    id: s.id,
    course: s.getString('course'),
    courseTitle: content().courses[s.getString('course')]?.title ?? s.getString('course'),
    title: s.getString('title'),
    format: s.getString('format') as SessionFormat,
    startsAt: new Date(startsAt(s)).toISOString(),
    endsAt: new Date(endsAt(s)).toISOString(),
    location: s.getString('location'),
    enterpriseName: enterprise ? enterprise.getString('name') : null,
    capacity: s.getInt('capacity'),
    closed: isClosed(s),
    window: windowOf(s, now),
  };
}

export function checkedInCount(app: PbApp, sessionId: string): number {
  const rows = arrayOf(new DynamicModel({ n: 0 }));
  app.db().newQuery('SELECT COUNT(*) AS n FROM checkins WHERE live_session = {:s}').bind({ s: sessionId }).all(rows);
  return rows[0]?.n ?? 0;
}

/** The secret, read only here (the field is hidden from every API). */
export const secretOf = (s: PbRecord) => s.getString('secret');

import { checkName } from '../lib/security/names.ts';
import { content } from './content.ts';
import { createCompletion } from './completion.ts';
import { ACCOUNT_LIMITS, RATE_LIMIT_MESSAGE } from '../lib/security/rate-limits.ts';
import { badRequest, body, findById, findOne, forbidden, inTransaction, requireAuth, tooMany, type FieldError } from './http.ts';
import { count, isThrottled } from './throttle.ts';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_ATTENDEES = 500;

/** Why an attendee was not recorded. `not_eligible` does not say whether an account exists (no enumeration). */
export type RejectReason = 'invalid_email' | 'not_eligible' | 'invalid_name';
export interface RejectedAttendee { email: string; reason: RejectReason; message: string }
export interface SessionRecorded {
  session: string;
  /** attendees who got an in-person completion now */
  created: string[];
  /** attendees who had completed the course before */
  alreadyComplete: string[];
  /** attendees not recorded, with the reason; the others were recorded */
  rejected: RejectedAttendee[];
}
export interface SessionSummary { id: string; course: string; title: string; heldOn: string; location: string; attendeeCount: number }

const REASONS: Record<RejectReason, string> = {
  invalid_email: '邮箱格式不对',
  not_eligible: '没有可登记的企业学员账号：请确认学员已用这个邮箱注册并加入企业',
  invalid_name: '学员的姓名不符合要求（须为 2 到 30 个字），请学员先改正账号里的姓名',
};

function requireTrainer(e: PbRequestEvent): PbRecord {
  const trainer = requireAuth(e);
  if (trainer.getString('role') !== 'trainer') throw forbidden('只有培训老师可以登记线下培训');
  return trainer;
}

/**
 * POST /api/qa/sessions {course, title, heldOn, location, attendees: [email]}: a trainer records an
 * in-person session. Every eligible attendee who has not completed the course yet gets an in-person
 * completion (and a certificate). One bad attendee never sinks the session: the others are recorded and the
 * rejected are reported with their reason. The session itself (course, title, date) is checked first.
 */
export function recordSession(e: PbRequestEvent): SessionRecorded {
  const trainer = requireTrainer(e);
  // Per account as well as per IP: each record may name up to 500 emails.
  if (isThrottled(e.app, `sessions:${trainer.id}`, ACCOUNT_LIMITS.sessions)) throw tooMany(RATE_LIMIT_MESSAGE);
  count(e.app, `sessions:${trainer.id}`, ACCOUNT_LIMITS.sessions);
  const b = body(e);
  const errors: Record<string, FieldError> = {};
  const courseId = typeof b.course === 'string' ? b.course : '';
  if (!content().courses[courseId]) errors.course = { code: 'unknown_course', message: '请选择课程' };
  const rawTitle = typeof b.title === 'string' && b.title.length <= 400 ? b.title.trim() : '';
  if (Array.from(rawTitle).length < 2 || Array.from(rawTitle).length > 100) errors.title = { code: 'invalid_title', message: '请填写 2 到 100 字的培训名称' };
  const heldOn = typeof b.heldOn === 'string' ? b.heldOn : '';
  const match = DAY.exec(heldOn);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 4)) : null;
  const now = Date.now();
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== heldOn) errors.heldOn = { code: 'invalid_date', message: '培训日期格式应为 YYYY-MM-DD' };
  else if (day.getTime() > now + 86_400_000) errors.heldOn = { code: 'future_date', message: '不能登记还没举办的培训' };
  else if (day.getTime() < now - 366 * 86_400_000) errors.heldOn = { code: 'too_old', message: '只能登记一年以内举办的培训' };
  const list = Array.isArray(b.attendees) ? b.attendees : [];
  const emails = [...new Set(list.filter((x): x is string => typeof x === 'string' && x.length <= 254).map((x) => x.trim().toLowerCase()).filter(Boolean))];
  if (emails.length === 0 || list.length > MAX_ATTENDEES) errors.attendees = { code: 'invalid_attendees', message: `请填写 1 到 ${MAX_ATTENDEES} 位学员的注册邮箱` };
  if (Object.keys(errors).length) throw badRequest('登记信息有误，请按提示修改', errors);

  const attendees: PbRecord[] = [];
  const rejected: RejectedAttendee[] = [];
  const reject = (email: string, reason: RejectReason) => rejected.push({ email, reason, message: REASONS[reason] });
  for (const email of emails) {
    if (!EMAIL.test(email)) { reject(email, 'invalid_email'); continue; }
    const user = findOne(e.app, 'users', 'email = {:email}', { email });
    const enterprise = user?.getString('enterprise') ? findById(e.app, 'enterprises', user.getString('enterprise')) : null;
    if (!user || !enterprise || user.getString('role') === 'regulator') { reject(email, 'not_eligible'); continue; }
    // The completion snapshots the name onto the certificate: the one name rule applies here too.
    if (!checkName(user.getString('name')).ok) { reject(email, 'invalid_name'); continue; }
    attendees.push(user);
  }
  if (attendees.length === 0) {
    throw badRequest('没有一位学员可以登记，请按提示修改', {
      attendees: { code: 'no_eligible_attendees', message: rejected.map((r) => `${r.email}：${r.message}`).join('；') },
    });
  }

  return inTransaction(e.app, (tx) => {
    const session = new Record(tx.findCachedCollectionByNameOrId('sessions'));
    session.set('trainer', trainer.id);
    session.set('course', courseId);
    session.set('title', rawTitle);
    session.set('held_on', `${heldOn} 04:00:00.000Z`);
    session.set('location', typeof b.location === 'string' ? Array.from(b.location.slice(0, 400).trim()).slice(0, 100).join('') : '');
    session.set('attendees', attendees.map((a) => a.id));
    // Where the session counts (assessment indicator 2): the county most of its attendees' enterprises are in.
    const place = mostCommonCounty(tx, attendees);
    if (place) for (const field of ['province_code', 'prefecture_code', 'county_code']) session.set(field, place.getString(field));
    tx.save(session);
    const created: string[] = [];
    const alreadyComplete: string[] = [];
    for (const attendee of attendees) {
      if (findOne(tx, 'completions', 'user = {:user} && course = {:course}', { user: attendee.id, course: courseId })) {
        alreadyComplete.push(attendee.getString('email'));
        continue;
      }
      createCompletion(tx, attendee, courseId, { channel: 'in_person', at: day!, session: session.id });
      created.push(attendee.getString('email'));
    }
    return { session: session.id, created, alreadyComplete, rejected };
  });
}

function mostCommonCounty(app: PbApp, attendees: PbRecord[]): PbRecord | null {
  const tally = new Map<string, { n: number; enterprise: PbRecord }>();
  for (const a of attendees) {
    const enterprise = app.findRecordById('enterprises', a.getString('enterprise'));
    const county = enterprise.getString('county_code');
    const entry = tally.get(county) ?? { n: 0, enterprise };
    entry.n += 1;
    tally.set(county, entry);
  }
  let best: { n: number; enterprise: PbRecord } | null = null;
  for (const [county, entry] of [...tally].sort((x, y) => x[0].localeCompare(y[0]))) if (!best || entry.n > best.n) best = entry;
  return best?.enterprise ?? null;
}

/** GET /api/qa/sessions: the trainer's own sessions, newest first. */
export function listSessions(e: PbRequestEvent): { sessions: SessionSummary[] } {
  const trainer = requireTrainer(e);
  const rows = e.app.findRecordsByFilter('sessions', 'trainer = {:trainer}', '-held_on', 200, 0, { trainer: trainer.id });
  return {
    sessions: rows.map((s) => ({
      id: s.id,
      course: s.getString('course'),
      title: s.getString('title'),
      heldOn: s.getString('held_on'),
      location: s.getString('location'),
      attendeeCount: (s.get('attendees') as unknown[] | null)?.length ?? 0,
    })),
  };
}

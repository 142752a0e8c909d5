/**
 * The trainer's side of a live in-person session (docs/in-person-sessions.md): plan it, show the rotating code
 * on the projector, watch and correct the list, close it. Only the course's own trainers create sessions, and
 * each session is seen only by the trainer who created it (others get 404, which does not tell it exists).
 */
import { currentCodes, type CurrentCodes } from '../../lib/checkin/codes.ts';
import { OPENS_BEFORE_MS, validateSession } from '../../lib/checkin/rules.ts';
import { parseAttendees } from '../../lib/attendees.ts';
import { validateUscc } from '../../lib/uscc.ts';
import { beijingDateKey, toPbDate } from '../../lib/beijing-time.ts';
import { checkName } from '../../lib/security/names.ts';
import { content } from '../content.ts';
import { badRequest, body, conflict, findOne, forbidden, inTransaction, notFound, requireAuth, type FieldError } from '../http.ts';
import { isCourseTrainer } from '../trainer/access.ts';
import { resolveAttendee, writeSessionAttendance, type RecordSessionResponse } from '../sessions.ts';
import { checkedInCount, hmac, isClosed, secretOf, sessionInfo, startsAt, type LiveSessionInfo } from './store.ts';

export interface LiveAttendee {
  user: string;
  name: string;
  enterprise: string;
  /** last 4 digits of the phone, to tell two people of the same name apart; "" when none */
  phoneTail: string;
  method: 'qr' | 'code' | 'trainer';
  identifiedBy: 'account' | 'form_linked' | 'form_created' | 'trainer';
  /** ISO instant of the check-in */
  at: string;
}

export interface LiveSessionSummary extends LiveSessionInfo {
  checkedIn: number;
  recordedSession: string | null;
}

export interface LiveSessionDetail extends LiveSessionSummary {
  /** what the projector shows; null once closed */
  codes: CurrentCodes | null;
  /** the QR's target, relative to the site: /checkin/?s=…&c=… */
  checkinPath: string | null;
  attendees: LiveAttendee[];
}

export interface CloseLiveSessionResponse {
  session: LiveSessionSummary;
  recorded: RecordSessionResponse | null;
  skipped: { name: string; reason: string }[];
}
export interface LiveAttendeesResponse {
  attendees: LiveAttendee[];
  message: string;
}

function requireTrainer(e: PbRequestEvent): PbRecord {
  const user = requireAuth(e);
  if (user.getString('role') !== 'trainer') throw forbidden('只有培训老师可以安排线下培训签到');
  return user;
}

/** The trainer's own live session named by {id}, or a 404 (another trainer's session looks like none). */
function ownSession(app: PbApp, trainer: PbRecord, id: string): PbRecord {
  const s = findOne(app, 'live_sessions', 'id = {:id} && trainer = {:trainer}', { id, trainer: trainer.id });
  if (!s) throw notFound('没有找到您安排的这场培训');
  return s;
}

function summary(app: PbApp, s: PbRecord, now = Date.now()): LiveSessionSummary {
  return { ...sessionInfo(app, s, now), checkedIn: checkedInCount(app, s.id), recordedSession: s.getString('session') || null };
}

function attendeesOf(app: PbApp, sessionId: string): LiveAttendee[] {
  const rows = arrayOf(new DynamicModel({ user: '', name: '', enterprise: '', phone: '', method: '', identified_by: '', created: '' }));
  app
    .db()
    .newQuery(
      `SELECT c.user AS user, u.name AS name, COALESCE(e.name, '') AS enterprise, COALESCE(u.phone, '') AS phone, c.method AS method, c.identified_by AS identified_by, c.created AS created
       FROM checkins c JOIN users u ON u.id = c.user LEFT JOIN enterprises e ON e.id = u.enterprise
       WHERE c.live_session = {:s} ORDER BY c.created DESC, c.id`,
    )
    .bind({ s: sessionId })
    .all(rows);
  return rows.map((r) => ({
    user: r.user,
    name: r.name,
    enterprise: r.enterprise,
    phoneTail: r.phone ? String(r.phone).slice(-4) : '',
    method: r.method,
    identifiedBy: r.identified_by,
    at: new Date(String(r.created).replace(' ', 'T')).toISOString(),
  }));
}

/** POST /api/qa/trainer/live-sessions {course, title?, start, end, location, capacity, format, uscc?} */
export function createLiveSession(e: PbRequestEvent): LiveSessionDetail {
  const trainer = requireTrainer(e);
  const b = body(e);
  const now = Date.now();
  const errors: Record<string, FieldError> = {};
  const courseId = typeof b.course === 'string' ? b.course : '';
  if (!content().courses[courseId]) errors.course = { code: 'unknown_course', message: '请选择课程' };
  else if (!isCourseTrainer(e.app, trainer, courseId))
    errors.course = { code: 'not_your_course', message: '您不是这门课程的培训老师，只能为自己负责的课程安排培训' };
  const checked = validateSession(
    { start: b.start as string, end: b.end as string, capacity: b.capacity, format: b.format, location: b.location },
    now,
  );
  if (!checked.ok) for (const [field, message] of Object.entries(checked.errors)) errors[field] = { code: 'invalid', message };
  const rawTitle = typeof b.title === 'string' && b.title.length <= 400 ? b.title.trim() : '';
  const title = rawTitle || (content().courses[courseId]?.title ?? '');
  if (Array.from(title).length < 2 || Array.from(title).length > 100)
    errors.title = { code: 'invalid_title', message: '培训名称应为 2 到 100 字' };
  let enterprise: PbRecord | null = null;
  if (typeof b.uscc === 'string' && b.uscc.trim()) {
    const uscc = validateUscc(b.uscc.slice(0, 40));
    if (!uscc.ok) errors.uscc = { code: `uscc_${uscc.reason}`, message: uscc.message };
    else {
      enterprise = findOne(e.app, 'enterprises', 'uscc = {:uscc}', { uscc: uscc.code });
      if (!enterprise) errors.uscc = { code: 'unknown_enterprise', message: '这家企业还没有在平台登记；面向所有企业的培训请留空' };
    }
  }
  if (Object.keys(errors).length || !checked.ok) throw badRequest('培训信息有误，请按提示修改', errors);
  const v = checked.value;
  const s = new Record(e.app.findCachedCollectionByNameOrId('live_sessions'));
  s.set('trainer', trainer.id);
  s.set('course', courseId);
  s.set('title', title);
  s.set('format', v.format);
  s.set('starts_at', toPbDate(v.startsAt));
  s.set('ends_at', toPbDate(v.endsAt));
  s.set('location', v.location);
  s.set('capacity', v.capacity);
  if (enterprise) s.set('enterprise', enterprise.id);
  // 256 bits from PocketBase's CSPRNG; the codes are HMACs of it, so a code says nothing about the next one.
  s.set('secret', $security.randomString(48));
  e.app.save(s);
  return detail(e.app, s, now);
}

function detail(app: PbApp, s: PbRecord, now = Date.now()): LiveSessionDetail {
  const codes = isClosed(s) ? null : currentCodes(hmac, secretOf(s), now);
  return {
    ...summary(app, s, now),
    codes,
    checkinPath: codes ? `/checkin/?s=${s.id}&c=${codes.token}` : null,
    attendees: attendeesOf(app, s.id),
  };
}

/** GET /api/qa/trainer/live-sessions: the trainer's own live sessions, newest first (the last 100). */
export function listLiveSessions(e: PbRequestEvent): { sessions: LiveSessionSummary[] } {
  const trainer = requireTrainer(e);
  const now = Date.now();
  const rows = e.app.findRecordsByFilter('live_sessions', 'trainer = {:t}', '-starts_at', 100, 0, { t: trainer.id });
  return { sessions: rows.map((s) => summary(e.app, s, now)) };
}

/** GET /api/qa/trainer/live-sessions/{id}: the projector's poll: current codes, count and list. */
export function liveSession(e: PbRequestEvent): LiveSessionDetail {
  const trainer = requireTrainer(e);
  return detail(e.app, ownSession(e.app, trainer, e.request.pathValue('id')));
}

/**
 * POST /api/qa/trainer/live-sessions/{id}/attendees {add: "email, phone or name"} or {remove: userId}: the
 * trainer's corrections while the session is open (someone whose phone failed; someone checked in by mistake).
 * A trainer's addition is not bound by the time window or capacity: the trainer is in the room.
 */
export function correctAttendees(e: PbRequestEvent): LiveAttendeesResponse {
  const trainer = requireTrainer(e);
  const s = ownSession(e.app, trainer, e.request.pathValue('id'));
  if (isClosed(s)) throw conflict('closed', '这场培训已经关闭，名单不能再改；如需补登，请用“登记线下培训”');
  const b = body(e);
  if (typeof b.remove === 'string') {
    const row = findOne(e.app, 'checkins', 'live_session = {:s} && user = {:u}', { s: s.id, u: b.remove });
    if (!row) throw notFound('名单里没有这个人（可能已被移除）');
    e.app.delete(row);
    return { attendees: attendeesOf(e.app, s.id), message: '已从签到名单中移除' };
  }
  const raw = typeof b.add === 'string' && b.add.length <= 200 ? b.add : '';
  const { keys, rejected } = parseAttendees(raw);
  if (keys.length !== 1) {
    const message = rejected[0]?.reason ?? '请填写一位学员的注册邮箱、手机号或姓名';
    throw badRequest(message, { add: { code: 'invalid_attendee', message } });
  }
  const found = resolveAttendee(e.app, keys[0]);
  if ('reason' in found) throw badRequest(found.reason, { add: { code: 'unknown_attendee', message: found.reason } });
  if (s.getString('enterprise') && found.user.getString('enterprise') !== s.getString('enterprise')) {
    throw badRequest('这位学员不是本场培训所面向企业的员工', {
      add: { code: 'other_enterprise', message: '这位学员不是本场培训所面向企业的员工' },
    });
  }
  if (findOne(e.app, 'checkins', 'live_session = {:s} && user = {:u}', { s: s.id, u: found.user.id })) {
    return { attendees: attendeesOf(e.app, s.id), message: `${found.user.getString('name')} 已在名单中` };
  }
  const row = new Record(e.app.findCachedCollectionByNameOrId('checkins'));
  row.set('live_session', s.id);
  row.set('user', found.user.id);
  row.set('method', 'trainer');
  row.set('identified_by', 'trainer');
  e.app.save(row);
  return { attendees: attendeesOf(e.app, s.id), message: `已加入 ${found.user.getString('name')}` };
}

/**
 * POST /api/qa/trainer/live-sessions/{id}/close: no more check-ins; the attendance is recorded as an in-person
 * session through the same path as sessions typed in afterwards (writeSessionAttendance), so every attendee
 * who has not completed the course gets an in-person completion, a certificate and the statistics.
 */
export function closeLiveSession(e: PbRequestEvent): CloseLiveSessionResponse {
  const trainer = requireTrainer(e);
  const id = e.request.pathValue('id');
  ownSession(e.app, trainer, id);
  const now = Date.now();
  return inTransaction(e.app, (tx) => {
    const s = tx.findRecordById('live_sessions', id);
    if (isClosed(s)) throw conflict('already_closed', '这场培训已经关闭过了');
    if (now < startsAt(s) - OPENS_BEFORE_MS && checkedInCount(tx, s.id) > 0) {
      throw conflict('not_started', '培训还没开始，不能关闭已有人签到的培训');
    }
    const found: { input: string; user: PbRecord }[] = [];
    const skipped: { name: string; reason: string }[] = [];
    for (const row of tx.findRecordsByFilter('checkins', 'live_session = {:s}', 'created', 1000, 0, { s: s.id })) {
      const user = tx.findRecordById('users', row.getString('user'));
      if (!user.getString('enterprise')) skipped.push({ name: user.getString('name'), reason: '没有加入企业，无法记入完成记录' });
      else if (!checkName(user.getString('name')).ok)
        skipped.push({ name: user.getString('name'), reason: '姓名不符合要求（须为 2 到 30 个字），请学员改正后由您补登' });
      else found.push({ input: user.getString('name'), user });
    }
    let recorded: RecordSessionResponse | null = null;
    if (found.length) {
      const start = new Date(startsAt(s));
      recorded = writeSessionAttendance(
        tx,
        {
          create: {
            trainer: trainer.id,
            course: s.getString('course'),
            title: s.getString('title'),
            heldOn: beijingDateKey(start),
            location: s.getString('location'),
          },
        },
        found,
        start,
      );
      s.set('session', recorded.session);
    }
    s.set('closed_at', toPbDate(now));
    tx.save(s);
    return { session: summary(tx, s, now), recorded, skipped };
  });
}

import { checkName } from '../lib/security/names.ts';
import { content } from './content.ts';
import { createCompletion } from './completion.ts';
import { parseAttendees, type AttendeeKey, type AttendeeReject } from '../lib/attendees.ts';
import { ACCOUNT_LIMITS, RATE_LIMIT_MESSAGE } from '../lib/security/rate-limits.ts';
import { badRequest, body, findOne, forbidden, inTransaction, notFound, requireAuth, tooMany, type FieldError } from './http.ts';
import { count, isThrottled } from './throttle.ts';
import { isCourseTrainer } from './trainer/access.ts';
import { idempotencyKey } from './quiz.ts';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MAX_ATTENDEES = 500;

/** One attendee as the trainer sees them after recording: who was matched, and what happened. */
export interface SessionAttendee {
  input: string;
  name: string;
  enterprise: string;
  result: 'created' | 'alreadyComplete' | 'alreadyInSession';
}
export interface RecordSessionResponse {
  session: string;
  attendees: SessionAttendee[];
  /** entries that matched nobody (or more than one person), with the reason: nothing was saved for them */
  rejected: AttendeeReject[];
  /** e-mails, kept for older clients */
  created: string[];
  alreadyComplete: string[];
}
export interface SessionSummary {
  id: string;
  course: string;
  title: string;
  heldOn: string;
  location: string;
  attendeeCount: number;
}

function requireTrainer(e: PbRequestEvent): PbRecord {
  const trainer = requireAuth(e);
  if (trainer.getString('role') !== 'trainer') throw forbidden('只有培训老师可以登记线下培训');
  return trainer;
}

/** Finds the learner an entry names: by e-mail, mobile number or (if only one learner has it) name. */
export function resolveAttendee(app: PbApp, key: AttendeeKey): { user: PbRecord } | { reason: string } {
  const filter = key.kind === 'email' ? 'email = {:v}' : key.kind === 'phone' ? 'phone = {:v}' : 'name = {:v}';
  // staff of an enterprise: learners and their managers (a manager may attend too), never trainers or regulators
  const found = app.findRecordsByFilter('users', `${filter} && (role = 'learner' || role = 'enterprise_manager')`, '', 3, 0, {
    v: key.value,
  });
  const what = key.kind === 'email' ? '邮箱' : key.kind === 'phone' ? '手机号' : '姓名';
  // "Not registered" and "not in an enterprise" read the same, so that the form does not tell whether an
  // account exists. (A name shared by several learners cannot avoid saying so: it asks for e-mail or phone.)
  if (found.length === 0 || !found[0].getString('enterprise'))
    return { reason: `没有可登记的企业学员：请确认学员已用这个${what}注册并加入企业` };
  if (found.length > 1)
    return { reason: key.kind === 'name' ? '不止一位学员叫这个名字，请改填邮箱或手机号' : `不止一位学员用这个${what}，请改填邮箱` };
  // The completion snapshots the name onto the certificate: the one name rule applies here too.
  if (!checkName(found[0].getString('name')).ok) return { reason: '学员的姓名不符合要求（须为 2 到 30 个字），请学员先改正账号里的姓名' };
  return { user: found[0] };
}

/**
 * POST /api/qa/sessions {course, title, heldOn, location, attendees, session?}: a trainer records an in-person
 * session. Attendees are e-mails, mobile numbers or names (src/lib/attendees.ts). Every attendee found who
 * has not completed the course yet gets an in-person completion (and a certificate); entries that match
 * nobody, or more than one person, are listed back with the reason and nothing is saved for them. With
 * `session` (one of the trainer's own), the attendees are added to that session: corrections of rejected
 * entries. If no attendee is found, or another field is wrong, nothing is saved.
 */
export function recordSession(e: PbRequestEvent): RecordSessionResponse {
  const trainer = requireTrainer(e);
  // Per account as well as per IP: each record may name up to 500 attendees.
  if (isThrottled(e.app, `sessions:${trainer.id}`, ACCOUNT_LIMITS.sessions)) throw tooMany(RATE_LIMIT_MESSAGE);
  count(e.app, `sessions:${trainer.id}`, ACCOUNT_LIMITS.sessions);
  const b = body(e);
  const errors: Record<string, FieldError> = {};
  const key = idempotencyKey(b.key);
  const existingId = typeof b.session === 'string' ? b.session : '';
  const byKey = (app: PbApp) =>
    key ? findOne(app, 'sessions', 'trainer = {:trainer} && create_key = {:key}', { trainer: trainer.id, key }) : null;
  // A new session sent again with the same key (its answer was lost: network cut, server restarted) is the
  // session the first try saved, not a second training (docs/faults.md).
  const existing = existingId
    ? findOne(e.app, 'sessions', 'id = {:id} && trainer = {:trainer}', { id: existingId, trainer: trainer.id })
    : byKey(e.app);
  if (existingId && !existing) throw notFound('没有找到您登记的这次培训');
  const courseId = existing ? existing.getString('course') : typeof b.course === 'string' ? b.course : '';
  if (!content().courses[courseId]) errors.course = { code: 'unknown_course', message: '请选择课程' };
  else if (!existing && !isCourseTrainer(e.app, trainer, courseId))
    errors.course = { code: 'not_your_course', message: '您不是这门课程的培训老师，只能为自己负责的课程登记培训' };
  const title = existing ? existing.getString('title') : typeof b.title === 'string' && b.title.length <= 400 ? b.title.trim() : '';
  if (Array.from(title).length < 2 || Array.from(title).length > 100)
    errors.title = { code: 'invalid_title', message: '请填写 2 到 100 字的培训名称' };
  const heldOn = existing ? existing.getString('held_on').slice(0, 10) : typeof b.heldOn === 'string' ? b.heldOn : '';
  const match = DAY.exec(heldOn);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 4)) : null;
  const now = Date.now();
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== heldOn)
    errors.heldOn = { code: 'invalid_date', message: '培训日期格式应为 YYYY-MM-DD' };
  else if (!existing && day.getTime() > now + 86_400_000) errors.heldOn = { code: 'future_date', message: '不能登记还没举办的培训' };
  else if (!existing && day.getTime() < now - 366 * 86_400_000) errors.heldOn = { code: 'too_old', message: '只能登记一年以内举办的培训' };

  const raw = typeof b.attendees === 'string' || Array.isArray(b.attendees) ? b.attendees : [];
  const { keys, rejected } = parseAttendees(raw);
  const found: { key: AttendeeKey; user: PbRecord }[] = [];
  if (keys.length + rejected.length > MAX_ATTENDEES) {
    errors.attendees = { code: 'too_many_attendees', message: `一次最多登记 ${MAX_ATTENDEES} 位学员` };
  } else {
    const ids = new Set<string>();
    for (const key of keys) {
      const r = resolveAttendee(e.app, key);
      if ('reason' in r) rejected.push({ input: key.input, reason: r.reason });
      else if (!ids.has(r.user.id)) {
        ids.add(r.user.id);
        found.push({ key, user: r.user });
      }
    }
    if (found.length === 0) {
      const detail = rejected.map((x) => `${x.input}（${x.reason}）`).join('、');
      errors.attendees = rejected.length
        ? { code: 'unknown_attendees', message: `没有找到可以登记的学员：${detail}` }
        : { code: 'invalid_attendees', message: '请填写参训学员的注册邮箱、手机号或姓名' };
    } else if (Object.keys(errors).length && rejected.length) {
      errors.attendees = {
        code: 'unknown_attendees',
        message: `这些学员没有找到：${rejected.map((x) => `${x.input}（${x.reason}）`).join('、')}`,
      };
    }
  }
  if (Object.keys(errors).length) throw badRequest('登记信息有误，请按提示修改', errors);

  return inTransaction(e.app, (tx) => {
    // Checked again inside the transaction (one writer at a time): two concurrent tries with one key save one session.
    const saved = existing ?? byKey(tx);
    const target = saved
      ? { existing: tx.findRecordById('sessions', saved.id) }
      : {
          create: { trainer: trainer.id, course: courseId, title, heldOn, location: typeof b.location === 'string' ? b.location : '', key },
        };
    return writeSessionAttendance(
      tx,
      target,
      found.map((f) => ({ input: f.key.input, user: f.user })),
      day!,
      rejected,
    );
  });
}

/** A new session's fields (held_on a Beijing day "YYYY-MM-DD"). */
export interface NewSession {
  trainer: string;
  course: string;
  title: string;
  heldOn: string;
  location: string;
  /** the client's idempotency key (a retried request finds the session its first try saved) */
  key?: string;
}

/**
 * The one path by which in-person attendance is saved, for sessions typed in afterwards (above) and for live
 * sessions closed after a QR check-in (src/server/checkin/): the session row (new, with the county most of its
 * attendees' enterprises are in, or an existing one to add to), and an in-person completion (with certificate
 * and statistics, through createCompletion) for each attendee who has not completed the course yet.
 */
export function writeSessionAttendance(
  tx: PbApp,
  target: { existing: PbRecord } | { create: NewSession },
  found: { input: string; user: PbRecord }[],
  at: Date,
  rejected: AttendeeReject[] = [],
): RecordSessionResponse {
  let session: PbRecord;
  if ('existing' in target) {
    session = target.existing;
  } else {
    const t = target.create;
    session = new Record(tx.findCachedCollectionByNameOrId('sessions'));
    session.set('trainer', t.trainer);
    session.set('course', t.course);
    session.set('title', t.title);
    session.set('held_on', `${t.heldOn} 04:00:00.000Z`);
    session.set('location', Array.from(t.location.slice(0, 400).trim()).slice(0, 100).join(''));
    session.set('attendees', []);
    if (t.key) session.set('create_key', t.key);
    // Where the session counts (assessment indicator 2): the county most of its attendees' enterprises are in.
    const place = mostCommonCounty(
      tx,
      found.map((f) => f.user),
    );
    if (place) for (const field of ['province_code', 'prefecture_code', 'county_code']) session.set(field, place.getString(field));
  }
  const courseId = session.getString('course');
  const before = new Set<string>(session.getStringSlice('attendees'));
  session.set('attendees', [...before, ...found.map((f) => f.user.id).filter((id) => !before.has(id))]);
  tx.save(session);
  const attendees: SessionAttendee[] = [];
  const created: string[] = [];
  const alreadyComplete: string[] = [];
  for (const { input, user } of found) {
    const enterprise = tx.findRecordById('enterprises', user.getString('enterprise'));
    const person = { input, name: user.getString('name'), enterprise: enterprise.getString('name') };
    if (before.has(user.id)) {
      attendees.push({ ...person, result: 'alreadyInSession' });
    } else if (findOne(tx, 'completions', 'user = {:user} && course = {:course}', { user: user.id, course: courseId })) {
      alreadyComplete.push(user.getString('email'));
      attendees.push({ ...person, result: 'alreadyComplete' });
    } else {
      createCompletion(tx, user, courseId, { channel: 'in_person', at, session: session.id });
      created.push(user.getString('email'));
      attendees.push({ ...person, result: 'created' });
    }
  }
  return { session: session.id, attendees, rejected, created, alreadyComplete };
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
  for (const [, entry] of [...tally].sort((x, y) => x[0].localeCompare(y[0]))) if (!best || entry.n > best.n) best = entry;
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

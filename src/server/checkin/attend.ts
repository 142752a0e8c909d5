/**
 * The attendee's side of a live session (docs/in-person-sessions.md). Two steps, both under the rate-limited
 * prefix POST /api/qa/checkins/:
 *  1. open: the code just scanned (or typed) is checked against the current and previous step, and exchanged
 *     for a ticket valid 5 minutes, so that filling in the form does not let the code go stale;
 *  2. confirm: with the ticket, the signed-in account checks in in one tap, or a person without one gives name,
 *     mobile number and enterprise credit code.
 * Checking in twice is answered "您已签到" and counts once (one row per person and session).
 *
 * Name + phone + credit code never signs anyone in and never reveals an account: it is linked to an existing
 * account only when that account has the same phone AND belongs to the same enterprise AND has the same name;
 * when no account has the phone, a new learner account without a usable password is created (it can be
 * claimed later, see the docs). A phone used with other details is refused with a message that asks the
 * person to sign in; such refusals are counted per session and stop after ACCOUNT_LIMITS.checkinMismatches.
 */
import { checkTicket, issueTicket, manualCodeValid, normaliseManualCode, qrTokenValid, ticketSession } from '../../lib/checkin/codes.ts';
import { GRACE_AFTER_MS, hasRoom, MESSAGES, OPENS_BEFORE_MS } from '../../lib/checkin/rules.ts';
import { normalisePhone } from '../../lib/attendees.ts';
import { validateUscc } from '../../lib/uscc.ts';
import { checkName } from '../../lib/security/names.ts';
import { PRIVACY_NOTICE_VERSION } from '../../lib/privacy-notice.ts';
import { ACCOUNT_LIMITS, RATE_LIMIT_MESSAGE } from '../../lib/security/rate-limits.ts';
import { toPbDate } from '../../lib/beijing-time.ts';
import { badRequest, body, conflict, findOne, inTransaction, notFound, QaError, tooMany, type FieldError } from '../http.ts';
import { count, isThrottled } from '../throttle.ts';
import { checkedInCount, hmac, secretOf, sessionInfo, windowOf, type LiveSessionInfo } from './store.ts';

export interface CheckinOpenResponse {
  ticket: string;
  session: LiveSessionInfo;
  /** the signed-in account, if any, and whether it is already on the list */
  me: { name: string; checkedIn: boolean } | null;
}

export interface CheckinConfirmResponse {
  status: 'checked_in' | 'already';
  message: string;
  name: string;
  session: LiveSessionInfo;
}

const ID = /^[a-z0-9]{15}$/;
const STAFF_ROLES = ['learner', 'enterprise_manager'];

function refuseClosedWindow(s: PbRecord, now: number): void {
  const w = windowOf(s, now);
  if (!w.open) throw conflict(w.code, w.message);
}

const signedInUser = (e: PbRequestEvent): PbRecord | null => (e.auth && e.auth.collection().name === 'users' ? e.auth : null);

/** The session of a ticket this server issued and that is still valid; refused in Chinese otherwise. */
function sessionOfTicket(e: PbRequestEvent, ticket: unknown, now: number): { session: PbRecord; via: 'q' | 'c' } {
  const id = ticketSession(ticket);
  const session = id ? findOne(e.app, 'live_sessions', 'id = {:id}', { id }) : null;
  if (!session) throw badRequest('签到页面无效，请重新扫描现场屏幕上的二维码');
  const check = checkTicket(hmac, secretOf(session), ticket as string, now);
  if (!check.ok) {
    if (check.reason === 'expired') throw conflict('ticket_expired', MESSAGES.ticketExpired);
    throw badRequest('签到页面无效，请重新扫描现场屏幕上的二维码');
  }
  return { session, via: check.via };
}

/**
 * POST /api/qa/checkins/open {s, c} (scanned) or {code} (typed): a ticket for the session. {ticket} opens the
 * same ticket again (after the attendee signed in from the check-in page), without extending its validity.
 */
export function openCheckin(e: PbRequestEvent): CheckinOpenResponse {
  const b = body(e);
  const now = Date.now();
  let session: PbRecord | null = null;
  let via: 'q' | 'c' = 'q';
  let reopened: string | null = null;
  if (b.ticket !== undefined) {
    ({ session, via } = sessionOfTicket(e, b.ticket, now));
    reopened = b.ticket as string;
  } else if (b.code !== undefined) {
    via = 'c';
    const code = normaliseManualCode(b.code);
    if (!code)
      throw badRequest('签到码是 6 位数字，请核对现场屏幕', {
        code: { code: 'invalid_code', message: '签到码是 6 位数字，请核对现场屏幕' },
      });
    // the sessions whose check-in is open now: few at any moment
    const open = e.app.findRecordsByFilter('live_sessions', "closed_at = '' && ends_at >= {:from} && starts_at <= {:to}", '', 500, 0, {
      from: toPbDate(now - GRACE_AFTER_MS),
      to: toPbDate(now + OPENS_BEFORE_MS),
    });
    const matches = open.filter((s) => manualCodeValid(hmac, secretOf(s), code, now));
    if (matches.length === 0)
      throw badRequest(MESSAGES.wrongManualCode, { code: { code: 'wrong_code', message: MESSAGES.wrongManualCode } });
    // Two sessions showing the same 6 digits at once (about one chance in a million): scanning tells them apart.
    if (matches.length > 1) throw conflict('ambiguous_code', '这个签到码暂时无法识别是哪一场培训，请稍等一分钟换新码，或扫描二维码签到');
    session = matches[0];
  } else {
    const id = typeof b.s === 'string' && ID.test(b.s) ? b.s : '';
    session = id ? findOne(e.app, 'live_sessions', 'id = {:id}', { id }) : null;
    if (!session) throw notFound('没有找到这场培训：请重新扫描现场屏幕上的二维码');
    refuseClosedWindow(session, now);
    const token = typeof b.c === 'string' ? b.c : '';
    if (!qrTokenValid(hmac, secretOf(session), token, now)) throw conflict('stale_code', MESSAGES.staleCode);
  }
  refuseClosedWindow(session, now);
  const user = signedInUser(e);
  const me = user
    ? {
        name: user.getString('name'),
        checkedIn: Boolean(findOne(e.app, 'checkins', 'live_session = {:s} && user = {:u}', { s: session.id, u: user.id })),
      }
    : null;
  const ticket = reopened ?? issueTicket(hmac, secretOf(session), session.id, now, via);
  return { ticket, session: sessionInfo(e.app, session, now), me };
}

interface Identified {
  user: PbRecord | null;
  identifiedBy: 'account' | 'form_linked' | 'form_created';
  create?: { name: string; phone: string; enterprise: PbRecord };
}

function fromAccount(user: PbRecord, session: PbRecord): Identified {
  if (!STAFF_ROLES.includes(user.getString('role'))) throw new QaError(403, 'not_learner', MESSAGES.notLearner);
  if (!user.getString('enterprise'))
    throw new QaError(403, 'no_enterprise', '您的账号还没有加入企业，请先在“我的学习”里加入企业，或请培训老师帮您登记');
  if (session.getString('enterprise') && user.getString('enterprise') !== session.getString('enterprise'))
    throw new QaError(403, 'other_enterprise', MESSAGES.otherEnterprise);
  if (!checkName(user.getString('name')).ok)
    throw new QaError(409, 'invalid_name', '您账号里的姓名不符合要求（须为 2 到 30 个字），请先在“我的学习”里改正姓名再签到');
  return { user, identifiedBy: 'account' };
}

function fromForm(app: PbApp, b: Record<string, unknown>, session: PbRecord): Identified {
  const errors: Record<string, FieldError> = {};
  const named = checkName(b.name);
  if (!named.ok) errors.name = { code: named.code, message: named.message };
  const phone = typeof b.phone === 'string' && b.phone.length <= 32 ? normalisePhone(b.phone) : null;
  if (!phone) errors.phone = { code: 'invalid_phone', message: '请填写 11 位手机号，例如 13800138000' };
  const uscc = validateUscc(typeof b.uscc === 'string' ? b.uscc.slice(0, 40) : '');
  let enterprise: PbRecord | null = null;
  if (!uscc.ok) errors.uscc = { code: `uscc_${uscc.reason}`, message: uscc.message };
  else {
    enterprise = findOne(app, 'enterprises', 'uscc = {:uscc}', { uscc: uscc.code });
    if (!enterprise)
      errors.uscc = {
        code: 'unknown_enterprise',
        message: '这家企业还没有在平台登记：请先注册（注册时登记企业）后登录签到，或请培训老师帮您登记',
      };
    else if (session.getString('enterprise') && enterprise.id !== session.getString('enterprise'))
      errors.uscc = { code: 'other_enterprise', message: MESSAGES.otherEnterprise };
  }
  if (b.consent !== true) errors.consent = { code: 'consent_required', message: '请阅读并勾选同意《个人信息保护说明》' };
  if (Object.keys(errors).length) throw badRequest('签到信息有误，请按提示修改', errors);
  const name = (named as { value: string }).value;
  const samePhone = app.findRecordsByFilter('users', 'phone = {:p}', '', 3, 0, { p: phone });
  if (samePhone.length === 0) return { user: null, identifiedBy: 'form_created', create: { name, phone: phone!, enterprise: enterprise! } };
  const u = samePhone[0];
  if (
    samePhone.length === 1 &&
    u.getString('enterprise') === enterprise!.id &&
    STAFF_ROLES.includes(u.getString('role')) &&
    u.getString('name') === name
  ) {
    return { user: u, identifiedBy: 'form_linked' };
  }
  // The phone belongs to an account with other details. Not linked (that would let anyone check in a colleague
  // by phone number), and no second account with the same phone. Counted per session, so a person in the room
  // cannot use the form to test many numbers.
  const key = `checkin-mismatch:${session.id}`;
  if (isThrottled(app, key, ACCOUNT_LIMITS.checkinMismatches)) throw tooMany(RATE_LIMIT_MESSAGE);
  count(app, key, ACCOUNT_LIMITS.checkinMismatches);
  const message =
    '这个手机号已用于平台上的其他账号信息：请登录您的账号后签到（忘记密码可请企业管理员或培训老师帮忙），或请培训老师现场帮您登记';
  throw badRequest(message, { phone: { code: 'phone_in_use', message } });
}

/** POST /api/qa/checkins/confirm {ticket, name?, phone?, uscc?, consent?} */
export function confirmCheckin(e: PbRequestEvent): CheckinConfirmResponse {
  const b = body(e);
  const now = Date.now();
  const { session, via } = sessionOfTicket(e, b.ticket, now);
  refuseClosedWindow(session, now);
  const account = signedInUser(e);
  const who = account ? fromAccount(account, session) : fromForm(e.app, b, session);

  return inTransaction(e.app, (tx) => {
    let user = who.user;
    if (user && findOne(tx, 'checkins', 'live_session = {:s} && user = {:u}', { s: session.id, u: user.id })) {
      return {
        status: 'already' as const,
        message: MESSAGES.already,
        name: user.getString('name'),
        session: sessionInfo(tx, session, now),
      };
    }
    if (!hasRoom(checkedInCount(tx, session.id), session.getInt('capacity')))
      throw conflict('full', MESSAGES.full(session.getInt('capacity')));
    if (!user) {
      const c = who.create!;
      user = new Record(tx.findCachedCollectionByNameOrId('users'));
      user.set('name', c.name);
      // No e-mail was given: a unique address under the reserved .invalid domain, never mailed. No usable
      // password either (random, never shown): nobody can sign in as this account until it is claimed.
      user.set('email', `checkin.${$security.randomStringWithAlphabet(16, 'abcdefghijklmnopqrstuvwxyz0123456789')}@users.invalid`);
      user.setPassword($security.randomString(48));
      user.set('role', 'learner');
      user.set('enterprise', c.enterprise.id);
      user.set('phone', c.phone);
      user.set('privacy_accepted', toPbDate(now));
      user.set('privacy_version', PRIVACY_NOTICE_VERSION);
      tx.save(user);
    }
    const row = new Record(tx.findCachedCollectionByNameOrId('checkins'));
    row.set('live_session', session.id);
    row.set('user', user.id);
    row.set('method', via === 'c' ? 'code' : 'qr');
    row.set('identified_by', who.identifiedBy);
    tx.save(row);
    return { status: 'checked_in' as const, message: MESSAGES.done, name: user.getString('name'), session: sessionInfo(tx, session, now) };
  });
}

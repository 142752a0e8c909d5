/**
 * Password reset for people without a working email (docs/privacy.md, "Password reset"):
 * - POST /api/qa/manager/staff/{id}/reset-code: the manager of the staff member's own enterprise draws a one-time
 *   code, shown once in the answer and stored only as a hash. Only learners: a manager cannot reset another
 *   manager's, an expert's, a trainer's or a regulator's password (those accounts are not the enterprise's to
 *   manage; they reset by email or through a superuser).
 * - POST /api/qa/password/redeem: the staff member enters their email or phone number, the code and a new
 *   password. The password change refreshes the account's token key, so every existing session ends.
 * Both write the audit log.
 */
import { checkPassword } from '../../lib/security/passwords.ts';
import { ACCOUNT_LIMITS, RATE_LIMIT_MESSAGE } from '../../lib/security/rate-limits.ts';
import {
  formatResetCode,
  isWellFormedResetCode,
  normaliseResetCode,
  RESET_CODE_ALPHABET,
  RESET_CODE_HOURS,
  RESET_CODE_LENGTH,
  RESET_CODE_MAX_FAILURES,
} from '../../lib/security/reset-codes.ts';
import { normalisePhone } from '../../lib/attendees.ts';
import { toPbDate } from '../../lib/beijing-time.ts';
import { badRequest, body, forbidden, inTransaction, notFound, QaError, requireAuth, tooMany } from '../http.ts';
import { count, isThrottled, reset } from '../throttle.ts';
import { writeAudit } from './audit.ts';

export interface ResetCodeResponse {
  code: string;
  expires: string;
  name: string;
  message: string;
}
export interface RedeemResponse {
  ok: true;
  email: string;
  message: string;
}

const hashOf = (userId: string, code: string) => $security.sha256(`${userId}:${code}`);

/** Unused codes of a user, newest first (expiry is checked by the caller: an expired code still counts as "a code"). */
function openCodes(app: PbApp, userId: string): PbRecord[] {
  return app.findRecordsByFilter('password_resets', "user = {:user} && used_at = ''", '-created', 20, 0, { user: userId });
}

export function issueResetCode(e: PbRequestEvent): ResetCodeResponse {
  const manager = requireAuth(e);
  const enterprise = manager.getString('enterprise');
  if (manager.getString('role') !== 'enterprise_manager' || !enterprise) throw forbidden('只有企业管理员可以为本企业员工重置密码');
  const staffId = e.request.pathValue('id');
  let staff: PbRecord | null = null;
  try {
    staff = e.app.findRecordById('users', staffId);
  } catch {
    staff = null;
  }
  // Another enterprise's staff and a missing account get the same answer: ids are no oracle.
  if (!staff || staff.getString('enterprise') !== enterprise || staff.getString('erased_at')) throw notFound('本企业没有这位员工');
  if (staff.id === manager.id) throw forbidden('不能为自己生成一次性密码：请用“忘记密码”，或请平台管理员协助');
  if (staff.getString('role') !== 'learner')
    throw forbidden('只能为本企业的学员重置密码；其他管理员、专家等账号请用“忘记密码”或联系平台管理员');
  const key = `reset-issue:${manager.id}`;
  if (isThrottled(e.app, key, ACCOUNT_LIMITS.resetCodesIssued)) throw tooMany(RATE_LIMIT_MESSAGE);
  count(e.app, key, ACCOUNT_LIMITS.resetCodesIssued);

  const code = $security.randomStringWithAlphabet(RESET_CODE_LENGTH, RESET_CODE_ALPHABET);
  const expires = new Date(Date.now() + RESET_CODE_HOURS * 3600_000);
  inTransaction(e.app, (tx) => {
    // A new code replaces any earlier one: only the latest code the manager handed over works.
    for (const old of openCodes(tx, staff!.id)) tx.delete(old);
    const row = new Record(tx.findCachedCollectionByNameOrId('password_resets'));
    row.set('user', staff!.id);
    row.set('issued_by', manager.id);
    row.set('code_hash', hashOf(staff!.id, code));
    row.set('expires', toPbDate(expires));
    row.set('failures', 0);
    tx.save(row);
    writeAudit(tx, 'reset_code_issued', manager.id, staff!.id, { expires: expires.toISOString() });
  });
  return {
    code: formatResetCode(code),
    expires: expires.toISOString(),
    name: staff.getString('name'),
    message: `一次性密码只显示这一次，请当面或电话告诉 ${staff.getString('name')}。${RESET_CODE_HOURS} 小时内有效，只能用一次。`,
  };
}

const WRONG = '手机号/邮箱或一次性密码不对，或一次性密码已过期、已用过。请核对，或请企业管理员重新生成。';

/** The accounts an identity may mean: one by email, or those with this phone number (not unique). */
function candidates(app: PbApp, identity: string): PbRecord[] {
  if (identity.includes('@'))
    return app.findRecordsByFilter('users', "email = {:email} && erased_at = ''", '', 1, 0, { email: identity.toLowerCase() });
  const phone = normalisePhone(identity);
  return phone ? app.findRecordsByFilter('users', "phone = {:phone} && erased_at = ''", '', 20, 0, { phone }) : [];
}

export function redeemResetCode(e: PbRequestEvent): RedeemResponse {
  const b = body(e);
  const identity = typeof b.identity === 'string' ? b.identity.trim().slice(0, 254) : '';
  const code = normaliseResetCode(b.code);
  const password = typeof b.password === 'string' ? b.password : '';
  const fields: Record<string, { code: string; message: string }> = {};
  if (!identity) fields.identity = { code: 'required', message: '请填写注册时用的邮箱或手机号' };
  if (!isWellFormedResetCode(code))
    fields.code = {
      code: 'invalid_code',
      message: `一次性密码是 ${RESET_CODE_LENGTH} 位字母和数字，不含容易看混的 0、1、O、I、L，例如 ABCD-2345；请照企业管理员给的核对`,
    };
  if (b.passwordConfirm !== undefined && b.passwordConfirm !== password)
    fields.passwordConfirm = { code: 'mismatch', message: '两次输入的密码不一致' };
  const strength = checkPassword(password, identity.includes('@') ? identity : '');
  if (!strength.ok) fields.password = { code: strength.code, message: strength.message };
  if (Object.keys(fields).length) throw badRequest('请按提示修改', fields);

  const key = `reset-redeem:${identity.toLowerCase()}`;
  if (isThrottled(e.app, key, ACCOUNT_LIMITS.resetCodeFailures))
    throw tooMany('一次性密码输错次数太多，请 15 分钟后再试，或请企业管理员重新生成。');
  const now = Date.now();
  for (const user of candidates(e.app, identity)) {
    const codes = openCodes(e.app, user.id);
    const hit = codes.find((c) => $security.equal(c.getString('code_hash'), hashOf(user.id, code)));
    if (hit && new Date(hit.getString('expires').replace(' ', 'T')).getTime() > now) {
      const email = user.getString('email');
      const strong = checkPassword(password, email);
      if (!strong.ok) throw badRequest('请按提示修改', { password: { code: strong.code, message: strong.message } });
      inTransaction(e.app, (tx) => {
        const fresh = tx.findRecordById('users', user.id);
        fresh.setPassword(password); // changes the token key: every session of this account ends
        tx.save(fresh);
        for (const c of openCodes(tx, user.id)) {
          c.set('used_at', toPbDate(new Date()));
          tx.save(c);
        }
        writeAudit(tx, 'reset_code_redeemed', user.id, user.id, { code: hit.id });
      });
      reset(e.app, key);
      return { ok: true, email, message: '新密码已设置。以前登录过的设备都已退出，请用新密码登录。' };
    }
    // A wrong guess against an account's open code counts against that code; enough of them burn it.
    const latest = codes[0];
    if (latest) {
      const failures = latest.getInt('failures') + 1;
      latest.set('failures', failures);
      if (failures >= RESET_CODE_MAX_FAILURES) {
        latest.set('used_at', toPbDate(new Date()));
        writeAudit(e.app, 'reset_code_burned', null, user.id, { failures });
      }
      e.app.save(latest);
    }
  }
  count(e.app, key, ACCOUNT_LIMITS.resetCodeFailures);
  throw new QaError(400, 'invalid_code', WRONG, { code: { code: 'invalid_code', message: WRONG } });
}

interface ConfirmResetEvent extends PbRequestEvent {
  record: PbRecord;
  next(): void;
}

/**
 * onRecordConfirmPasswordResetRequest (users): PocketBase's own email reset obeys the platform's password rule
 * too, with the same Chinese field message as registration.
 */
export function checkResetPassword(e: ConfirmResetEvent): void {
  const b = (e.requestInfo().body ?? {}) as Record<string, unknown>;
  const strength = checkPassword(typeof b.password === 'string' ? b.password : '', e.record?.getString('email') ?? '');
  if (!strength.ok) {
    e.json(400, {
      status: 400,
      code: 'invalid',
      message: '请按提示修改',
      data: { password: { code: strength.code, message: strength.message } },
    });
    return;
  }
  e.next();
}

import { validateUscc } from '../lib/uscc.ts';
import { regionChain } from '../lib/regions.ts';
import { isIafSector } from '../lib/iaf-sectors.ts';
import { ENTERPRISE_SIZES } from '../lib/vocabularies.ts';
import { checkName } from '../lib/security/names.ts';
import { checkPassword, PASSWORD_MAX } from '../lib/security/passwords.ts';
import { badRequest, body, findOne, inTransaction, query, type FieldError } from './http.ts';
import { PRIVACY_NOTICE_VERSION } from '../lib/privacy-notice.ts';
import { normalisePhone } from '../lib/attendees.ts';
import { toPbDate } from '../lib/beijing-time.ts';
import { INVITE_INVALID, usableInvite } from './manager/invites.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_MAX = 254;
/** Raw lengths refused before any work (trimming, splitting into characters, a database look-up, hashing). */
const RAW_MAX: Record<string, number> = {
  email: EMAIL_MAX,
  phone: 32,
  password: PASSWORD_MAX * 4,
  passwordConfirm: PASSWORD_MAX * 4,
  uscc: 40,
  enterpriseName: 400,
  countyCode: 12,
  sector: 4,
  size: 16,
  invite: 64,
};
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** What registration answers, whether or not the email was free (so it does not tell which). */
export interface RegisterResponse {
  accepted: true;
  message: string;
  enterprise: { name: string; joined: boolean };
}

/**
 * POST /api/qa/register: creates a learner and creates or joins their enterprise by its unified social
 * credit code, or joins the enterprise of a manager's invitation (`invite`: the token; the enterprise
 * fields are then ignored, the server resolves the token). All fields are validated before anything is
 * written, in one transaction.
 */
export function register(e: PbRequestEvent) {
  const b = body(e);
  const errors: Record<string, FieldError> = {};
  for (const [field, max] of Object.entries(RAW_MAX)) {
    if (typeof b[field] === 'string' && (b[field] as string).length > max)
      errors[field] = { code: 'too_long', message: '内容太长，请检查' };
  }
  const named = checkName(b.name); // refuses an over-long raw name before any work
  if (!named.ok) errors.name = { code: named.code, message: named.message };
  if (Object.values(errors).some((f) => f.code === 'too_long' || f.code === 'name_too_long'))
    throw badRequest('注册信息有误，请按提示修改', errors);

  const name = named.ok ? named.value : '';
  const email = str(b.email).toLowerCase();
  const password = typeof b.password === 'string' ? b.password : '';
  if (!EMAIL.test(email)) errors.email = { code: 'invalid_email', message: '邮箱格式不对，例如 zhang@example.com' };
  const strength = checkPassword(password, email);
  if (!strength.ok) errors.password = { code: strength.code, message: strength.message };
  if (b.passwordConfirm !== undefined && b.passwordConfirm !== password)
    errors.passwordConfirm = { code: 'mismatch', message: '两次输入的密码不一致' };
  // PIPL: personal information is processed with consent to the notice (/privacy/), and we must be able to show it.
  if (b.consent !== true) errors.consent = { code: 'consent_required', message: '请阅读并勾选同意《个人信息保护说明》' };
  // optional: lets a trainer record this learner at an in-person session by phone number
  const phone = str(b.phone) ? normalisePhone(str(b.phone)) : '';
  if (phone === null) errors.phone = { code: 'invalid_phone', message: '手机号应为 11 位数字，例如 13800138000；也可以不填' };
  // An invitation decides the enterprise; a token that cannot be used is refused (not silently ignored, so
  // nobody ends up in an enterprise they did not mean to join).
  const invited = b.invite !== undefined && b.invite !== null && b.invite !== '';
  const invite = invited ? usableInvite(e.app, b.invite) : null;
  if (invited && !invite) errors.invite = { code: 'invite_invalid', message: INVITE_INVALID };
  const uscc = invited ? ({ ok: true, code: '' } as const) : validateUscc(str(b.uscc));
  if (!uscc.ok) errors.uscc = { code: `uscc_${uscc.reason}`, message: uscc.message };

  const existing = invite
    ? e.app.findRecordById('enterprises', invite.getString('enterprise'))
    : uscc.ok && !invited
      ? findOne(e.app, 'enterprises', 'uscc = {:uscc}', { uscc: uscc.code })
      : null;
  const enterpriseName = str(b.enterpriseName);
  const county = str(b.countyCode);
  const sector = str(b.sector);
  const size = str(b.size) || 'micro';
  if (uscc.ok && !existing && !invited) {
    if (Array.from(enterpriseName).length < 2) errors.enterpriseName = { code: 'required', message: '这家企业还没有登记，请填写企业名称' };
    if (!regionChain(county)) errors.countyCode = { code: 'invalid_region', message: '请选择企业所在的区县（GB/T 2260 六位代码）' };
    if (!isIafSector(sector)) errors.sector = { code: 'invalid_sector', message: '请选择企业所属行业' };
    if (!(ENTERPRISE_SIZES as readonly string[]).includes(size))
      errors.size = { code: 'invalid_size', message: '企业规模只能是微型、小型或中型' };
  }
  if (Object.keys(errors).length) throw badRequest('注册信息有误，请按提示修改', errors);

  const reply = (enterprise: { name: string; joined: boolean }): RegisterResponse => ({
    accepted: true,
    message: '注册已受理，请用这个邮箱和密码登录',
    enterprise,
  });
  // An email that is already registered gets the same answer as a new one, after the same password hashing,
  // so that registration does not tell who has an account (docs/security.md, rule 9). Nothing is written.
  if (findOne(e.app, 'users', 'email = {:email}', { email })) {
    new Record(e.app.findCachedCollectionByNameOrId('users')).setPassword(password);
    return reply({ name: existing ? existing.getString('name') : enterpriseName, joined: Boolean(existing) });
  }

  return inTransaction(e.app, (tx) => {
    let enterprise = existing;
    if (!enterprise) {
      const chain = regionChain(county)!;
      enterprise = new Record(tx.findCachedCollectionByNameOrId('enterprises'));
      enterprise.set('name', enterpriseName);
      enterprise.set('uscc', (uscc as { code: string }).code);
      enterprise.set('county_code', chain.county);
      enterprise.set('prefecture_code', chain.prefecture);
      enterprise.set('province_code', chain.province);
      enterprise.set('sector', sector);
      enterprise.set('size', size);
      tx.save(enterprise);
    }
    const user = new Record(tx.findCachedCollectionByNameOrId('users'));
    user.set('name', name);
    user.set('email', email);
    user.setPassword(password);
    user.set('role', 'learner');
    user.set('enterprise', enterprise.id);
    if (phone) user.set('phone', phone);
    if (invite) {
      const fresh = tx.findRecordById('enterprise_invites', invite.id);
      fresh.set('uses', fresh.getInt('uses') + 1);
      tx.save(fresh);
    }
    user.set('privacy_accepted', toPbDate(new Date()));
    user.set('privacy_version', PRIVACY_NOTICE_VERSION);
    tx.save(user);
    return reply({ name: enterprise.getString('name'), joined: Boolean(existing) });
  });
}

/** GET /api/qa/enterprises/lookup?uscc=: tells the form whether the code is valid and already registered. */
export function lookupEnterprise(e: PbRequestEvent) {
  const uscc = validateUscc(query(e).uscc ?? '');
  if (!uscc.ok) throw badRequest(uscc.message, { uscc: { code: `uscc_${uscc.reason}`, message: uscc.message } });
  const found = findOne(e.app, 'enterprises', 'uscc = {:uscc}', { uscc: uscc.code });
  // Only the name is revealed, so a worker can confirm they are joining the right enterprise.
  return { uscc: uscc.code, registered: Boolean(found), name: found ? found.getString('name') : null, regionHint: uscc.regionCode };
}

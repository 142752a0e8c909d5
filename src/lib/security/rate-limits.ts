/**
 * Request limits of the platform (docs/security.md, rule 4). No I/O: the server applies them at start
 * (PocketBase's per-IP limiter, src/server/limits.ts) and the docs quote them.
 *
 * Per IP: PocketBase counts requests per client IP and label in fixed windows and answers 429. Values allow a
 * classroom of 40 people behind one factory Wi-Fi (one IP) to register and log in within a few minutes.
 * Per account: failed logins and session records are counted per account by the platform itself
 * (src/server/throttle.ts), so that spreading guesses over many IPs does not help.
 */
export interface IpLimit {
  /** PocketBase label: "METHOD /path", a path prefix ending in "/", or a tag such as "*:authWithPassword" */
  label: string;
  maxRequests: number;
  /** window in seconds */
  duration: number;
  /** "" everyone, "@guest" anonymous only, "@auth" signed-in only */
  audience: '' | '@guest' | '@auth';
  why: string;
}

export const IP_LIMITS: readonly IpLimit[] = [
  { label: '*:authWithPassword', maxRequests: 60, duration: 60, audience: '', why: '登录（含超级管理员）' },
  { label: '*:requestPasswordReset', maxRequests: 10, duration: 600, audience: '', why: '申请重置密码' },
  { label: '*:confirmPasswordReset', maxRequests: 10, duration: 600, audience: '', why: '确认重置密码' },
  { label: '*:requestVerification', maxRequests: 10, duration: 600, audience: '', why: '申请邮箱验证' },
  { label: '*:requestEmailChange', maxRequests: 10, duration: 600, audience: '', why: '申请更换邮箱' },
  { label: '*:requestOTP', maxRequests: 10, duration: 600, audience: '', why: '申请一次性密码' },
  { label: 'POST /api/qa/register', maxRequests: 40, duration: 600, audience: '', why: '注册' },
  { label: 'GET /api/qa/enterprises/lookup', maxRequests: 120, duration: 60, audience: '', why: '注册时查询信用代码' },
  { label: 'GET /api/qa/invites/', maxRequests: 60, duration: 60, audience: '', why: '注册时打开员工邀请链接' },
  { label: 'GET /api/qa/certificates/', maxRequests: 30, duration: 60, audience: '', why: '证书查验' },
  { label: 'POST /api/qa/sessions', maxRequests: 30, duration: 600, audience: '', why: '登记线下培训（签到）' },
  { label: 'POST /api/qa/password/redeem', maxRequests: 10, duration: 600, audience: '', why: '用一次性密码设置新密码' },
  // a class of 40 behind one factory Wi-Fi checks in within a minute, two requests each (scan, confirm)
  { label: 'POST /api/qa/checkins/', maxRequests: 120, duration: 60, audience: '', why: '线下培训扫码签到' },
];

export interface AccountLimit {
  maxRequests: number;
  duration: number;
  why: string;
}

export const ACCOUNT_LIMITS = {
  /** failed password logins per account (email), whichever IPs they come from; then 429 until the window ends */
  loginFailures: { maxRequests: 10, duration: 900, why: '同一账号登录失败' },
  /** in-person sessions recorded per trainer account */
  sessions: { maxRequests: 30, duration: 3600, why: '同一培训老师登记线下培训' },
  /** form check-ins refused because the phone belongs to other account details, per live session (docs/in-person-sessions.md) */
  checkinMismatches: { maxRequests: 30, duration: 3600, why: '同一场线下培训中手机号与账号信息不符的签到' },
  /** one-time reset codes issued per enterprise manager */
  resetCodesIssued: { maxRequests: 20, duration: 3600, why: '同一企业管理员生成一次性密码' },
  /** wrong one-time codes per phone number or email, whichever IPs they come from */
  resetCodeFailures: { maxRequests: 5, duration: 900, why: '同一账号输错一次性密码' },
  /** wrong passwords when confirming "delete my data" */
  erasePasswordFailures: { maxRequests: 5, duration: 900, why: '注销账号时输错密码' },
} as const satisfies Record<string, AccountLimit>;

/**
 * QA_RATE_LIMIT_FACTOR multiplies every limit (default 1). Only the automated test servers set it (to 100),
 * because the integration and end-to-end suites sign in hundreds of times from 127.0.0.1; the rate-limit
 * test runs its own server at factor 1.
 */
export function scaled<T extends { maxRequests: number }>(limit: T, factor: number): T {
  const f = Number.isFinite(factor) && factor >= 1 ? factor : 1;
  return { ...limit, maxRequests: Math.round(limit.maxRequests * f) };
}

export const RATE_LIMIT_MESSAGE = '操作太频繁了，请稍等一两分钟再试。';
export const LOGIN_LOCKED_MESSAGE = '这个账号登录失败次数太多，已暂停登录 15 分钟。请稍后再试，或联系管理员重置密码。';

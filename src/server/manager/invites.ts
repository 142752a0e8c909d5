/**
 * Staff invitations: a manager's link /register/?invite=<token> (shown as a QR code and a printable poster)
 * that pre-fills and locks the enterprise on the registration form. The server resolves the token to the
 * enterprise; an enterprise id from the browser is never trusted. One active invitation per enterprise:
 * a new one revokes the previous; the manager can revoke it at any time; an expiry is optional.
 *
 *   GET  /api/qa/manager/invite          the manager's active invitation (or null)
 *   POST /api/qa/manager/invite          {expiresInDays: 0|7|30|90} a new invitation (the old one stops working)
 *   POST /api/qa/manager/invite/revoke   stops the active invitation
 *   GET  /api/qa/invites/{token}         what the registration form shows (the enterprise), or 404
 */
import { regionFullName } from '../../lib/regions.ts';
import { toPbDate, pbDateMs } from '../../lib/beijing-time.ts';
import { INVITE_EXPIRY_DAYS, INVITE_TOKEN_ALPHABET, INVITE_TOKEN_LENGTH, isInviteToken } from '../../lib/invites.ts';
import { badRequest, body, findOne, forbidden, inTransaction, notFound, requireAuth } from '../http.ts';

export interface InviteView {
  token: string;
  /** Site-relative link; the page adds its origin. */
  path: string;
  createdAt: string;
  expiresAt: string | null;
  uses: number;
}
export interface ManagerInviteResponse {
  enterprise: { name: string; uscc: string; region: string };
  invite: InviteView | null;
}
export interface InviteLookupResponse {
  enterprise: { name: string; uscc: string; region: string; countyCode: string };
  expiresAt: string | null;
}

/** The message for a token that cannot be used, whatever the reason (unknown, revoked, expired). */
export const INVITE_INVALID = '邀请链接无效、已被撤销或已过期，请向企业管理员索取新的邀请二维码';

function managerEnterprise(e: PbRequestEvent): { manager: PbRecord; enterprise: PbRecord } {
  const manager = requireAuth(e);
  const enterpriseId = manager.getString('enterprise');
  if (manager.getString('role') !== 'enterprise_manager' || !enterpriseId) throw forbidden('只有企业管理员可以邀请员工');
  return { manager, enterprise: e.app.findRecordById('enterprises', enterpriseId) };
}

/** The invitation a token stands for, if it can still be used now. */
export function usableInvite(app: PbApp, token: unknown, now = Date.now()): PbRecord | null {
  if (!isInviteToken(token)) return null;
  const invite = findOne(app, 'enterprise_invites', 'token = {:token}', { token });
  if (!invite || invite.getString('revoked_at')) return null;
  const expires = pbDateMs(invite.getString('expires_at'));
  if (!Number.isNaN(expires) && expires <= now) return null;
  return invite;
}

function activeInvite(app: PbApp, enterpriseId: string): PbRecord | null {
  const rows = app.findRecordsByFilter('enterprise_invites', "enterprise = {:enterprise} && revoked_at = ''", '-created', 1, 0, {
    enterprise: enterpriseId,
  });
  const invite = rows[0];
  return invite && usableInvite(app, invite.getString('token')) ? invite : null;
}

const view = (invite: PbRecord): InviteView => ({
  token: invite.getString('token'),
  path: `/register/?invite=${invite.getString('token')}`,
  createdAt: invite.getString('created'),
  expiresAt: invite.getString('expires_at') || null,
  uses: invite.getInt('uses'),
});

const enterpriseView = (enterprise: PbRecord) => ({
  name: enterprise.getString('name'),
  uscc: enterprise.getString('uscc'),
  region: regionFullName(enterprise.getString('county_code')),
});

export function getManagerInvite(e: PbRequestEvent): ManagerInviteResponse {
  const { enterprise } = managerEnterprise(e);
  const invite = activeInvite(e.app, enterprise.id);
  return { enterprise: enterpriseView(enterprise), invite: invite ? view(invite) : null };
}

export function createManagerInvite(e: PbRequestEvent): ManagerInviteResponse {
  const { manager, enterprise } = managerEnterprise(e);
  const b = body(e);
  const days = b.expiresInDays === undefined || b.expiresInDays === null ? 0 : Number(b.expiresInDays);
  if (!(INVITE_EXPIRY_DAYS as readonly number[]).includes(days)) {
    throw badRequest('有效期只能选不限、7 天、30 天或 90 天', {
      expiresInDays: { code: 'invalid_expiry', message: `expiresInDays must be one of ${INVITE_EXPIRY_DAYS.join(', ')}` },
    });
  }
  const invite = inTransaction(e.app, (tx) => {
    revokeAll(tx, enterprise.id);
    const record = new Record(tx.findCachedCollectionByNameOrId('enterprise_invites'));
    record.set('enterprise', enterprise.id);
    record.set('token', $security.randomStringWithAlphabet(INVITE_TOKEN_LENGTH, INVITE_TOKEN_ALPHABET));
    record.set('created_by', manager.id);
    if (days > 0) record.set('expires_at', toPbDate(Date.now() + days * 86_400_000));
    record.set('uses', 0);
    tx.save(record);
    return record;
  });
  return { enterprise: enterpriseView(enterprise), invite: view(invite) };
}

function revokeAll(tx: PbApp, enterpriseId: string): number {
  const open = tx.findRecordsByFilter('enterprise_invites', "enterprise = {:enterprise} && revoked_at = ''", '', 0, 0, {
    enterprise: enterpriseId,
  });
  for (const invite of open) {
    invite.set('revoked_at', toPbDate(new Date()));
    tx.save(invite);
  }
  return open.length;
}

export function revokeManagerInvite(e: PbRequestEvent): ManagerInviteResponse & { revoked: number } {
  const { enterprise } = managerEnterprise(e);
  const revoked = inTransaction(e.app, (tx) => revokeAll(tx, enterprise.id));
  return { enterprise: enterpriseView(enterprise), invite: null, revoked };
}

/** GET /api/qa/invites/{token}: public (the person registering is not signed in); rate-limited per IP. */
export function lookupInvite(e: PbRequestEvent): InviteLookupResponse {
  const invite = usableInvite(e.app, e.request.pathValue('token'));
  if (!invite) throw notFound(INVITE_INVALID);
  const enterprise = e.app.findRecordById('enterprises', invite.getString('enterprise'));
  return {
    enterprise: { ...enterpriseView(enterprise), countyCode: enterprise.getString('county_code') },
    expiresAt: invite.getString('expires_at') || null,
  };
}

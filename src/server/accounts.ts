/**
 * Account rules that PocketBase's own endpoints must obey too: one name rule on every write of a user
 * (registration, profile update through PATCH /api/collections/users/records/:id, the admin UI), the password
 * rule on password changes, and the per-account login throttle. Bound in pb_hooks/qa.pb.js.
 */
import { checkName } from '../lib/security/names.ts';
import { checkPassword } from '../lib/security/passwords.ts';
import { ACCOUNT_LIMITS, LOGIN_LOCKED_MESSAGE } from '../lib/security/rate-limits.ts';
import { QaError, respondError } from './http.ts';
import { count, isThrottled, reset } from './throttle.ts';

interface RecordRequestEvent extends PbRequestEvent {
  record: PbRecord;
  next(): void;
}
interface AuthWithPasswordEvent extends PbRequestEvent {
  identity: string;
  collection: { name: string };
  next(): void;
}

/** onRecordCreateRequest / onRecordUpdateRequest of "users": the name and password rules, then the save. */
export function checkUserWrite(e: RecordRequestEvent, creating: boolean): void {
  try {
    // e.request is not reachable from a record request event in the JS VM (doubly embedded); PocketBase has
    // already parsed this body successfully before the hook runs.
    const b = (e.requestInfo().body ?? {}) as Record<string, unknown>;
    const fields: Record<string, { code: string; message: string }> = {};
    if (creating || 'name' in b) {
      const named = checkName(b.name ?? e.record.getString('name'));
      if (named.ok) e.record.set('name', named.value);
      else fields.name = { code: named.code, message: named.message };
    }
    if (typeof b.password === 'string') {
      const strength = checkPassword(b.password, String(b.email ?? e.record.getString('email')));
      if (!strength.ok) fields.password = { code: strength.code, message: strength.message };
    }
    if (Object.keys(fields).length) throw new QaError(400, 'invalid', '账号信息有误，请按提示修改', fields);
  } catch (err) {
    respondError(e, err);
    return;
  }
  e.next();
}

/**
 * onRecordAuthWithPasswordRequest (all auth collections): after ACCOUNT_LIMITS.loginFailures failed logins
 * for one identity within its window, further logins for it are answered 429 without checking the password,
 * whether or not such an account exists (so the answer says nothing about that). A success clears the count.
 */
export function throttleLogin(e: AuthWithPasswordEvent): void {
  const key = `login:${e.collection.name}:${String(e.identity ?? '')
    .trim()
    .toLowerCase()}`;
  const limit = ACCOUNT_LIMITS.loginFailures;
  if (isThrottled(e.app, key, limit)) {
    e.json(429, { status: 429, code: 'rate_limited', message: LOGIN_LOCKED_MESSAGE, data: {} });
    return;
  }
  try {
    e.next();
  } catch (err) {
    count(e.app, key, limit);
    throw err;
  }
  reset(e.app, key);
}

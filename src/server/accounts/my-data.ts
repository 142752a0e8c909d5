/**
 * A person's own data (PIPL art. 45 copy, art. 47 deletion; docs/privacy.md):
 * - GET /api/qa/me/export: every record that refers to the signed-in user, found from the schema (every
 *   relation field to users in every collection), so a collection added later is exported without a change here.
 *   References to other people inside those records are replaced by a placeholder.
 * - POST /api/qa/me/delete {password}: erases the person. Their own learning traces (progress, attempts,
 *   questions, ratings, assignments, reset codes) are deleted; completions are kept anonymised (name replaced)
 *   because they are the source of the official training statistics, which are anonymous counts; the account
 *   becomes an anonymous tombstone (name, email, phone, enterprise link cleared; password unusable), so the
 *   counters keep equalling a recount of completions. Records of the enterprise, body or authority the person
 *   acted for (surveys, assessments, assistance records, cases) stay with that organisation.
 */
import { ACCOUNT_LIMITS } from '../../lib/security/rate-limits.ts';
import { toPbDate } from '../../lib/beijing-time.ts';
import { ERASED_NAME } from '../../lib/privacy.ts';
import { badRequest, body, getJson, inTransaction, QaError, requireAuth, tooMany } from '../http.ts';
import { count, isThrottled, reset } from '../throttle.ts';
import { writeAudit } from './audit.ts';

const OTHER_PERSON = '（其他用户）';
/** Fields never exported, whoever they belong to. */
const SECRET_FIELDS = new Set(['password', 'tokenKey', 'code_hash']);
/** Collections exported separately (the account itself) or not at all (system). */
const SKIP = new Set(['users', '_superusers', '_authOrigins', '_externalAuths', '_mfas', '_otps']);

/** Deleted on erasure: collection → the field that says whose row it is. */
const ERASED_ROWS: Record<string, string> = {
  lesson_progress: 'user',
  quiz_attempts: 'user',
  lesson_questions: 'author',
  lesson_ratings: 'user',
  learning_assignments: 'user',
  password_resets: 'user',
  course_trainers: 'trainer',
};

interface FieldInfo {
  name: string;
  type: string;
  multi: boolean;
  toUsers: boolean;
}

export interface MyDataExport {
  format: 'quality-academy-personal-data/1';
  exportedAt: string;
  account: Record<string, unknown>;
  enterprise: Record<string, unknown> | null;
  /** collection name → the records that refer to this person */
  records: Record<string, Record<string, unknown>[]>;
  notes: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: a PocketBase collection object from the JS VM (no typings)
function fieldsOf(collection: any, usersId: string): FieldInfo[] {
  const out: FieldInfo[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: its fields, also untyped VM objects
  for (const f of collection.fields as any[]) {
    const name = String(f.getName());
    if (SECRET_FIELDS.has(name) || (typeof f.getHidden === 'function' && f.getHidden())) continue;
    const type = String(f.type());
    const multi = (type === 'relation' || type === 'select' || type === 'file') && Number(f.maxSelect ?? 1) > 1;
    out.push({ name, type, multi, toUsers: type === 'relation' && String(f.collectionId) === usersId });
  }
  return out;
}

function plain(record: PbRecord, fields: FieldInfo[], self: string): Record<string, unknown> {
  const row: Record<string, unknown> = { id: record.id };
  for (const f of fields) {
    if (f.name === 'id') continue;
    let value: unknown;
    if (f.type === 'json') value = getJson(record, f.name, null);
    else if (f.type === 'bool') value = record.getBool(f.name);
    else if (f.type === 'number') value = record.getFloat(f.name);
    else if (f.multi) value = record.getStringSlice(f.name);
    else value = record.getString(f.name);
    if (f.toUsers)
      value = Array.isArray(value) ? value.map((v) => (v === self ? v : OTHER_PERSON)) : value && value !== self ? OTHER_PERSON : value;
    row[f.name] = value;
  }
  return row;
}

/** Every (collection, its fields, the filter matching rows that refer to the user). */
function referencing(app: PbApp): { name: string; fields: FieldInfo[]; filter: string }[] {
  const usersId = app.findCachedCollectionByNameOrId('users').id;
  const out: { name: string; fields: FieldInfo[]; filter: string }[] = [];
  for (const c of app.findAllCollections()) {
    const name = String(c.name);
    if (SKIP.has(name) || String(c.type) === 'view') continue;
    const fields = fieldsOf(c, usersId);
    const refs = fields.filter((f) => f.toUsers);
    if (refs.length)
      out.push({ name, fields, filter: refs.map((f) => (f.multi ? `${f.name} ?= {:me}` : `${f.name} = {:me}`)).join(' || ') });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export function exportMyData(e: PbRequestEvent): MyDataExport {
  const user = requireAuth(e);
  const users = e.app.findCachedCollectionByNameOrId('users');
  const account = plain(user, fieldsOf(users, users.id), user.id);
  account.email = user.getString('email'); // hidden from other people by emailVisibility, but it is theirs
  const enterpriseId = user.getString('enterprise');
  let enterprise: Record<string, unknown> | null = null;
  if (enterpriseId) {
    const rec = e.app.findRecordById('enterprises', enterpriseId);
    enterprise = plain(rec, fieldsOf(e.app.findCachedCollectionByNameOrId('enterprises'), users.id), user.id);
  }
  const records: Record<string, Record<string, unknown>[]> = {};
  for (const c of referencing(e.app)) {
    const rows = e.app.findRecordsByFilter(c.name, c.filter, '', 0, 0, { me: user.id });
    if (rows.length) records[c.name] = rows.map((r) => plain(r, c.fields, user.id));
  }
  writeAudit(e.app, 'data_exported', user.id, user.id, { collections: Object.keys(records).length });
  return {
    format: 'quality-academy-personal-data/1',
    exportedAt: new Date().toISOString(),
    account,
    enterprise,
    records,
    notes: [
      '这是质量学堂保存的、与您本人有关的全部记录（《个人信息保护法》第四十五条）。',
      `记录里指向其他人的账号编号已替换为“${OTHER_PERSON}”。`,
      '访问日志（IP 地址等）不在其中：它们只保存 5 天，用于排查故障和防止攻击。',
    ],
  };
}

export interface EraseResponse {
  erased: true;
  message: string;
}

export function deleteMyData(e: PbRequestEvent): EraseResponse {
  const user = requireAuth(e);
  const b = body(e);
  const password = typeof b.password === 'string' ? b.password : '';
  if (!password) throw badRequest('请输入登录密码以确认', { password: { code: 'required', message: '请输入登录密码' } });
  const key = `erase:${user.id}`;
  if (isThrottled(e.app, key, ACCOUNT_LIMITS.erasePasswordFailures)) throw tooMany('密码输错次数太多，请 15 分钟后再试。');
  if (!user.validatePassword(password)) {
    count(e.app, key, ACCOUNT_LIMITS.erasePasswordFailures);
    throw new QaError(400, 'wrong_password', '密码不对', { password: { code: 'wrong_password', message: '密码不对，请重新输入' } });
  }
  reset(e.app, key);
  eraseUser(e.app, user.id, null);
  return { erased: true, message: '您的个人信息已删除，账号已注销。结业统计中的人数是匿名汇总，不受影响。' };
}

/**
 * The erasure itself, for the route above and for the operator's `pocketbase erase-user <email>` (a request by
 * mail, after checking who asks). `by`: who requested it when it was not the person themself.
 */
export function eraseUser(app: PbApp, userId: string, by: string | null): Record<string, number> {
  const deleted: Record<string, number> = {};
  inTransaction(app, (tx) => {
    for (const [collection, field] of Object.entries(ERASED_ROWS)) {
      const rows = tx.findRecordsByFilter(collection, `${field} = {:me}`, '', 0, 0, { me: userId });
      for (const r of rows) tx.delete(r);
      if (rows.length) deleted[collection] = rows.length;
    }
    // Completions stay (they are the statistics' source) but no longer name the person. Plain SQL: the completion
    // hooks (revocation) must not run, nothing about the completion's standing changes.
    tx.db().newQuery('UPDATE completions SET learner_name = {:name} WHERE user = {:me}').bind({ name: ERASED_NAME, me: userId }).execute();
    // Sign-in methods and one-time passwords of PocketBase itself
    for (const table of ['_authOrigins', '_externalAuths', '_mfas', '_otps']) {
      tx.db().newQuery(`DELETE FROM ${table} WHERE recordRef = {:me}`).bind({ me: userId }).execute();
    }
    const account = tx.findRecordById('users', userId);
    account.set('name', ERASED_NAME);
    account.set('email', `erased-${userId}@erased.invalid`);
    account.set('emailVisibility', false);
    account.set('verified', false);
    account.set('phone', '');
    account.set('enterprise', '');
    account.set('jurisdiction', '');
    account.set('privacy_accepted', '');
    account.set('privacy_version', '');
    account.set('erased_at', toPbDate(new Date()));
    account.setRandomPassword(); // also changes the token key: every session ends
    tx.save(account);
    writeAudit(tx, 'account_erased', null, userId, { deleted, by });
  });
  return deleted;
}

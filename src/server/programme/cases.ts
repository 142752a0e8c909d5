/**
 * Good-practice case submissions: authors draft and submit; the provincial regulator returns or
 * recommends; the national regulator selects or declines. Rules: src/lib/cases/workflow.ts.
 */
import { checkCase, normaliseCase, MAX_PHOTO_BYTES, type CaseContent, type CaseProfile } from '../../lib/cases/case-content.ts';
import { checkPhoto } from '../../lib/cases/photo.ts';
import {
  availableActions,
  CASE_ACTIONS,
  refusal,
  transition,
  visibleToRegulator,
  type CaseAction,
  type CaseState,
  type HistoryEntry,
} from '../../lib/cases/workflow.ts';
import { regionFullName } from '../../lib/regions.ts';
import { regionWithin } from '../../lib/stats/jurisdiction.ts';
import { badRequest, body, findById, forbidden, getJson, inTransaction, notFound, QaError, requireAuth } from '../http.ts';
import { actorOf } from './access.ts';

export interface CaseSummary {
  id: string;
  title: string;
  state: CaseState;
  enterpriseName: string;
  province: string;
  county: string;
  regionName: string;
  sector: string;
  authorName: string;
  updated: string;
  submittedAt: string;
  lastComment: string;
  illustrative: boolean;
  slug: string;
}

export interface CaseDetail extends CaseSummary {
  profile: CaseProfile;
  content: CaseContent;
  history: HistoryEntry[];
  actions: CaseAction[];
}

const summary = (r: PbRecord): CaseSummary => {
  const history = getJson<HistoryEntry[]>(r, 'history', []);
  const lastComment = [...history].reverse().find((h) => h.comment)?.comment ?? '';
  return {
    id: r.id,
    title: r.getString('title'),
    state: r.getString('state') as CaseState,
    enterpriseName: getJson<CaseProfile>(r, 'profile', {} as CaseProfile).enterpriseName ?? '',
    province: r.getString('province_code'),
    county: r.getString('county_code'),
    regionName: regionFullName(r.getString('county_code')),
    sector: r.getString('sector'),
    authorName: r.getString('author_name'),
    updated: r.getString('updated'),
    submittedAt: r.getString('submitted_at'),
    lastComment,
    illustrative: r.getBool('illustrative'),
    slug: r.getString('slug'),
  };
};

function detail(app: PbApp, r: PbRecord, user: PbRecord): CaseDetail {
  const actor = actorOf(app, user);
  return {
    ...summary(r),
    profile: getJson<CaseProfile>(r, 'profile', {} as CaseProfile),
    content: normaliseCase(getJson<Record<string, unknown>>(r, 'content', {})),
    history: getJson<HistoryEntry[]>(r, 'history', []),
    actions: availableActions(actor, ref(r)),
  };
}

const ref = (r: PbRecord) => ({
  state: r.getString('state') as CaseState,
  enterprise: r.getString('enterprise'),
  province: r.getString('province_code'),
});

/** Whether this person may read the case: its authors always; regulators inside their area once it reaches them. */
function mayRead(app: PbApp, user: PbRecord, r: PbRecord): boolean {
  const actor = actorOf(app, user);
  if (availableActions(actor, { ...ref(r), state: 'draft' }).includes('save')) return true; // an author of this enterprise
  if (actor.role !== 'regulator') return false;
  return (
    regionWithin(actor.jurisdiction ?? '', r.getString('county_code')) &&
    visibleToRegulator(r.getString('state') as CaseState, actor.jurisdiction ?? '')
  );
}

function load(e: PbRequestEvent, user: PbRecord): PbRecord {
  const record = findById(e.app, 'case_submissions', e.request.pathValue('id'));
  // Cases outside the reader's reach answer 404, so that ids cannot be probed.
  if (!record || !mayRead(e.app, user, record)) throw notFound('找不到这个案例，或您无权查看');
  return record;
}

function fieldErrors(errors: Record<string, string>) {
  return Object.fromEntries(Object.entries(errors).map(([k, message]) => [k, { code: 'invalid', message }]));
}

/** Photos are checked on the server whatever the browser did: type, size and no metadata that can hold a location. */
function checkedContent(raw: unknown, complete: boolean): CaseContent {
  const c = normaliseCase(raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {});
  const errors = checkCase(c, complete);
  c.photos.forEach((p, i) => {
    const result = checkPhoto(p.data, p.mime, MAX_PHOTO_BYTES);
    if (!result.ok && !errors.photos) errors.photos = `第 ${i + 1} 张照片：${result.message}`;
  });
  if (Object.keys(errors).length)
    throw badRequest(complete ? '案例还不完整，请按提示补充后再提交' : '案例内容有误，请按提示修改', fieldErrors(errors));
  return c;
}

/** GET /api/qa/cases/mine : the cases of the author's enterprise (enterprise managers; experts once they exist). */
export function myCases(e: PbRequestEvent): { cases: CaseSummary[]; canWrite: boolean } {
  const user = requireAuth(e);
  const actor = actorOf(e.app, user);
  const enterprises = actor.role === 'enterprise_manager' && actor.enterprise ? [actor.enterprise] : [...(actor.assists ?? [])];
  if (!enterprises.length) return { cases: [], canWrite: false };
  const params: Record<string, string> = {};
  const filter = enterprises
    .map((id, i) => {
      params[`e${i}`] = id;
      return `enterprise = {:e${i}}`;
    })
    .join(' || ');
  return { cases: e.app.findRecordsByFilter('case_submissions', filter, '-updated', 0, 0, params).map(summary), canWrite: true };
}

/** POST /api/qa/cases {enterprise?, content} : starts a draft; the enterprise's profile is snapshotted now. */
export function createCase(e: PbRequestEvent): CaseDetail {
  const user = requireAuth(e);
  const actor = actorOf(e.app, user);
  const b = body(e);
  const enterpriseId =
    actor.role === 'enterprise_manager' ? (actor.enterprise ?? '') : typeof b.enterprise === 'string' ? b.enterprise : '';
  if (!enterpriseId || refusal(actor, 'save', { state: 'draft', enterprise: enterpriseId, province: '' }))
    throw forbidden('只有企业管理员（或其帮扶专家）可以编写本企业的案例');
  const content = checkedContent(b.content, false);
  return inTransaction(e.app, (tx) => {
    const enterprise = tx.findRecordById('enterprises', enterpriseId);
    const record = new Record(tx.findCachedCollectionByNameOrId('case_submissions'));
    const profile: CaseProfile = {
      enterpriseName: enterprise.getString('name'),
      province: enterprise.getString('province_code'),
      prefecture: enterprise.getString('prefecture_code'),
      county: enterprise.getString('county_code'),
      sector: enterprise.getString('sector'),
      size: enterprise.getString('size') as CaseProfile['size'],
    };
    record.set('enterprise', enterpriseId);
    record.set('author', user.id);
    record.set('author_name', user.getString('name'));
    record.set('state', 'draft');
    record.set('province_code', profile.province);
    record.set('prefecture_code', profile.prefecture);
    record.set('county_code', profile.county);
    record.set('sector', profile.sector);
    record.set('profile', profile);
    record.set('content', content);
    record.set('title', content.title);
    record.set('history', []);
    tx.save(record);
    return detail(tx, record, user);
  });
}

/** GET /api/qa/cases/{id} */
export function getCase(e: PbRequestEvent): CaseDetail {
  const user = requireAuth(e);
  return detail(e.app, load(e, user), user);
}

/** POST /api/qa/cases/{id} {content} : saves the draft (or the returned case being revised). */
export function saveCase(e: PbRequestEvent): CaseDetail {
  const user = requireAuth(e);
  const record = load(e, user);
  const actor = actorOf(e.app, user);
  const refused = refusal(actor, 'save', ref(record));
  if (refused) throw new QaError(refused.status, refused.status === 409 ? 'wrong_state' : 'forbidden', refused.message);
  const content = checkedContent(body(e).content, false);
  record.set('content', content);
  record.set('title', content.title);
  e.app.save(record);
  return detail(e.app, record, user);
}

/** POST /api/qa/cases/{id}/actions {action, comment} : submit, return, recommend, select or decline. */
export function caseAction(e: PbRequestEvent): CaseDetail {
  const user = requireAuth(e);
  const b = body(e);
  const action = String(b.action ?? '') as CaseAction;
  if (!(CASE_ACTIONS as readonly string[]).includes(action) || action === 'save') {
    throw badRequest(`未知的操作“${action}”`, {
      action: { code: 'invalid', message: 'action must be submit, return, recommend, select or decline' },
    });
  }
  const comment = typeof b.comment === 'string' ? b.comment.trim().slice(0, 1000) : '';
  return inTransaction(e.app, (tx) => {
    const record = findById(tx, 'case_submissions', e.request.pathValue('id'));
    if (!record || !mayRead(tx, user, record)) throw notFound('找不到这个案例，或您无权查看');
    const actor = actorOf(tx, user);
    const refused = refusal(actor, action, ref(record), comment);
    if (refused) {
      throw new QaError(
        refused.status,
        refused.status === 409 ? 'wrong_state' : refused.status === 400 ? 'invalid' : 'forbidden',
        refused.message,
        refused.status === 400 ? { comment: { code: 'required', message: refused.message } } : {},
      );
    }
    if (action === 'submit') checkedContent(getJson(record, 'content', {}), true);
    const now = new Date();
    const { state, entry } = transition(actor, action, ref(record), comment, now);
    record.set('state', state);
    record.set('history', [...getJson<HistoryEntry[]>(record, 'history', []), entry]);
    if (action === 'submit') record.set('submitted_at', now.toISOString());
    if (action === 'recommend') record.set('recommended_at', now.toISOString());
    if (action === 'select' || action === 'decline') record.set('decided_at', now.toISOString());
    if (action === 'select') record.set('slug', caseSlug(record, now));
    tx.save(record);
    return detail(tx, record, user);
  });
}

/** The file name a selected case gets under content/cases: year, province and the record id. */
export function caseSlug(record: PbRecord, at: Date): string {
  return `selected-${at.getUTCFullYear()}-${record.getString('province_code')}-${record.id.toLowerCase()}`;
}

/** GET /api/qa/cases/review?state= : the cases a regulator reviews or follows, inside their jurisdiction. */
export function reviewCases(e: PbRequestEvent): { jurisdiction: string; cases: CaseSummary[] } {
  const user = requireAuth(e);
  if (user.getString('role') !== 'regulator') throw forbidden('只有监管部门账号可以审核案例');
  const jurisdiction = user.getString('jurisdiction');
  const rows = e.app.findRecordsByFilter('case_submissions', "state != 'draft'", '-updated', 0, 0);
  const cases = rows
    .filter(
      (r) => regionWithin(jurisdiction, r.getString('county_code')) && visibleToRegulator(r.getString('state') as CaseState, jurisdiction),
    )
    .map(summary);
  return { jurisdiction, cases };
}

export interface PublishableCase {
  id: string;
  slug: string;
  decidedAt: string;
  illustrative: boolean;
  profile: CaseProfile;
  content: CaseContent;
  history: HistoryEntry[];
}

/** GET /api/qa/cases/selected : every selected case in full, for `npm run cases:publish` (superusers, national regulators). */
export function selectedCases(e: PbRequestEvent): { cases: PublishableCase[] } {
  const auth = e.auth;
  const superuser = auth?.collection().name === '_superusers';
  if (
    !superuser &&
    !(auth && auth.collection().name === 'users' && auth.getString('role') === 'regulator' && auth.getString('jurisdiction') === '')
  ) {
    throw forbidden('只有超级管理员或国家级监管账号可以导出入选案例');
  }
  const rows = e.app.findRecordsByFilter('case_submissions', "state = 'selected'", 'decided_at', 0, 0);
  return {
    cases: rows.map((r) => ({
      id: r.id,
      slug: r.getString('slug'),
      decidedAt: r.getString('decided_at'),
      illustrative: r.getBool('illustrative'),
      profile: getJson<CaseProfile>(r, 'profile', {} as CaseProfile),
      content: normaliseCase(getJson<Record<string, unknown>>(r, 'content', {})),
      history: getJson<HistoryEntry[]>(r, 'history', []),
    })),
  };
}

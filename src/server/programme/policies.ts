/**
 * The policy library: everyone reads it; regulators maintain the policies of their own jurisdiction
 * (national regulators all, a province its province and the cities and counties inside it).
 */
import {
  beijingDate,
  policyLevel,
  policyRegionName,
  policyStatus,
  regionsOver,
  validatePolicy,
  type PolicyInput,
  type PolicyStatus,
  type PolicyType,
} from '../../lib/policies/policy.ts';
import { regionWithin } from '../../lib/stats/jurisdiction.ts';
import type { RegionLevel } from '../../lib/regions.ts';
import { regionFullName } from '../../lib/regions.ts';
import { badRequest, body, findById, forbidden, inTransaction, notFound, requireAuth } from '../http.ts';
import { assertWithin, requireRegulator } from './access.ts';
import { cachedJson, policiesVersion, RawJson } from './cache.ts';

export interface PolicyView extends PolicyInput {
  id: string;
  level: RegionLevel;
  regionName: string;
  status: PolicyStatus;
  updated: string;
}

export interface PolicyList {
  today: string;
  policies: PolicyView[];
}

interface PolicyRow extends PolicyInput {
  id: string;
  updated: string;
}

function view(p: PolicyRow, today: string): PolicyView {
  return {
    ...p,
    illustrative: !!p.illustrative,
    level: policyLevel(p.region) ?? 'national',
    regionName: policyRegionName(p.region),
    status: policyStatus(p, today),
  };
}

/** Policies as one JSON document built by SQLite (a model per row is slow in the JS VM), newest first. */
function policyRows(app: PbApp, where = '1 = 1', params: Record<string, unknown> = {}): PolicyRow[] {
  const out = new DynamicModel({ data: '' });
  app
    .db()
    .newQuery(`SELECT COALESCE(json_group_array(json(row)), '[]') AS data FROM (
      SELECT json_object('id', id, 'title', title, 'authority', authority, 'region', region, 'docNumber', doc_number, 'type', type,
        'issuedOn', issued_on, 'validUntil', valid_until, 'eligibility', eligibility, 'benefit', benefit, 'howToApply', how_to_apply,
        'link', link, 'illustrative', illustrative, 'updated', updated) AS row
      FROM policies WHERE ${where} ORDER BY issued_on DESC, title)`)
    .bind(params)
    .one(out);
  return JSON.parse(out.data || '[]') as PolicyRow[];
}

const recordRow = (r: PbRecord): PolicyRow => ({
  id: r.id,
  title: r.getString('title'),
  authority: r.getString('authority'),
  region: r.getString('region'),
  docNumber: r.getString('doc_number'),
  type: r.getString('type') as PolicyType,
  issuedOn: r.getString('issued_on'),
  validUntil: r.getString('valid_until'),
  eligibility: r.getString('eligibility'),
  benefit: r.getString('benefit'),
  howToApply: r.getString('how_to_apply'),
  link: r.getString('link'),
  illustrative: r.getBool('illustrative'),
  updated: r.getString('updated'),
});

/** GET /api/qa/policies : the whole library (public, no login); the page filters it in the browser. */
export function listPolicies(e: PbRequestEvent): RawJson<PolicyList> {
  const today = beijingDate();
  // Built once per JS VM until a policy changes (or the day turns): the JS VM is slow at per-row work.
  return new RawJson(
    cachedJson(
      e.app,
      'policies',
      `${today}|${policiesVersion(e.app)}`,
      (): PolicyList => ({ today, policies: policyRows(e.app).map((r) => view(r, today)) }),
    ),
  );
}

export interface MyPolicies extends PolicyList {
  regionName: string;
  county: string;
}

/** GET /api/qa/policies/mine : policies that apply where the signed-in person's enterprise is registered. */
export function myPolicies(e: PbRequestEvent): MyPolicies {
  const user = requireAuth(e);
  const enterpriseId = user.getString('enterprise');
  if (!enterpriseId) throw forbidden('您的账号没有关联企业，看不到“本地适用的政策”');
  const enterprise = findById(e.app, 'enterprises', enterpriseId);
  if (!enterprise) throw notFound('找不到您的企业');
  const county = enterprise.getString('county_code');
  const regions = regionsOver(county);
  const params: Record<string, string> = {};
  const where = regions
    .map((r, i) => {
      params[`r${i}`] = r;
      return `region = {:r${i}}`;
    })
    .join(' OR ');
  const today = beijingDate();
  return { today, county, regionName: regionFullName(county), policies: policyRows(e.app, where, params).map((r) => view(r, today)) };
}

/** GET /api/qa/policies/manage : the policies a regulator maintains (their jurisdiction and below). */
export function managedPolicies(e: PbRequestEvent): PolicyList & { jurisdiction: string } {
  const { jurisdiction } = requireRegulator(e, '政策库维护');
  const today = beijingDate();
  return {
    today,
    jurisdiction,
    policies: policyRows(e.app)
      .filter((r) => regionWithin(jurisdiction, r.region))
      .map((r) => view(r, today)),
  };
}

function validated(e: PbRequestEvent): PolicyInput {
  const checked = validatePolicy(body(e));
  if (!checked.ok) {
    throw badRequest(
      '政策信息有误，请按提示修改',
      Object.fromEntries(Object.entries(checked.errors).map(([k, message]) => [k, { code: 'invalid', message: message! }])),
    );
  }
  return checked.value;
}

function write(record: PbRecord, p: PolicyInput, userId: string): void {
  record.set('title', p.title);
  record.set('authority', p.authority);
  record.set('region', p.region);
  record.set('doc_number', p.docNumber);
  record.set('type', p.type);
  record.set('issued_on', p.issuedOn);
  record.set('valid_until', p.validUntil);
  record.set('eligibility', p.eligibility);
  record.set('benefit', p.benefit);
  record.set('how_to_apply', p.howToApply);
  record.set('link', p.link);
  record.set('illustrative', p.illustrative);
  record.set('updated_by', userId);
}

/** POST /api/qa/policies : a regulator adds a policy of their jurisdiction (or of a region inside it). */
export function createPolicy(e: PbRequestEvent): PolicyView {
  const { user, jurisdiction } = requireRegulator(e, '政策库维护');
  const p = validated(e);
  assertWithin(jurisdiction, p.region, '录入');
  return inTransaction(e.app, (tx) => {
    const record = new Record(tx.findCachedCollectionByNameOrId('policies'));
    write(record, p, user.id);
    record.set('created_by', user.id);
    tx.save(record);
    return view(recordRow(record), beijingDate());
  });
}

function ownPolicy(e: PbRequestEvent, jurisdiction: string, what: string): PbRecord {
  const record = findById(e.app, 'policies', e.request.pathValue('id'));
  if (!record) throw notFound('找不到这条政策');
  assertWithin(jurisdiction, record.getString('region'), what);
  return record;
}

/** POST /api/qa/policies/{id} : corrects a policy (an expired one stays, marked; only mistakes are edited). */
export function updatePolicy(e: PbRequestEvent): PolicyView {
  const { user, jurisdiction } = requireRegulator(e, '政策库维护');
  const record = ownPolicy(e, jurisdiction, '修改');
  const p = validated(e);
  assertWithin(jurisdiction, p.region, '修改为');
  write(record, p, user.id);
  e.app.save(record);
  return view(recordRow(record), beijingDate());
}

/** DELETE /api/qa/policies/{id} : removes an entry made by mistake. Expired policies are kept, not deleted. */
export function deletePolicy(e: PbRequestEvent): { deleted: true } {
  const { jurisdiction } = requireRegulator(e, '政策库维护');
  const record = ownPolicy(e, jurisdiction, '删除');
  e.app.delete(record);
  return { deleted: true };
}

/** Certification bodies and their admission to the programme, province by province. */
import { checkApprovalNumber } from '../../lib/assistance/approval-number.ts';
import { listProvinces, regionName } from '../../lib/regions.ts';
import { badRequest, body, conflict, findById, findOne, forbidden, getJson, inTransaction, notFound, requireAuth } from '../http.ts';
import { requireRegulator, requireWithin } from './access.ts';

const PROVINCES = new Set(listProvinces().map((p) => p.code));

export interface BodyView {
  id: string;
  name: string;
  approvalNumber: string;
  provinces: { code: string; name: string; admitted: boolean }[];
}

/** Province codes where a body is admitted to the programme. */
export function admittedProvinces(app: PbApp, bodyId: string): Set<string> {
  const rows = app.findRecordsByFilter('body_admissions', 'body = {:body} && admitted = true', '', 0, 0, { body: bodyId });
  return new Set(rows.map((r) => r.getString('province_code')));
}

export function isAdmitted(app: PbApp, bodyId: string, province: string): boolean {
  return Boolean(
    findOne(app, 'body_admissions', 'body = {:body} && province_code = {:province} && admitted = true', { body: bodyId, province }),
  );
}

export function bodyView(app: PbApp, record: PbRecord): BodyView {
  const admitted = admittedProvinces(app, record.id);
  const provinces = getJson<string[]>(record, 'provinces', []);
  return {
    id: record.id,
    name: record.getString('name'),
    approvalNumber: record.getString('approval_number'),
    provinces: provinces.map((code) => ({ code, name: regionName(code), admitted: admitted.has(code) })),
  };
}

/** GET /api/qa/assistance/bodies?province= : public list of bodies (names, approval numbers, provinces). */
export function listBodies(e: PbRequestEvent): { bodies: BodyView[] } {
  const province = e.requestInfo().query.province ?? '';
  if (province && !PROVINCES.has(province))
    throw badRequest(`省份代码“${province}”无效`, {
      province: { code: 'invalid_region', message: 'province must be a 2-digit GB/T 2260 code' },
    });
  const all = e.app.findRecordsByFilter('cert_bodies', '', 'name', 0, 0).map((b) => bodyView(e.app, b));
  return { bodies: province ? all.filter((b) => b.provinces.some((p) => p.code === province && p.admitted)) : all };
}

function provinceList(raw: unknown): string[] | null {
  if (!Array.isArray(raw)) return null;
  const list = [...new Set(raw.map(String))];
  return list.length && list.every((c) => PROVINCES.has(c)) ? list.sort() : null;
}

/** POST /api/qa/assistance/bodies {name, approvalNumber, provinces[]} : a national or provincial regulator registers a body. */
export function createBody(e: PbRequestEvent): BodyView {
  const regulator = requireRegulator(e);
  if (regulator.getString('jurisdiction').length > 2) throw forbidden('认证机构由省级或国家级监管部门登记');
  const input = body(e);
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const approval = checkApprovalNumber(input.approvalNumber);
  const provinces = provinceList(input.provinces);
  const fields: Record<string, { code: string; message: string }> = {};
  if (Array.from(name).length < 2 || Array.from(name).length > 100)
    fields.name = { code: 'invalid', message: '请填写机构全称（2-100 字）' };
  if (!approval.ok) fields.approvalNumber = { code: 'invalid_approval_number', message: approval.message };
  if (!provinces) fields.provinces = { code: 'invalid', message: '请选择机构参与帮扶的省份' };
  if (Object.keys(fields).length) throw badRequest('认证机构信息有误，请按提示修改', fields);
  for (const p of provinces!) requireWithin(regulator, p);
  return inTransaction(e.app, (tx) => {
    if (findOne(tx, 'cert_bodies', 'approval_number = {:n}', { n: (approval as { value: string }).value }))
      throw conflict('duplicate_body', `批准号 ${(approval as { value: string }).value} 的机构已经登记`);
    if (findOne(tx, 'cert_bodies', 'name = {:n}', { n: name })) throw conflict('duplicate_body', `“${name}”已经登记`);
    const record = new Record(tx.findCachedCollectionByNameOrId('cert_bodies'));
    record.set('name', name);
    record.set('approval_number', (approval as { value: string }).value);
    record.set('provinces', provinces);
    tx.save(record);
    return bodyView(tx, record);
  });
}

/**
 * POST /api/qa/assistance/bodies/{id}/admission {province, admitted, note} : a regulator of that province
 * (or national) admits the body to the programme there, or removes it. Running assistances continue.
 */
export function setAdmission(e: PbRequestEvent): BodyView {
  const regulator = requireRegulator(e);
  const input = body(e);
  const province = String(input.province ?? '');
  if (!PROVINCES.has(province))
    throw badRequest('请选择省份', { province: { code: 'invalid_region', message: 'province must be a 2-digit GB/T 2260 code' } });
  if (regulator.getString('jurisdiction').length > 2) throw forbidden('认证机构的准入由省级或国家级监管部门决定');
  requireWithin(regulator, province);
  if (typeof input.admitted !== 'boolean')
    throw badRequest('请说明是准入还是移出', { admitted: { code: 'invalid', message: 'admitted must be true or false' } });
  const note = typeof input.note === 'string' ? input.note.trim().slice(0, 200) : '';
  return inTransaction(e.app, (tx) => {
    const record = findById(tx, 'cert_bodies', e.request.pathValue('id'));
    if (!record) throw notFound('没有找到这家认证机构');
    if (input.admitted && !getJson<string[]>(record, 'provinces', []).includes(province)) {
      throw badRequest(`${record.getString('name')}没有登记在${regionName(province)}参与帮扶，不能在该省准入`, {
        province: { code: 'not_participating', message: 'the body does not take part in this province' },
      });
    }
    const admission =
      findOne(tx, 'body_admissions', 'body = {:body} && province_code = {:province}', { body: record.id, province }) ??
      new Record(tx.findCachedCollectionByNameOrId('body_admissions'));
    admission.set('body', record.id);
    admission.set('province_code', province);
    admission.set('admitted', input.admitted);
    admission.set('decided_by', regulator.id);
    admission.set('decided_at', new Date().toISOString());
    admission.set('note', note);
    tx.save(admission);
    return bodyView(tx, record);
  });
}

/** The body of the signed-in expert (for the workspace header). */
export function bodyOfUser(app: PbApp, user: PbRecord): PbRecord | null {
  return user.getString('body') ? findById(app, 'cert_bodies', user.getString('body')) : null;
}

export { requireAuth };

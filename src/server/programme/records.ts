/**
 * Organising measures that regulators record for assessment indicator 1: programme meetings, documents,
 * publicity campaigns and inspections, each for the regulator's own jurisdiction (or a region inside it).
 */
import { isDate } from '../../lib/policies/policy.ts';
import { RECORD_KINDS, type RecordKind } from '../../lib/provincial-assessment/record-kinds.ts';
import { jurisdictionLevel, regionName } from '../../lib/regions.ts';
import { regionWithin } from '../../lib/stats/jurisdiction.ts';
import { badRequest, body, findById, notFound, type FieldError } from '../http.ts';
import { assertWithin, requireRegulator } from './access.ts';

export interface ProgrammeRecord {
  id: string;
  region: string;
  regionName: string;
  kind: RecordKind;
  title: string;
  heldOn: string;
  docNumber: string;
  note: string;
  illustrative: boolean;
}

const view = (r: PbRecord): ProgrammeRecord => ({
  id: r.id,
  region: r.getString('region'),
  regionName: regionName(r.getString('region')),
  kind: r.getString('kind') as RecordKind,
  title: r.getString('title'),
  heldOn: r.getString('held_on'),
  docNumber: r.getString('doc_number'),
  note: r.getString('note'),
  illustrative: r.getBool('illustrative'),
});

/** GET /api/qa/programme-records : the records inside the regulator's jurisdiction, newest first. */
export function listRecords(e: PbRequestEvent): { jurisdiction: string; records: ProgrammeRecord[] } {
  const { jurisdiction } = requireRegulator(e, '工作记录');
  const rows = e.app.findRecordsByFilter('programme_records', 'id != ""', '-held_on', 0, 0);
  return { jurisdiction, records: rows.filter((r) => regionWithin(jurisdiction, r.getString('region'))).map(view) };
}

/** POST /api/qa/programme-records {kind, title, heldOn, docNumber, note, region?} */
export function createRecord(e: PbRequestEvent): ProgrammeRecord {
  const { user, jurisdiction } = requireRegulator(e, '工作记录');
  const b = body(e);
  const region = typeof b.region === 'string' ? b.region.trim() : jurisdiction;
  const kind = String(b.kind ?? '');
  const title = typeof b.title === 'string' ? b.title.trim() : '';
  const heldOn = typeof b.heldOn === 'string' ? b.heldOn.trim() : '';
  const errors: Record<string, FieldError> = {};
  if (jurisdictionLevel(region) === null)
    errors.region = { code: 'invalid_region', message: `地区代码“${region}”不是有效的 GB/T 2260 代码` };
  if (!Object.prototype.hasOwnProperty.call(RECORD_KINDS, kind)) errors.kind = { code: 'invalid', message: '请选择类型' };
  if (Array.from(title).length < 4 || Array.from(title).length > 120)
    errors.title = { code: 'invalid', message: '请填写名称（4 到 120 个字）' };
  if (!isDate(heldOn)) errors.heldOn = { code: 'invalid', message: '日期格式应为 2026-03-15' };
  if (Object.keys(errors).length) throw badRequest('记录有误，请按提示修改', errors);
  assertWithin(jurisdiction, region, '记录');
  const record = new Record(e.app.findCachedCollectionByNameOrId('programme_records'));
  record.set('region', region);
  record.set('kind', kind);
  record.set('title', title);
  record.set('held_on', heldOn);
  record.set('doc_number', typeof b.docNumber === 'string' ? b.docNumber.trim().slice(0, 60) : '');
  record.set('note', typeof b.note === 'string' ? b.note.trim().slice(0, 1000) : '');
  record.set('recorded_by', user.id);
  e.app.save(record);
  return view(record);
}

/** DELETE /api/qa/programme-records/{id} */
export function deleteRecord(e: PbRequestEvent): { deleted: true } {
  const { jurisdiction } = requireRegulator(e, '工作记录');
  const record = findById(e.app, 'programme_records', e.request.pathValue('id'));
  if (!record) throw notFound('找不到这条记录');
  assertWithin(jurisdiction, record.getString('region'), '删除');
  e.app.delete(record);
  return { deleted: true };
}

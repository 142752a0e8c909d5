import { content } from './content.ts';
import { createCompletion } from './completion.ts';
import { badRequest, body, findOne, forbidden, inTransaction, requireAuth, type FieldError } from './http.ts';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_ATTENDEES = 500;

/**
 * POST /api/qa/sessions {course, title, heldOn, location, attendees: [email]}: a trainer records an
 * in-person session. Every attendee who has not completed the course yet gets an in-person completion
 * (and a certificate). All attendees are checked before anything is saved.
 */
export function recordSession(e: PbRequestEvent) {
  const trainer = requireAuth(e);
  if (trainer.getString('role') !== 'trainer') throw forbidden('只有培训老师可以登记线下培训');
  const b = body(e);
  const errors: Record<string, FieldError> = {};
  const courseId = typeof b.course === 'string' ? b.course : '';
  if (!content().courses[courseId]) errors.course = { code: 'unknown_course', message: '请选择课程' };
  const title = typeof b.title === 'string' ? b.title.trim() : '';
  if (Array.from(title).length < 2 || Array.from(title).length > 100) errors.title = { code: 'invalid_title', message: '请填写 2 到 100 字的培训名称' };
  const heldOn = typeof b.heldOn === 'string' ? b.heldOn : '';
  const match = DAY.exec(heldOn);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 4)) : null;
  const now = Date.now();
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== heldOn) errors.heldOn = { code: 'invalid_date', message: '培训日期格式应为 YYYY-MM-DD' };
  else if (day.getTime() > now + 86_400_000) errors.heldOn = { code: 'future_date', message: '不能登记还没举办的培训' };
  else if (day.getTime() < now - 366 * 86_400_000) errors.heldOn = { code: 'too_old', message: '只能登记一年以内举办的培训' };
  const emails = Array.isArray(b.attendees) ? [...new Set(b.attendees.map((x) => String(x).trim().toLowerCase()).filter(Boolean))] : [];
  if (emails.length === 0 || emails.length > MAX_ATTENDEES) errors.attendees = { code: 'invalid_attendees', message: `请填写 1 到 ${MAX_ATTENDEES} 位学员的注册邮箱` };
  const attendees: PbRecord[] = [];
  const unknown: string[] = [];
  for (const email of errors.attendees ? [] : emails) {
    const user = findOne(e.app, 'users', 'email = {:email}', { email });
    if (!user || !user.getString('enterprise')) unknown.push(email);
    else attendees.push(user);
  }
  if (unknown.length) errors.attendees = { code: 'unknown_attendees', message: `这些邮箱没有注册为企业学员：${unknown.join('、')}` };
  if (Object.keys(errors).length) throw badRequest('登记信息有误，请按提示修改', errors);

  return inTransaction(e.app, (tx) => {
    const session = new Record(tx.findCachedCollectionByNameOrId('sessions'));
    session.set('trainer', trainer.id);
    session.set('course', courseId);
    session.set('title', title);
    session.set('held_on', `${heldOn} 04:00:00.000Z`);
    session.set('location', typeof b.location === 'string' ? b.location.trim().slice(0, 100) : '');
    session.set('attendees', attendees.map((a) => a.id));
    // Where the session counts (assessment indicator 2): the county most of its attendees' enterprises are in.
    const place = mostCommonCounty(tx, attendees);
    if (place) for (const field of ['province_code', 'prefecture_code', 'county_code']) session.set(field, place.getString(field));
    tx.save(session);
    const created: string[] = [];
    const alreadyComplete: string[] = [];
    for (const attendee of attendees) {
      if (findOne(tx, 'completions', 'user = {:user} && course = {:course}', { user: attendee.id, course: courseId })) {
        alreadyComplete.push(attendee.getString('email'));
        continue;
      }
      createCompletion(tx, attendee, courseId, { channel: 'in_person', at: day!, session: session.id });
      created.push(attendee.getString('email'));
    }
    return { session: session.id, created, alreadyComplete };
  });
}

function mostCommonCounty(app: PbApp, attendees: PbRecord[]): PbRecord | null {
  const tally = new Map<string, { n: number; enterprise: PbRecord }>();
  for (const a of attendees) {
    const enterprise = app.findRecordById('enterprises', a.getString('enterprise'));
    const county = enterprise.getString('county_code');
    const entry = tally.get(county) ?? { n: 0, enterprise };
    entry.n += 1;
    tally.set(county, entry);
  }
  let best: { n: number; enterprise: PbRecord } | null = null;
  for (const [county, entry] of [...tally].sort((x, y) => x[0].localeCompare(y[0]))) if (!best || entry.n > best.n) best = entry;
  return best?.enterprise ?? null;
}

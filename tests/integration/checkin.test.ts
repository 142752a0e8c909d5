/**
 * Live in-person sessions with rotating QR check-in (docs/in-person-sessions.md), against a real PocketBase:
 * the time window, code rotation (real time: current and previous 10-second step accepted, older refused),
 * duplicates, capacity, name + phone + credit code, ownership, and closing into in-person completions whose
 * counters equal a recount.
 */
import { describe, expect, it } from 'vitest';
import { factsOfRows, recount } from '../../src/lib/stats/keys.ts';
import { beijingMinute } from '../../src/lib/checkin/rules.ts';
import { allRecords, api, content, login, randomUscc, registerLearner, superuserToken, uniqueEmail } from './helpers.ts';

const courseId = Object.keys(content.courses)[1];
const T = () => login('trainer@example.com');
/** "YYYY-MM-DDTHH:mm" Beijing time, minutes from now */
const at = (minutes: number) => beijingMinute(Date.now() + minutes * 60_000).replace(' ', 'T');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function create(token: string, extra: Record<string, unknown> = {}) {
  const reply = await api('/api/qa/trainer/live-sessions', {
    token,
    body: {
      course: courseId,
      title: '签到测试培训',
      start: at(-5),
      end: at(90),
      location: '织里镇商会三楼',
      capacity: 30,
      format: 'lecture',
      ...extra,
    },
  });
  if (reply.status !== 200) throw new Error(JSON.stringify(reply.body));
  return reply.body;
}
const live = async (token: string, id: string) => (await api(`/api/qa/trainer/live-sessions/${id}`, { token })).body;
const open = (body: unknown, token?: string) => api('/api/qa/checkins/open', { body, token });
const confirm = (body: unknown, token?: string) => api('/api/qa/checkins/confirm', { body, token });

async function checkIn(learnerToken: string, sessionId: string, trainer: string) {
  const codes = (await live(trainer, sessionId)).codes;
  const o = await open({ s: sessionId, c: codes.token }, learnerToken);
  expect(o.status, JSON.stringify(o.body)).toBe(200);
  return confirm({ ticket: o.body.ticket }, learnerToken);
}

async function staff(role: string, admin: string) {
  const email = uniqueEmail(role);
  const r = await api('/api/collections/users/records', {
    token: admin,
    body: { email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', name: '另一老师', role },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { id: r.body.id as string, token: await login(email, 'secret-pass-1') };
}

describe('live in-person sessions: creating and the window', () => {
  it("only the course's trainers create sessions, with field messages", async () => {
    const admin = await superuserToken();
    const trainer = await T();
    const bad = await api('/api/qa/trainer/live-sessions', {
      token: trainer,
      body: { course: courseId, start: at(60), end: at(30), capacity: 0, format: 'webinar', location: '' },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.data).sort()).toEqual(['capacity', 'end', 'format', 'location']);
    const other = await staff('trainer', admin); // looks after no course
    const refused = await api('/api/qa/trainer/live-sessions', {
      token: other.token,
      body: { course: courseId, start: at(0), end: at(60), capacity: 5, format: 'lecture', location: '会议室' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.data.course.message).toContain('不是这门课程的培训老师');
    const learner = await registerLearner();
    expect((await api('/api/qa/trainer/live-sessions', { token: learner.token, body: {} })).status).toBe(403);
  });

  it('refuses check-in before the window opens, after it ends, and once closed; the secret never shows', async () => {
    const admin = await superuserToken();
    const trainer = await T();
    const learner = await registerLearner();
    const future = await create(trainer, { start: at(120), end: at(180) });
    expect(JSON.stringify(future)).not.toMatch(/secret/);
    const early = await open({ s: future.id, c: future.codes.token }, learner.token);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('not_yet_open');
    expect(early.body.message).toMatch(/^签到还没开始：本场培训 .* 起可以签到/);
    // through the admin API (superuser only): the session ended two hours ago
    const s = await create(trainer);
    const moved = await api(`/api/collections/live_sessions/records/${s.id}`, {
      method: 'PATCH',
      token: admin,
      body: { starts_at: new Date(Date.now() - 4 * 3_600_000).toISOString(), ends_at: new Date(Date.now() - 2 * 3_600_000).toISOString() },
    });
    expect(moved.status).toBe(200);
    // the secret (superusers see it) is in nothing the trainer's page receives: only codes derived from it
    expect(moved.body.secret).toMatch(/^\w{48}$/);
    expect(JSON.stringify(await live(trainer, s.id))).not.toContain(moved.body.secret);
    const late = await open({ s: s.id, c: (await live(trainer, s.id)).codes.token }, learner.token);
    expect(late.body).toMatchObject({ code: 'ended', message: '本场培训的签到时间已过，请联系培训老师' });
    const c = await create(trainer);
    const ticket = (await open({ s: c.id, c: c.codes.token }, learner.token)).body.ticket;
    expect((await api(`/api/qa/trainer/live-sessions/${c.id}/close`, { token: trainer, method: 'POST' })).status).toBe(200);
    const after = await confirm({ ticket }, learner.token); // a ticket from before the close is no good after it
    expect(after.body).toMatchObject({ code: 'closed', message: '本场培训已结束签到，请联系培训老师' });
    // the generic API is closed for everyone but superusers
    expect((await api(`/api/collections/live_sessions/records`, { token: trainer })).status).toBe(403);
    expect((await api(`/api/collections/checkins/records`, { token: learner.token })).status).toBe(403);
  });
});

describe('live in-person sessions: codes', () => {
  it('accepts the current and previous 10-second step and refuses an older code as stale', async () => {
    const trainer = await T();
    const learner = await registerLearner();
    const s = await create(trainer);
    const first = await live(trainer, s.id);
    expect(first.checkinPath).toBe(`/checkin/?s=${s.id}&c=${first.codes.token}`);
    expect((await open({ s: s.id, c: first.codes.token }, learner.token)).status).toBe(200);
    await sleep(first.codes.tokenChangesInMs + 300); // next step: the code just shown is the previous one
    const second = await live(trainer, s.id);
    expect(second.codes.token).not.toBe(first.codes.token);
    expect((await open({ s: s.id, c: first.codes.token }, learner.token)).status).toBe(200);
    await sleep(second.codes.tokenChangesInMs + 300); // two steps later: a forwarded photo
    const stale = await open({ s: s.id, c: first.codes.token }, learner.token);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_code', message: '二维码已过期，请重新扫描现场屏幕上的二维码' });
    expect((await open({ s: s.id, c: 'ffffffffffffffff' }, learner.token)).body.code).toBe('stale_code');
    // the ticket from a fresh scan still works for a few minutes
    const fresh = await open({ s: s.id, c: (await live(trainer, s.id)).codes.token }, learner.token);
    expect((await confirm({ ticket: fresh.body.ticket }, learner.token)).body.status).toBe('checked_in');
    expect((await confirm({ ticket: fresh.body.ticket.replace(/.$/, (x: string) => (x === '0' ? '1' : '0')) }, learner.token)).status).toBe(
      400,
    );
  }, 45_000);

  it('takes the 6-digit code typed by hand, and only the owning trainer sees codes', async () => {
    const admin = await superuserToken();
    const trainer = await T();
    const learner = await registerLearner();
    const s = await create(trainer);
    const manual = (await live(trainer, s.id)).codes.manual;
    expect(manual).toMatch(/^\d{6}$/);
    const wrong = await open({ code: String((Number(manual) + 1) % 1_000_000).padStart(6, '0') }, learner.token);
    expect(wrong.status).toBe(400);
    expect(wrong.body.data.code.message).toBe('签到码不对或已过期，请核对现场屏幕上的 6 位签到码');
    const o = await open({ code: `${manual.slice(0, 3)} ${manual.slice(3)}` }, learner.token);
    expect(o.status).toBe(200);
    expect(o.body.session.id).toBe(s.id);
    expect((await confirm({ ticket: o.body.ticket }, learner.token)).body.status).toBe('checked_in');
    expect((await live(trainer, s.id)).attendees[0]).toMatchObject({ user: learner.id, method: 'code', identifiedBy: 'account' });
    // another trainer: 404 on everything (the session is not theirs)
    const other = await staff('trainer', admin);
    for (const [method, path] of [
      ['GET', ''],
      ['POST', '/attendees'],
      ['POST', '/close'],
    ]) {
      const r = await api(`/api/qa/trainer/live-sessions/${s.id}${path}`, {
        method,
        token: other.token,
        body: method === 'POST' ? { add: learner.email } : undefined,
      });
      expect(r.status).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain(manual);
    }
    expect((await api('/api/qa/trainer/live-sessions', { token: other.token })).body.sessions).toEqual([]);
  });
});

describe('live in-person sessions: who checks in', () => {
  it('counts a second check-in once, and refuses beyond capacity', async () => {
    const trainer = await T();
    const s = await create(trainer, { capacity: 2 });
    const [a, b, c] = [await registerLearner(), await registerLearner(), await registerLearner()];
    expect((await checkIn(a.token, s.id, trainer)).body).toMatchObject({ status: 'checked_in', message: '签到成功' });
    expect((await checkIn(a.token, s.id, trainer)).body).toMatchObject({ status: 'already', message: '您已签到，无需重复签到' });
    expect((await checkIn(b.token, s.id, trainer)).body.status).toBe('checked_in');
    const full = await checkIn(c.token, s.id, trainer);
    expect(full.status).toBe(409);
    expect(full.body.message).toBe('本场培训名额已满（2 人），请联系培训老师');
    expect((await checkIn(a.token, s.id, trainer)).body.status).toBe('already'); // still fine for those in
    const view = await live(trainer, s.id);
    expect(view.checkedIn).toBe(2);
    expect(view.attendees.map((x: any) => x.user).sort()).toEqual([a.id, b.id].sort());
    // corrections: remove one, add another (the trainer is not bound by capacity)
    expect((await api(`/api/qa/trainer/live-sessions/${s.id}/attendees`, { token: trainer, body: { remove: b.id } })).status).toBe(200);
    const added = await api(`/api/qa/trainer/live-sessions/${s.id}/attendees`, { token: trainer, body: { add: c.email } });
    expect(added.body.attendees.map((x: any) => x.user).sort()).toEqual([a.id, c.id].sort());
    const trainerAccount = await login('trainer@example.com');
    expect((await checkIn(trainerAccount, s.id, trainer)).body.message).toBe('只有企业学员账号可以签到（培训老师、监管人员账号不能签到）');
  });

  it('name + phone + credit code: creates an account, links only the same phone, enterprise and name, never signs in', async () => {
    const trainer = await T();
    const s = await create(trainer);
    const ticket = async () => (await open({ s: s.id, c: (await live(trainer, s.id)).codes.token })).body.ticket;
    const owner = await registerLearner();
    const phone = `137${String(Date.now()).slice(-8)}`;
    const missing = await confirm({ ticket: await ticket(), name: '', phone: '123', uscc: 'X', consent: false });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.data).sort()).toEqual(['consent', 'name', 'phone', 'uscc']);
    const unknownEnterprise = await confirm({ ticket: await ticket(), name: '王小明', phone, uscc: randomUscc('330502'), consent: true });
    expect(unknownEnterprise.body.data.uscc.message).toContain('还没有在平台登记');
    const created = await confirm({ ticket: await ticket(), name: '王小明', phone, uscc: owner.uscc, consent: true });
    expect(created.body).toMatchObject({ status: 'checked_in', name: '王小明' });
    expect(JSON.stringify(created.body)).not.toMatch(/token|email/);
    // the same person again: linked to that account, counted once
    expect(
      (await confirm({ ticket: await ticket(), name: '王小明', phone: `+86 ${phone}`, uscc: owner.uscc.toLowerCase(), consent: true })).body
        .status,
    ).toBe('already');
    // the same phone with another name: not linked, no second account
    const other = await confirm({ ticket: await ticket(), name: '李四', phone, uscc: owner.uscc, consent: true });
    expect(other.status).toBe(400);
    expect(other.body.data.phone.message).toContain('请登录您的账号后签到');
    const view = await live(trainer, s.id);
    expect(view.attendees).toEqual([
      expect.objectContaining({ name: '王小明', phoneTail: phone.slice(-4), identifiedBy: 'form_created', method: 'qr' }),
    ]);
    const admin = await superuserToken();
    const made = await api(`/api/collections/users/records?filter=${encodeURIComponent(`phone = "${phone}"`)}`, { token: admin });
    expect(made.body.items).toHaveLength(1);
    expect(made.body.items[0]).toMatchObject({ role: 'learner', enterprise: owner.enterpriseId, verified: false });
    expect(made.body.items[0].email).toMatch(/@users\.invalid$/);
  });

  it('opens the same ticket again after the attendee signs in from the check-in page, without extending it', async () => {
    const trainer = await T();
    const learner = await registerLearner();
    const s = await create(trainer);
    // scanned while signed out: a ticket, no account
    const before = await open({ s: s.id, c: (await live(trainer, s.id)).codes.token });
    expect(before.body.me).toBeNull();
    // back from the login page: the same ticket, now with the account, and one tap checks in
    const after = await open({ ticket: before.body.ticket }, learner.token);
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    expect(after.body).toMatchObject({ ticket: before.body.ticket, session: { id: s.id }, me: { checkedIn: false } });
    expect((await confirm({ ticket: after.body.ticket }, learner.token)).body.status).toBe('checked_in');
    expect((await open({ ticket: before.body.ticket }, learner.token)).body.me.checkedIn).toBe(true);
    // a forged or foreign ticket is refused in Chinese
    const forged = await open({ ticket: before.body.ticket.replace(/.$/, (x: string) => (x === '0' ? '1' : '0')) }, learner.token);
    expect(forged.status).toBe(400);
    expect(forged.body.message).toContain('重新扫描');
    expect((await open({ ticket: 'not-a-ticket' }, learner.token)).status).toBe(400);
  });

  it('a session for one enterprise takes only its staff', async () => {
    const trainer = await T();
    const own = await registerLearner();
    const s = await create(trainer, { uscc: own.uscc });
    expect(s.enterpriseName).toBe('测试企业有限公司');
    const stranger = await registerLearner();
    const refused = await checkIn(stranger.token, s.id, trainer);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('只面向一家企业的员工');
    expect((await checkIn(own.token, s.id, trainer)).body.status).toBe('checked_in');
  });
});

describe('live in-person sessions: closing', () => {
  it('turns the list into in-person completions through the recorded-session path; counters equal a recount', async () => {
    const admin = await superuserToken();
    const trainer = await T();
    const s = await create(trainer, { start: at(-60), end: at(30) });
    const [a, b] = [await registerLearner({ county: '330106' }), await registerLearner({ county: '330106' })];
    await checkIn(a.token, s.id, trainer);
    await checkIn(b.token, s.id, trainer);
    const closed = await api(`/api/qa/trainer/live-sessions/${s.id}/close`, { token: trainer, method: 'POST' });
    expect(closed.status).toBe(200);
    expect(closed.body.recorded.created.sort()).toEqual([a.email, b.email].sort());
    expect(closed.body.session).toMatchObject({ closed: true, recordedSession: closed.body.recorded.session });
    expect((await live(trainer, s.id)).codes).toBeNull();
    expect((await api(`/api/qa/trainer/live-sessions/${s.id}/close`, { token: trainer, method: 'POST' })).status).toBe(409);
    // the recorded session: in the trainer's list of sessions, counted by county like any other
    const sessions = (await api('/api/qa/sessions', { token: trainer })).body.sessions;
    expect(sessions.find((x: any) => x.id === closed.body.recorded.session)).toMatchObject({ attendeeCount: 2, course: courseId });
    const done = await api(
      `/api/collections/completions/records?filter=${encodeURIComponent(`session = "${closed.body.recorded.session}"`)}`,
      { token: admin },
    );
    expect(done.body.items.map((c: any) => c.channel)).toEqual(['in_person', 'in_person']);
    // the learner sees it as complete
    expect((await api(`/api/qa/courses/${courseId}/status`, { token: a.token })).body.completion).toBeTruthy();
    // statistics counters equal a recount from the completions
    const counts = await allRecords('stat_counts', admin);
    const incremental = new Map(
      counts
        .filter((r) => r.attendee_times > 0)
        .map((r) => [
          `${r.period}|${r.region}|${r.dim}`,
          { attendeeTimes: r.attendee_times, attendees: r.attendees, enterprises: r.enterprises },
        ]),
    );
    const facts = factsOfRows(await allRecords('completions', admin, 'completed_at,id'));
    expect(incremental).toEqual(recount(facts));
  });
});

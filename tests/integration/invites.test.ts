/**
 * Staff invitations (src/server/manager/invites.ts) and the manager's staff progress export route: the
 * server resolves the token to the enterprise, a token joins only its own enterprise, revoked and replaced
 * tokens are refused, and the progress data covers the manager's own staff only.
 */
import { describe, expect, it } from 'vitest';
import { api, completeCourse, content, login, randomUscc, registerLearner, superuserToken, uniqueEmail, type Learner } from './helpers.ts';

async function makeManager(learner: Learner): Promise<string> {
  const admin = await superuserToken();
  const patched = await api(`/api/collections/users/records/${learner.id}`, {
    method: 'PATCH',
    token: admin,
    body: { role: 'enterprise_manager' },
  });
  if (patched.status !== 200) throw new Error(JSON.stringify(patched.body));
  return login(learner.email, 'secret-pass-1');
}

/** Registers through an invitation, sending enterprise fields of `decoy` that the server must ignore. */
async function registerWithInvite(invite: string, decoyUscc = randomUscc('440305')) {
  const email = uniqueEmail('invited');
  const reply = await api('/api/qa/register', {
    body: {
      name: '扫码员工',
      email,
      password: 'secret-pass-1',
      invite,
      uscc: decoyUscc,
      enterpriseName: '别人的企业有限公司',
      countyCode: '440305',
      sector: '29',
      consent: true,
    },
  });
  return { email, reply };
}

async function enterpriseOf(email: string): Promise<string | null> {
  const auth = await api('/api/collections/users/auth-with-password', { body: { identity: email, password: 'secret-pass-1' } });
  return auth.status === 200 ? auth.body.record.enterprise : null;
}

describe('staff invitations', () => {
  it('a token joins its own enterprise only, whatever enterprise the browser sends', async () => {
    const a = await registerLearner({ county: '330502', name: '甲企业主' });
    const b = await registerLearner({ county: '320102', name: '乙企业主' });
    const managerA = await makeManager(a);
    const managerB = await makeManager(b);

    expect((await api('/api/qa/manager/invite', { token: managerA })).body.invite).toBeNull();
    const created = await api('/api/qa/manager/invite', { token: managerA, body: { expiresInDays: 30 } });
    expect(created.status).toBe(200);
    const tokenA: string = created.body.invite.token;
    expect(created.body.invite.path).toBe(`/register/?invite=${tokenA}`);
    expect(created.body.invite.expiresAt).toBeTruthy();
    const tokenB: string = (await api('/api/qa/manager/invite', { token: managerB, body: {} })).body.invite.token;

    // The form's look-up shows A's enterprise (name, code, region) to anyone holding A's token.
    const lookup = await api(`/api/qa/invites/${tokenA}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body.enterprise).toMatchObject({ uscc: a.uscc, countyCode: '330502' });
    expect(lookup.body.enterprise.region).toContain('吴兴区');

    // Registering with A's token while sending B's credit code joins A; with B's token and A's code joins B.
    const viaA = await registerWithInvite(tokenA, b.uscc);
    expect(viaA.reply.status).toBe(200);
    expect(await enterpriseOf(viaA.email)).toBe(a.enterpriseId);
    const viaB = await registerWithInvite(tokenB, a.uscc);
    expect(await enterpriseOf(viaB.email)).toBe(b.enterpriseId);

    // Each manager sees their own invitation and its use count, never the other's token.
    const mineA = await api('/api/qa/manager/invite', { token: managerA });
    expect(mineA.body.invite).toMatchObject({ token: tokenA, uses: 1 });
    expect(JSON.stringify(mineA.body)).not.toContain(tokenB);
    // A learner (not a manager) cannot make or see invitations.
    const learnerToken = await login(viaA.email, 'secret-pass-1');
    expect((await api('/api/qa/manager/invite', { token: learnerToken })).status).toBe(403);
    expect((await api('/api/qa/manager/invite', { token: learnerToken, body: {} })).status).toBe(403);
  });

  it('revoked and replaced tokens are refused, and nothing is created with them', async () => {
    const owner = await registerLearner({ county: '330502' });
    const manager = await makeManager(owner);
    const first: string = (await api('/api/qa/manager/invite', { token: manager, body: {} })).body.invite.token;
    const second: string = (await api('/api/qa/manager/invite', { token: manager, body: { expiresInDays: 7 } })).body.invite.token;
    expect(second).not.toBe(first);

    // The replaced token: 404 on look-up, 400 on registration with a Chinese field message, no account.
    expect((await api(`/api/qa/invites/${first}`)).status).toBe(404);
    const replaced = await registerWithInvite(first);
    expect(replaced.reply.status).toBe(400);
    expect(replaced.reply.body.data.invite.message).toContain('邀请链接无效');
    expect(await enterpriseOf(replaced.email)).toBeNull();

    expect((await api('/api/qa/manager/invite/revoke', { token: manager, body: {} })).body).toMatchObject({ invite: null, revoked: 1 });
    expect((await api(`/api/qa/invites/${second}`)).status).toBe(404);
    const revoked = await registerWithInvite(second);
    expect(revoked.reply.status).toBe(400);
    expect(await enterpriseOf(revoked.email)).toBeNull();
    expect((await api('/api/qa/manager/invite', { token: manager })).body.invite).toBeNull();

    // A malformed or unknown token gets the same answer (no oracle) and bad expiry choices are explained.
    expect((await api('/api/qa/invites/not-a-token')).status).toBe(404);
    const badExpiry = await api('/api/qa/manager/invite', { token: manager, body: { expiresInDays: 365 } });
    expect(badExpiry.status).toBe(400);
    expect(badExpiry.body.message).toContain('有效期');
  });

  it('consent is still required, and a taken email answers as before (no enumeration)', async () => {
    const owner = await registerLearner({ county: '330502' });
    const manager = await makeManager(owner);
    const token: string = (await api('/api/qa/manager/invite', { token: manager, body: {} })).body.invite.token;
    const noConsent = await api('/api/qa/register', {
      body: { name: '员工', email: uniqueEmail(), password: 'secret-pass-1', invite: token },
    });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.data.consent).toBeDefined();
    const taken = await api('/api/qa/register', {
      body: { name: '员工', email: owner.email, password: 'secret-pass-1', invite: token, consent: true },
    });
    expect(taken.status).toBe(200);
    expect(taken.body.accepted).toBe(true);
    expect((await api('/api/qa/manager/invite', { token: manager })).body.invite.uses).toBe(0);
  });
});

describe('staff progress export data', () => {
  it("covers the manager's own staff: courses, lessons, last activity and overdue assignments, no contact details", async () => {
    const owner = await registerLearner({ county: '330502', name: '进度经理' });
    const staff = await registerLearner({ uscc: owner.uscc, name: '进度员工' });
    const outsider = await registerLearner({ county: '330502', name: '外企员工' });
    const manager = await makeManager(owner);
    const [c1, c2] = Object.keys(content.courses);
    await completeCourse(staff, c1);
    await api('/api/qa/lessons/read', { token: staff.token, body: { lesson: `${c2}/${content.courses[c2].lessons[0]}` } });
    await completeCourse(outsider, c1);
    // One assignment past its due date and not done, one done.
    const admin = await superuserToken();
    for (const [course, due] of [
      [c2, '2025-01-10'],
      [c1, '2025-01-10'],
    ]) {
      const made = await api('/api/collections/learning_assignments/records', {
        token: admin,
        body: { enterprise: owner.enterpriseId, user: staff.id, course, lesson: '', due_date: due },
      });
      expect(made.status).toBe(200);
    }

    const reply = await api('/api/qa/manager/staff-progress', { token: manager });
    expect(reply.status).toBe(200);
    const names = reply.body.rows.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['进度经理', '进度员工']));
    expect(names).not.toContain('外企员工');
    const row = reply.body.rows.find((r: { name: string }) => r.name === '进度员工');
    expect(row).toMatchObject({ coursesAssigned: 2, coursesStarted: 2, coursesCompleted: 1, assignments: 2, overdueAssignments: 1 });
    expect(row.lessonsDone).toBe(content.courses[c1].lessons.length + 1);
    expect(Date.parse(row.lastActivity.replace(' ', 'T'))).toBeGreaterThan(Date.now() - 3_600_000);
    expect(JSON.stringify(reply.body)).not.toMatch(/@example\.com|"phone"|"email"/);
    expect((await api('/api/qa/manager/staff-progress', { token: staff.token })).status).toBe(403);
  });
});

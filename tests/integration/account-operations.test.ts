/**
 * Account operations (docs/privacy.md): a manager's one-time reset code for a staff member without email,
 * the export of one's own data, and erasure that keeps the statistics equal to a recount.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PB_BIN, ROOT } from '../../scripts/lib/pocketbase.ts';
import { factsOfRows, recount } from '../../src/lib/stats/keys.ts';
import { allRecords, api, completeCourse, content, login, registerLearner, superuserToken, uniqueEmail } from './helpers.ts';

async function manager(enterprise: string, role = 'enterprise_manager') {
  const admin = await superuserToken();
  const email = uniqueEmail(`ops.${role}`);
  const created = await api('/api/collections/users/records', {
    token: admin,
    body: { email, password: 'ops-pass-2026', passwordConfirm: 'ops-pass-2026', name: '运维测试', role, enterprise, verified: true },
  });
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  return { id: created.body.id as string, email, token: await login(email, 'ops-pass-2026') };
}

async function setPhone(userId: string, phone: string) {
  const admin = await superuserToken();
  const r = await api(`/api/collections/users/records/${userId}`, { method: 'PATCH', token: admin, body: { phone } });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
}

describe('manager-issued one-time reset code', () => {
  it('refuses an expired code, and a newer code replaces an unused older one', async () => {
    const admin = await superuserToken();
    const staff = await registerLearner();
    const boss = await manager(staff.enterpriseId);
    const first = (await api(`/api/qa/manager/staff/${staff.id}/reset-code`, { token: boss.token, body: {} })).body.code;
    const second = (await api(`/api/qa/manager/staff/${staff.id}/reset-code`, { token: boss.token, body: {} })).body.code;
    const old = await api('/api/qa/password/redeem', { body: { identity: staff.email, code: first, password: 'new-secret-77' } });
    expect(old.status, 'the replaced code').toBe(400);
    const row = (
      await api(`/api/collections/password_resets/records?filter=${encodeURIComponent(`user = "${staff.id}"`)}`, { token: admin })
    ).body.items[0];
    await api(`/api/collections/password_resets/records/${row.id}`, {
      method: 'PATCH',
      token: admin,
      body: { expires: '2020-01-01 00:00:00.000Z' },
    });
    const expired = await api('/api/qa/password/redeem', { body: { identity: staff.email, code: second, password: 'new-secret-77' } });
    expect(expired.status, 'expired').toBe(400);
    await login(staff.email, 'secret-pass-1');
  });

  it('lets a staff member set a new password with phone + code; old sessions end; the code works once', async () => {
    const staff = await registerLearner();
    const phone = `139${String(Date.now()).slice(-8)}`;
    await setPhone(staff.id, phone);
    const boss = await manager(staff.enterpriseId);
    const issued = await api(`/api/qa/manager/staff/${staff.id}/reset-code`, { token: boss.token, body: {} });
    expect(issued.status).toBe(200);
    expect(issued.body.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

    // stored hashed only
    const admin = await superuserToken();
    const rows = await api(`/api/collections/password_resets/records?filter=${encodeURIComponent(`user = "${staff.id}"`)}`, {
      token: admin,
    });
    expect(rows.body.items).toHaveLength(1);
    expect(JSON.stringify(rows.body.items[0])).not.toContain(issued.body.code.replace('-', ''));

    const wrong = await api('/api/qa/password/redeem', { body: { identity: phone, code: 'ZZZZ-ZZZZ', password: 'new-secret-77' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('一次性密码不对');

    const ok = await api('/api/qa/password/redeem', {
      body: { identity: phone, code: issued.body.code.toLowerCase(), password: 'new-secret-77', passwordConfirm: 'new-secret-77' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.email).toBe(staff.email);
    expect((await api('/api/qa/me', { token: staff.token })).status, 'the old session ended').toBe(401);
    await login(staff.email, 'new-secret-77');
    const again = await api('/api/qa/password/redeem', { body: { identity: phone, code: issued.body.code, password: 'other-secret-88' } });
    expect(again.status, 'single use').toBe(400);

    const audit = await api(`/api/collections/audit_log/records?filter=${encodeURIComponent(`subject = "${staff.id}"`)}&sort=created`, {
      token: admin,
    });
    expect(audit.body.items.map((a: { action: string; actor: string }) => [a.action, a.actor])).toEqual([
      ['reset_code_issued', boss.id],
      ['reset_code_redeemed', staff.id],
    ]);
  });

  it("refuses other enterprises' managers and other managers' accounts; burns a code after repeated wrong tries", async () => {
    const staff = await registerLearner();
    const other = await registerLearner();
    const otherBoss = await manager(other.enterpriseId);
    expect((await api(`/api/qa/manager/staff/${staff.id}/reset-code`, { token: otherBoss.token, body: {} })).status).toBe(404);
    const boss = await manager(staff.enterpriseId);
    const colleague = await manager(staff.enterpriseId);
    const refused = await api(`/api/qa/manager/staff/${colleague.id}/reset-code`, { token: boss.token, body: {} });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('只能为本企业的学员重置密码');

    const issued = await api(`/api/qa/manager/staff/${staff.id}/reset-code`, { token: boss.token, body: {} });
    for (let i = 0; i < 5; i++)
      await api('/api/qa/password/redeem', { body: { identity: staff.email, code: 'ZZZZ-ZZZ2', password: 'new-secret-77' } });
    const late = await api('/api/qa/password/redeem', {
      body: { identity: staff.email, code: issued.body.code, password: 'new-secret-77' },
    });
    expect([400, 429]).toContain(late.status); // burned (and this identity is throttled for a while)
    const admin = await superuserToken();
    const row = (
      await api(`/api/collections/password_resets/records?filter=${encodeURIComponent(`user = "${staff.id}"`)}`, { token: admin })
    ).body.items[0];
    expect(row.failures).toBe(5);
    expect(row.used_at, 'burned').toBeTruthy();
    await login(staff.email, 'secret-pass-1'); // unchanged
  });
});

async function countersMatchRecount(token: string) {
  const stored = await allRecords('stat_counts', token);
  const got = new Map(
    stored
      .filter((r) => r.attendee_times > 0)
      .map((r) => [
        `${r.period}|${r.region}|${r.dim}`,
        { attendeeTimes: r.attendee_times, attendees: r.attendees, enterprises: r.enterprises },
      ]),
  );
  const raw = await allRecords('completions', token, 'completed_at,id');
  const facts = factsOfRows(raw);
  return { got, want: recount(facts) };
}

describe('my data: export and erasure', () => {
  it('exports everything about the caller and nothing about anyone else', async () => {
    const me = await registerLearner({ name: '导出本人' });
    const colleague = await registerLearner({ uscc: me.uscc, name: '同事甲' });
    const courses = Object.keys(content.courses);
    await completeCourse(me, courses[0]);
    await completeCourse(colleague, courses[0]);
    const reply = await api('/api/qa/me/export', { token: me.token });
    expect(reply.status).toBe(200);
    const text = JSON.stringify(reply.body);
    expect(reply.body.account.email).toBe(me.email);
    expect(reply.body.account.privacy_version, 'the consent').toBeTruthy();
    expect(reply.body.enterprise.uscc).toBe(me.uscc);
    expect(reply.body.records.completions).toHaveLength(1);
    expect(reply.body.records.quiz_attempts.length).toBeGreaterThan(0);
    expect(reply.body.records.lesson_progress.length).toBe(content.courses[courses[0]].lessons.length);
    expect(text).not.toContain('password');
    expect(text).not.toContain('tokenKey');
    for (const leak of [colleague.id, colleague.email, '同事甲']) expect(text).not.toContain(leak);
  });

  it('erases the caller: signs them out, anonymises their certificate, keeps the counters equal to a recount', async () => {
    const admin = await superuserToken();
    const me = await registerLearner({ name: '注销本人', county: '330106' });
    const done = await completeCourse(me, Object.keys(content.courses)[0]);
    const code = done.body.completion?.certificateCode ?? (await api('/api/qa/me', { token: me.token })).body.completed[0].certificateCode;
    await api(`/api/qa/${'lessons/production-control/release'}/questions`, {
      token: me.token,
      body: { body: '注销前的提问：进货检验怎么记录' },
    });

    const wrong = await api('/api/qa/me/delete', { token: me.token, body: { password: 'not-mine' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.data.password.message).toContain('密码不对');

    const erased = await api('/api/qa/me/delete', { token: me.token, body: { password: 'secret-pass-1' } });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect((await api('/api/qa/me', { token: me.token })).status, 'signed out everywhere').toBe(401);
    const relogin = await api('/api/collections/users/auth-with-password', { body: { identity: me.email, password: 'secret-pass-1' } });
    expect(relogin.status).toBe(400);

    const user = (await api(`/api/collections/users/records/${me.id}`, { token: admin })).body;
    expect(user.name).toBe('已注销用户');
    expect(user.email).not.toBe(me.email);
    expect(user.enterprise).toBe('');
    expect(user.erased_at).toBeTruthy();
    for (const [collection, field] of [
      ['lesson_progress', 'user'],
      ['quiz_attempts', 'user'],
      ['lesson_questions', 'author'],
    ]) {
      const left = await api(`/api/collections/${collection}/records?filter=${encodeURIComponent(`${field} = "${me.id}"`)}`, {
        token: admin,
      });
      expect(left.body.totalItems, collection).toBe(0);
    }
    const completions = await api(`/api/collections/completions/records?filter=${encodeURIComponent(`user = "${me.id}"`)}`, {
      token: admin,
    });
    expect(completions.body.items).toHaveLength(1);
    expect(completions.body.items[0].learner_name).toBe('已注销用户');
    const verify = await api(`/api/qa/certificates/${code}`);
    expect(verify.body.status).toBe('revoked');
    expect(JSON.stringify(verify.body)).not.toContain('注销本人');

    const { got, want } = await countersMatchRecount(admin);
    expect(got).toEqual(want);
  });

  it('an operator erases an account on request with `pocketbase erase-user`', async () => {
    const admin = await superuserToken();
    const person = await registerLearner({ name: '邮件申请注销' });
    const run = spawnSync(
      PB_BIN,
      [
        'erase-user',
        person.email,
        'ticket 42',
        `--dir=${inject('pbDataDir')}`,
        `--hooksDir=${join(ROOT, 'pb_hooks')}`,
        `--migrationsDir=${join(ROOT, 'pb_migrations')}`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`erased user ${person.id}`);
    const user = (await api(`/api/collections/users/records/${person.id}`, { token: admin })).body;
    expect(user.name).toBe('已注销用户');
    expect((await api('/api/qa/me', { token: person.token })).status).toBe(401);
    const audit = await api(`/api/collections/audit_log/records?filter=${encodeURIComponent(`subject = "${person.id}"`)}`, {
      token: admin,
    });
    expect(audit.body.items[0].detail.by).toBe('operator: ticket 42');
  });
});

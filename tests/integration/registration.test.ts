import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../src/lib/privacy-notice.ts';
import { api, login, randomUscc, registerLearner, superuserToken, uniqueEmail } from './helpers.ts';

async function enterpriseCount() {
  const reply = await api('/api/collections/enterprises/records?perPage=1', { token: await superuserToken() });
  return reply.body.totalItems as number;
}

describe('registration with an enterprise credit code', () => {
  it('creates the enterprise the first time and joins it the second time', async () => {
    const first = await registerLearner({ county: '330205' });
    const second = await registerLearner({ uscc: first.uscc });
    expect(second.enterpriseId).toBe(first.enterpriseId);
    const lookup = await api(`/api/qa/enterprises/lookup?uscc=${first.uscc}`);
    expect(lookup.body).toMatchObject({ registered: true, name: '测试企业有限公司' });
  });

  it('rejects a wrong check character with a field message, and saves nothing', async () => {
    const before = await enterpriseCount();
    const good = randomUscc();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const reply = await api('/api/qa/register', {
      body: {
        name: '张三',
        email: uniqueEmail(),
        password: 'secret-pass-1',
        uscc: bad,
        enterpriseName: '某厂',
        countyCode: '330502',
        sector: '04',
        consent: true,
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.data.uscc.message).toContain('校验位');
    expect(await enterpriseCount()).toBe(before);
  });

  it('names every invalid field at once', async () => {
    const reply = await api('/api/qa/register', {
      body: { name: 'x', email: 'not-an-email', password: 'short', uscc: randomUscc(), countyCode: '999999', sector: '77', consent: true },
    });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.data).sort()).toEqual(['countyCode', 'email', 'enterpriseName', 'name', 'password', 'sector']);
  });

  it('answers a taken email exactly like a new one (no account enumeration), and changes nothing', async () => {
    const learner = await registerLearner();
    const fresh = { name: '李四', password: 'another-pass-9', uscc: learner.uscc, consent: true };
    const taken = await api('/api/qa/register', { body: { ...fresh, email: learner.email } });
    const free = await api('/api/qa/register', { body: { ...fresh, email: uniqueEmail() } });
    expect(taken.status).toBe(200);
    expect(taken.body).toEqual(free.body);
    // the account keeps its password: the new one does not open it
    expect(
      (await api('/api/collections/users/auth-with-password', { body: { identity: learner.email, password: 'another-pass-9' } })).status,
    ).toBe(400);
    expect(
      (await api('/api/collections/users/auth-with-password', { body: { identity: learner.email, password: 'secret-pass-1' } })).status,
    ).toBe(200);
  });

  it('needs consent to the privacy notice, and records which version was agreed to and when', async () => {
    const before = await enterpriseCount();
    const email = uniqueEmail();
    const fields = {
      name: '王五',
      email,
      password: 'secret-pass-1',
      uscc: randomUscc(),
      enterpriseName: '某某小店',
      countyCode: '330502',
      sector: '29',
    };
    const refused = await api('/api/qa/register', { body: fields });
    expect(refused.status).toBe(400);
    expect(refused.body.data.consent.message).toContain('个人信息保护说明');
    expect(await enterpriseCount()).toBe(before);

    const accepted = await api('/api/qa/register', { body: { ...fields, consent: true } });
    expect(accepted.status).toBe(200);
    // the reply does not say who has an account (docs/security.md): look the new one up as a superuser
    const found = await api(`/api/collections/users/records?filter=${encodeURIComponent(`email = "${email}"`)}`, {
      token: await superuserToken(),
    });
    const id = found.body.items[0].id;
    const user = await api(`/api/collections/users/records/${id}`, { token: await superuserToken() });
    expect(user.body.privacy_version).toBe(PRIVACY_NOTICE_VERSION);
    expect(Date.now() - Date.parse(user.body.privacy_accepted.replace(' ', 'T'))).toBeLessThan(60_000);
    // the learner cannot rewrite the record of their consent
    const token = await login(email, 'secret-pass-1');
    const rewrite = await api(`/api/collections/users/records/${id}`, { method: 'PATCH', token, body: { privacy_version: 'x' } });
    expect(rewrite.status).toBeGreaterThanOrEqual(400);
  });

  it('does not allow creating users or enterprises through the raw records API', async () => {
    const user = await api('/api/collections/users/records', {
      body: { email: uniqueEmail(), password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', role: 'regulator', jurisdiction: '' },
    });
    expect(user.status).toBe(403);
    const learner = await registerLearner();
    const ent = await api('/api/collections/enterprises/records', { token: learner.token, body: { name: 'x', uscc: randomUscc() } });
    expect(ent.status).toBe(403);
  });
});

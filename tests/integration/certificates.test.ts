import { describe, expect, it } from 'vitest';
import { api, completeCourse, content, registerLearner, superuserToken } from './helpers.ts';
import { CERT_ALPHABET, formatCertificateCode, isWellFormedCertificateCode, newCertificateCode } from '../../src/lib/certificate-code.ts';

const courseId = Object.keys(content.courses)[0];
const course = content.courses[courseId];

/** A well-formed code (right shape and check character) that the server never issued. */
function unissuedCode(): string {
  let i = 0;
  return newCertificateCode(new Date(), (n) =>
    Array.from({ length: n }, () => CERT_ALPHABET[(i++ * 7 + Date.now()) % CERT_ALPHABET.length]).join(''),
  );
}

describe('certificates: public verification, rare characters, revocation', () => {
  it('verifies a completed course with a masked name, and the owner sees the full certificate', async () => {
    const learner = await registerLearner({ name: '张三丰' });
    const done = await completeCourse(learner, courseId);
    expect(done.status).toBe(200);
    const code: string = done.body.completion.certificateCode;
    expect(isWellFormedCertificateCode(code)).toBe(true);

    const verify = await api(`/api/qa/certificates/${code}`);
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({
      code,
      status: 'valid',
      message: '证书有效',
      learner: '张*丰',
      course: course.title,
      issuer: course.issuer ?? '质量学堂',
    });
    expect(verify.body.completedAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(verify.body.reason ?? '').toBe('');
    expect(JSON.stringify(verify.body)).not.toContain('张三丰');
    expect(JSON.stringify(verify.body)).not.toContain('测试企业');

    // Typed sloppily from paper: lower case, spaces instead of dashes.
    const sloppy = await api(`/api/qa/certificates/${encodeURIComponent(code.toLowerCase().replace(/-/g, ' '))}`);
    expect(sloppy.body).toMatchObject({ code, status: 'valid' });

    const full = await api(`/api/qa/certificates/${code}/full`, { token: learner.token });
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ code, learner: '张三丰', enterprise: '测试企业有限公司', course: course.title, revoked: false });
  });

  it('masks a name with a character outside the BMP (𠮷, U+20BB7) as whole characters', async () => {
    const learner = await registerLearner({ name: '𠮷田花子' });
    const done = await completeCourse(learner, courseId);
    const code: string = done.body.completion.certificateCode;
    const verify = await api(`/api/qa/certificates/${code}`);
    expect(verify.body).toMatchObject({ status: 'valid', learner: '𠮷**子' });
    expect(Array.from(verify.body.learner as string)).toHaveLength(4);
    const full = await api(`/api/qa/certificates/${code}/full`, { token: learner.token });
    expect(full.body.learner).toBe('𠮷田花子');
    expect(full.body.learner.codePointAt(0)).toBe(0x20bb7);
  });

  it('a superuser revokes on the completion record; verification then says revoked, with the reason', async () => {
    const learner = await registerLearner({ name: '李四' });
    const done = await completeCourse(learner, courseId);
    const { id, certificateCode: code } = done.body.completion;
    const admin = await superuserToken();
    const reason = '经核查，结业测验由他人代考';
    const patch = await api(`/api/collections/completions/records/${id}`, {
      method: 'PATCH',
      token: admin,
      body: { revoked: true, revoked_reason: reason },
    });
    expect(patch.status).toBe(200);

    const verify = await api(`/api/qa/certificates/${code}`);
    expect(verify.body).toMatchObject({ code, status: 'revoked', reason, learner: '李*', course: course.title });
    expect(verify.body.message).toBe(`此证书已被撤销：${reason}`);
    const full = await api(`/api/qa/certificates/${code}/full`, { token: learner.token });
    expect(full.body).toMatchObject({ revoked: true, revokedReason: reason });

    // A learner cannot revoke (or un-revoke) a certificate themselves.
    const selfPatch = await api(`/api/collections/completions/records/${id}`, {
      method: 'PATCH',
      token: learner.token,
      body: { revoked: false },
    });
    expect([403, 404]).toContain(selfPatch.status);
    expect((await api(`/api/qa/certificates/${code}`)).body.status).toBe('revoked');
  });

  it('says unknown for a well-formed code nobody issued, and malformed for a typo', async () => {
    const code = unissuedCode();
    expect(isWellFormedCertificateCode(code)).toBe(true);
    const unknown = await api(`/api/qa/certificates/${code}`);
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ code: formatCertificateCode(code), status: 'unknown' });
    expect(unknown.body.message).toContain('查无此证书');
    expect(unknown.body.learner).toBeUndefined();

    const last = code[code.length - 1];
    const typo = code.slice(0, -1) + CERT_ALPHABET[(CERT_ALPHABET.indexOf(last) + 1) % CERT_ALPHABET.length];
    const malformed = await api(`/api/qa/certificates/${typo}`);
    expect(malformed.body).toMatchObject({ status: 'malformed' });
    expect((await api('/api/qa/certificates/hello')).body.status).toBe('malformed');
  });

  it('issues 12-character codes, and a legacy 11-character code already in the database still verifies', async () => {
    const learner = await registerLearner({ name: '钱七' });
    const done = await completeCourse(learner, courseId);
    const code: string = done.body.completion.certificateCode;
    expect(code).toMatch(/^QA\d{2}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    // A code issued before the switch to ISO/IEC 7064 MOD 37-2 (weighted sum mod 30), as printed on old paper.
    const body = `26${Array.from({ length: 8 }, () => CERT_ALPHABET[Math.floor(Math.random() * 30)]).join('')}`;
    const sum = [...body].reduce((s, ch, i) => s + (CERT_ALPHABET.indexOf(ch) + 1) * (i + 1), 0);
    const legacy = `QA${body.slice(0, 2)}-${body.slice(2, 6)}-${body.slice(6)}-${CERT_ALPHABET[sum % 30]}`;
    const admin = await superuserToken();
    const row = await api(`/api/collections/completions/records?filter=${encodeURIComponent(`certificate_code="${code}"`)}`, {
      token: admin,
    });
    const patched = await api(`/api/collections/completions/records/${row.body.items[0].id}`, {
      method: 'PATCH',
      token: admin,
      body: { certificate_code: legacy },
    });
    expect(patched.status).toBe(200);
    expect((await api(`/api/qa/certificates/${legacy}`)).body).toMatchObject({ code: legacy, status: 'valid', learner: '钱*' });
    expect((await api(`/api/qa/certificates/${encodeURIComponent(legacy.toLowerCase().replace(/-/g, ''))}`)).body).toMatchObject({
      code: legacy,
      status: 'valid',
    });
    expect((await api(`/api/qa/certificates/${legacy}/full`, { token: learner.token })).body).toMatchObject({
      code: legacy,
      learner: '钱七',
    });
  });

  it('the full certificate is for its owner only: another user and a visitor get 404', async () => {
    const owner = await registerLearner({ name: '王五六' });
    const done = await completeCourse(owner, courseId);
    const code: string = done.body.completion.certificateCode;
    const other = await registerLearner({ name: '赵六' });
    const asOther = await api(`/api/qa/certificates/${code}/full`, { token: other.token });
    expect(asOther.status).toBe(404);
    expect(JSON.stringify(asOther.body)).not.toContain('王五六');
    expect((await api(`/api/qa/certificates/${code}/full`)).status).toBe(404);
  });
});

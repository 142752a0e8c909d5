import { formatCertificateCode, isWellFormedCertificateCode } from '../lib/certificate-code.ts';
import { ERASED_NAME, maskName } from '../lib/privacy.ts';
import { studyHours } from '../lib/study-hours.ts';
import { content } from './content.ts';
import { findOne, notFound } from './http.ts';

export type VerificationStatus = 'valid' | 'revoked' | 'unknown' | 'malformed';

/** The public check's answer: the person's name masked; the details only for a certificate that exists. */
export interface CertificateVerification {
  code: string;
  status: VerificationStatus;
  message: string;
  learner?: string;
  course?: string;
  issuer?: string;
  hours?: number | null;
  completedAt?: string;
  reason?: string;
}

/** The owner's own certificate, with the full name, for printing. */
export interface OwnCertificate {
  code: string;
  learner: string;
  enterprise: string;
  course: string;
  issuer: string;
  /** the course's 学时 (src/lib/study-hours.ts); null for a course no longer in the catalogue */
  hours: number | null;
  completedAt: string;
  revoked: boolean;
  revokedReason?: string;
}

/** GET /api/qa/certificates/{code}: public verification. Shows a masked name only. */
export function verifyCertificate(e: PbRequestEvent): CertificateVerification {
  const raw = e.request.pathValue('code');
  if (!isWellFormedCertificateCode(raw)) {
    return { code: raw, status: 'malformed', message: '证书编号格式不对，请对照证书逐位核对' };
  }
  const code = formatCertificateCode(raw);
  const record = findOne(e.app, 'completions', 'certificate_code = {:code}', { code });
  if (!record) return { code, status: 'unknown', message: '查无此证书：这个编号不是本平台签发的' };
  const course = content().courses[record.getString('course')];
  if (record.getString('learner_name') === ERASED_NAME) {
    // The holder erased their data (docs/privacy.md): the completion still counts in the anonymous statistics,
    // but the certificate no longer vouches for anyone.
    return {
      code,
      status: 'revoked',
      message: '此证书已作废：持有人已注销账号',
      learner: '',
      course: course?.title ?? record.getString('course'),
      issuer: course?.issuer ?? '质量学堂',
      hours: null,
      completedAt: record.getString('completed_at'),
      reason: '持有人已注销账号',
    };
  }
  const revoked = record.getBool('revoked');
  return {
    code,
    status: revoked ? 'revoked' : 'valid',
    message: revoked ? `此证书已被撤销${record.getString('revoked_reason') ? `：${record.getString('revoked_reason')}` : ''}` : '证书有效',
    learner: maskName(record.getString('learner_name')),
    course: course?.title ?? record.getString('course'),
    issuer: course?.issuer ?? '质量学堂',
    hours: course ? studyHours(course.minutes) : null,
    completedAt: record.getString('completed_at'),
    reason: revoked ? record.getString('revoked_reason') : undefined,
  };
}

/** GET /api/qa/certificates/{code}/full: the certificate with the full name, for its owner to print. */
export function ownCertificate(e: PbRequestEvent): OwnCertificate {
  const auth = e.auth;
  const code = isWellFormedCertificateCode(e.request.pathValue('code')) ? formatCertificateCode(e.request.pathValue('code')) : '';
  const record =
    auth && code ? findOne(e.app, 'completions', 'certificate_code = {:code} && user = {:user}', { code, user: auth.id }) : null;
  if (!record) throw notFound('没有找到您的这张证书');
  const course = content().courses[record.getString('course')];
  return {
    code,
    learner: record.getString('learner_name'),
    enterprise: record.getString('enterprise_name'),
    course: course?.title ?? record.getString('course'),
    issuer: course?.issuer ?? '质量学堂',
    hours: course ? studyHours(course.minutes) : null,
    completedAt: record.getString('completed_at'),
    revoked: record.getBool('revoked'),
    revokedReason: record.getString('revoked_reason'),
  };
}

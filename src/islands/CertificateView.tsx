import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatDateZh } from '../lib/format.ts';

interface Certificate { code: string; learner: string; enterprise: string; course: string; issuer: string; completedAt: string; revoked: boolean }

/** The printable A4 certificate for its owner. */
export default function CertificateView() {
  const [cert, setCert] = useState<Certificate | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const code = new URLSearchParams(window.location.search).get('code') ?? '';
    if (!currentUser()) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(location.pathname + location.search)}`;
      return;
    }
    qa<Certificate>(`certificates/${encodeURIComponent(code)}/full`).then(setCert).catch((err) => setError((err as ApiFailure).message));
  }, []);
  if (error) return <p class="notice bad" role="alert">{error}</p>;
  if (!cert) return null;
  const verifyUrl = new URL(routes.verify(cert.code), window.location.origin).href;
  return (
    <div>
      <article class="certificate" data-testid="certificate">
        <p class="cert-issuer">{cert.issuer}</p>
        <h1>结业证书</h1>
        <p class="cert-name">{cert.learner}</p>
        <p>（{cert.enterprise}）</p>
        <p>于 {formatDateZh(cert.completedAt)} 完成课程</p>
        <p class="cert-course">《{cert.course}》</p>
        <p>全部学习并通过结业测验，特发此证。</p>
        <p class="cert-code">证书编号：{cert.code}</p>
        <p class="cert-verify">查验：{verifyUrl}</p>
        {cert.revoked && <p class="notice bad">{t('verify.revoked')}</p>}
      </article>
      <p class="no-print"><button class="btn" type="button" onClick={() => window.print()}>打印 / 另存为 PDF</button></p>
    </div>
  );
}

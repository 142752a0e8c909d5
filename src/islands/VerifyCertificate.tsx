import { useEffect, useRef, useState } from 'preact/hooks';
import { qa, type ApiFailure } from '../client/api.ts';
import { t, type UiKey } from '../i18n/index.ts';
import { formatDateZh } from '../lib/format.ts';
import { formatStudyHours } from '../lib/study-hours.ts';
import { formatCertificateCode, isWellFormedCertificateCode } from '../lib/certificate-code.ts';
import type { CertificateVerification as Verification, VerificationStatus } from '../server/certificates.ts';

type Status = VerificationStatus;

const ICON: Record<Status, string> = { valid: '✓', revoked: '✕', unknown: '?', malformed: '!' };
const LEAD: Record<Status, UiKey> = {
  valid: 'verify.validLead',
  revoked: 'verify.revokedLead',
  unknown: 'verify.unknownLead',
  malformed: 'verify.malformedLead',
};

/**
 * Public certificate check: reads ?code= on load (the QR code on a certificate points here), checks the
 * shape and check character in the browser, and asks the server only about well-formed codes.
 */
export default function VerifyCertificate() {
  const [code, setCode] = useState('');
  const [result, setResult] = useState<Verification | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const seq = useRef(0);

  async function check(value: string, focus: boolean) {
    const input = value.trim();
    const mine = ++seq.current;
    setError('');
    setResult(null);
    if (!input) {
      setError(t('verify.empty'));
      return;
    }
    if (!isWellFormedCertificateCode(input)) {
      setResult({ code: input, status: 'malformed', message: '' });
    } else {
      setChecking(true);
      try {
        const reply = await qa(`certificates/${encodeURIComponent(formatCertificateCode(input))}`);
        if (mine === seq.current) setResult(reply);
      } catch (err) {
        if (mine === seq.current) setError((err as ApiFailure).message);
      } finally {
        if (mine === seq.current) setChecking(false);
      }
    }
    if (focus) requestAnimationFrame(() => heading.current?.focus());
  }

  useEffect(() => {
    const fromUrl = new URLSearchParams(window.location.search).get('code') ?? '';
    if (!fromUrl) return;
    const shown = isWellFormedCertificateCode(fromUrl) ? formatCertificateCode(fromUrl) : fromUrl;
    setCode(shown);
    void check(fromUrl, false);
  }, []);

  function submit(e: Event) {
    e.preventDefault();
    const value = code.trim();
    const canonical = isWellFormedCertificateCode(value) ? formatCertificateCode(value) : value;
    if (canonical) {
      setCode(canonical);
      history.replaceState(null, '', `?code=${encodeURIComponent(canonical)}`);
    }
    void check(value, true);
  }

  const status = result?.status;
  const reason = result && status === 'revoked' ? (result.reason ?? '') : '';
  return (
    <div>
      <form class="stack verify-form" onSubmit={submit} noValidate>
        <label>
          {t('verify.code')}
          <input
            name="code"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            placeholder="QA26-XXXX-XXXX-XX"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            inputMode="text"
          />
        </label>
        <button class="btn" type="submit" disabled={checking}>
          {checking ? t('verify.checking') : t('verify.check')}
        </button>
      </form>
      <div aria-live="polite">
        {checking && <p class="status-line">{t('verify.checking')}</p>}
        {error && (
          <p class="notice bad" role="alert">
            {error}
          </p>
        )}
        {result && status && (
          <section class={`verify-result verify-${status}`} data-testid="verify-result" data-status={status}>
            <div class="verify-head">
              <span class="verify-icon" aria-hidden="true">
                {ICON[status]}
              </span>
              <h2 tabIndex={-1} ref={heading}>
                {t(`verify.${status}`)}
              </h2>
            </div>
            <p>{t(LEAD[status])}</p>
            {status === 'revoked' && (
              <p class="verify-reason" data-testid="verify-reason">
                <strong>{t('verify.reason')}：</strong>
                {reason || t('verify.noReason')}
              </p>
            )}
            <dl class="verify-facts">
              <div>
                <dt>{t('verify.code')}</dt>
                <dd class="verify-code">{result.code}</dd>
              </div>
              {result.course && (
                <>
                  <div>
                    <dt>{t('verify.learner')}</dt>
                    <dd data-testid="verify-learner">{result.learner}</dd>
                  </div>
                  <div>
                    <dt>{t('verify.course')}</dt>
                    <dd>{result.course}</dd>
                  </div>
                  {result.hours ? (
                    <div>
                      <dt>{t('verify.hours')}</dt>
                      <dd data-testid="verify-hours">{t('verify.hoursValue', { hours: formatStudyHours(result.hours) })}</dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>{t('verify.issuer')}</dt>
                    <dd>{result.issuer}</dd>
                  </div>
                  <div>
                    <dt>{t('verify.date')}</dt>
                    <dd>{formatDateZh(result.completedAt ?? '')}</dd>
                  </div>
                </>
              )}
            </dl>
            {result.course && <p class="verify-note">{t('verify.maskedNote')}</p>}
          </section>
        )}
      </div>
    </div>
  );
}

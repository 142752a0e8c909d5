import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatDateZh } from '../lib/format.ts';
import { QR_QUIET, qrMatrix, qrSvgPath } from '../client/certificate-qr.ts';
import { FALLBACK_FONTS, type CertificateData, type CertificateFonts } from '../client/certificate-data.ts';

const certificateImageName = (code: string) => `证书-${code}.png`;
import { saveBlob } from '../client/save-blob.ts';
import { formatStudyHours } from '../lib/study-hours.ts';

/** The QR code as inline SVG, generated here from the verification URL. */
function QrCode({ text }: { text: string }) {
  const { size, path } = useMemo(() => {
    const m = qrMatrix(text);
    return { size: m.size + 2 * QR_QUIET, path: qrSvgPath(m) };
  }, [text]);
  return (
    <svg
      class="cert-qr-code"
      data-testid="certificate-qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={t('certificate.qrLabel')}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** The fonts the page uses for the certificate, so the PDF looks like the page. */
function pageFonts(root: HTMLElement | null): CertificateFonts {
  if (!root) return FALLBACK_FONTS;
  const family = (selector: string) => {
    const el = root.querySelector(selector);
    return el ? getComputedStyle(el).fontFamily : '';
  };
  return { sans: family('.cert-lead') || FALLBACK_FONTS.sans, serif: family('.cert-name') || FALLBACK_FONTS.serif };
}

/** The printable A4 certificate for its owner, with the QR code, print and PDF download. */
export default function CertificateView() {
  const [cert, setCert] = useState<CertificateData | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [pdfError, setPdfError] = useState('');
  const [image, setImage] = useState<{ url: string; blob: Blob } | null>(null);
  const [imageBusy, setImageBusy] = useState(false);
  const [copied, setCopied] = useState('');
  const imageRef = useRef<HTMLImageElement>(null);
  useEffect(
    () => () => {
      if (image) URL.revokeObjectURL(image.url);
    },
    [image],
  );
  useEffect(() => {
    if (image) imageRef.current?.scrollIntoView({ block: 'nearest' });
  }, [image]);
  const article = useRef<HTMLElement>(null);
  useEffect(() => {
    const code = new URLSearchParams(window.location.search).get('code') ?? '';
    if (!currentUser()) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(location.pathname + location.search)}`;
      return;
    }
    qa(`certificates/${encodeURIComponent(code)}/full`)
      .then(setCert)
      .catch((err) => setError((err as ApiFailure).message));
  }, []);
  if (error)
    return (
      <p class="notice bad" role="alert">
        {error}
      </p>
    );
  if (!cert)
    return (
      <p class="status-line" role="status">
        {t('certificate.loading')}
      </p>
    );
  const verifyUrl = new URL(routes.verify(cert.code), window.location.origin).href;
  const date = formatDateZh(cert.completedAt);

  async function download() {
    if (!cert) return;
    setBusy(true);
    setPdfError('');
    try {
      // Loaded on demand: the drawing and PDF code is only needed by those who download.
      const { certificatePdf, certificateFileName } = await import('../client/certificate-pdf.ts');
      const blob = await certificatePdf(cert, verifyUrl, pageFonts(article.current));
      saveBlob(blob, certificateFileName(cert.code));
    } catch (err) {
      setPdfError(t('certificate.downloadFailed', { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  /**
   * The certificate as a PNG shown on the page: WeChat's browser often blocks downloads, but a long press on
   * an image offers 保存图片 and 发送给朋友. Where the browser can share files, 分享 hands it over directly.
   */
  async function makeImage() {
    if (!cert) return;
    setImageBusy(true);
    setPdfError('');
    try {
      const { certificatePng } = await import('../client/certificate-pdf.ts');
      const blob = await certificatePng(cert, verifyUrl, pageFonts(article.current));
      setImage({ url: URL.createObjectURL(blob), blob });
    } catch (err) {
      setPdfError(t('certificate.imageFailed', { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      setImageBusy(false);
    }
  }

  async function shareImage() {
    if (!cert || !image) return;
    const file = new File([image.blob], certificateImageName(cert.code), { type: 'image/png' });
    if (navigator.canShare?.({ files: [file] })) {
      await navigator.share({ files: [file], title: t('certificate.heading'), text: verifyUrl }).catch(() => {
        /* cancelled */
      });
    } else saveBlob(image.blob, file.name);
  }

  /** The public verification link, for anyone (an employer, a certification body) to check the certificate. */
  async function shareLink() {
    if (!cert) return;
    const text = t('certificate.shareText', { course: cert.course, code: cert.code });
    if (navigator.share) {
      try {
        await navigator.share({ title: t('certificate.heading'), text, url: verifyUrl });
        return;
      } catch {
        /* cancelled or refused: copy instead */
      }
    }
    try {
      await navigator.clipboard.writeText(verifyUrl);
      setCopied(t('certificate.linkCopied'));
    } catch {
      setCopied(t('certificate.linkCopyByHand'));
    }
  }

  return (
    <div class="cert-wrap">
      <div class="cert-toolbar no-print">
        <button class="btn" type="button" onClick={download} disabled={busy} data-testid="certificate-download">
          {busy ? t('certificate.downloading') : t('certificate.download')}
        </button>
        <button class="btn secondary" type="button" onClick={() => window.print()}>
          {t('certificate.print')}
        </button>
        <button class="btn secondary" type="button" onClick={makeImage} disabled={imageBusy} data-testid="certificate-image-button">
          {imageBusy ? t('certificate.imageMaking') : t('certificate.image')}
        </button>
        <a class="btn secondary" href={routes.verify(cert.code)}>
          {t('certificate.openVerify')}
        </a>
      </div>
      <div class="cert-share no-print">
        <label for="cert-verify-link">{t('certificate.verifyLinkLabel')}</label>
        <div class="cert-share-row">
          <input
            id="cert-verify-link"
            readOnly
            value={verifyUrl}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="certificate-verify-link"
          />
          <button class="btn secondary small" type="button" onClick={shareLink}>
            {t('certificate.shareLink')}
          </button>
        </div>
        {copied && (
          <p class="status-line" role="status">
            {copied}
          </p>
        )}
      </div>
      {image && (
        <figure class="cert-image no-print" data-testid="certificate-image">
          <img ref={imageRef} src={image.url} alt={t('certificate.imageAlt', { course: cert.course, code: cert.code })} />
          <figcaption>
            {t('certificate.imageHint')}{' '}
            <button class="btn secondary small" type="button" onClick={shareImage}>
              {t('certificate.imageShare')}
            </button>
          </figcaption>
        </figure>
      )}
      <p class="status-line no-print">{t('certificate.printHint')}</p>
      {pdfError && (
        <p class="notice bad no-print" role="alert">
          {pdfError}
        </p>
      )}
      {cert.revoked && (
        <p class="notice bad no-print" role="alert" data-testid="certificate-revoked">
          {t('certificate.revokedNotice')}
          {cert.revokedReason ? `：${cert.revokedReason}` : ''}
        </p>
      )}
      <article class={`certificate${cert.revoked ? ' is-revoked' : ''}`} data-testid="certificate" ref={article}>
        <div class="cert-frame">
          <div class="cert-inner">
            <p class="cert-issuer">{cert.issuer}</p>
            <h1 class="cert-title">{t('certificate.heading')}</h1>
            <p class="cert-subtitle" lang="en">
              CERTIFICATE OF COMPLETION
            </p>
            <p class="cert-lead">{t('certificate.lead')}</p>
            <p class="cert-name" data-testid="certificate-name">
              {cert.learner}
            </p>
            <p class="cert-enterprise">（{cert.enterprise}）</p>
            <p class="cert-line">{t('certificate.completedOn', { date })}</p>
            <p class="cert-course">《{cert.course}》</p>
            {cert.hours && (
              <p class="cert-hours" data-testid="certificate-hours">
                {t('certificate.hours', { hours: formatStudyHours(cert.hours) })}
              </p>
            )}
            <p class="cert-line">{t('certificate.body')}</p>
            <div class="cert-footer">
              <dl class="cert-facts">
                <div>
                  <dt>{t('certificate.issuer')}</dt>
                  <dd>{cert.issuer}</dd>
                </div>
                <div>
                  <dt>{t('certificate.date')}</dt>
                  <dd>{date}</dd>
                </div>
                <div>
                  <dt>{t('certificate.code')}</dt>
                  <dd class="cert-code" data-testid="certificate-code">
                    {cert.code}
                  </dd>
                </div>
              </dl>
              <figure class="cert-qr">
                <QrCode text={verifyUrl} />
                <figcaption>{t('certificate.scan')}</figcaption>
              </figure>
            </div>
            <p class="cert-verify">
              {t('certificate.verifyAt')}
              {verifyUrl}
            </p>
          </div>
        </div>
        {cert.revoked && (
          <p class="cert-stamp" aria-hidden="true">
            {t('certificate.revokedStamp')}
          </p>
        )}
      </article>
    </div>
  );
}

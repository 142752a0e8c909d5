/**
 * Draws the certificate onto a canvas at print resolution (A4 at 200 dpi by default) with the fonts the
 * page itself uses, for the PDF download. Layout is in millimetres and mirrors the printable page
 * (src/pages/certificate/index.astro). Text is measured and split as whole code points, so a rare
 * name character such as 𠮷 (U+20BB7) is drawn with the system CJK font like on the page.
 */
import { formatDateZh } from '../lib/format.ts';
import { formatStudyHours } from '../lib/study-hours.ts';
import { fitFontSize, wrapText } from '../lib/pdf/text-layout.ts';
import type { PdfRect } from '../lib/pdf/image-pdf.ts';
import { t } from '../i18n/index.ts';
import { QR_QUIET, qrMatrix, qrRuns } from './certificate-qr.ts';
import type { CertificateData, CertificateFonts } from './certificate-data.ts';

export type { CertificateData, CertificateFonts };

export const PAGE_MM = { width: 210, height: 297 } as const;
const GOLD = '#8a6d1d';
const INK = '#1c2430';
const SOFT = '#4d4536';

export interface DrawnCertificate {
  canvas: HTMLCanvasElement;
  /** The QR code's dark modules in PDF points from the top-left, to paint as vectors over the image. */
  qrRects: PdfRect[];
}

/** Every font shorthand the drawing uses, so the caller can make sure they are loaded first. */
export function certificateFontSpecs(fonts: CertificateFonts): string[] {
  return [`400 16px ${fonts.sans}`, `700 16px ${fonts.sans}`, `700 16px ${fonts.serif}`];
}

export function drawCertificate(cert: CertificateData, verifyUrl: string, fonts: CertificateFonts, dpi = 200): DrawnCertificate {
  const pxPerMm = dpi / 25.4;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(PAGE_MM.width * pxPerMm);
  canvas.height = Math.round(PAGE_MM.height * pxPerMm);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  // Han characters take the Simplified Chinese forms where a font has several.
  (ctx as unknown as { lang?: string }).lang = 'zh-CN';
  const mm = (v: number) => v * pxPerMm;
  const font = (weight: number, sizeMm: number, family: string) => `${weight} ${mm(sizeMm).toFixed(1)}px ${family}`;
  const measure = (text: string) => ctx.measureText(text).width;

  /** Centred text with extra space between code points (Array.from: a surrogate pair stays whole). */
  const spaced = (text: string, cx: number, y: number, spacingMm: number) => {
    const chars = Array.from(text);
    const widths = chars.map(measure);
    const total = widths.reduce((a, b) => a + b, 0) + mm(spacingMm) * (chars.length - 1);
    let x = mm(cx) - total / 2;
    ctx.textAlign = 'left';
    chars.forEach((ch, i) => {
      ctx.fillText(ch, x, mm(y));
      x += widths[i] + mm(spacingMm);
    });
  };
  /** Centred, wrapped text; returns the baseline of the last line. */
  const paragraph = (
    text: string,
    y: number,
    maxWidthMm: number,
    lineMm: number,
    cx = PAGE_MM.width / 2,
    align: CanvasTextAlign = 'center',
  ) => {
    ctx.textAlign = align;
    const lines = wrapText(text, mm(maxWidthMm), measure);
    lines.forEach((line, i) => ctx.fillText(line, mm(cx), mm(y + i * lineMm)));
    return y + (lines.length - 1) * lineMm;
  };

  // Paper and the double gold border.
  ctx.fillStyle = '#fffdf6';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = GOLD;
  ctx.lineWidth = mm(1.6);
  ctx.strokeRect(mm(10), mm(10), mm(190), mm(277));
  ctx.lineWidth = mm(0.4);
  ctx.strokeRect(mm(13), mm(13), mm(184), mm(271));
  for (const [x, y] of [
    [13, 13],
    [197, 13],
    [13, 284],
    [197, 284],
  ]) {
    ctx.fillStyle = GOLD;
    ctx.save();
    ctx.translate(mm(x), mm(y));
    ctx.rotate(Math.PI / 4);
    ctx.fillRect(-mm(2), -mm(2), mm(4), mm(4));
    ctx.restore();
  }
  ctx.textBaseline = 'alphabetic';

  // Heading.
  ctx.fillStyle = SOFT;
  ctx.font = font(400, 5, fonts.sans);
  paragraph(cert.issuer, 40, 160, 7);
  ctx.fillStyle = INK;
  ctx.font = font(700, 17, fonts.serif);
  spaced(t('certificate.heading'), 105, 66, 8);
  ctx.fillStyle = GOLD;
  ctx.font = font(400, 3.6, fonts.sans);
  spaced('CERTIFICATE OF COMPLETION', 105, 77, 1);
  ctx.fillRect(mm(80), mm(83), mm(50), mm(0.5));

  // Body.
  ctx.fillStyle = SOFT;
  ctx.font = font(400, 5.5, fonts.sans);
  paragraph(t('certificate.lead'), 102, 160, 8);
  ctx.fillStyle = INK;
  const nameSize = fitFontSize(cert.learner, mm(160), 15, 5, (size, text) => {
    ctx.font = font(700, size, fonts.serif);
    return measure(text);
  });
  ctx.font = font(700, nameSize, fonts.serif);
  paragraph(cert.learner, 125, 160, nameSize * 1.3);
  ctx.fillRect(mm(55), mm(129), mm(100), mm(0.3));
  ctx.fillStyle = SOFT;
  ctx.font = font(400, 5.5, fonts.sans);
  let y = paragraph(`（${cert.enterprise}）`, 140, 160, 8);
  ctx.fillStyle = INK;
  y = paragraph(t('certificate.completedOn', { date: formatDateZh(cert.completedAt) }), y + 16, 160, 8);
  ctx.font = font(700, 8, fonts.serif);
  y = paragraph(`《${cert.course}》`, y + 14, 160, 11);
  if (cert.hours) {
    ctx.font = font(400, 4.6, fonts.sans);
    ctx.fillStyle = SOFT;
    y = paragraph(t('certificate.hours', { hours: formatStudyHours(cert.hours) }), y + 9, 160, 7);
    ctx.fillStyle = INK;
  }
  ctx.font = font(400, 5.5, fonts.sans);
  paragraph(t('certificate.body'), y + 12, 160, 8);

  // Footer: facts on the left, QR code on the right.
  const facts: [string, string][] = [
    [t('certificate.issuer'), cert.issuer],
    [t('certificate.date'), formatDateZh(cert.completedAt)],
    [t('certificate.code'), cert.code],
  ];
  let fy = 224;
  for (const [label, value] of facts) {
    ctx.fillStyle = SOFT;
    ctx.font = font(400, 3.8, fonts.sans);
    ctx.textAlign = 'left';
    ctx.fillText(label, mm(28), mm(fy));
    ctx.fillStyle = INK;
    ctx.font = font(700, 4.6, fonts.sans);
    fy = paragraph(value, fy + 6.5, 105, 6, 28, 'left') + 9;
  }

  const qr = qrMatrix(verifyUrl);
  const box = 40; // mm, quiet zone included
  const modulePx = Math.floor(mm(box) / (qr.size + 2 * QR_QUIET));
  const qrPx = modulePx * (qr.size + 2 * QR_QUIET);
  const qrX = Math.round(mm(182) - qrPx);
  const qrY = Math.round(mm(216));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(qrX, qrY, qrPx, qrPx);
  ctx.fillStyle = '#000000';
  const ptPerPx = 72 / dpi;
  const qrRects: PdfRect[] = [];
  for (const [row, col, len] of qrRuns(qr)) {
    const x = qrX + (col + QR_QUIET) * modulePx;
    const yy = qrY + (row + QR_QUIET) * modulePx;
    ctx.fillRect(x, yy, len * modulePx, modulePx);
    qrRects.push({ x: x * ptPerPx, y: yy * ptPerPx, width: len * modulePx * ptPerPx, height: modulePx * ptPerPx });
  }
  ctx.fillStyle = SOFT;
  ctx.font = font(400, 3.6, fonts.sans);
  ctx.textAlign = 'center';
  ctx.fillText(t('certificate.scan'), qrX + qrPx / 2, qrY + qrPx + mm(5));

  ctx.font = font(400, 3, fonts.sans);
  paragraph(`${t('certificate.verifyAt')}${verifyUrl}`, 276, 170, 4.2);

  if (cert.revoked) {
    ctx.save();
    ctx.translate(mm(105), mm(150));
    ctx.rotate(-Math.PI / 7);
    ctx.fillStyle = 'rgba(198, 40, 40, 0.35)';
    ctx.font = font(700, 36, fonts.serif);
    spaced(t('certificate.revokedStamp'), 0, 12, 6);
    ctx.restore();
  }
  return { canvas, qrRects };
}

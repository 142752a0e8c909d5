/**
 * The certificate PDF download: wait for the fonts, draw the certificate on a canvas at 200 dpi, encode it
 * as JPEG, and wrap it in a one-page A4 PDF (src/lib/pdf/image-pdf.ts) with the QR code as vectors on top.
 * Everything happens in the browser; nothing is sent anywhere.
 */
import { imagePdf } from '../lib/pdf/image-pdf.ts';
import { certificateFontSpecs, drawCertificate, type CertificateData, type CertificateFonts } from './certificate-draw.ts';

export const certificateFileName = (code: string) => `证书-${code}.pdf`;

/** Makes sure every font the drawing uses is ready, for the characters it will draw. */
export async function fontsReady(fonts: CertificateFonts, sample: string): Promise<void> {
  await document.fonts.ready;
  // System fonts resolve at once; web fonts (if a page ever uses them) are fetched for exactly these characters.
  await Promise.all(certificateFontSpecs(fonts).map((spec) => document.fonts.load(spec, sample).catch(() => [])));
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        if (!blob) return reject(new Error('canvas could not be encoded'));
        blob.arrayBuffer().then((buffer) => resolve(new Uint8Array(buffer)), reject);
      },
      'image/jpeg',
      quality,
    );
  });
}

export async function certificatePdf(cert: CertificateData, verifyUrl: string, fonts: CertificateFonts): Promise<Blob> {
  await fontsReady(fonts, [cert.learner, cert.enterprise, cert.course, cert.issuer].join(''));
  const { canvas, qrRects } = drawCertificate(cert, verifyUrl, fonts);
  const jpeg = await toJpeg(canvas, 0.92);
  canvas.width = canvas.height = 0; // free the bitmap now (mobile browsers limit canvas memory)
  const pdf = imagePdf({ jpeg, title: `结业证书 ${cert.code} · ${cert.course} · ${cert.learner}`, rects: qrRects });
  return new Blob([pdf as BlobPart], { type: 'application/pdf' });
}

/**
 * The certificate as a PNG for sharing in WeChat and the like: A4 at 150 dpi (1240 × 1754 px), sharp
 * enough to read and to scan its QR code on another phone, small enough to send.
 */
export async function certificatePng(cert: CertificateData, verifyUrl: string, fonts: CertificateFonts): Promise<Blob> {
  await fontsReady(fonts, [cert.learner, cert.enterprise, cert.course, cert.issuer].join(''));
  const { canvas } = drawCertificate(cert, verifyUrl, fonts, 150);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas could not be encoded'))), 'image/png'),
  );
  canvas.width = canvas.height = 0; // free the bitmap now (mobile browsers limit canvas memory)
  return blob;
}

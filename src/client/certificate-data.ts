/** What the owner's certificate shows (GET /api/qa/certificates/{code}/full) and the fonts it is drawn with. */
export type { OwnCertificate as CertificateData } from '../server/certificates.ts';

/** CSS font-family lists, read from the page (getComputedStyle) so the PDF uses the page's fonts. */
export interface CertificateFonts {
  sans: string;
  serif: string;
}

/** Used only when the page's styles cannot be read; keep in step with src/pages/certificate/index.astro. */
export const FALLBACK_FONTS: CertificateFonts = {
  sans: 'system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
  serif: '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun, serif',
};

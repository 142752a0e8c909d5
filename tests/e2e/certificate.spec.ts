import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { completeCourseViaApi, content, loginAs, logout, registerViaApi } from './support.ts';
import { CERT_ALPHABET, isWellFormedCertificateCode, newCertificateCode } from '../../src/lib/certificate-code.ts';
import { DEMO_ADMIN } from '../../src/lib/demo-accounts.ts';

const courseId = 'owner-essentials';
const course = content.courses[courseId];
const NAME = '𠮷田花子'; // 𠮷 is U+20BB7, outside the Basic Multilingual Plane
const PASSWORD = 'secret-pass-1';
const jsQrPath = createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js');

/** Fast path: register, read every lesson and pass the final quiz through the API. */
async function learnerWithCertificate(request: APIRequestContext) {
  const learner = await registerViaApi(request, { name: NAME, enterpriseName: '湖州𠮷祥服饰有限公司' });
  const submit = await completeCourseViaApi(request, learner.token, courseId);
  return { email: learner.email, code: submit.completion.certificateCode as string, completionId: submit.completion.id as string };
}

/**
 * Whether the browser has a real glyph for `ch` in `font`: draws it and a code point no font has
 * (U+10FFFD, private use) and compares the pixels. A missing glyph draws the same .notdef box as U+10FFFD.
 */
async function glyphDiffers(page: Page, selector: string, ch: string) {
  return page.evaluate(
    ({ selector, ch }) => {
      const style = getComputedStyle(document.querySelector(selector)!);
      const font = `${style.fontWeight} 64px ${style.fontFamily}`;
      const draw = (text: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 120;
        const ctx = canvas.getContext('2d')!;
        ctx.font = font;
        ctx.fillStyle = '#000';
        ctx.fillText(text, 20, 90);
        return { width: ctx.measureText(text).width, pixels: Array.from(ctx.getImageData(0, 0, 120, 120).data) };
      };
      const rare = draw(ch);
      const missing = draw('\u{10FFFD}');
      const inked = rare.pixels.some((v, i) => i % 4 === 3 && v > 0);
      const same = rare.pixels.every((v, i) => v === missing.pixels[i]);
      return { inked, differs: !same, width: rare.width };
    },
    { selector, ch },
  );
}

/** Decodes the QR code in an <svg> on the page (jsQR, loaded from node_modules). */
async function decodeSvgQr(page: Page, selector: string): Promise<string | null> {
  // Evaluated through DevTools rather than added as an inline <script>, which the page's CSP rightly blocks.
  await page.evaluate(readFileSync(jsQrPath, 'utf8'));
  return page.evaluate(async (selector) => {
    const svg = document.querySelector(selector) as SVGSVGElement;
    const xml = new XMLSerializer().serializeToString(svg);
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 400;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0, 400, 400);
    const data = ctx.getImageData(0, 0, 400, 400);
    const found = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR(
      data.data,
      400,
      400,
    );
    return found ? found.data : null;
  }, selector);
}

/** Decodes the QR code in the JPEG page image of the downloaded PDF. */
async function decodeJpegQr(page: Page, jpeg: Buffer): Promise<string | null> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/jpeg;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    // The QR sits in the lower right quarter of the page.
    const x = Math.floor(canvas.width / 2),
      y = Math.floor(canvas.height * 0.66);
    const data = ctx.getImageData(x, y, canvas.width - x, canvas.height - y);
    const found = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR(
      data.data,
      data.width,
      data.height,
    );
    return found ? found.data : null;
  }, jpeg.toString('base64'));
}

const countPages = (pdf: string) => (pdf.match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

test('a learner named 𠮷田花子 gets a certificate with a QR code, a print page and a PDF; the QR verifies it', async ({
  page,
  request,
  baseURL,
}) => {
  const { email, code, completionId } = await learnerWithCertificate(request);
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== baseURL && !['data:', 'blob:'].includes(url.protocol)) foreign.push(req.url());
  });

  await loginAs(page, email, PASSWORD);
  await page.goto('/me/');
  await page.getByTestId('my-certificates').getByRole('link', { name: '查看证书' }).click();
  await page.waitForURL('**/certificate/?code=*');

  // The full name, including 𠮷, rendered with a real glyph (not the .notdef box).
  const certificate = page.getByTestId('certificate');
  await expect(page.getByTestId('certificate-name')).toHaveText(NAME);
  await expect(certificate).toContainText(course.title);
  await expect(certificate).toContainText('湖州𠮷祥服饰有限公司');
  await expect(page.getByTestId('certificate-code')).toHaveText(code);
  const glyph = await glyphDiffers(page, '[data-testid="certificate-name"]', '𠮷');
  expect(glyph.inked).toBe(true);
  expect(glyph.differs).toBe(true);

  // Works at 360 px: nothing sticks out sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The QR code is an SVG made in the page, pointing at the absolute verification URL.
  const qr = page.getByTestId('certificate-qr');
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
  const target = await decodeSvgQr(page, '[data-testid="certificate-qr"]');
  expect(target).toBe(`${baseURL}/verify/?code=${encodeURIComponent(code)}`);

  // PDF download: one A4 page, file name 证书-<code>.pdf.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('certificate-download').click()]);
  expect(download.suggestedFilename()).toBe(`证书-${code}.pdf`);
  const pdf = readFileSync((await download.path())!);
  const pdfText = pdf.toString('latin1');
  expect(pdfText.startsWith('%PDF-')).toBe(true);
  expect(countPages(pdfText)).toBe(1);
  expect(pdfText).toContain('/Count 1');
  expect(pdfText).toContain('/MediaBox [0 0 595.28 841.89]');
  expect(pdfText).toMatch(/\/Width 1654 \/Height 2339 /);
  expect(pdfText.trimEnd().endsWith('%%EOF')).toBe(true);
  // The page image itself carries a scannable QR code with the same URL.
  const imageStart = pdfText.indexOf('/Filter /DCTDecode');
  const streamStart = pdfText.indexOf('stream\n', imageStart) + 'stream\n'.length;
  const jpeg = pdf.subarray(streamStart, pdfText.indexOf('\nendstream', streamStart));
  expect(await decodeJpegQr(page, jpeg)).toBe(target);

  // Printing: exactly one A4 page, without the site header, footer or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  await expect(page.getByTestId('certificate-download')).toBeHidden();
  await expect(qr).toBeVisible();
  const printed = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  expect(countPages(printed)).toBe(1);
  await page.emulateMedia({ media: 'screen' });
  expect(foreign).toEqual([]);

  // The QR target: a public page anyone can open, with the masked name.
  await logout(page);
  await page.goto(target!);
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-status', 'valid');
  await expect(result.getByRole('heading', { name: '证书有效' })).toBeVisible();
  await expect(page.getByTestId('verify-learner')).toHaveText('𠮷**子');
  await expect(result).toContainText(course.title);
  await expect(result).not.toContainText(NAME);
  await expect(page.getByLabel('证书编号')).toHaveValue(code);

  // Revoked by a superuser (as in the admin UI): the same link now says so, with the reason.
  const admin = await request.post('/api/collections/_superusers/auth-with-password', {
    data: { identity: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
  });
  const revoke = await request.patch(`/api/collections/completions/records/${completionId}`, {
    headers: { authorization: (await admin.json()).token },
    data: { revoked: true, revoked_reason: '测验由他人代考' },
  });
  expect(revoke.status()).toBe(200);
  await page.reload();
  await expect(result).toHaveAttribute('data-status', 'revoked');
  await expect(result.getByRole('heading', { name: '证书已撤销' })).toBeVisible();
  await expect(page.getByTestId('verify-reason')).toContainText('测验由他人代考');
});

test('verification says clearly when a code is unknown or mistyped', async ({ page }) => {
  let n = 0;
  const unknown = newCertificateCode(new Date(), (len) =>
    Array.from({ length: len }, () => CERT_ALPHABET[(n++ * 11 + Date.now()) % CERT_ALPHABET.length]).join(''),
  );
  expect(isWellFormedCertificateCode(unknown)).toBe(true);
  await page.goto(`/verify/?code=${encodeURIComponent(unknown)}`);
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-status', 'unknown');
  await expect(result.getByRole('heading', { name: '查无此证书' })).toBeVisible();

  // A typo is caught in the browser, before asking the server.
  const asked: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/api/qa/certificates/')) asked.push(req.url());
  });
  const last = unknown[unknown.length - 1];
  const typo = unknown.slice(0, -1) + CERT_ALPHABET[(CERT_ALPHABET.indexOf(last) + 1) % CERT_ALPHABET.length];
  await page.getByLabel('证书编号').fill(typo.toLowerCase());
  await page.getByRole('button', { name: '查验', exact: true }).click();
  await expect(result).toHaveAttribute('data-status', 'malformed');
  await expect(result.getByRole('heading', { name: '编号格式不对' })).toBeVisible();
  expect(asked).toEqual([]);
  expect(new URL(page.url()).searchParams.get('code')).toBe(typo.toLowerCase());
});

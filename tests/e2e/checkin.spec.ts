import { expect, test, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { content, loginAs, registerViaApi } from './support.ts';

const jsQrPath = createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js');
const courseId = 'workplace-6s';

/** Decodes the QR code on the projector as a phone camera would: from the picture, not from the page's data. */
async function scanProjector(page: Page): Promise<string> {
  await page.evaluate(readFileSync(jsQrPath, 'utf8'));
  const text = await page.evaluate(async () => {
    const svg = document.querySelector('[data-testid="live-qr"]') as SVGSVGElement;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 400;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0, 400, 400);
    const data = ctx.getImageData(0, 0, 400, 400);
    return (
      (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR(data.data, 400, 400)
        ?.data ?? null
    );
  });
  expect(text).toMatch(/\/checkin\/\?s=[a-z0-9]{15}&c=[0-9a-f]{16}$/);
  return text!;
}

test('a trainer runs a session with QR check-in: one phone checks in, a forwarded (stale) code is refused, closing records the completion', async ({
  browser,
  request,
}, info) => {
  test.setTimeout(120_000);
  const learner = await registerViaApi(request, { name: '扫码学员' });

  // the trainer, on the classroom computer
  const projector = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const trainer = await projector.newPage();
  await loginAs(trainer, 'trainer@example.com');
  await trainer.getByRole('button', { name: '安排扫码签到的培训' }).click();
  const form = trainer.getByTestId('live-form');
  await form.getByRole('combobox', { name: /^课程/ }).selectOption(courseId);
  await form.getByLabel(/^培训名称/).fill('织里镇 6S 扫码签到班');
  await form.getByLabel('小班授课').check();
  await form.getByLabel(/^地点/).fill('织里镇童装商会三楼');
  await form.getByLabel(/^名额/).fill('30');
  await form.getByRole('button', { name: '安排培训并打开签到屏幕' }).click();
  await trainer.waitForURL(/\/trainer\/live\/\?id=/);
  await expect(trainer.getByTestId('live-count')).toHaveText('已签到 0 / 30 人');
  await expect(trainer.getByTestId('live-manual')).toHaveText(/^\d{3} \d{3}$/);

  // a photo of the screen, taken now and forwarded to a friend who is not in the room
  const forwarded = await scanProjector(trainer);

  // phone 1: a learner scans the current code before signing in, signs in from the check-in page and comes back
  // to one tap (no second scan, no typing the code)
  const phone1 = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const a = await phone1.newPage();
  await a.goto(await scanProjector(trainer));
  await expect(a.getByTestId('checkin-form')).toBeVisible();
  await expect(a).toHaveURL(/\/checkin\/$/); // the code is not left in the address bar
  await a.getByRole('link', { name: '登录后签到' }).click();
  await a.getByLabel('邮箱').fill(learner.email);
  await a.getByLabel('密码').fill(learner.password);
  await a.getByRole('button', { name: '登录' }).click();
  await a.waitForURL(/\/checkin\/$/);
  await expect(a.getByText('将以 扫码学员 的账号签到。')).toBeVisible();
  await a.getByTestId('checkin-go').click();
  await expect(a.getByTestId('checkin-done')).toContainText('签到成功');
  expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await a.screenshot({ path: info.outputPath('phone-checked-in.png') });

  // the trainer's list shows the learner within a poll or two
  await expect(trainer.getByTestId('live-attendees')).toContainText('扫码学员');
  await expect(trainer.getByTestId('live-count')).toHaveText('已签到 1 / 30 人');

  // phone 2: the forwarded photo, opened after the code has moved on two steps (10 s each)
  const stale = new URL(forwarded).searchParams.get('c')!;
  await expect
    .poll(
      async () => {
        const now = new URL(await scanProjector(trainer)).searchParams.get('c');
        return now !== stale;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await trainer.waitForTimeout(11_000); // one more step: the forwarded code is now two steps old
  const phone2 = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const b = await phone2.newPage();
  await b.goto(forwarded);
  await expect(b.getByTestId('checkin-refused')).toContainText('二维码已过期，请重新扫描现场屏幕上的二维码');
  await expect(b.getByRole('link', { name: '改为输入 6 位签到码' })).toBeVisible();
  await b.screenshot({ path: info.outputPath('phone-stale-code.png') });
  await expect(trainer.getByTestId('live-count')).toHaveText('已签到 1 / 30 人');
  await trainer.screenshot({ path: info.outputPath('projector.png') });

  // close: the attendee gets an in-person completion
  trainer.on('dialog', (d) => void d.accept());
  await trainer.getByTestId('live-close').click();
  await expect(trainer.getByTestId('live-closed')).toContainText('1 人获得线下完成记录');
  await expect(trainer.getByTestId('live-stage')).toHaveCount(0);
  const me = await (await request.get('/api/qa/me', { headers: { authorization: learner.token } })).json();
  expect(me.completed).toEqual([expect.objectContaining({ course: courseId })]);
  await a.goto('/me/');
  await expect(a.getByText(content.courses[courseId].title).first()).toBeVisible();
  // and the recorded session is in the trainer's list of in-person sessions
  await trainer.goto('/trainer/');
  await expect(trainer.getByRole('row', { name: /织里镇 6S 扫码签到班/ }).last()).toContainText('1');
  await Promise.all([projector.close(), phone1.close(), phone2.close()]);
});

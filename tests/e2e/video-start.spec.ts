import { expect, test, type Page, type Request } from '@playwright/test';
import { loginAs, registerViaApi, withoutNativeHls } from './support.ts';

/**
 * Issue #16: a lesson with a video downloads nothing of the video, and not hls.js, until the learner presses
 * play. The page shows the poster at the video's final size with our own play button; one press plays.
 */
const lessonPath = '/courses/internal-audit/audit-basics/';
const lessonId = 'internal-audit/audit-basics';

/** hls.js, playlists, init segments and media segments: what a lesson must not fetch before play. */
const isVideoRequest = (r: Request) => /hls\.light|hls-source|\.m3u8(\?|$)|\.m4s(\?|$)|\/init\.mp4(\?|$)/.test(r.url());

function recordVideoRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (isVideoRequest(r)) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

const currentTime = (page: Page) =>
  page
    .getByTestId('video-player')
    .locator('video')
    .evaluate((v: HTMLVideoElement) => v.currentTime);

test('nothing of the video or hls.js loads before play; one press loads hls.js, plays and reports progress', async ({ page, request }) => {
  test.setTimeout(90_000);
  await withoutNativeHls(page);
  const learner = await registerViaApi(request, { name: '视频学员' });
  await loginAs(page, learner.email, learner.password);
  const videoRequests = recordVideoRequests(page);
  await page.goto(lessonPath);
  const player = page.getByTestId('video-player');
  const start = player.getByRole('button', { name: /播放视频/ });
  await expect(start).toBeVisible();
  await expect(start).toContainText('时长 0:50');
  await expect(page.getByTestId('video-watched')).toHaveText('已看 0%'); // the island is live
  // the poster is there at the video's final size, not lazy
  const poster = player.locator('img.video-poster');
  await expect(poster).toHaveAttribute('fetchpriority', 'high');
  expect(await poster.getAttribute('loading')).not.toBe('lazy');
  expect(await poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
  const frame = await player.locator('.video-frame').boundingBox();
  expect(frame!.width / frame!.height).toBeCloseTo(16 / 9, 1);
  // a big touch target
  const box = await start.boundingBox();
  expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(44);

  // scrolled into view and left alone for a while: still nothing
  await start.scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  expect(videoRequests).toEqual([]);

  // one press: hls.js arrives, the video plays, the first report reaches the server
  const started = page.waitForResponse((r) => r.url().endsWith('/api/qa/video-progress') && r.request().method() === 'POST');
  await start.click();
  await expect.poll(() => currentTime(page), { timeout: 20_000 }).toBeGreaterThan(1);
  expect(videoRequests.some((u) => /hls\.light|hls-source/.test(u))).toBe(true);
  expect(videoRequests.some((u) => u.endsWith('.m4s'))).toBe(true);
  expect(await player.locator('video').evaluate((v: HTMLVideoElement) => v.src.startsWith('blob:'))).toBe(true);
  await started;
  await expect(start).toHaveCount(0);

  // pausing flushes a report with the seconds watched
  await page.waitForTimeout(1500);
  const report = page.waitForResponse((r) => r.url().endsWith('/api/qa/video-progress') && r.request().method() === 'POST');
  await player.locator('video').evaluate((v: HTMLVideoElement) => v.pause());
  const body = await (await report).json();
  expect(body.watchedFraction).toBeGreaterThan(0);
  const status = await request.get(`/api/qa/courses/internal-audit/status`, { headers: { authorization: learner.token } });
  expect((await status.json()).lessons['audit-basics'].videoFraction).toBeGreaterThan(0);
});

test('with the browser’s own HLS hls.js is never downloaded; the keyboard starts the video too', async ({ page }) => {
  // Chromium 14x and later, Safari and Android play HLS themselves (canPlayType says "maybe")
  const videoRequests = recordVideoRequests(page);
  await page.goto(lessonPath);
  const player = page.getByTestId('video-player');
  await expect(player.getByRole('button', { name: /播放视频/ })).toBeVisible();
  await expect(player.getByText('登录后会记录观看进度')).toBeVisible(); // hydrated
  expect(videoRequests).toEqual([]);
  await player.focus();
  await page.keyboard.press('k');
  await expect.poll(() => currentTime(page), { timeout: 20_000 }).toBeGreaterThan(1);
  expect(await player.locator('video').evaluate((v: HTMLVideoElement) => v.src)).toMatch(/\/media\/audit-basics\/master\.m3u8$/);
  expect(videoRequests.filter((u) => /hls\.light|hls-source/.test(u))).toEqual([]);
  // a guest's position is remembered on this device
  await player.locator('video').evaluate((v: HTMLVideoElement) => v.pause());
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), `qa.video.v1:guest:${lessonId}`);
  expect(saved.position).toBeGreaterThan(1);
});

test('when hls.js cannot be downloaded the learner sees why and one retry plays', async ({ page }) => {
  await withoutNativeHls(page);
  let refuse = true;
  await page.route(/hls\.light|hls-source/, (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(lessonPath);
  const player = page.getByTestId('video-player');
  await expect(player.getByText('登录后会记录观看进度')).toBeVisible();
  await player.getByRole('button', { name: /播放视频/ }).click();
  await expect(page.getByTestId('video-error')).toContainText('视频加载失败，请检查网络后重试');
  refuse = false;
  await page.getByTestId('video-error').getByRole('button', { name: '重试' }).click();
  await expect.poll(() => currentTime(page), { timeout: 20_000 }).toBeGreaterThan(1);
  await expect(page.getByTestId('video-error')).toHaveCount(0);
});

import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { usccCheckCharacter, USCC_ALPHABET } from '../../src/lib/uscc.ts';
import { withoutNativeHls } from './support.ts';

/**
 * The lesson video in Chromium made to take the hls.js path (as Firefox does; Debian's Chromium would play HLS
 * itself, tests/e2e/video-start.spec.ts covers that and the play button): watch part, reload and resume, seek ahead without credit,
 * finish, captions on by default. Playback runs at 2x, the fastest speed the player offers and the fastest
 * the server credits (src/lib/intervals.ts creditAvailable), so the whole video takes about 25 s of real time.
 */
const course = 'internal-audit';
const slug = 'audit-basics';
const lessonPath = `/courses/${course}/${slug}/`;
const DURATION = 50; // content/lessons/internal-audit/audit-basics.mdx video.durationSeconds
const PASSWORD = 'secret-pass-1';

function randomUscc(county: string) {
  const first17 = `91${county}${Array.from(randomBytes(9), (b) => USCC_ALPHABET[b % 31]).join('')}`;
  return first17 + usccCheckCharacter(first17);
}

/** A fresh learner (registered through the API) signed in through the login page. */
async function freshLearner(page: Page, request: APIRequestContext): Promise<string> {
  const email = `video.${Date.now()}.${randomBytes(3).toString('hex')}@example.com`;
  const reply = await request.post('/api/qa/register', {
    data: {
      name: '视频学员',
      email,
      password: PASSWORD,
      uscc: randomUscc('330502'),
      enterpriseName: '湖州视频测试有限公司',
      countyCode: '330502',
      sector: '04',
      consent: true,
    },
  });
  expect(reply.status(), await reply.text()).toBe(200);
  await page.goto('/login/');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  const auth = await request.post('/api/collections/users/auth-with-password', { data: { identity: email, password: PASSWORD } });
  return (await auth.json()).token as string;
}

async function serverStatus(request: APIRequestContext, token: string) {
  const reply = await request.get(`/api/qa/courses/${course}/status`, { headers: { authorization: token } });
  expect(reply.status()).toBe(200);
  const body = await reply.json();
  return body.lessons[slug] as { videoFraction: number; videoDone: boolean; position: number; read: boolean };
}

const currentTime = (video: Locator) => video.evaluate((v: HTMLVideoElement) => v.currentTime);

async function playUntil(video: Locator, seconds: number, timeout = 20_000) {
  await expect.poll(() => currentTime(video), { timeout, intervals: [100] }).toBeGreaterThanOrEqual(seconds);
}

/** Presses a player key with the focus on the player (not on the speed list or a button). */
async function key(player: Locator, name: string) {
  await player.focus();
  await player.page().keyboard.press(name);
}

const nextReport = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/qa/video-progress') && r.request().method() === 'POST');

test('watch part, reload and resume, seek ahead without credit, then finish', async ({ page, request }) => {
  test.setTimeout(90_000);
  await withoutNativeHls(page);
  const token = await freshLearner(page, request);
  await page.goto(lessonPath);
  const player = page.getByTestId('video-player');
  const video = player.locator('video');
  const watched = page.getByTestId('video-watched');
  await expect(watched).toHaveText('已看 0%');
  await expect(player.getByText('看满 90% 算看完')).toBeVisible();

  // 1. Play at 2x (the speed list), about 8 s of video, then pause with the keyboard: the pause flushes a report.
  await page.getByTestId('video-speed').selectOption('2');
  await key(player, 'k');
  await playUntil(video, 8);
  expect(await video.evaluate((v: HTMLVideoElement) => v.src.startsWith('blob:'))).toBe(true); // hls.js over MSE
  let report = nextReport(page);
  await key(player, 'k');
  const first = await (await report).json();
  const paused1 = await currentTime(video);
  expect(first.watchedFraction * DURATION).toBeGreaterThan(paused1 - 1.5);
  expect(first.watchedFraction * DURATION).toBeLessThanOrEqual(paused1 + 0.5);
  await expect(watched).toHaveText(`已看 ${Math.floor(first.watchedFraction * 100)}%`);

  // 2. Reload: the player offers to resume there, and playback starts there.
  await page.reload();
  await expect(page.getByTestId('video-resume')).toContainText(`上次看到 0:${String(Math.floor(paused1)).padStart(2, '0')}`);
  await expect(watched).toHaveText(`已看 ${Math.floor(first.watchedFraction * 100)}%`);
  expect(await currentTime(video)).toBe(0);
  await key(player, ' ');
  await expect.poll(() => currentTime(video), { timeout: 10_000 }).toBeGreaterThan(paused1 - 0.5);
  const resumedAt = await currentTime(video);
  expect(resumedAt).toBeLessThan(paused1 + 3);
  await expect(page.getByTestId('video-resume')).toBeHidden();

  // 3. Seek ahead 20 s with the keyboard (→ is 5 s), watch 4 s there, pause: the skipped part earns nothing.
  const seekFrom = await currentTime(video);
  for (let i = 0; i < 4; i++) await key(player, 'ArrowRight');
  const seekTo = await currentTime(video);
  expect(seekTo - seekFrom).toBeGreaterThan(18);
  await playUntil(video, seekTo + 4);
  report = nextReport(page);
  await key(player, 'k');
  const second = await (await report).json();
  const paused2 = await currentTime(video);
  const reallyWatched = seekFrom + (paused2 - seekTo);
  const credited = second.watchedFraction * DURATION;
  expect(credited).toBeGreaterThan(reallyWatched - 1.5);
  expect(credited).toBeLessThan(reallyWatched + 1.5);
  expect(credited).toBeLessThan(paused2 - 15); // the jumped-over ~20 s are not there
  await expect(watched).toHaveText(`已看 ${Math.floor(second.watchedFraction * 100)}%`);
  const afterSeek = await serverStatus(request, token);
  expect(afterSeek.videoFraction).toBeCloseTo(second.watchedFraction, 3);
  expect(afterSeek.videoDone).toBe(false);
  expect(afterSeek.position).toBeCloseTo(paused2, 0);

  // 4. Go back to where the jump started and watch to the end: the lesson counts as watched.
  await video.evaluate((v: HTMLVideoElement, t: number) => (v.currentTime = t), seekFrom);
  await key(player, 'k');
  await expect(page.getByTestId('video-done')).toBeVisible({ timeout: 40_000 });
  expect(await video.evaluate((v: HTMLVideoElement) => v.ended)).toBe(true);
  // Issue 13, defect 8: one source of truth on the page. Without a reload, the rest of the page knows the
  // lesson is done: no "我学完了这一课" button any more, and the outline ticks the lesson.
  await expect(page.getByTestId('lesson-done')).toBeVisible();
  await expect(page.getByRole('button', { name: '我学完了这一课' })).toHaveCount(0);
  await expect(page.locator(`.outline [data-lesson-slug="${slug}"][data-done]`)).toHaveCount(1);
  await expect(watched).toHaveText(/已看 (9\d|100)%/);
  const done = await serverStatus(request, token);
  expect(done.videoDone).toBe(true);
  expect(done.videoFraction).toBeGreaterThanOrEqual(0.9);

  // The lesson is done for the course too (the "I have finished" button gives way to the done notice).
  await page.reload();
  await expect(page.getByTestId('lesson-done')).toBeVisible();
  await expect(page.getByTestId('video-done')).toBeVisible();
  await expect(page.getByTestId('video-resume')).toBeHidden(); // a finished video starts from the beginning
});

test('captions are on by default and follow the video; pages without a video do not load hls.js', async ({ page }) => {
  await withoutNativeHls(page);
  const hlsRequests: string[] = [];
  page.on('request', (r) => {
    if (/hls\.light|hls-source/.test(r.url())) hlsRequests.push(r.url());
  });
  await page.goto('/courses/internal-audit/audit-programme/');
  await expect(page.locator('h1')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(hlsRequests).toEqual([]);
  await expect(page.getByTestId('video-player')).toHaveCount(0);

  await page.goto(lessonPath);
  const player = page.getByTestId('video-player');
  const video = player.locator('video');
  await expect(player.getByRole('button', { name: '字幕：开' })).toBeVisible();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.textTracks[0]?.mode)).toBe('showing');
  // keyboard shortcuts are not offered on a touch phone (issue 13); the keys still work with a keyboard
  await expect(player.getByText('空格或 K 播放/暂停')).toBeHidden();
  await expect(player.getByText('登录后会记录观看进度')).toBeVisible();

  await key(player, 'k');
  await playUntil(video, 1);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => (v.textTracks[0]?.activeCues?.[0] as VTTCue | undefined)?.text))
    .toBe('内部审核，就是企业自己给体系做一次体检。');
  expect(await video.evaluate((v: HTMLVideoElement) => v.textTracks[0].cues?.length)).toBe(10);
  expect(hlsRequests.length).toBeGreaterThan(0);

  // C switches captions off and on again; ↑ raises the speed
  await key(player, 'c');
  await expect(player.getByRole('button', { name: '字幕：关' })).toBeVisible();
  expect(await video.evaluate((v: HTMLVideoElement) => v.textTracks[0].mode)).toBe('hidden');
  await key(player, 'c');
  expect(await video.evaluate((v: HTMLVideoElement) => v.textTracks[0].mode)).toBe('showing');
  await key(player, 'ArrowUp');
  expect(await video.evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(1.25);
  await expect(page.getByTestId('video-speed')).toHaveValue('1.25');
});

test("without Media Source Extensions the browser plays HLS itself, resuming from this device's memory", async ({ page }) => {
  // Safari on older iPhones has no MSE but plays HLS natively; Chromium does both, so hide MSE to take that path.
  await page.addInitScript(() => {
    delete (window as { MediaSource?: unknown }).MediaSource;
    delete (window as { ManagedMediaSource?: unknown }).ManagedMediaSource;
  });
  await page.goto('/');
  // a guest's position is remembered on the device only
  await page.evaluate(
    (key) => localStorage.setItem(key, JSON.stringify({ position: 21, unsent: [], pending: true, savedAt: Date.now() })),
    `qa.video.v1:guest:${course}/${slug}`,
  );
  await page.goto(lessonPath);
  const player = page.getByTestId('video-player');
  const video = player.locator('video');
  await expect(page.getByTestId('video-resume')).toContainText('上次看到 0:21');
  await key(player, 'k');
  expect(await video.evaluate((v: HTMLVideoElement) => v.src)).toMatch(/\/media\/audit-basics\/master\.m3u8$/);
  await expect.poll(() => currentTime(video), { timeout: 10_000 }).toBeGreaterThan(21);
  expect(await currentTime(video)).toBeLessThan(25);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.textTracks[0]?.mode)).toBe('showing');
  await key(player, 'k');
  // pausing remembers the new position for the next visit
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), `qa.video.v1:guest:${course}/${slug}`);
  expect(saved.position).toBeGreaterThan(21);
});

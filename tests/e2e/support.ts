/** End-to-end helpers: accounts made through the API, and logging in through the UI. */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { answersFor, content, randomUscc } from '../support/content.ts';
import { DEMO_PASSWORD } from '../../src/lib/demo-accounts.ts';

export { content, randomUscc, answersFor } from '../support/content.ts';

export interface ApiLearner {
  email: string;
  password: string;
  token: string;
  uscc: string;
}

export async function registerViaApi(
  request: APIRequestContext,
  options: { name?: string; county?: string; sector?: string; enterpriseName?: string } = {},
): Promise<ApiLearner> {
  const email = `e2e.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = 'secret-pass-1';
  const uscc = randomUscc(options.county ?? '330502');
  const reply = await request.post('/api/qa/register', {
    data: {
      name: options.name ?? '测试学员',
      email,
      password,
      uscc,
      enterpriseName: options.enterpriseName ?? '端到端测试企业',
      countyCode: options.county ?? '330502',
      sector: options.sector ?? '04',
      consent: true,
    },
  });
  expect(reply.status(), await reply.text()).toBe(200);
  const auth = await request.post('/api/collections/users/auth-with-password', { data: { identity: email, password } });
  return { email, password, uscc, token: (await auth.json()).token };
}

export async function readAllLessons(request: APIRequestContext, token: string, courseId: string) {
  for (const slug of content.courses[courseId].lessons) {
    const reply = await request.post('/api/qa/lessons/read', {
      headers: { authorization: token },
      data: { lesson: `${courseId}/${slug}` },
    });
    expect(reply.status()).toBe(200);
  }
}

/** Reads every lesson and passes the course's final quiz through the API; returns the submit reply. */
export async function completeCourseViaApi(request: APIRequestContext, token: string, courseId: string) {
  await readAllLessons(request, token, courseId);
  const headers = { authorization: token };
  const attempt = await (await request.post('/api/qa/attempts', { headers, data: { quiz: `${courseId}/final` } })).json();
  const submit = await (
    await request.post(`/api/qa/attempts/${attempt.id}/submit`, { headers, data: { answers: answersFor(attempt, true) } })
  ).json();
  expect(submit.attempt.passed).toBe(true);
  return submit;
}

export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login/');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Logs out as a phone user does: 退出 is in the 菜单 panel on a phone (and in the bar on wider screens). */
export async function logout(page: Page) {
  const inBar = page.locator('.header-end .logout');
  if (await inBar.isVisible()) await inBar.click();
  else {
    await page.getByRole('button', { name: '菜单' }).click();
    await page.locator('#mobile-nav').getByRole('button', { name: '退出' }).click();
  }
  await page.waitForURL((url) => url.pathname === '/');
}

/**
 * Makes the page's browser one without its own HLS (Firefox, older Chromium-based browsers and WebViews), so
 * that the video player takes the hls.js path: Debian's Chromium plays HLS itself (canPlayType "maybe").
 */
export async function withoutNativeHls(page: Page) {
  await page.addInitScript(() => {
    const original = HTMLMediaElement.prototype.canPlayType;
    HTMLMediaElement.prototype.canPlayType = function (type: string) {
      return /mpegurl/i.test(type) ? '' : original.call(this, type);
    };
  });
}

/**
 * Scrolls to each section of the regulators' dashboard that is not built yet (they are built when they come near
 * the screen, src/islands/dashboard/Deferred.tsx), as a reader scrolling down the page does, until every one is;
 * then back to the top.
 */
export async function scrollThroughDashboard(page: Page) {
  // the sections come with the figures
  await expect(page.locator('.dashboard')).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  const waiting = page.locator('[data-deferred]');
  for (let guard = 0; guard < 20 && (await waiting.count()) > 0; guard++) {
    const box = await waiting.first().elementHandle();
    if (!box) continue;
    await box.evaluate((el) => el.scrollIntoView());
    await page.waitForFunction((el) => !el.isConnected, box, { timeout: 15_000 });
  }
  await expect(waiting).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

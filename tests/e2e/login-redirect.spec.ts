import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/lib/demo-accounts.ts';

/** Logs in through the form on /login/?next=<raw>, and returns where the browser ended up. */
async function loginWithNext(page: import('@playwright/test').Page, rawNext: string) {
  const offSite: string[] = [];
  await page.route(
    (url) => url.hostname.endsWith('evil.example'),
    (route) => {
      offSite.push(route.request().url());
      return route.abort();
    },
  );
  await page.goto(`/login/?next=${rawNext}`);
  await page.getByLabel('邮箱').fill('learner@example.com');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { url: new URL(page.url()), offSite };
}

test('logging in with a hostile next stays on the site', async ({ page, baseURL }) => {
  const site = new URL(baseURL!).origin;
  // the reported one (a tab between two slashes), then a backslash and an encoded protocol-relative URL
  for (const next of ['%2F%09%2Fevil.example', '%2F%5Cevil.example%2Fx', '%2F%2Fevil.example']) {
    await page.context().clearCookies();
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    const { url, offSite } = await loginWithNext(page, next);
    expect(url.origin, next).toBe(site);
    expect(url.pathname, next).toBe('/me/'); // the learner's home, the fallback
    expect(offSite, next).toEqual([]);
  }
});

test('logging in with a same-site next goes there', async ({ page, baseURL }) => {
  const { url } = await loginWithNext(page, encodeURIComponent('/courses/?from=login'));
  expect(url.origin).toBe(new URL(baseURL!).origin);
  expect(url.pathname + url.search).toBe('/courses/?from=login');
});

/** The regulators' custom date range with last year beside it, and the trained-enterprise list, on a phone. */
import { expect, test } from '@playwright/test';
import { completeCourseViaApi, loginAs, registerViaApi, scrollThroughDashboard } from './support.ts';

const tag = `范围${Date.now() % 100000}`;

test.beforeAll(async ({ playwright }, testInfo) => {
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const learner = await registerViaApi(api, { county: '330522', enterpriseName: `${tag}长兴制衣有限公司` });
  await completeCourseViaApi(api, learner.token, 'owner-essentials');
  await api.dispose();
});

test('a provincial regulator compares a date range with last year and finds a trained enterprise', async ({ page }) => {
  await loginAs(page, 'regulator.zj@example.com');
  await page.goto('/regulator/');
  // The dashboard loads first (slow on a busy machine), then the range asks the server on its own.
  await expect(page.getByTestId('view-title')).toBeVisible({ timeout: 30_000 });
  await scrollThroughDashboard(page); // the range section is built (and asks the server) when it nears the screen
  const section = page.getByTestId('range-section');
  await expect(section.getByTestId('range-yoy')).toBeVisible({ timeout: 15_000 });
  const yoy = section.getByTestId('table-range-yoy');
  await expect(yoy.locator('thead')).toContainText('去年同期');
  await expect(yoy.locator('tbody tr').first()).toContainText('培训人次');
  expect(Number((await yoy.locator('tbody tr').first().locator('td').first().innerText()).replace(/,/g, ''))).toBeGreaterThanOrEqual(1);

  // A backwards range is explained in Chinese and not sent.
  await section.getByLabel('开始日期').fill('2026-03-10');
  await section.getByLabel('结束日期').fill('2026-03-01');
  await section.getByRole('button', { name: '查询' }).click();
  await expect(section.getByTestId('range-error')).toHaveText('结束日期不能早于开始日期');
  await expect(section.getByLabel('结束日期')).toBeFocused();
  await expect(section.getByLabel('结束日期')).toHaveAttribute('aria-invalid', 'true');

  // The list: search by name, sortable headers, the count of enterprises.
  const list = section.getByTestId('enterprise-list');
  await list.getByLabel('按企业名称搜索').fill(tag);
  await list.getByRole('button', { name: '搜索' }).click();
  await expect(list.getByTestId('enterprise-count')).toContainText('共 1 家企业');
  const table = list.getByTestId('table-trained-enterprises');
  await expect(table).toContainText(`${tag}长兴制衣有限公司`);
  await expect(table).toContainText('长兴县');
  await expect(table.locator('thead')).toContainText('培训人次（课程完成次数）');
  await table.getByRole('button', { name: /企业名称/ }).click();
  await expect(table.locator('thead th').first()).toHaveAttribute('aria-sort', 'ascending');
  const [download] = await Promise.all([page.waitForEvent('download'), list.getByTestId('enterprise-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^质量学堂_培训企业名单_浙江省_\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.csv$/);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(scroll).toBeLessThanOrEqual(0);
});

test('the national range loads with its section, once (sums of per-day firsts on the server)', async ({ page }) => {
  let rangeRequests = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/qa/stats/range')) rangeRequests++;
  });
  await loginAs(page, 'regulator@example.com');
  await page.goto('/regulator/');
  await expect(page.getByTestId('view-title')).toBeVisible({ timeout: 30_000 });
  await scrollThroughDashboard(page); // the range section is built, and asks, when it nears the screen
  const section = page.getByTestId('range-section');
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByTestId('range-yoy')).toBeVisible({ timeout: 15_000 });
  expect(rangeRequests).toBe(1);
  await expect(section.getByTestId('table-range-yoy')).toContainText('培训人次');
});

import { expect, test } from '@playwright/test';

const pages = ['/', '/courses/', '/courses/seven-quality-tools/pareto-chart/', '/cases/', '/glossary/', '/register/', '/verify/'];

test('pages request nothing from any host but the platform', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== baseURL && !url.protocol.startsWith('data')) foreign.push(req.url());
  });
  for (const path of pages) {
    await page.goto(path, { waitUntil: 'networkidle' });
    await expect(page.locator('h1').first()).toBeVisible();
  }
  expect(foreign).toEqual([]);
});

test('a glossary term shows its plain definition on tap and on keyboard focus', async ({ page }) => {
  await page.goto('/courses/internal-audit/audit-basics/');
  const term = page.locator('.term').first();
  const tip = term.locator('.term-tip');
  await expect(tip).toBeHidden();
  await term.locator('.term-button').tap();
  await expect(tip).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await page.getByRole('link', { name: '跳到正文' }).focus();
  await term.locator('.term-button').focus();
  await expect(tip).toBeVisible();
});

test('the layout fits a 360-px phone without sideways scrolling', async ({ page }) => {
  for (const path of pages) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

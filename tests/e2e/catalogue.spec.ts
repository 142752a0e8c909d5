import { expect, test } from '@playwright/test';

test('the catalogue filters by level and duration, and the filter is kept in a shareable URL', async ({ page }) => {
  await page.goto('/courses/');
  await expect(page.getByText('共 20 门课程')).toBeVisible();
  await page.getByLabel('适合谁').selectOption('auditor');
  await expect(page.getByText('共 1 门课程')).toBeVisible();
  await expect(page.getByRole('link', { name: '内部审核实战' })).toBeVisible();
  await expect(page.getByRole('link', { name: '6S 现场管理' })).toBeHidden();
  expect(new URL(page.url()).searchParams.get('level')).toBe('auditor');
  await page.goto('/courses/?level=owner');
  await expect(page.getByLabel('适合谁')).toHaveValue('owner');
  await expect(page.getByRole('link', { name: '老板必修：质量为什么能赚钱' })).toBeVisible();
  await page.getByLabel('时长').selectOption('long');
  const shown = await page.locator('#course-list > li:visible').count();
  await page.getByLabel('时长').selectOption('');
  expect(shown).toBeLessThan(await page.locator('#course-list > li:visible').count());
});

test('cases filter by province and problem type; report cases are told apart from examples', async ({ page }) => {
  await page.goto('/cases/');
  await page.getByLabel('地区').selectOption('45');
  await expect(page.getByRole('link', { name: /螺蛳粉/ })).toBeVisible();
  await expect(page.locator('#case-list > li:visible')).toHaveCount(1);
  await expect(page.locator('#case-list > li:visible .badge.ok')).toHaveText('来自提升行动报告');
  await page.goto('/cases/?problem=weak-brand');
  await expect(page.locator('#case-list > li:visible').first()).toBeVisible();
});

test('lesson pages have a title, description, Open Graph data and breadcrumbs', async ({ page }) => {
  await page.goto('/courses/internal-audit/audit-checklist/');
  await expect(page).toHaveTitle(/· 质量学堂$/);
  expect(await page.locator('meta[name="description"]').getAttribute('content')).toBeTruthy();
  expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toContain('质量学堂');
  await expect(page.getByRole('navigation', { name: '当前位置' }).getByRole('link', { name: '内部审核实战' })).toBeVisible();
  await expect(page.getByText('对应条款')).toBeVisible();
});

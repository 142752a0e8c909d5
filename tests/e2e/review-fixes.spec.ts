/** Defects found walking today's features as real users on a 360-px phone; each test would have caught one. */
import { expect, test } from '@playwright/test';
import { loginAs, scrollThroughDashboard } from './support.ts';

test('a refused one-time password puts the cursor on the code field and says which characters codes never use', async ({ page }) => {
  await page.goto('/reset-password/');
  await page.getByLabel('邮箱或手机号').fill('learner@example.com');
  // "1" is never part of a code (look-alike of I and L): the person has misread it
  await page.getByLabel('一次性密码（8 位）').fill('ABCD-1234');
  await page.getByLabel('新密码（至少 8 位）').fill('a-new-pass-2026');
  await page.getByLabel('再输一次密码').fill('a-new-pass-2026');
  await page.getByRole('button', { name: '设置新密码' }).click();
  const code = page.getByLabel('一次性密码（8 位）');
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#reset-code-error')).toContainText('不含容易看混的 0、1、O、I、L');
});

test('the programme links above the regulator dashboard are spaced apart, not one run-on link', async ({ page }) => {
  await loginAs(page, 'regulator.zj@example.com');
  await page.goto('/regulator/');
  const links = page.locator('.programme-links a');
  await expect(links).toHaveCount(4);
  const first = await links.nth(0).boundingBox();
  const second = await links.nth(1).boundingBox();
  // on the same line, a visible gap; on a new line, below
  expect(second!.x > first!.x + first!.width + 4 || second!.y >= first!.y + first!.height).toBe(true);
});

test('the check-in session form lists the trainer’s courses in catalogue order, like the record form below it', async ({ page }) => {
  await loginAs(page, 'trainer@example.com');
  await page.goto('/trainer/');
  await page.getByRole('button', { name: '安排扫码签到的培训' }).click();
  const selects = page.locator('main select[name="course"]');
  await expect(selects).toHaveCount(2);
  const live = await selects.nth(0).locator('option').allInnerTexts();
  const record = await selects.nth(1).locator('option').allInnerTexts();
  expect(live.length).toBeGreaterThan(1);
  expect(live).toEqual(record);
});

test('a check-in session refused for a missing place puts the cursor on 地点', async ({ page }) => {
  await loginAs(page, 'trainer@example.com');
  await page.goto('/trainer/');
  await page.getByRole('button', { name: '安排扫码签到的培训' }).click();
  const form = page.getByTestId('live-form');
  await form.getByRole('button', { name: '安排培训并打开签到屏幕' }).click();
  await expect(form.getByLabel('地点')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('[aria-invalid="true"]').first()).toBeFocused();
});

test('a wrong check-in code is said once, next to the field, and the cursor goes back to it', async ({ page }) => {
  await page.goto('/checkin/');
  await page.getByLabel('签到码').fill('000000');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByLabel('签到码')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('签到码不对或已过期')).toHaveCount(1);
  await expect(page.getByLabel('签到码')).toBeFocused();
});

test('忘记密码 sends staff to the manager page by the name the manager actually sees', async ({ page }) => {
  await page.goto('/forgot-password/');
  const lead = await page.getByText('为您生成一次性密码').innerText();
  const named = [...lead.matchAll(/“([^”]+)”/g)].map((m) => m[1]);
  await loginAs(page, 'manager@example.com');
  await page.goto('/manager/');
  expect(named).toContain(await page.getByRole('heading', { level: 1 }).innerText());
  expect(named).toContain(await page.getByTestId('staff-reset').getByRole('heading').first().innerText());
});

test('a regulator’s enterprise search that finds nothing says so, instead of “no data for this period”', async ({ page }) => {
  await loginAs(page, 'regulator.zj@example.com');
  await page.goto('/regulator/');
  await scrollThroughDashboard(page); // the list's section is built when it nears the screen
  const list = page.getByTestId('enterprise-list');
  await list.getByLabel('按企业名称搜索').fill('没有这家企业');
  await list.getByRole('button', { name: '搜索' }).click();
  await expect(list.getByTestId('enterprise-empty')).toHaveText(/没有名称含“没有这家企业”的已培训企业/);
  await expect(list).not.toContainText('本期间暂无数据');
});

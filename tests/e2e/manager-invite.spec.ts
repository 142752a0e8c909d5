/**
 * The manager's staff invitation (QR code and link that lock the enterprise on the registration form) and
 * the staff progress export, on the 360-px phone.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loginAs, logout } from './support.ts';

test('a manager invites staff with a QR link; the new account joins the enterprise; a revoked link is refused', async ({
  page,
  browser,
}) => {
  await loginAs(page, 'manager@example.com');
  await page.goto('/manager/');
  const panel = page.getByTestId('invite-panel');
  await expect(panel).toBeVisible();
  page.on('dialog', (d) => d.accept());
  await panel.getByTestId('invite-create').click();
  await expect(panel.getByTestId('invite-qr').first()).toBeVisible();
  const link = await panel.getByTestId('invite-link').inputValue();
  expect(link).toMatch(/\/register\/\?invite=[a-z0-9]{24}$/);
  // The QR code is drawn on the page (an SVG path), not fetched from anywhere.
  expect(await panel.getByTestId('invite-qr').first().locator('path').getAttribute('d')).toMatch(/^M\d/);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(scroll).toBeLessThanOrEqual(0);

  // Someone without an account opens the link: the enterprise is shown and cannot be changed.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const form = await visitor.newPage();
  await form.goto(link);
  await expect(form.getByTestId('invite-enterprise-name')).toBeVisible();
  const enterprise = await form.getByTestId('invite-enterprise-name').innerText();
  await expect(form.getByLabel('统一社会信用代码')).toHaveCount(0);
  const email = `invited.${Date.now()}@example.com`;
  await form.getByLabel('姓名').fill('扫码新员工');
  await form.getByLabel('邮箱').fill(email);
  await form.getByLabel('密码', { exact: true }).fill('secret-pass-1');
  await form.getByLabel('再输一次密码').fill('secret-pass-1');
  await form.locator('#register-consent').check();
  await form.getByRole('button', { name: '注册' }).click();
  await form.waitForURL(/\/me\/$/);
  await visitor.close();

  // The manager sees the new colleague and the use count.
  await page.reload();
  await expect(page.getByTestId('staff-table')).toContainText('扫码新员工');
  await expect(page.getByTestId('invite-expiry')).toContainText('已通过此邀请注册 1 人');
  expect(enterprise.length).toBeGreaterThan(1);

  // Revoked: the link now explains itself and offers registration without it.
  await page.getByTestId('invite-revoke').click();
  await expect(page.getByTestId('invite-none')).toBeVisible();
  const late = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const latePage = await late.newPage();
  await latePage.goto(link);
  await expect(latePage.getByTestId('invite-error')).toContainText('邀请链接无效');
  await expect(latePage.getByRole('button', { name: '注册' })).toBeDisabled();
  await late.close();
  await logout(page);
});

test('a manager exports their staff progress as CSV with a BOM and a telling file name', async ({ page }) => {
  await loginAs(page, 'manager@example.com');
  await page.goto('/manager/');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('progress-csv').click()]);
  // the export keeps the keyboard on the button, ready for the .xlsx one next to it
  await expect(page.getByTestId('progress-csv')).toBeFocused();
  expect(download.suggestedFilename()).toMatch(/^员工学习进度-.+-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split('\r\n');
  expect(lines[0]).toMatch(/^企业,/);
  const header = lines.find((l) => l.startsWith('姓名,'));
  expect(header).toBe('姓名,安排的课程数,已开始的课程数,已完成的课程数,已学课时数,最近学习时间（北京时间）,学习安排数,逾期未完成的安排数');
  expect(text).toContain('王小丽');
  expect(text).not.toMatch(/@example\.com/);
  await expect(page.getByTestId('progress-export')).toContainText('已导出');
});

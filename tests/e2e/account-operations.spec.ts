import { expect, test } from '@playwright/test';
import { DEMO_ADMIN } from '../../src/lib/demo-accounts.ts';
import { loginAs, registerViaApi } from './support.ts';

test('a manager gives a staff member a one-time password; the staff member sets a new one, downloads their data and deletes the account', async ({
  page,
  request,
}) => {
  const staff = await registerViaApi(request, { name: '一次性密码学员' });
  const admin = (
    await (
      await request.post('/api/collections/_superusers/auth-with-password', {
        data: { identity: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
      })
    ).json()
  ).token;
  const enterprise = (
    await (
      await request.post('/api/collections/users/auth-with-password', { data: { identity: staff.email, password: staff.password } })
    ).json()
  ).record.enterprise;
  const bossEmail = `e2e.boss.${Date.now()}@example.com`;
  const created = await request.post('/api/collections/users/records', {
    headers: { authorization: admin },
    data: {
      email: bossEmail,
      password: 'boss-pass-2026',
      passwordConfirm: 'boss-pass-2026',
      name: '企业负责人',
      role: 'enterprise_manager',
      enterprise,
      verified: true,
    },
  });
  expect(created.status(), await created.text()).toBe(200);

  await loginAs(page, bossEmail, 'boss-pass-2026');
  const panel = page.getByTestId('staff-reset');
  await panel.getByLabel('员工').selectOption({ label: '一次性密码学员' });
  page.once('dialog', (d) => d.accept());
  await panel.getByRole('button', { name: '生成一次性密码' }).click();
  const code = (await page.locator('.reset-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await page.evaluate(() => localStorage.clear());

  await page.goto('/login/');
  await page.getByTestId('forgot-link').click();
  await expect(page.getByRole('heading', { name: '忘记密码' })).toBeVisible();
  await page.getByRole('link', { name: '用一次性密码设置新密码' }).click();
  await page.getByLabel('邮箱或手机号').fill(staff.email);
  await page.getByLabel('一次性密码（8 位）').fill(code.toLowerCase());
  await page.getByLabel('新密码（至少 8 位）').fill('fresh-pass-2027');
  await page.getByLabel('再输一次密码').fill('fresh-pass-2027');
  await page.getByRole('button', { name: '设置新密码' }).click();
  await page.waitForURL(/\/me\/$/);

  const section = page.getByTestId('my-data');
  const download = page.waitForEvent('download');
  await section.getByRole('button', { name: '下载我的数据（JSON）' }).click();
  const file = await download;
  // the download keeps the keyboard where it was
  await expect(section.getByRole('button', { name: '下载我的数据（JSON）' })).toBeFocused();
  const data = JSON.parse(await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8'));
  expect(data.account.email).toBe(staff.email);

  await section.getByText('注销账号并删除我的个人信息').click();
  await section.getByLabel('请输入登录密码确认').fill('wrong-password-1');
  await section.getByRole('button', { name: '确认注销' }).click();
  await expect(section.getByText('密码不对，请重新输入')).toBeVisible();
  await expect(section.getByLabel('请输入登录密码确认')).toBeFocused();
  await expect(section.getByLabel('请输入登录密码确认')).toHaveAttribute('aria-invalid', 'true');
  await section.getByLabel('请输入登录密码确认').fill('fresh-pass-2027');
  await section.getByRole('button', { name: '确认注销' }).click();
  await expect(page.getByTestId('erased')).toContainText('账号已注销');
  await expect(page.getByTestId('erased')).toBeFocused();
  const relogin = await request.post('/api/collections/users/auth-with-password', {
    data: { identity: staff.email, password: 'fresh-pass-2027' },
  });
  expect(relogin.status()).toBe(400);
});

import { expect, test } from '@playwright/test';
import { content, loginAs, registerViaApi } from './support.ts';

test('a trainer records an in-person session: attendees found get completions, the rest are listed with reasons and can be corrected', async ({
  page,
  request,
}, info) => {
  const learner = await registerViaApi(request);
  const late = await registerViaApi(request, { name: '补登学员' });
  await loginAs(page, 'trainer@example.com');
  await expect(page).toHaveURL(/\/trainer\/$/);
  const courseId = 'workplace-6s';
  await page.getByLabel('课程').selectOption(courseId);
  await page.getByLabel('培训名称').fill('织里镇 6S 现场管理小班');
  await page.getByLabel('培训日期').fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('参训学员').fill(`${learner.email}\nnobody@example.com`);
  await page.getByRole('button', { name: '登记', exact: true }).click();

  // the one found is recorded and listed; the other is listed with the reason
  const outcome = page.getByTestId('session-outcome');
  await expect(outcome).toBeFocused();
  await expect(outcome.getByRole('status')).toContainText('1 位学员获得完成记录');
  await expect(page.getByTestId('session-attendees').getByRole('row', { name: /测试学员/ })).toContainText('已获得完成记录和证书');
  await expect(page.getByTestId('session-rejected')).toContainText('nobody@example.com：没有可登记的企业学员');
  await expect(page.getByRole('cell', { name: /织里镇 6S 现场管理小班/ })).toBeVisible();
  await info.attach('trainer-outcome', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  // the correction joins the same session
  await page.getByLabel('改正后补登到这次培训').fill(late.email);
  await page.getByRole('button', { name: '补登' }).click();
  await expect(page.getByTestId('session-attendees').getByRole('row', { name: /补登学员/ })).toContainText('已获得完成记录和证书');
  await expect(page.getByTestId('session-rejected')).toHaveCount(0);
  await expect(page.getByRole('row', { name: /织里镇 6S 现场管理小班/ })).toContainText('2');

  const me = await (await request.get('/api/qa/me', { headers: { authorization: learner.token } })).json();
  expect(me.completed).toEqual([expect.objectContaining({ course: courseId })]);
  expect(content.courses[courseId]).toBeDefined();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

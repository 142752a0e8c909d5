import { expect, test } from '@playwright/test';
import { content, loginAs, registerViaApi } from './support.ts';

test('a trainer records an in-person session and the attendee receives a completion', async ({ page, request }) => {
  const learner = await registerViaApi(request);
  await loginAs(page, 'trainer@example.com');
  await expect(page).toHaveURL(/\/trainer\/$/);
  const courseId = 'workplace-6s';
  await page.getByLabel('课程').selectOption(courseId);
  await page.getByLabel('培训名称').fill('织里镇 6S 现场管理小班');
  await page.getByLabel('培训日期').fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('参训学员').fill(`${learner.email}\nnobody@example.com`);
  await page.getByRole('button', { name: '登记' }).click();
  // one unknown attendee does not sink the session: the learner is recorded, the unknown email is reported
  await expect(page.getByRole('status')).toContainText('1 位学员获得完成记录');
  await expect(page.getByTestId('rejected-attendees')).toContainText('nobody@example.com');
  await expect(page.getByRole('cell', { name: /织里镇 6S 现场管理小班/ })).toBeVisible();
  const me = await (await request.get('/api/qa/me', { headers: { authorization: learner.token } })).json();
  expect(me.completed).toEqual([expect.objectContaining({ course: courseId })]);
  expect(content.courses[courseId]).toBeDefined();
});

import { expect, test } from '@playwright/test';
import { loginAs, registerViaApi } from './support.ts';

test('a learner rates a lesson and asks; the trainer answers on the lesson page; the learner sees the answer on My learning', async ({
  page,
  request,
}) => {
  const learner = await registerViaApi(request, { name: '孙卫东' });
  await loginAs(page, learner.email, learner.password);
  await page.goto('/courses/production-control/nonconforming-outputs/');
  const discussion = page.getByRole('region', { name: '问老师' });
  await discussion.scrollIntoViewIfNeeded(); // the island wakes up when it comes into view
  await discussion.getByRole('radio', { name: '4 星' }).check();
  await discussion.getByLabel(/想对老师说的话/).fill('表格很实用');
  await discussion.getByRole('button', { name: '提交评价' }).click();
  await expect(discussion.getByText('你的评价已保存')).toBeVisible();

  const question = '让步接收要谁签字才算数？';
  await discussion.getByLabel(/你的问题/).fill(question);
  await discussion.getByRole('button', { name: '提交问题' }).click();
  await expect(discussion.getByText('已提交，老师回答后')).toBeVisible();
  await expect(discussion.getByRole('heading', { name: '我的提问' })).toBeVisible();
  await expect(discussion.getByText(question)).toBeVisible();

  await page.context().clearCookies();
  await page.evaluate(() => localStorage.clear());
  await loginAs(page, 'trainer@example.com');
  await page.goto('/courses/production-control/nonconforming-outputs/');
  const queue = page.getByRole('region', { name: '问老师' });
  await queue.scrollIntoViewIfNeeded();
  const item = queue.locator('form.qa-item').filter({ hasText: question });
  await item.getByLabel('你的回答').fill('由事先授权的人签字；合同要求客户批准的，还要客户书面同意。');
  await item.getByRole('button', { name: '发布回答' }).click();
  await expect(queue.locator('li.qa-item').filter({ hasText: question })).toContainText('由事先授权的人签字');

  await page.evaluate(() => localStorage.clear());
  await loginAs(page, learner.email, learner.password);
  await page.goto('/me/');
  const mine = page.getByRole('region', { name: '我的提问' });
  await expect(mine.locator('li').filter({ hasText: question })).toContainText('老师已回答');
  await expect(mine.locator('li').filter({ hasText: question })).toContainText('由事先授权的人签字');
});

test('the trainer sees where learners struggle: funnel, quiz scores and item analysis of their course', async ({ page }) => {
  await loginAs(page, 'trainer@example.com');
  await page.goto('/trainer/');
  await page.getByRole('link', { name: '课程分析和学员提问' }).click();
  await page.getByLabel('课程').selectOption('production-control');
  await expect(page).toHaveURL(/course=production-control/);
  await expect(page.getByText(/开始学习：\d+ 人/)).toBeVisible();
  const lessons = page.getByRole('table').first();
  await expect(lessons.getByRole('rowheader').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: '逐题分析' })).toBeVisible();
  const firstQuiz = page.locator('details').first();
  if (!(await firstQuiz.getAttribute('open'))) await firstQuiz.locator('summary').click();
  await expect(page.getByText(/难度 [\d.]+ · 区分度/).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

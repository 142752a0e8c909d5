import { expect, test, type Page } from '@playwright/test';
import { loginAs, registerViaApi } from './support.ts';

/** Answers every question on the current screen: question i gets level (i + shift) % 4. */
async function answerScreen(page: Page, shift = 0) {
  const questions = page.locator('.assessment-question');
  const n = await questions.count();
  for (let i = 0; i < n; i++)
    await questions
      .nth(i)
      .getByRole('radio')
      .nth((i + shift) % 4)
      .check();
  return n;
}

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

test('a learner takes the self-assessment on a phone, pauses, resumes after a reload and sees the result', async ({
  page,
  context,
  request,
}) => {
  const learner = await registerViaApi(request);
  await loginAs(page, learner.email, learner.password);

  await page.goto('/me/');
  await page.getByRole('link', { name: '去做自我诊断' }).click();
  await expect(page).toHaveURL(/\/assessment\/$/);
  await page.getByTestId('assessment-start').click();
  await expect(page.getByTestId('assessment-form')).toBeVisible();
  await expect(page.getByText('第 1/10 组')).toBeVisible();
  await noSideways(page);

  let answered = await answerScreen(page);
  await expect(page.getByTestId('assessment-save-state')).toHaveText('已自动保存');
  await page.getByRole('button', { name: '下一组' }).click();
  await expect(page.getByText('第 2/10 组')).toBeVisible();

  // the connection drops: answers are kept on the phone and sent when it returns
  await context.setOffline(true);
  answered += await answerScreen(page, 1);
  await expect(page.getByTestId('assessment-save-state')).toContainText('暂时没有网络');
  await context.setOffline(false);
  await expect(page.getByTestId('assessment-save-state')).toHaveText('已自动保存', { timeout: 15_000 });
  await expect(page.getByTestId('assessment-answered')).toHaveText(`已答 ${answered}/42 题`);

  // a reload opens the draft where it was left
  await page.reload();
  await expect(page.getByText('第 2/10 组')).toBeVisible();
  await expect(page.getByTestId('assessment-answered')).toHaveText(`已答 ${answered}/42 题`);

  // pause: leave and come back later
  await page.goto('/');
  await page.goto('/assessment/');
  await expect(page.getByTestId('assessment-start')).toHaveText(`继续上次的诊断（已答 ${answered}/42）`);
  await page.getByTestId('assessment-start').click();
  await expect(page.getByText('第 2/10 组')).toBeVisible(); // back where it was left
  await expect(page.getByTestId('assessment-answered')).toHaveText(`已答 ${answered}/42 题`);

  // the server has them too: another device would resume from here
  const list = await (await request.get('/api/qa/assessments', { headers: { authorization: learner.token } })).json();
  expect(list.items[0].progress.answered).toBe(answered);

  // submitting with questions left takes the person to the first unanswered one
  await page.getByRole('button', { name: '下一组' }).click();
  for (let screen = 3; screen < 10; screen++) {
    await answerScreen(page, screen);
    await page.getByRole('button', { name: '下一组' }).click();
  }
  await expect(page.getByText('第 10/10 组')).toBeVisible();
  const last = page.locator('.assessment-question');
  await last.first().getByRole('radio').first().check();
  await page.getByRole('button', { name: '提交，看结果' }).click();
  await expect(page.getByTestId('assessment-message')).toContainText('道题没有回答');
  await expect(page.locator('.assessment-question.has-error').first()).toBeVisible();
  await answerScreen(page, 2);
  await page.getByRole('button', { name: '提交，看结果' }).click();

  const result = page.getByTestId('assessment-result');
  await expect(result).toBeVisible();
  await expect(page.getByTestId('assessment-overall')).toContainText('/ 100');
  await expect(page.getByTestId('assessment-table').locator('tbody tr')).toHaveCount(10);
  const weakest = page.getByTestId('assessment-weakest').locator(':scope > li');
  await expect(weakest).toHaveCount(3);
  await expect(weakest.first()).toContainText('这周就做：');
  await noSideways(page);

  // a suggested lesson opens
  const link = weakest.first().locator('.suggestions a').first();
  const title = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
});

test("a manager sees the enterprise's before and after", async ({ page }) => {
  // demo data: the demo enterprise's baseline (150 days ago) and re-assessment (20 days ago)
  await loginAs(page, 'manager@example.com');
  await page.goto('/manager/');
  await page.getByTestId('assessment-link').getByRole('link').click();
  const rows = page.getByTestId('assessment-home').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole('link', { name: '查看结果' }).click();
  await expect(page.getByTestId('assessment-result')).toBeVisible();
  const compare = page.getByTestId('assessment-compare');
  await expect(compare).toContainText('前后对比');
  await expect(compare).toContainText(/总体得分从 \d+ 到 \d+（\+\d+）/);
  await expect(compare.locator('tbody tr')).toHaveCount(11);
  await noSideways(page);
});

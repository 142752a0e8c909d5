import { expect, test } from '@playwright/test';
import { loginAs, registerViaApi } from './support.ts';

const lessonPath = '/courses/owner-essentials/why-quality-pays/';

test('a practice quiz explains each answered question and links to the section to re-read', async ({ page, request }) => {
  const learner = await registerViaApi(request);
  await loginAs(page, learner.email, learner.password);
  page.on('dialog', (dialog) => void dialog.accept()); // "some questions are unanswered: hand in anyway?"

  await page.goto(lessonPath);
  await page.getByRole('heading', { name: '随堂测验' }).scrollIntoViewIfNeeded(); // the quiz loads in view
  await page.getByRole('button', { name: '开始答题' }).click();
  const questions = page.locator('.quiz-question');
  await expect(questions.first()).toBeVisible();
  // answer only the first question (its first option), leave the others empty
  await questions.first().locator('input').first().check();
  await page.getByRole('button', { name: '交卷' }).click();
  await expect(page.getByTestId('quiz-result')).toBeVisible();

  const feedback = page.locator('.quiz-feedback');
  await expect(feedback).toHaveCount(await questions.count());
  // an unanswered question shows no key, only the explanation
  await expect(feedback.nth(1)).toContainText('这题没有作答，所以不显示答案');
  // every wrong one links back to a heading of this lesson
  const link = feedback.nth(1).getByRole('link', { name: /回看课文/ });
  const href = await link.getAttribute('href');
  expect(href).toMatch(new RegExp(`^${lessonPath}#.+`));
  await link.click();
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
});

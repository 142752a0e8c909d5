import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { answersFor, content, loginAs, readAllLessons, registerViaApi } from './support.ts';

const courseId = 'process-pdca-risk';
const finalQuiz = `${courseId}/final`;

/** A new learner who has read every lesson, signed in, with the final exam started on the page. */
async function startExam(page: Page, request: APIRequestContext) {
  const learner = await registerViaApi(request);
  await readAllLessons(request, learner.token, courseId);
  await loginAs(page, learner.email, learner.password);
  await page.goto(`/courses/${courseId}/exam/`);
  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(page.locator('.quiz-question').first()).toBeVisible();
  return learner;
}

test('answers survive a dropped connection: one attempt is recorded and the certificate verifies', async ({ page, context, request }) => {
  const learner = await startExam(page, request);

  // Answer through the page, with the keys only the test can read.
  const questions = await page.locator('.quiz-question').evaluateAll((sets) =>
    sets.map((set) => ({
      ref: set.querySelector('input')!.getAttribute('name')!,
      options: [...set.querySelectorAll('label.quiz-option')].map((l) => l.textContent!.replace(/^[A-Z]\.\s*/, '').trim()),
    })),
  );
  const answers = answersFor({ questions }, true);

  await context.setOffline(true);
  await expect(page.getByTestId('net-status')).toContainText('网络已断开');
  for (const [i, q] of questions.entries()) {
    const set = page.locator('.quiz-question').nth(i);
    const answer = answers[q.ref];
    if (typeof answer === 'boolean') await set.getByRole('radio', { name: answer ? '对' : '错', exact: true }).check();
    else
      for (const index of Array.isArray(answer) ? answer : [answer])
        await set
          .locator('input')
          .nth(index as number)
          .check();
  }
  await page.getByRole('button', { name: '交卷' }).click();
  await expect(page.getByText('答卷已保存在本机')).toBeVisible();
  await expect(page.getByRole('button', { name: /交卷/ })).toBeDisabled(); // no second submission while queued

  await context.setOffline(false);
  await expect(page.getByTestId('quiz-result')).toContainText('通过了', { timeout: 15_000 });
  await expect(page.getByTestId('net-status')).toContainText('全部已保存');

  const me = await (await request.get('/api/qa/me', { headers: { authorization: learner.token } })).json();
  const finals = me.attempts.filter((a: { quiz: string }) => a.quiz === finalQuiz);
  expect(finals).toHaveLength(1);
  expect(finals[0]).toMatchObject({ status: 'submitted', passed: true });
  const code = me.completed.find((c: { course: string }) => c.course === courseId).certificateCode;
  await page.goto(`/verify/?code=${code}`);
  await expect(page.getByTestId('verify-result')).toContainText('证书有效');
  await expect(page.getByTestId('verify-result')).toContainText(content.courses[courseId].title);
});

test('a submit queued on a page that is then reloaded shows its result with the questions', async ({ page, request }) => {
  // The submit's answer carries no questions (the page has them); a page reloaded before the queued submit is
  // delivered has to fetch them with the attempt.
  await startExam(page, request);
  const count = await page.locator('.quiz-question').count();
  // the server cannot be reached for the submit: the answers wait in the outbox
  await page.route('**/api/qa/attempts/*/submit', (route) => route.abort('connectionrefused'));
  page.once('dialog', (dialog) => void dialog.accept()); // "some questions are unanswered: hand in anyway?"
  await page.getByRole('button', { name: '交卷' }).click();
  await expect(page.getByText('答卷已保存在本机')).toBeVisible();
  await page.unroute('**/api/qa/attempts/*/submit');
  await page.reload();
  await expect(page.getByTestId('quiz-result')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.quiz-question')).toHaveCount(count);
});

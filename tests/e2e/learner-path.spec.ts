import { expect, test, type Page } from '@playwright/test';
import { questionByRef } from '../../src/lib/quiz/bank.ts';
import { DEMO_ADMIN } from '../../src/lib/demo-accounts.ts';
import { content, loginAs, logout, randomUscc } from './support.ts';

const courseId = 'owner-essentials';
const course = content.courses[courseId];

/** Answers every question on screen, rightly or wrongly, using the keys that only the test can read. */
async function answerQuiz(page: Page, right: boolean) {
  const questions = page.locator('.quiz-question');
  await expect(questions.first()).toBeVisible(); // the attempt arrives from the server after the click
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const fieldset = questions.nth(i);
    const ref = await fieldset.locator('input').first().getAttribute('name');
    const key = questionByRef(content, ref!)!;
    if (key.type === 'truefalse') {
      const label = (right ? key.answer : !key.answer) ? '对' : '错';
      await fieldset.getByRole('radio', { name: label, exact: true }).check();
    } else {
      const rightTexts = (key.type === 'single' ? [key.answer] : key.answer).map((a) => key.options[a]);
      const options = fieldset.locator('label.quiz-option');
      for (let o = 0; o < (await options.count()); o++) {
        const text = (await options.nth(o).innerText()).replace(/^[A-Z]\.\s*/, '').trim();
        const isRight = rightTexts.includes(text);
        if (key.type === 'single' ? isRight === right : isRight === right) {
          await options.nth(o).locator('input').check();
          if (key.type === 'single') break;
        }
      }
    }
  }
}

async function regulatorTotals(page: Page) {
  await page.goto('/regulator/');
  // The cards are laid out with a dash before the figures arrive: read them once they hold digits.
  for (const id of ['stat-enterprises', 'stat-attendees']) await expect(page.getByTestId(id)).toHaveText(/^[\d,]+$/);
  const enterprises = Number((await page.getByTestId('stat-enterprises').innerText()).replace(/,/g, ''));
  const attendees = Number((await page.getByTestId('stat-attendees').innerText()).replace(/,/g, ''));
  return { enterprises, attendees };
}

test('a visitor browses, registers, learns, fails, passes, and the regulator sees the count', async ({ page, request, baseURL }) => {
  test.setTimeout(150_000); // the whole journey, four logins and logouts: about a minute on a busy 2-core machine
  // A wrong answer to a question whose every option is right leaves it blank: confirm handing in anyway.
  page.on('dialog', (dialog) => void dialog.accept());
  // 0. The regulators' figures before: Zhejiang's, and a new Guangdong regulator's.
  const admin = await request.post('/api/collections/_superusers/auth-with-password', {
    data: { identity: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
  });
  const adminToken = (await admin.json()).token;
  const gdEmail = `gd.${Date.now()}@example.com`;
  await request.post('/api/collections/users/records', {
    headers: { authorization: adminToken },
    data: {
      email: gdEmail,
      password: 'secret-pass-1',
      passwordConfirm: 'secret-pass-1',
      name: '广东省市场监管局',
      role: 'regulator',
      jurisdiction: '44',
    },
  });
  await loginAs(page, gdEmail, 'secret-pass-1');
  const gdBefore = await regulatorTotals(page);
  await logout(page);
  await loginAs(page, 'regulator.zj@example.com');
  const before = await regulatorTotals(page);
  await logout(page);

  // 1. Browse without logging in.
  await page.goto('/');
  await page.getByRole('link', { name: '开始学习' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '全部课程' })).toBeVisible();
  await page.getByRole('link', { name: course.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: course.title })).toBeVisible();
  const firstLesson = content.lessons[`${courseId}/${course.lessons[0]}`];
  await page.getByRole('link', { name: firstLesson.title }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: firstLesson.title })).toBeVisible();

  // 2. Register, with a wrong credit code first.
  await page.goto('/register/');
  const email = `e2e.${Date.now()}@example.com`;
  await page.getByLabel('姓名').fill('测试学员');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码', { exact: true }).fill('secret-pass-1');
  await page.getByLabel('再输一次密码').fill('secret-pass-1');
  const uscc = randomUscc('330502');
  const wrong = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
  await page.getByLabel('统一社会信用代码').fill(wrong);
  await page.getByLabel('企业名称', { exact: true }).click();
  await expect(page.getByText('校验位不对')).toBeVisible();
  await page.getByLabel('统一社会信用代码').fill(uscc);
  await page.getByLabel('企业名称', { exact: true }).click();
  await expect(page.getByText('这家企业还没有登记')).toBeVisible();
  await page.getByLabel('企业名称', { exact: true }).fill('湖州测试服饰有限公司');
  await page.getByLabel('省份').selectOption('33');
  await page.getByLabel('城市').selectOption('3305');
  await page.getByLabel('区县').selectOption('330502');
  await page.getByLabel('行业', { exact: true }).selectOption('04');
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole('button', { name: '注册' }).click();
  await page.waitForURL('**/me/');

  // 3. Complete the lessons.
  for (const slug of course.lessons) {
    await page.goto(`/courses/${courseId}/${slug}/`);
    await page.getByRole('button', { name: '我学完了这一课' }).click();
    await expect(page.getByTestId('lesson-done')).toBeVisible();
  }

  // 4. Fail the final quiz once (it names lessons to re-read, never answers), then pass.
  await page.goto(`/courses/${courseId}/exam/`);
  await page.getByRole('button', { name: '开始答题' }).click();
  await answerQuiz(page, false);
  await page.getByRole('button', { name: '交卷' }).click();
  await expect(page.getByTestId('quiz-result')).toContainText('这次没通过');
  await expect(page.getByTestId('quiz-result')).toContainText('不公布每道题的对错和答案');
  await expect(page.getByTestId('quiz-result')).toContainText('建议复习这些课时');
  await expect(page.locator('.quiz-feedback')).toHaveCount(0);
  await page.getByRole('button', { name: '再考一次' }).click();
  await answerQuiz(page, true);
  await page.getByRole('button', { name: '交卷' }).click();
  await expect(page.getByTestId('quiz-result')).toContainText('通过了');
  await expect(page.getByTestId('quiz-result')).toContainText('恭喜');
  await page.goto(`/courses/${courseId}/`);
  await expect(page.getByTestId('course-progress')).toContainText('已完成本课程');
  await logout(page);

  // 5. The Zhejiang regulator sees one more enterprise and attendee.
  await loginAs(page, 'regulator.zj@example.com');
  const after = await regulatorTotals(page);
  expect(after).toEqual({ enterprises: before.enterprises + 1, attendees: before.attendees + 1 });

  // 6. The Guangdong regulator does not see that record at all.
  await logout(page);
  await loginAs(page, gdEmail, 'secret-pass-1');
  await page.goto('/regulator/');
  await expect(page.getByText('管辖范围：广东省')).toBeVisible();
  expect(await regulatorTotals(page)).toEqual(gdBefore);
  expect(baseURL).toContain('127.0.0.1');
});

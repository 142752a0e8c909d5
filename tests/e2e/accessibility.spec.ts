import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { axeViolations, expectNoViolations } from './a11y-support.ts';
import { completeCourseViaApi, loginAs, registerViaApi } from './support.ts';

/*
 * axe-core (WCAG 2.1 A and AA rules) on every page type, as each role sees it, once the islands have
 * hydrated and loaded their data. Each failure lists rule, impact and the offending elements' selectors.
 */

const lesson = '/courses/owner-essentials/seven-principles/';
const videoLesson = '/courses/owner-essentials/why-quality-pays/';

const publicPages = [
  '/',
  '/courses/',
  '/courses/owner-essentials/',
  lesson,
  videoLesson,
  '/courses/owner-essentials/exam/',
  '/cases/',
  '/cases/huzhou-childrenswear-cluster/',
  '/glossary/',
  `/search/?q=${encodeURIComponent('内审')}`,
  '/policies/',
  '/privacy/',
  '/stats/',
  '/verify/',
  '/no/such/page',
  '/login/',
  '/register/',
];

test.describe('a visitor', () => {
  for (const path of publicPages) {
    test(`${path} has no WCAG 2.1 A/AA violations`, async ({ page }) => {
      await expectNoViolations(page, [path]);
    });
  }
});

/** demo accounts by role, and the pages each one uses */
const rolePages: Array<{ email: string; pages: string[] }> = [
  { email: 'manager@example.com', pages: ['/manager/', '/manager/cases/', '/assistance/', '/assessment/', '/me/'] },
  { email: 'trainer@example.com', pages: ['/trainer/', '/trainer/analytics/', lesson] },
  { email: 'expert@example.com', pages: ['/expert/'] },
  {
    email: 'regulator.zj@example.com',
    pages: ['/regulator/', '/regulator/assessment/', '/regulator/assistance/', '/regulator/cases/', '/regulator/policies/', '/stats/'],
  },
  { email: 'regulator@example.com', pages: ['/regulator/'] },
];

for (const { email, pages } of rolePages) {
  test.describe(`signed in as ${email}`, () => {
    for (const path of pages) {
      test(`${path} has no WCAG 2.1 A/AA violations`, async ({ page }) => {
        await loginAs(page, email);
        await expectNoViolations(page, [path]);
      });
    }
  });
}

async function learnerWithCertificate(request: APIRequestContext, page: Page) {
  const learner = await registerViaApi(request, { name: '无障碍测试学员' });
  const submit = await completeCourseViaApi(request, learner.token, 'owner-essentials');
  await loginAs(page, learner.email, learner.password);
  return submit.completion.certificateCode as string;
}

test.describe('a learner', () => {
  test('my learning, the certificate and its public verification have no violations', async ({ page, request }) => {
    test.setTimeout(120_000);
    const code = await learnerWithCertificate(request, page);
    await expectNoViolations(page, ['/me/', `/certificate/?code=${encodeURIComponent(code)}`, `/verify/?code=${encodeURIComponent(code)}`]);
  });

  test('self-assessment and assistance pages have no violations', async ({ page, request }) => {
    const learner = await registerViaApi(request);
    await loginAs(page, learner.email, learner.password);
    await expectNoViolations(page, ['/assessment/', '/assistance/', lesson]);
  });

  test('a lesson quiz, while answering and after handing in, has no violations', async ({ page, request }) => {
    test.setTimeout(120_000);
    page.on('dialog', (dialog) => void dialog.accept()); // "some questions are unanswered: hand in anyway?"
    const learner = await registerViaApi(request);
    await loginAs(page, learner.email, learner.password);
    await expectNoViolations(page, [videoLesson], async () => {
      await page.getByRole('heading', { name: '随堂测验' }).scrollIntoViewIfNeeded();
      await page.getByRole('button', { name: '开始答题' }).click();
      await expect(page.locator('.quiz-question').first()).toBeVisible();
    });
    await page.locator('.quiz-question').first().locator('input').first().check();
    await page.getByRole('button', { name: '交卷' }).click();
    await expect(page.getByTestId('quiz-result')).toBeVisible();
    const found = await axeViolations(page, `${videoLesson} (quiz handed in)`);
    expect(found, found.join('\n\n')).toEqual([]);
  });

  test('the final exam, while answering, has no violations', async ({ page, request }) => {
    test.setTimeout(120_000);
    const learner = await registerViaApi(request);
    const { readAllLessons } = await import('./support.ts');
    await readAllLessons(request, learner.token, 'owner-essentials');
    await loginAs(page, learner.email, learner.password);
    await expectNoViolations(page, ['/courses/owner-essentials/exam/'], async () => {
      await page.getByRole('button', { name: /开始/ }).first().click();
      await expect(page.locator('.quiz-question').first()).toBeVisible();
    });
  });
});

/**
 * Precision assistance on a 360-px phone, end to end: a manager applies; the expert accepts, diagnoses,
 * plans and logs a visit; the manager confirms it and assigns the plan's lesson; a staff member completes it
 * and the plan shows it; the survey is answered; the regulator's helped-enterprise count goes up by one.
 */
import { expect, test, type Page } from '@playwright/test';
import { content, loginAs, randomUscc } from './support.ts';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../src/lib/demo-accounts.ts';

const courseId = Object.keys(content.courses)[0];
const lessonSlug = content.courses[courseId].lessons[0];
const lessonTitle = content.lessons[`${courseId}/${lessonSlug}`].title;
const year = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());

/** Nothing on the page is wider than the 360-px phone (wide tables scroll inside their own box). */
async function fitsThePhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

async function logout(page: Page) {
  await page.evaluate(() => localStorage.clear());
}

test.use({ actionTimeout: 10_000 });

test('the assistance loop, from application to the regulator’s count', async ({ page, request }) => {
  test.setTimeout(180_000);
  // An enterprise in Hangzhou with a manager and one staff member.
  const enterpriseName = `帮扶测试企业${Date.now().toString().slice(-6)}`;
  const uscc = randomUscc('330106');
  const stamp = Date.now();
  const managerEmail = `e2e.mgr.${stamp}@example.com`;
  const staffEmail = `e2e.staff.${stamp}@example.com`;
  for (const [email, name] of [
    [managerEmail, '测试老板'],
    [staffEmail, '测试员工'],
  ]) {
    const reply = await request.post('/api/qa/register', {
      data: { name, email, password: 'secret-pass-1', uscc, enterpriseName, countyCode: '330106', sector: '04', consent: true },
    });
    expect(reply.status(), await reply.text()).toBe(200);
  }
  const admin = (
    await (
      await request.post('/api/collections/_superusers/auth-with-password', {
        data: { identity: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
      })
    ).json()
  ).token;
  const managerRecord = (
    await (
      await request.get(`/api/collections/users/records?filter=${encodeURIComponent(`email="${managerEmail}"`)}`, {
        headers: { authorization: admin },
      })
    ).json()
  ).items[0];
  await request.patch(`/api/collections/users/records/${managerRecord.id}`, {
    headers: { authorization: admin },
    data: { role: 'enterprise_manager' },
  });

  const regulator = (
    await (
      await request.post('/api/collections/users/auth-with-password', {
        data: { identity: 'regulator.zj@example.com', password: DEMO_PASSWORD },
      })
    ).json()
  ).token;
  const helpedBefore = (
    await (await request.get(`/api/qa/assistance/stats?period=${year}`, { headers: { authorization: regulator } })).json()
  ).totals.helped;

  // 1. The manager applies, choosing a participating body.
  await loginAs(page, managerEmail, 'secret-pass-1');
  await page.getByTestId('to-assistance').click();
  await expect(page).toHaveURL(/\/assistance\/$/);
  await page.getByLabel('选择认证机构').selectOption({ label: '示范质量认证中心（演示）（CNCA-R-2003-901）' });
  await page.getByLabel('想解决的问题（选填）').fill('布料进货没有检验，色差投诉多');
  await page.getByRole('button', { name: '申请帮扶' }).click();
  await expect(page.getByTestId('assistance-state')).toHaveText('已申请，待机构接受');
  await logout(page);

  // 2. The expert accepts, records a finding, the certifier, a measure with its lesson, and a visit.
  await loginAs(page, 'expert@example.com');
  await expect(page).toHaveURL(/\/expert\/$/);
  await page.getByRole('link', { name: enterpriseName }).click();
  await page.getByRole('button', { name: '接受申请，由我负责' }).click();
  await expect(page.getByTestId('assistance-state')).toHaveText('帮扶中');
  // Impartiality: the helping body cannot be recorded as the certifier.
  const certifier = page.getByTestId('certifier-form');
  await certifier.locator('select[name=certifier]').selectOption({ label: '示范质量认证中心（演示）' });
  await certifier.getByRole('button', { name: '保存' }).click();
  await expect(certifier.getByRole('alert')).toContainText('公正性');
  await certifier.locator('select[name=certifier]').selectOption({ label: '华东示范认证有限公司（演示）' });
  await certifier.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('certifier-summary')).toContainText('华东示范认证有限公司（演示）');

  const findings = page.getByTestId('findings-form');
  await findings.getByLabel('方面（如：进货检验）').fill('进货检验');
  await findings.getByLabel('发现', { exact: true }).fill('布料进厂没有检验记录，色差靠老板目测');
  await findings.getByRole('button', { name: '保存诊断发现' }).click();
  await expect(findings.getByRole('status')).toHaveText('已保存');

  await page.getByText('新增或修改措施').click();
  const measure = page.getByTestId('measure-form');
  await measure.getByLabel('措施', { exact: true }).fill('建立布料进货检验记录');
  await measure.getByLabel('负责人', { exact: true }).fill('仓库主管');
  await measure.getByLabel('完成日期', { exact: true }).fill('2099-12-31');
  await measure.getByText(/选择相关课时/).click();
  await measure.locator(`input[data-lesson="${courseId}/${lessonSlug}"]`).check();
  await measure.getByRole('button', { name: '保存措施' }).click();
  await expect(page.getByTestId('plan-measure')).toContainText('建立布料进货检验记录');
  await expect(page.getByTestId('plan-measure')).toContainText(lessonTitle);

  await page.getByText('记录一次回访').click();
  const visit = page.getByTestId('visit-form');
  await visit.getByLabel('这次检查了什么').fill('抽查本周三批布料的进货检验记录');
  await visit.getByLabel('下一步', { exact: true }).fill('两周后远程回访');
  await visit.getByRole('button', { name: '保存回访记录' }).click();
  await expect(page.getByTestId('visit')).toContainText('待企业确认');
  await fitsThePhone(page);
  await logout(page);

  // 3. The manager confirms the visit and assigns the plan's lesson to staff.
  await loginAs(page, managerEmail, 'secret-pass-1');
  await page.goto('/assistance/');
  await expect(page.getByTestId('findings')).toContainText('色差靠老板目测');
  await page.getByTestId('confirm-visit').click();
  await expect(page.getByTestId('visit')).toContainText('企业已确认');
  const assign = page.getByTestId('assign-form');
  await assign.getByLabel('测试员工').check();
  await assign.locator('select[name=course]').selectOption(courseId);
  await assign.locator('select[name=lesson]').selectOption(lessonSlug);
  await assign.locator('select[name=measure]').selectOption({ label: '建立布料进货检验记录' });
  await assign.getByRole('button', { name: '安排学习' }).click();
  await expect(page.getByTestId('measure-progress')).toHaveText('员工学习：0/1 已完成');
  await fitsThePhone(page);
  await logout(page);

  // 4. The staff member sees the assignment, completes the lesson, and the plan shows it.
  await loginAs(page, staffEmail, 'secret-pass-1');
  await page.goto('/me/');
  await expect(page.getByTestId('my-assignment')).toContainText(lessonTitle);
  await page.getByTestId('my-assignment').getByRole('link').click();
  await page.getByRole('button', { name: '我学完了这一课' }).click();
  await expect(page.getByTestId('lesson-done')).toBeVisible();
  await page.goto('/me/');
  await expect(page.getByTestId('my-assignment')).toContainText('已完成');
  await logout(page);

  await loginAs(page, managerEmail, 'secret-pass-1');
  await page.goto('/assistance/');
  await expect(page.getByTestId('measure-progress')).toHaveText('员工学习：1/1 已完成');

  // 5. The survey is answered.
  await page.goto('/manager/');
  const survey = page.getByTestId('survey-form');
  await survey.locator('input[name=satisfaction][value="5"]').check();
  await survey.locator('input[name=effect][value="3"]').check();
  await survey.locator('input[name=followUp][value="4"]').check();
  await survey.locator('input[name=govSupport][value="adequate"]').check();
  await survey.getByRole('button', { name: '提交调查' }).click();
  await expect(survey.getByTestId('survey-message')).toContainText('谢谢');
  await logout(page);

  // 6. The regulator's count went up by one, and the list names the enterprise with its status.
  await loginAs(page, 'regulator.zj@example.com');
  await page.getByTestId('to-assistance').click();
  await expect(page.getByTestId('assist-helped')).toHaveText(String(helpedBefore + 1));
  await expect(page.getByTestId('table-helped-enterprises')).toContainText(enterpriseName);
  await expect(page.getByTestId('table-helped-enterprises').getByRole('row', { name: new RegExp(enterpriseName) })).toContainText('帮扶中');
  await expect(page.getByTestId('table-helped-enterprises')).not.toContainText('色差');
  await fitsThePhone(page);
});

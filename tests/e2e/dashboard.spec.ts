import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { answersFor, content, logout, randomUscc, scrollThroughDashboard } from './support.ts';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../src/lib/demo-accounts.ts';
import { yearOf } from '../../src/lib/stats/keys.ts';

/*
 * The statistics UI end to end: the data is made through the API in the test (learners register, read
 * every lesson and pass the final quiz), not taken from the demo seed.
 */
const year = yearOf(Date.now()); // the reporting year, in Beijing time like the dashboard's default
const PASSWORD = 'secret-pass-1';
let counter = 0;

async function call(api: APIRequestContext, path: string, body?: unknown, token?: string) {
  const headers = token ? { authorization: token } : undefined;
  const res = body === undefined ? await api.get(path, { headers }) : await api.post(path, { data: body, headers });
  const text = await res.text();
  return { status: res.status(), body: text ? JSON.parse(text) : null };
}

async function tokenFor(api: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<string> {
  const reply = await call(api, '/api/collections/users/auth-with-password', { identity: email, password });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.token;
}

/** Registers a learner with a new enterprise in the county; returns the login token and the enterprise id. */
async function registerLearner(api: APIRequestContext, county: string, sector = '04') {
  const email = `dash.${Date.now()}.${counter++}@example.com`;
  const reply = await call(api, '/api/qa/register', {
    name: '看板测试学员',
    email,
    password: PASSWORD,
    uscc: randomUscc(county),
    enterpriseName: '看板测试企业有限公司',
    countyCode: county,
    sector,
    consent: true,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const auth = await call(api, '/api/collections/users/auth-with-password', { identity: email, password: PASSWORD });
  expect(auth.status, JSON.stringify(auth.body)).toBe(200);
  return { email, token: auth.body.token as string, enterpriseId: auth.body.record.enterprise as string };
}

async function completeCourse(api: APIRequestContext, token: string, courseId: string) {
  for (const slug of content.courses[courseId].lessons) {
    const read = await call(api, '/api/qa/lessons/read', { lesson: `${courseId}/${slug}` }, token);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
  }
  const attempt = await call(api, '/api/qa/attempts', { quiz: `${courseId}/final` }, token);
  expect(attempt.status, JSON.stringify(attempt.body)).toBe(200);
  const submit = await call(api, `/api/qa/attempts/${attempt.body.id}/submit`, { answers: answersFor(attempt.body, true) }, token);
  expect(submit.status, JSON.stringify(submit.body)).toBe(200);
}

async function loginAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login/');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const number = (text: string) => Number(text.replace(/[,\s]/g, ''));

async function noSidewaysScroll(page: Page) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, `page is ${scroll}px wide in a ${client}px viewport`).toBeLessThanOrEqual(client);
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  // Two completions in Huzhou (Zhejiang), one in Nanjing (Jiangsu). Not Guangdong: the learner-path test
  // expects a Guangdong regulator to see nothing.
  const huzhou = await registerLearner(api, '330502', '04');
  await completeCourse(api, huzhou.token, 'owner-essentials');
  await completeCourse(api, huzhou.token, 'workplace-6s');
  const nanjing = await registerLearner(api, '320102', '14');
  await completeCourse(api, nanjing.token, 'owner-essentials');
  await api.dispose();
});

test('the national regulator sees the provinces and drills down to Zhejiang, then Huzhou', async ({ page }) => {
  await loginAs(page, 'regulator@example.com');
  await page.goto('/regulator/');
  await expect(page.getByTestId('scope')).toHaveText('管辖范围：全国');
  await expect(page.getByTestId('view-title')).toHaveText(`全国 · ${year} 年`);
  await scrollThroughDashboard(page); // the sections below the figures are built as they near the screen
  const breakdown = page.getByTestId('table-breakdown');
  await expect(breakdown.getByRole('link', { name: '新疆生产建设兵团', exact: true })).toBeVisible();
  const zhejiang = breakdown.locator('tbody tr').filter({ has: page.getByRole('link', { name: '浙江省', exact: true }) });
  const zjTimes = number(await zhejiang.locator('td').nth(1).innerText());
  expect(zjTimes).toBeGreaterThanOrEqual(2);
  // The breakdown chart is drawn (once scrolled to: ECharts loads then), labelled, and has the table next to it.
  await expect(page.getByTestId('panel-breakdown').getByRole('img')).toHaveAttribute('aria-label', /条形图/);
  await page.getByTestId('panel-breakdown').getByRole('img').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('panel-breakdown').locator('canvas')).toHaveCount(1);
  // The province comparison, for national regulators only.
  const provinces = page.getByTestId('table-provinces');
  await expect(provinces).toContainText('江苏省');
  expect(number(await provinces.locator('tbody tr').filter({ hasText: '江苏省' }).locator('td').nth(1).innerText())).toBeGreaterThanOrEqual(
    1,
  );

  await zhejiang.getByRole('link', { name: '浙江省', exact: true }).click();
  await expect(page).toHaveURL(/[?&]region=33(&|$)/);
  await expect(page.getByTestId('view-title')).toHaveText(`浙江省 · ${year} 年`);
  await expect(page.getByTestId('view-title')).toBeFocused();
  await expect(page.getByTestId('region-crumbs')).toHaveText(/全国.*浙江省/);
  await expect(page.getByTestId('stat-attendee-times')).toHaveText(String(zjTimes));
  await expect(page.getByTestId('panel-provinces')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '按地市' })).toBeVisible();

  await page.getByTestId('table-breakdown').getByRole('link', { name: '湖州市', exact: true }).click();
  await expect(page).toHaveURL(/[?&]region=3305(&|$)/);
  await expect(page.getByTestId('view-title')).toHaveText(`湖州市 · ${year} 年`);
  await expect(page.getByRole('heading', { name: '按区县' })).toBeVisible();
  const counties = page.getByTestId('table-breakdown');
  await expect(counties).toContainText('吴兴区');
  expect(number(await counties.locator('tbody tr').filter({ hasText: '吴兴区' }).locator('td').nth(1).innerText())).toBeGreaterThanOrEqual(
    2,
  );
  await expect(counties.getByRole('link')).toHaveCount(0); // counties are the smallest unit
  await expect(page.getByTestId('region-crumbs')).toHaveText(/全国.*浙江省.*湖州市/);

  // Back up: the breadcrumb, then the browser's back button.
  await page.getByTestId('region-crumbs').getByRole('link', { name: '浙江省' }).click();
  await expect(page.getByTestId('view-title')).toHaveText(`浙江省 · ${year} 年`);
  await page.goBack();
  await expect(page.getByTestId('view-title')).toHaveText(`湖州市 · ${year} 年`);
  await page.getByTestId('region-crumbs').getByRole('link', { name: '全国' }).click();
  await expect(page.getByTestId('view-title')).toHaveText(`全国 · ${year} 年`);

  // Other periods: a quarter, then everything.
  await page.getByLabel('按', { exact: true }).selectOption('quarter');
  await expect(page).toHaveURL(/period=\d{4}-Q[1-4]/);
  await expect(page.getByTestId('view-title')).toContainText('季度');
  await page.getByLabel('按', { exact: true }).selectOption('all');
  await expect(page.getByTestId('view-title')).toHaveText('全国 · 全部期间');
  expect(number(await page.getByTestId('stat-attendee-times').innerText())).toBeGreaterThanOrEqual(3);
});

test('the Zhejiang regulator cannot open Guangdong: a clear 403 message', async ({ page, request }) => {
  await loginAs(page, 'regulator.zj@example.com');
  await page.goto('/regulator/?region=44');
  await expect(page.getByTestId('dashboard-error')).toContainText('您的管辖范围是浙江省，无权查看广东省的数据');
  await expect(page.getByTestId('stat-enterprises')).toHaveCount(0);
  await page.getByRole('link', { name: '返回我的管辖范围' }).click();
  await expect(page.getByTestId('view-title')).toHaveText(`浙江省 · ${year} 年`);
  await expect(page.getByTestId('dashboard-error')).toHaveCount(0);

  const token = await tokenFor(request, 'regulator.zj@example.com');
  for (const path of [
    `/api/qa/stats/dashboard?region=44&period=${year}`,
    '/api/qa/stats/survey?region=44',
    '/api/qa/stats/export?region=44',
  ]) {
    const reply = await call(request, path, undefined, token);
    expect(reply.status, path).toBe(403);
    expect(reply.body.message).toContain('无权查看广东省的数据');
  }
  expect((await call(request, '/api/qa/stats/provinces', undefined, token)).status).toBe(403);

  // Parameters that cannot be right are reported in Chinese.
  await page.goto('/regulator/?period=2026-13&sector=99');
  await expect(page.getByText('统计期间“2026-13”格式不对')).toBeVisible();
  await expect(page.getByText('行业代码“99”不在 IAF/EA 行业目录中')).toBeVisible();
  await expect(page.getByTestId('view-title')).toHaveText(`浙江省 · ${year} 年`);
  await page.goto('/regulator/?region=9');
  await expect(page.getByTestId('dashboard-error')).toContainText('不是有效的 GB/T 2260 代码');
});

test('exports: on-screen tables as CSV with BOM and as XLSX, and the full export', async ({ page }) => {
  await loginAs(page, 'regulator.zj@example.com');
  await page.goto('/regulator/');
  await scrollThroughDashboard(page);
  const breakdown = page.getByTestId('table-breakdown');
  await expect(breakdown).toContainText('湖州市');
  // Sort the breakdown by attendee-times, largest first: the export follows the screen.
  await breakdown.getByRole('button', { name: /培训人次/ }).click();
  await expect(breakdown.locator('th').filter({ hasText: '培训人次' })).toHaveAttribute('aria-sort', 'descending');
  await expect(breakdown.locator('tbody tr').first()).toContainText('湖州市');
  const screenRows: string[] = [];
  for (const row of await breakdown.locator('tbody tr').all())
    screenRows.push((await row.locator('th, td').allInnerTexts()).map((c) => c.replace(/,/g, '').trim()).join(','));
  const totals = [
    await page.getByTestId('stat-attendee-times').innerText(),
    await page.getByTestId('stat-attendees').innerText(),
    await page.getByTestId('stat-enterprises').innerText(),
  ].map(number);

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出本页表格（CSV）' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toBe(`质量学堂统计_浙江省_${year}_看板表格.csv`);
  const csvBytes = readFileSync((await csvDownload.path())!);
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csvBytes.subarray(3).toString('utf8').split('\r\n');
  expect(lines).toContain('管辖范围,浙江省');
  expect(lines).toContain(`浙江省,${totals.join(',')}`);
  const start = lines.indexOf('按地市');
  expect(start).toBeGreaterThan(0);
  expect(lines[start + 1]).toBe('区划代码,名称,培训人次,培训人数,培训企业数');
  expect(lines.slice(start + 2, start + 2 + screenRows.length)).toEqual(screenRows);
  // Percentages: the rounded figure, its numerator and its denominator, and the rule stated.
  expect(lines).toContain('指标,企业数,占比（%）,企业数,答卷企业数');
  expect(lines.some((l) => l.includes('四舍五入保留两位小数'))).toBe(true);
  // What each figure counts, in the file as on screen.
  expect(lines.some((l) => l.startsWith('统计口径,') && l.includes('课程完成次数'))).toBe(true);
  await expect(page.getByTestId('regulator-totals')).toContainText('课程完成次数');

  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出本页表格（Excel）' }).click(),
  ]);
  expect(xlsxDownload.suggestedFilename()).toBe(`质量学堂统计_浙江省_${year}_看板表格.xlsx`);
  const xlsxBytes = readFileSync((await xlsxDownload.path())!);
  expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsxBytes.buffer.slice(xlsxBytes.byteOffset, xlsxBytes.byteOffset + xlsxBytes.byteLength) as ArrayBuffer);
  const sheet = workbook.getWorksheet('按地市')!;
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['区划代码', '名称', '培训人次', '培训人数', '培训企业数']);
  expect((sheet.getRow(2).values as unknown[]).slice(1).join(',')).toBe(screenRows[0]);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(
    expect.arrayContaining(['说明', '合计', '按渠道', '逐月趋势', '按课程（培训人次从多到少）']),
  );

  const [fullDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /完整导出/ }).click()]);
  expect(fullDownload.suggestedFilename()).toBe(`质量学堂统计_浙江省_${year}_完整明细.csv`);
  // two different exports never share a file name (one would overwrite the other in Downloads)
  expect(fullDownload.suggestedFilename()).not.toBe(csvDownload.suggestedFilename());
  const full = readFileSync((await fullDownload.path())!);
  expect([...full.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(full.subarray(3).toString('utf8')).toMatch(
    /^统计期间,区划代码,区划名称,维度,培训人次（课程完成次数[^,]*）,培训人数（[^,]*）,培训企业数（[^,]*）\r\n/,
  );
  expect(full.toString('utf8')).toContain('330502');
});

test('an enterprise manager answers the survey, and the national results count it', async ({ page, request }) => {
  // A fresh enterprise and its manager, so that the form starts empty.
  const learner = await registerLearner(request, '330502');
  await completeCourse(request, learner.token, 'owner-essentials');
  const admin = await call(request, '/api/collections/_superusers/auth-with-password', {
    identity: DEMO_ADMIN.email,
    password: DEMO_ADMIN.password,
  });
  const managerEmail = `dash.manager.${Date.now()}@example.com`;
  const created = await call(
    request,
    '/api/collections/users/records',
    {
      email: managerEmail,
      password: PASSWORD,
      passwordConfirm: PASSWORD,
      name: '看板测试经理',
      role: 'enterprise_manager',
      enterprise: learner.enterpriseId,
      verified: true,
    },
    admin.body.token,
  );
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const national = await tokenFor(request, 'regulator@example.com');
  const before = (await call(request, `/api/qa/stats/survey?period=${year}`, undefined, national)).body.responses as number;

  await loginAs(page, managerEmail, PASSWORD);
  await page.goto('/manager/');
  const form = page.getByTestId('survey-form');
  await expect(form.getByRole('heading', { name: `帮扶满意度调查（${year} 年度）` })).toBeVisible();
  // the five-level scale appears twice (overall and follow-up): each answer is picked within its question
  const overall = form.getByRole('group', { name: /总体满意程度/ });
  const followUp = form.getByRole('group', { name: /后续跟踪服务/ });
  // A required answer left out: the message is shown in Chinese and nothing is sent.
  await form.getByRole('radio', { name: '比较明显', exact: true }).check();
  await form.getByRole('checkbox', { name: '质量意识' }).check();
  await form.getByRole('checkbox', { name: '产品质量' }).check();
  await followUp.getByRole('radio', { name: '一般', exact: true }).check();
  await form.getByRole('radio', { name: '需要改进', exact: true }).check();
  await form.getByRole('checkbox', { name: '资金支持' }).check();
  await form.getByRole('button', { name: '提交调查' }).click();
  await expect(form.getByText('请选择对帮扶工作的总体满意程度')).toBeVisible();
  await expect(form.getByTestId('survey-message')).toContainText('请按红字提示修改');
  await expect(overall.getByRole('radio', { name: '满意', exact: true })).toBeFocused();
  expect((await call(request, `/api/qa/stats/survey?period=${year}`, undefined, national)).body.responses).toBe(before);

  await overall.getByRole('radio', { name: '满意', exact: true }).check();
  // a measurable improvement with its size of change
  await form.getByRole('checkbox', { name: '一次合格率' }).check();
  await form.getByLabel('一次合格率变化').fill('17.8');
  await form.getByLabel(/意见和建议/).fill('课程通俗易懂，希望多一些现场指导。');
  await form.getByRole('button', { name: '提交调查' }).click();
  await expect(form.getByTestId('survey-message')).toHaveText(`已提交 ${year} 年度调查，谢谢！`);
  await expect(form.getByText('请选择对帮扶工作的总体满意程度')).toHaveCount(0);

  // Prefilled when the manager comes back; submitting again updates the same answer.
  await page.reload();
  await expect(form.getByTestId('survey-existing')).toBeVisible();
  await expect(overall.getByRole('radio', { name: '满意', exact: true })).toBeChecked();
  await expect(followUp.getByRole('radio', { name: '一般', exact: true })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: '产品质量' })).toBeChecked();
  await expect(form.getByLabel('一次合格率变化')).toHaveValue('17.8');
  await overall.getByRole('radio', { name: '比较满意', exact: true }).check();
  await form.getByRole('button', { name: '更新调查' }).click();
  await expect(form.getByTestId('survey-message')).toHaveText(`已更新 ${year} 年度调查，谢谢！`);
  await noSidewaysScroll(page);
  await logout(page);

  await loginAs(page, 'regulator@example.com');
  await page.goto('/regulator/');
  await scrollThroughDashboard(page);
  const responses = number(await page.getByTestId('survey-responses').innerText());
  expect(responses).toBeGreaterThanOrEqual(1);
  expect(responses).toBe(before + 1);
  await expect(page.getByTestId('survey-satisfied')).toContainText('四舍五入保留两位小数');
  await expect(page.getByTestId('survey-satisfied')).toContainText(new RegExp(`\\d+/${responses}`));
  await page.getByText('数据表：改进项（可多选）').click(); // the table is folded on phones
  const items = page.getByTestId('table-survey-items');
  await expect(items).toBeVisible();
  expect(number(await items.locator('tbody tr').filter({ hasText: '质量意识' }).locator('td').first().innerText())).toBeGreaterThanOrEqual(
    1,
  );
});

test('the public page shows national totals and the update time without login', async ({ page }) => {
  await page.goto('/stats/');
  await expect(page.getByRole('heading', { level: 1, name: '公开数据' })).toBeVisible();
  await expect(page.getByTestId('public-national')).toBeVisible();
  expect(number(await page.getByTestId('public-attendee-times').innerText())).toBeGreaterThanOrEqual(3);
  expect(number(await page.getByTestId('public-enterprises').innerText())).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('public-updated')).toContainText(/数据更新时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  const provinces = page.getByTestId('table-public-provinces');
  await expect(provinces).toContainText('新疆生产建设兵团');
  expect(number(await provinces.locator('tbody tr').filter({ hasText: '浙江省' }).locator('td').nth(1).innerText())).toBeGreaterThanOrEqual(
    2,
  );
  await expect(page.getByRole('heading', { name: '统计口径' })).toBeVisible();
  await expect(page.getByText('四舍五入保留两位小数').first()).toBeVisible();
  await page.getByLabel('按', { exact: true }).selectOption('all');
  await expect(page).toHaveURL(/period=all/);
  await expect(page.getByRole('heading', { name: '全国（全部期间）' })).toBeVisible();
  await noSidewaysScroll(page);
});

test('at 360 px nothing scrolls sideways', async ({ page }) => {
  expect(page.viewportSize()?.width).toBe(360);
  await loginAs(page, 'regulator@example.com');
  for (const path of ['/regulator/', '/regulator/?region=33', '/regulator/?region=3305']) {
    await page.goto(path);
    await expect(page.getByTestId('stat-attendee-times')).toBeVisible();
    await scrollThroughDashboard(page);
    await page.locator('.dash-chart').first().scrollIntoViewIfNeeded();
    await expect(page.locator('.dash-chart canvas').first()).toBeVisible();
    await noSidewaysScroll(page);
  }
  await page.goto('/stats/');
  await expect(page.getByTestId('public-national')).toBeVisible();
  await noSidewaysScroll(page);
});

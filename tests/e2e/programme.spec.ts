import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loginAs, registerViaApi } from './support.ts';
import { DEMO_ADMIN } from '../../src/lib/demo-accounts.ts';
import { jpegWithExif } from '../integration/programme-support.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function switchTo(page: Page, email: string, password?: string) {
  await page.evaluate(() => localStorage.clear());
  await loginAs(page, email, password);
}

test('a case is drafted on a phone, returned, revised, recommended, selected, published, and scored', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const admin = (
    await (
      await request.post('/api/collections/_superusers/auth-with-password', {
        data: { identity: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
      })
    ).json()
  ).token;
  const manager = await registerViaApi(request, { county: '330106', enterpriseName: '端到端案例企业' });
  const me = (
    await (
      await request.post('/api/collections/users/auth-with-password', { data: { identity: manager.email, password: manager.password } })
    ).json()
  ).record;
  const promoted = await request.patch(`/api/collections/users/records/${me.id}`, {
    headers: { authorization: admin },
    data: { role: 'enterprise_manager' },
  });
  expect(promoted.status()).toBe(200);
  const national = (
    await (
      await request.post('/api/collections/users/auth-with-password', {
        data: { identity: 'regulator@example.com', password: 'demo-pass-2026' },
      })
    ).json()
  ).token;
  const before = (await (await request.get('/api/qa/assessment', { headers: { authorization: national } })).json()).rows.find(
    (r: any) => r.province === '33',
  );

  // Drafted on a phone: part now, saved, resumed later.
  await loginAs(page, manager.email, manager.password);
  await page.goto('/manager/cases/');
  await page.getByRole('button', { name: '新写一个案例' }).click();
  const title = `端到端检查表案例 ${Date.now() % 100000}`;
  await page.getByLabel('案例标题').fill(title);
  await page.getByLabel('一两句话概括').fill('一家小厂用检查表把返工率降了一半，做法简单，成本很低。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByTestId('case-message')).toContainText('草稿已保存');
  await page.reload();
  await page.getByRole('button', { name: '继续编辑' }).first().click();
  await expect(page.getByLabel('案例标题')).toHaveValue(title);

  // Submitting an incomplete case names what is missing.
  await page.getByRole('button', { name: '提交省级审核' }).click();
  await expect(page.getByTestId('case-message')).toContainText('需要修改');
  await page.getByLabel('企业主要做什么').fill('童装加工');
  await page.getByLabel('员工人数').fill('25');
  await page.getByLabel('产品质量竞争力不强').check();
  await page.getByLabel('具体遇到了什么问题').fill('出货前经常发现线头和跳针，返工多，交货常常延期，客户不满意。');
  await page.getByLabel('采取了哪些措施').fill('每道工序设置检查表，班组长每两小时巡检一次并签字，每周汇总不良原因开会讨论。');
  await page.getByLabel('相关的 ISO 9001 条款').fill('8.5.1, 8.6');
  await page.getByRole('button', { name: '再加一项数据' }).click();
  await page.getByLabel('指标', { exact: true }).fill('返工率');
  await page.getByLabel('单位', { exact: true }).fill('%');
  await page.getByLabel('改进前', { exact: true }).fill('8');
  await page.getByLabel('改进后', { exact: true }).fill('3.5');
  await page.getByLabel('对比期间').fill('2025年上半年 对比 2026年上半年');
  await page.getByLabel('其他企业可以借鉴什么').fill('检查表要简单，一页纸，班组长能坚持填。');
  // A phone photo with an EXIF block: the page re-encodes it, so the server (which refuses EXIF) accepts it.
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpegWithExif(), 'base64') });
  await expect(page.locator('.case-photos img')).toHaveCount(1);
  await page.getByRole('button', { name: '提交省级审核' }).click();
  await expect(page.getByTestId('case-message')).toContainText('已提交');
  await expect(page.getByTestId('case-state')).toHaveText('待省级审核');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The province returns it with a comment (a comment is required).
  await switchTo(page, 'regulator.zj@example.com');
  await page.goto('/regulator/cases/');
  await page.getByRole('listitem').filter({ hasText: title }).getByRole('button', { name: '查看' }).click();
  await page.getByRole('button', { name: '退回修改' }).click();
  await expect(page.getByTestId('case-message')).toContainText('写明');
  await page.getByLabel('意见或理由').fill('请补充返工减少带来的成本变化。');
  await page.getByRole('button', { name: '退回修改' }).click();
  await expect(page.getByTestId('case-message')).toContainText('已办理：退回修改');

  // The manager sees the comment, revises and resubmits.
  await switchTo(page, manager.email, manager.password);
  await page.goto('/manager/cases/');
  await expect(page.getByTestId('my-cases')).toContainText('请补充返工减少带来的成本变化');
  await page.getByRole('button', { name: '继续编辑' }).first().click();
  await expect(page.getByTestId('case-return-comment')).toBeVisible();
  await page.getByLabel('一两句话概括').fill('一家小厂用检查表把返工率从 8% 降到 3.5%，每年少花返工成本约 7 万元。');
  await page.getByRole('button', { name: '提交省级审核' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('待省级审核');

  // Recommended by the province, selected by the ministry.
  await switchTo(page, 'regulator.zj@example.com');
  await page.goto('/regulator/cases/');
  await page.getByRole('listitem').filter({ hasText: title }).getByRole('button', { name: '查看' }).click();
  await page.getByRole('button', { name: '推荐到总局' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('已推荐到总局');
  await switchTo(page, 'regulator@example.com');
  await page.goto('/regulator/cases/');
  await page.getByRole('listitem').filter({ hasText: title }).getByRole('button', { name: '查看' }).click();
  await page.getByRole('button', { name: '入选', exact: true }).click();
  await expect(page.getByTestId('case-state')).toHaveText('已入选');
  await expect(page.getByTestId('case-history')).toContainText('退回修改');

  // Published as MDX into a copy of content/, which then passes the content check.
  const dir = mkdtempSync(join(tmpdir(), 'qa-publish-'));
  try {
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    const node = process.execPath;
    const run = spawnSync(
      node,
      [
        join(ROOT, 'scripts/cases-publish.ts'),
        '--url',
        baseURL!,
        '--out',
        join(dir, 'content/cases'),
        '--photos',
        join(dir, 'public/case-photos'),
      ],
      {
        env: { ...process.env, QA_ADMIN_EMAIL: DEMO_ADMIN.email, QA_ADMIN_PASSWORD: DEMO_ADMIN.password },
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const file = readdirSync(join(dir, 'content/cases'))
      .map((f) => join(dir, 'content/cases', f))
      .find((f) => readFileSync(f, 'utf8').includes(title));
    expect(file, run.stdout).toBeTruthy();
    expect(readFileSync(file!, 'utf8')).toMatch(/^submission: [a-z0-9]{15}$/m);
    const slug = file!
      .split('/')
      .pop()!
      .replace(/\.mdx$/, '');
    expect(existsSync(join(dir, 'public/case-photos', slug, '1.jpg'))).toBe(true);
    const check = spawnSync(node, [join(ROOT, 'scripts/check-content.ts'), dir], { encoding: 'utf8' });
    expect(check.status, check.stderr + check.stdout).toBe(0);
    // A second run writes nothing new.
    const again = spawnSync(
      node,
      [
        join(ROOT, 'scripts/cases-publish.ts'),
        '--url',
        baseURL!,
        '--out',
        join(dir, 'content/cases'),
        '--photos',
        join(dir, 'public/case-photos'),
      ],
      {
        env: { ...process.env, QA_ADMIN_EMAIL: DEMO_ADMIN.email, QA_ADMIN_PASSWORD: DEMO_ADMIN.password },
        encoding: 'utf8',
      },
    );
    expect(again.stdout).toContain(' 0 new');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The national assessment table reflects it: Zhejiang's indicator 7 rises.
  await page.goto('/regulator/assessment/');
  const row = page.getByTestId('table-assessment').getByRole('row').filter({ hasText: '浙江省' });
  const beforeCases = before.indicators.find((i: any) => i.id === 'cases').points;
  const after = (await (await request.get('/api/qa/assessment', { headers: { authorization: national } })).json()).rows.find(
    (r: any) => r.province === '33',
  );
  const afterCases = after.indicators.find((i: any) => i.id === 'cases').points;
  expect(afterCases).toBeGreaterThan(beforeCases);
  // cells: rank, code, then the seven indicators (the province name is the row header), then the total
  await expect(row.getByRole('cell').nth(8)).toHaveText(String(afterCases));
  await expect(row.getByRole('cell').nth(9)).toHaveText(String(after.total));
  await expect(page.getByTestId('score-chart')).toBeVisible();
  await row.getByRole('link', { name: '浙江省' }).click();
  await expect(page.getByTestId('assessment-detail')).toContainText('入选案例数');
});

test('the public policy library filters by region, type and validity; an enterprise sees its local policies', async ({ page }) => {
  await page.goto('/policies/');
  await expect(page.getByTestId('policy-card').first()).toBeVisible();
  const all = await page.getByTestId('policy-card').count();
  await expect(page.getByTestId('policy-status').filter({ hasText: '已失效' })).toHaveCount(0);
  await page.getByLabel('有效性').selectOption('expired');
  await expect(page.getByTestId('policy-status').first()).toHaveText('已失效');
  await page.getByLabel('有效性').selectOption('all');
  await page.getByLabel('层级').selectOption('county');
  await expect(page.getByTestId('policy-card').first()).toContainText('县级');
  expect(await page.getByTestId('policy-card').count()).toBeLessThan(all + 1);
  await page.getByLabel('层级').selectOption('');
  await page.getByLabel('搜索政策').fill('织里');
  await expect(page.getByTestId('policy-card')).toHaveCount(1);
  await expect(page).toHaveURL(/q=%E7%BB%87%E9%87%8C|q=织里/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await loginAs(page, 'manager@example.com');
  await page.goto('/manager/');
  const near = page.getByTestId('policies-near');
  await expect(near).toContainText('吴兴区');
  await expect(near).toContainText('织里童装企业免费认证辅导');
  await expect(near).not.toContainText('深圳');
});

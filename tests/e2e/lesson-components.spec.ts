import { expect, test } from '@playwright/test';

test('lesson components: key point, steps, an in-lesson question with feedback, and downloadable forms', async ({ page, request }) => {
  await page.goto('/courses/production-control/release/');
  await expect(page.getByRole('note', { name: '记住这一条' })).toContainText('检查没做完');
  await expect(page.locator('.steps ol > li')).toHaveCount(4);

  const check = page.getByRole('group', { name: /最终检验发现外观有几件拿不准/ });
  await check.getByLabel('谁有空谁看一眼就行').check();
  await expect(check.getByText('再想想，可以看看下面的解析。')).toBeVisible();
  await check.getByLabel(/事先定好的放行人/).check();
  await expect(check.getByText('答对了！')).toBeVisible();
  await expect(check.getByText(/放行人要事先定好，按写清楚的标准判断/)).toBeVisible();

  const form = page.locator('.form-template').filter({ hasText: '首件检验记录表' });
  await expect(form).toContainText('条款 8.6');
  for (const [name, type] of [
    ['下载 Excel 表格', 'spreadsheetml'],
    ['下载 Word 打印版', 'wordprocessingml'],
  ] as const) {
    const href = await form.getByRole('link', { name }).getAttribute('href');
    const response = await request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain(type);
    const bytes = await response.body();
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a real Office file is a zip
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('before/after comparison and a link to the case that shows the lesson in practice', async ({ page }) => {
  await page.goto('/courses/workplace-6s/sort-and-set-in-order/');
  const compare = page.getByRole('figure').filter({ hasText: '整顿前后' });
  await expect(compare.getByText('以前')).toBeVisible();
  await expect(compare.getByText('现在')).toBeVisible();
  await page.getByRole('link', { name: /看案例.*天津/ }).click();
  await expect(page).toHaveURL(/\/cases\/tianjin-small-warehouse\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('天津');
});

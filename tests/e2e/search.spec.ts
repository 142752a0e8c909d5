/**
 * Site search in a 360-px phone (the project's Playwright device) against the built site. Needs
 * `npm run build` first. Queries by accessible role: the search box, the results list and its links,
 * the status line.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readContent } from '../../scripts/lib/content-source.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const searchBox = (page: Page) => page.getByRole('searchbox', { name: '搜索内容' });
const resultsList = (page: Page) => page.getByRole('list', { name: '搜索结果' });
const resultLinks = (page: Page) => resultsList(page).getByRole('link');
const status = (page: Page) => page.getByRole('status');

test('typing 鱼骨图 shows the cause-and-effect lesson first, with the glossary answer and a shareable URL', async ({ page }) => {
  await page.goto('/search/');
  await searchBox(page).fill('鱼骨图');
  await expect(resultLinks(page).first()).toHaveText('因果图：把原因摆上桌');
  await expect(resultLinks(page).first()).toHaveAttribute('href', '/courses/seven-quality-tools/cause-and-effect-diagram/');
  await expect(status(page)).toHaveText(/找到 \d+ 条结果/);
  // the glossary term named 鱼骨图 is explained above the list
  const answer = page.getByRole('complementary', { name: '术语解释' });
  await expect(answer).toContainText('因果图');
  await expect(answer).toContainText('鱼骨图');
  // results are tagged by kind and the matches are highlighted
  const first = resultsList(page).getByRole('listitem').first();
  await expect(first).toContainText('课时');
  await expect(first.locator('mark').first()).toBeVisible();
  await expect(page).toHaveURL(/\/search\/\?q=%E9%B1%BC%E9%AA%A8%E5%9B%BE$/);
});

test('/search/?q=8.5.1 runs the query on load', async ({ page }) => {
  await page.goto('/search/?q=8.5.1');
  await expect(searchBox(page)).toHaveValue('8.5.1');
  await expect(status(page)).toHaveText(/找到 \d+ 条结果/);
  // the glossary term for clause 8.5.1 is explained first; the course and the lesson about it lead the list
  await expect(page.getByRole('complementary', { name: '术语解释' })).toContainText('生产和服务提供的控制');
  const top3 = (await resultLinks(page).allTextContents()).slice(0, 3);
  expect(top3).toContain('受控条件下生产：开工前备齐六样');
  await expect(resultsList(page).getByRole('listitem').filter({ hasText: '受控条件下生产' })).toContainText('8.5.1');
});

test('full-width input and synonyms: ＩＳＯ９００１ and 管评 find what iso9001 and 管理评审 find', async ({ page }) => {
  await page.goto(`/search/?q=${encodeURIComponent('ＩＳＯ９００１')}`);
  await expect(resultLinks(page).first()).toBeVisible();
  const fullWidth = await resultLinks(page).allTextContents();
  await page.goto('/search/?q=iso9001');
  await expect(resultLinks(page).first()).toBeVisible();
  expect(await resultLinks(page).allTextContents()).toEqual(fullWidth);
  await searchBox(page).fill('管评');
  await expect(resultsList(page)).toContainText('管理评审');
});

test('no results: a clear message, suggestions, and a suggestion runs a new search', async ({ page }) => {
  await page.goto(`/search/?q=${encodeURIComponent('鱼刺图')}`);
  await expect(status(page)).toHaveText('没有找到与“鱼刺图”相关的内容。');
  await expect(resultsList(page)).toHaveCount(0);
  const didYouMean = page.getByRole('paragraph').filter({ hasText: '你是不是要找：' });
  await didYouMean.getByRole('link', { name: '鱼骨图', exact: true }).click();
  await expect(searchBox(page)).toHaveValue('鱼骨图');
  await expect(resultLinks(page).first()).toHaveText('因果图：把原因摆上桌');

  await searchBox(page).fill('zzqqxx');
  await expect(status(page)).toHaveText('没有找到与“zzqqxx”相关的内容。');
  await expect(page.getByText('大家常搜：')).toBeVisible();
  await expect(page.getByRole('link', { name: '内审', exact: true })).toBeVisible();
});

test('keyboard: ↓ moves into the results, ↑ ↓ move, Esc returns, Enter opens', async ({ page }) => {
  await page.goto('/search/');
  await searchBox(page).fill('内审');
  const links = resultLinks(page);
  await expect(links.nth(2)).toBeVisible();
  await searchBox(page).press('ArrowDown');
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(searchBox(page)).toBeFocused();
  await searchBox(page).press('ArrowDown');
  await expect(links.nth(0)).toBeFocused();
  const href = await links.nth(0).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
});

test('filters by kind and by industry, kept in the URL', async ({ page }) => {
  await page.goto(`/search/?q=${encodeURIComponent('食品')}`);
  await expect(resultLinks(page).first()).toBeVisible();
  await page.getByRole('radio', { name: /^案例/ }).check({ force: true });
  await expect(page).toHaveURL(/kind=case/);
  const items = resultsList(page).getByRole('listitem');
  const count = await items.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(items.nth(i)).toContainText('案例');
  await page.getByRole('combobox', { name: '行业' }).selectOption('03');
  await expect(page).toHaveURL(/industry=03/);
  await expect(items.first()).toContainText('食品、饮料和烟草');
  await expect(status(page)).toHaveText(/筛选前共/);

  // reloading the shared URL restores the filters
  await page.reload();
  await expect(page.getByRole('radio', { name: /^案例/ })).toBeChecked();
  await expect(page.getByRole('combobox', { name: '行业' })).toHaveValue('03');
});

test('on a 360-px phone: no sideways scrolling, tappable results, and the header search button opens the search page', async ({ page }) => {
  expect(page.viewportSize()?.width).toBe(360);
  // 8.5.1 finds cases of many industries: the industry filter has long names
  for (const q of ['8.5.1', '不合格品怎么处理']) {
    await page.goto(`/search/?q=${encodeURIComponent(q)}`);
    await expect(resultLinks(page).first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, q).toBeLessThanOrEqual(0);
    const select = await page.getByRole('combobox', { name: '行业' }).boundingBox();
    expect(select!.x + select!.width, q).toBeLessThanOrEqual(360);
  }
  // results are comfortably tappable
  const box = await resultsList(page).getByRole('listitem').first().boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeLessThanOrEqual(360);

  // the header search button fits the bar and opens the search page
  await page.goto('/cases/');
  const bar = await page.locator('.site-header .bar').boundingBox();
  const end = await page.locator('.header-end').boundingBox();
  expect(end!.y + end!.height).toBeLessThanOrEqual(bar!.y + bar!.height); // nothing wraps out of the bar
  await page.getByRole('search', { name: '全站搜索' }).getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/\/search\/(\?q=)?$/);
  await expect(searchBox(page)).toBeFocused();
});

test('on a 412-px phone the header search button opens the search page', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 800 });
  await page.goto('/cases/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const bar = await page.locator('.site-header .bar').boundingBox();
  const endBox = await page.locator('.header-end').boundingBox();
  expect(endBox!.y + endBox!.height).toBeLessThanOrEqual(bar!.y + bar!.height); // nothing wraps out of the bar
  await page.getByRole('search', { name: '全站搜索' }).getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/\/search\/(\?q=)?$/);
  await expect(searchBox(page)).toBeFocused();
});

test('the header search box is a plain form: /search/?q= from any page, without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1024, height: 700 } });
  const page = await context.newPage();
  await page.goto('/courses/');
  const headerSearch = page.getByRole('search', { name: '全站搜索' });
  await headerSearch.getByRole('searchbox').fill('内审');
  await headerSearch.getByRole('searchbox').press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=%E5%86%85%E5%AE%A1$/);
  await context.close();
});

test('pages that do not search load neither the index nor the engine; the search page loads them on first use', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (req) => requested.push(new URL(req.url()).pathname));
  for (const path of ['/', '/courses/seven-quality-tools/cause-and-effect-diagram/', '/cases/', '/glossary/']) {
    await page.goto(path, { waitUntil: 'networkidle' });
  }
  expect(requested.filter((p) => p.includes('search-index') || /\/engine\.[\w-]+\.js$/.test(p))).toEqual([]);
  await page.goto(`/search/?q=${encodeURIComponent('内审')}`, { waitUntil: 'networkidle' });
  expect(requested.filter((p) => p === '/search-index.json')).toHaveLength(1);
  // the empty search page puts the cursor in the box but loads the index only when the learner types
  await page.context().clearCookies();
  requested.length = 0;
  await page.goto('/search/', { waitUntil: 'networkidle' });
  await expect(page.getByRole('main').getByRole('searchbox')).toBeFocused();
  expect(requested.filter((p) => p === '/search-index.json')).toEqual([]);
  const indexLoaded = page.waitForRequest((req) => new URL(req.url()).pathname === '/search-index.json');
  await page.keyboard.type('内审');
  await indexLoaded;
});

test('the built site contains no quiz explanations (answer keys stay on the server)', () => {
  const dist = join(root, 'dist');
  expect(existsSync(join(dist, 'search-index.json')), 'run npm run build first').toBe(true);
  const content = readContent(root);
  const explanations = content.lessons
    .flatMap((l) => l.data.quiz.questions.map((q) => q.explanation))
    .filter((e): e is string => typeof e === 'string' && e.trim().length >= 8)
    .map((e) => e.trim());
  expect(explanations.length).toBeGreaterThan(100);
  const decode = (s: string) =>
    s
      .replace(/&quot;|&#34;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\\"/g, '"');
  const leaks: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (['.html', '.json', '.js', '.mjs', '.css', '.txt', '.xml', '.webmanifest'].includes(extname(name))) {
        const text = decode(readFileSync(path, 'utf8'));
        for (const e of explanations) if (text.includes(e)) leaks.push(`${path.slice(dist.length)}: ${e.slice(0, 30)}…`);
      }
    }
  };
  walk(dist);
  expect(leaks).toEqual([]);
  // and the index itself carries no quiz fields at all
  const index = readFileSync(join(dist, 'search-index.json'), 'utf8');
  expect(index).not.toMatch(/"(answer|explanation|questions|quiz)"/);
});

/**
 * What a regulator on a phone sees first (issue #16, docs/performance.md): the figures, in a first screen that
 * does not jump when they arrive; the sections below are built when they come near the screen (all of them once a
 * key is pressed, and before printing), and ECharts (the heaviest script of the site) is fetched only when a chart
 * comes near the screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { loginAs, scrollThroughDashboard } from './support.ts';

/** The ECharts module (src/client/charts.ts, built as /_astro/charts.<hash>.js). */
const isCharts = (url: string) => /\/_astro\/charts\.[\w-]+\.js$/.test(new URL(url).pathname);

/** Every section of the national regulator's own view, in page order. */
const SECTIONS = [
  'panel-channel',
  'panel-trend',
  'panel-breakdown',
  'panel-sectors',
  'panel-courses',
  'range-section',
  'survey-results',
  'panel-provinces',
];

async function openDashboard(page: Page) {
  await loginAs(page, 'regulator@example.com');
  const chartRequests: string[] = [];
  page.on('request', (request) => {
    if (isCharts(request.url())) chartRequests.push(request.url());
  });
  await page.goto('/regulator/');
  await expect(page.getByTestId('stat-attendee-times')).toHaveText(/^\d[\d,]*$/);
  await expect(page.getByTestId('view-title')).toHaveText(/^全国 · \d{4} 年$/);
  await expect(page.locator('.dashboard')).toHaveAttribute('aria-busy', 'false');
  return chartRequests;
}

test('the figures show first, the sections below are built as they near the screen, and nothing on the first screen moves', async ({
  page,
}) => {
  const chartRequests = await openDashboard(page);
  // The sections far below are not built yet (the province comparison alone was some 800 elements), but their
  // headings are there: the page's outline is whole.
  await expect(page.getByRole('heading', { name: '省份对比' })).toBeAttached();
  await expect(page.getByRole('heading', { name: '帮扶企业满意度调查' })).toBeAttached();
  await expect(page.getByTestId('panel-provinces')).toHaveCount(0);
  await expect(page.getByTestId('survey-results')).toHaveCount(0);
  const elements = await page.locator('.dashboard *').count();
  expect(elements, 'elements built before anything is scrolled to').toBeLessThan(400);
  expect(chartRequests, 'ECharts fetched before any chart neared the screen').toEqual([]);

  // Nothing on the screen moved while the page loaded (the first screen is laid out before the figures come).
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
  expect(shift, 'cumulative layout shift of the page load').toBeLessThan(0.02);

  // Scrolling down builds every section, in page order, each with its heading once.
  await scrollThroughDashboard(page);
  for (const id of SECTIONS) await expect(page.getByTestId(id)).toBeAttached();
  await expect(page.getByRole('heading', { name: '省份对比' })).toHaveCount(1);
  const order = await page.evaluate(
    (ids) => ids.map((id) => Math.round(document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect().top + window.scrollY)),
    SECTIONS,
  );
  expect([...order].sort((a, b) => a - b)).toEqual(order);

  // Scrolled to, the channel chart is drawn: ECharts is fetched now.
  await page.getByTestId('panel-channel').getByRole('img').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('panel-channel').locator('canvas')).toHaveCount(1);
  expect(chartRequests.length).toBeGreaterThan(0);
});

test('a key press builds every section (Tab reaches every table in page order), and so does printing', async ({ page }) => {
  const chartRequests = await openDashboard(page);
  await expect(page.getByTestId('panel-provinces')).toHaveCount(0);
  await page.keyboard.press('Tab');
  for (const id of SECTIONS) await expect(page.getByTestId(id)).toBeAttached();
  await expect(page.locator('[data-deferred]')).toHaveCount(0);
  // built, not drawn: no chart has come near the screen
  expect(chartRequests).toEqual([]);

  // Printing: the browser announces it (beforeprint) and lays the page out right after, so every section is
  // built in the event's microtasks.
  await page.reload();
  await expect(page.locator('.dashboard')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('panel-provinces')).toHaveCount(0);
  const built = await page.evaluate(async (ids) => {
    window.dispatchEvent(new Event('beforeprint'));
    for (let i = 0; i < 10; i++) await Promise.resolve();
    return ids.filter((id) => !document.querySelector(`[data-testid="${id}"]`));
  }, SECTIONS);
  expect(built, 'sections not built when printing').toEqual([]);
});

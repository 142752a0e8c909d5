/**
 * What a regulator on a phone sees first (issue #16, docs/performance.md): the figures, in a first screen that
 * does not jump when they arrive; ECharts (the heaviest script of the site) is fetched only when a chart comes
 * near the screen, and the sections below the figures still all arrive.
 */
import { expect, test } from '@playwright/test';
import { loginAs } from './support.ts';

/** The ECharts module (src/client/charts.ts, built as /_astro/charts.<hash>.js). */
const isCharts = (url: string) => /\/_astro\/charts\.[\w-]+\.js$/.test(new URL(url).pathname);

test('the figures show before ECharts is fetched, nothing on the first screen moves, and the charts load when scrolled to', async ({
  page,
}) => {
  await loginAs(page, 'regulator@example.com');
  const chartRequests: string[] = [];
  page.on('request', (request) => {
    if (isCharts(request.url())) chartRequests.push(request.url());
  });

  await page.goto('/regulator/');
  const times = page.getByTestId('stat-attendee-times');
  await expect(times).toHaveText(/^\d[\d,]*$/);
  await expect(page.getByTestId('view-title')).toHaveText(/^全国 · \d{4} 年$/);
  // every section below the figures is built (they come one per browser task) ...
  await expect(page.locator('.dashboard')).toHaveAttribute('aria-busy', 'false');
  for (const id of [
    'panel-channel',
    'panel-trend',
    'panel-breakdown',
    'panel-sectors',
    'panel-courses',
    'range-section',
    'survey-results',
    'panel-provinces',
  ])
    await expect(page.getByTestId(id)).toBeAttached();
  // ... and still no chart library: no chart is near the screen yet
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

  // Scrolled to, the channel chart is drawn: ECharts is fetched now.
  await page.getByTestId('panel-channel').getByRole('img').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('panel-channel').locator('canvas')).toHaveCount(1);
  expect(chartRequests.length).toBeGreaterThan(0);
});

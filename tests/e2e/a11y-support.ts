/** Accessibility helpers shared by the axe, keyboard and zoom specs. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { scrollThroughDashboard } from './support.ts';

/** WCAG 2.1 level A and AA: what the issue asks for and what Lighthouse's accessibility score is built from. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Waits until the page has settled: network quiet and every island hydrated (Astro removes the `ssr`
 * attribute once an island has rendered on the client; client:visible islands below the fold are scrolled to, and
 * so are the dashboard's sections that are built when they come near the screen).
 */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  // client:visible islands hydrate when scrolled to: scroll to each in turn and wait for it
  const visible = page.locator('astro-island[ssr][client="visible"]');
  for (let guard = 0; guard < 10 && (await visible.count()) > 0; guard++) {
    const island = visible.first();
    const url = await island.getAttribute('component-url');
    await island.evaluate((el) => el.firstElementChild?.scrollIntoView());
    await expect.poll(() => page.locator(`astro-island[ssr][component-url="${url}"]`).count(), { message: `${url} hydrates` }).toBe(0);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  // client:idle islands wait for an idle moment, which can take seconds on a busy machine
  await expect
    .poll(() => page.evaluate(() => [...document.querySelectorAll('astro-island[ssr]')].map((i) => i.getAttribute('component-url'))), {
      message: 'islands hydrate',
      timeout: 30_000,
    })
    .toEqual([]);
  await page.waitForLoadState('networkidle');
  // the figures first, then the dashboard's sections that wait to be scrolled to (and may fetch on their own)
  await expect
    .poll(() => page.locator('[aria-busy="true"]:not([data-deferred])').count(), { message: 'nothing still loading', timeout: 20_000 })
    .toBe(0);
  if (await page.locator('[data-deferred]').count()) {
    await scrollThroughDashboard(page);
    await page.waitForLoadState('networkidle');
  }
  // islands that fetch show a loading state first; wait until none is busy
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { message: 'nothing still loading', timeout: 20_000 }).toBe(0);
}

/** Runs axe with the WCAG 2.1 A/AA rules and returns a readable list of violations (empty when clean). */
export async function axeViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 6)
      .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`);
    const more = v.nodes.length > 6 ? `\n      … and ${v.nodes.length - 6} more` : '';
    return `${label}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length > 1 ? 's' : ''})\n${nodes.join('\n')}${more}`;
  });
}

/** Visits each path, lets it settle, and fails once at the end listing every violation on every page. */
export async function expectNoViolations(page: Page, paths: string[], before?: (path: string) => Promise<void>) {
  const all: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await settle(page);
    if (before) await before(path);
    all.push(...(await axeViolations(page, path)));
  }
  expect(all, `axe found WCAG 2.1 A/AA violations:\n\n${all.join('\n\n')}\n`).toEqual([]);
}

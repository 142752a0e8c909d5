/**
 * docs/security.md rule 9: every kind of page works under the Content-Security-Policy the server sends (no
 * inline script or style is blocked, islands hydrate, hls.js plays), and the policy is really there.
 */
import { expect, test, type Page } from '@playwright/test';
import { loginAs, scrollThroughDashboard } from './support.ts';

function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|create)/i.test(msg.text()))
      violations.push(`${page.url()}: ${msg.text()}`);
  });
  return violations;
}

const PUBLIC_PAGES = [
  '/',
  '/courses/',
  '/courses/internal-audit/',
  '/courses/internal-audit/audit-basics/',
  '/courses/internal-audit/exam/',
  '/cases/',
  '/glossary/',
  '/search/?q=%E5%86%85%E5%AE%A1',
  '/stats/',
  '/verify/',
  '/login/',
  '/register/',
];

test('public pages run under the CSP without a single violation', async ({ page }) => {
  const violations = watchViolations(page);
  for (const path of PUBLIC_PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()['content-security-policy'], path).toMatch(/script-src 'self' 'sha256-/);
    await page.waitForLoadState('networkidle');
  }
  // islands hydrated: the search page shows results, the register form loads its region list
  await page.goto('/search/?q=%E5%86%85%E5%AE%A1');
  await expect(page.locator('main').getByRole('link').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('signed-in pages (learner, manager, trainer, regulator, expert; the assistance pages) run under the CSP', async ({ page }) => {
  const violations = watchViolations(page);
  for (const [email, path] of [
    ['learner@example.com', '/me/'],
    ['manager@example.com', '/manager/'],
    ['trainer@example.com', '/trainer/'],
    ['regulator@example.com', '/regulator/'],
    ['manager@example.com', '/assistance/'],
    ['expert@example.com', '/expert/'],
    ['regulator@example.com', '/regulator/assistance/'],
  ]) {
    await page.context().clearCookies();
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await loginAs(page, email);
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    // the dashboard's sections below the figures (and their code) load when scrolled to
    if (path === '/regulator/') await scrollThroughDashboard(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
  expect(violations).toEqual([]);
});

import { expect, test, type Page } from '@playwright/test';
import { settle } from './a11y-support.ts';
import { loginAs, registerViaApi } from './support.ts';

/*
 * Text at 200% (WCAG 1.4.4 and 1.4.10): a 360-px phone with the root font size doubled, and a 1280-px desktop
 * at 200% browser zoom (640 CSS px at device scale 2). Nothing may make the page scroll sideways, and no text
 * in the header, navigation, lesson, quiz or tables may be cut off. Tables may scroll inside themselves.
 */

interface Problem {
  what: string;
  why: string;
}

/** Elements whose text is cut off or that stick out past the right edge of the window, and the page's own overflow. */
async function zoomProblems(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const problems: Array<{ what: string; why: string }> = [];
    const labelOf = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}> "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth > width)
      problems.push({ what: 'page', why: `scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${width} px window` });
    const scroller = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll') return p;
      }
      return null;
    };
    const visuallyHidden = (el: Element) => !!el.closest('.visually-hidden, .skip-link, [hidden], [aria-hidden="true"]');
    const roots = document.querySelectorAll('header, nav, main, .quiz-question, table');
    const seen = new Set<Element>();
    for (const root of roots) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (seen.has(el)) continue;
        seen.add(el);
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0 || visuallyHidden(el)) continue;
        const s = getComputedStyle(el);
        if (s.visibility === 'hidden') continue;
        const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        // text cut off by overflow: hidden/clip, or ended with an ellipsis
        const clips = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
        if (clips && hasText && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
          problems.push({
            what: labelOf(el),
            why: `text cut off (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`,
          });
        // past the window's right edge, and not inside something that scrolls (a table's own scroller)
        if (hasText && rect.right > width + 1 && !scroller(el))
          problems.push({ what: labelOf(el), why: `sticks out ${Math.round(rect.right - width)} px past the right edge` });
      }
    }
    return problems;
  });
}

async function expectReadableAtZoom(page: Page, label: string) {
  const problems = await zoomProblems(page);
  expect(problems, `${label} at 200% text:\n${problems.map((p) => `  ${p.what}: ${p.why}`).join('\n')}`).toEqual([]);
}

/** Wide tables scroll inside themselves; then they must say so (the dashboard's hint) and take keyboard focus. */
async function expectScrollingTablesUsable(page: Page) {
  const tables = await page.evaluate(() =>
    [...document.querySelectorAll('table')]
      .filter((t) => t.scrollWidth > t.clientWidth + 1 && t.checkVisibility() /* not in a closed <details> */)
      .map((t) => ({
        id: t.dataset.testid ?? t.className,
        focusable: t.tabIndex >= 0,
        hint:
          !!t.closest('.dash-table-wrap')?.querySelector('.dash-scroll-hint') ||
          !!t.previousElementSibling?.matches('.scroll-hint, .dash-scroll-hint'),
        scroller: getComputedStyle(t).overflowX,
      })),
  );
  for (const t of tables) {
    expect(t.scroller, `table ${t.id} scrolls inside itself`).toMatch(/auto|scroll/);
    expect(t.focusable, `table ${t.id} scrolls sideways but keyboard users cannot focus it`).toBe(true);
    expect(t.hint, `table ${t.id} scrolls sideways without a visible hint`).toBe(true);
  }
}

async function textAt200(page: Page) {
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function walk(page: Page, request: Parameters<Parameters<typeof test>[2]>[0]['request'], zoom: () => Promise<void>) {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await settle(page);
  await zoom();
  await expectReadableAtZoom(page, 'home');

  const learner = await registerViaApi(request);
  await loginAs(page, learner.email, learner.password);
  await page.goto('/courses/owner-essentials/seven-principles/');
  await settle(page);
  await zoom();
  await expectReadableAtZoom(page, 'lesson');
  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(page.locator('.quiz-question').first()).toBeVisible();
  await expectReadableAtZoom(page, 'quiz');
  await page.locator('.quiz-question').first().locator('input').first().check();
  await page.getByRole('button', { name: '交卷' }).click();
  await expect(page.getByTestId('quiz-result')).toBeVisible();
  await expectReadableAtZoom(page, 'quiz result');

  await page.evaluate(() => localStorage.clear());
  await loginAs(page, 'regulator.zj@example.com');
  await page.goto('/regulator/');
  await settle(page);
  await zoom();
  await expect(page.getByTestId('view-title')).toBeVisible();
  await expectReadableAtZoom(page, 'regulator dashboard');
  await expectScrollingTablesUsable(page);
  // the tables behind 数据表：… too, once opened
  const closed = page.locator('details.dash-data:not([open]) > summary');
  for (let i = await closed.count(); i > 0; i--) await closed.first().click();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expectReadableAtZoom(page, 'regulator dashboard, data tables open');
  await expectScrollingTablesUsable(page);
}

test('a 360-px phone with text at 200%: home, a lesson, its quiz and the dashboard fit and nothing is cut off', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await walk(page, request, () => textAt200(page));
});

test.describe('a 1280-px desktop at 200% zoom', () => {
  // 200% browser zoom on a 1280×800 window lays the page out in 640×400 CSS px at two device pixels each
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, isMobile: false, hasTouch: false });
  test('home, a lesson, its quiz and the dashboard fit and nothing is cut off', async ({ page, request }) => {
    test.setTimeout(180_000);
    await walk(page, request, async () => {});
  });
});

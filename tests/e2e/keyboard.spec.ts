import { expect, test, type Locator, type Page } from '@playwright/test';
import { settle } from './a11y-support.ts';
import { loginAs, registerViaApi } from './support.ts';

/*
 * Keyboard only: after signing in (set-up, not under test), every step uses Tab, Shift+Tab, Enter, Space or
 * arrow keys. Each element that takes focus on the way must show a visible focus indicator.
 */

/** Whether the focused element (or the label or sibling that draws focus for a visually hidden input) shows focus. */
async function focusIndicatorShown(page: Page): Promise<{ shown: boolean; what: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { shown: false, what: '<body> (focus lost)' };
    const drawsFocus = (e: Element | null) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      return outline || (s.boxShadow !== 'none' && s.boxShadow !== '');
    };
    const shown = drawsFocus(el) || drawsFocus(el.closest('label')) || drawsFocus(el.nextElementSibling);
    const what = `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}> ${(el.textContent ?? '').trim().slice(0, 30)}`;
    return { shown, what };
  });
}

/** Presses Tab (or Shift+Tab) until `target` has focus, checking the focus indicator at every stop. */
async function tabTo(page: Page, target: Locator, { back = false, max = 250 } = {}) {
  const visited: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focus = await focusIndicatorShown(page);
    visited.push(focus.what);
    expect(focus.shown, `no visible focus indicator on ${focus.what}; focus went through:\n${visited.join('\n')}`).toBe(true);
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${target}; focus went through:\n${visited.join('\n')}`);
}

test('the skip link is the first stop and moves focus into the main content', async ({ page }) => {
  await page.goto('/courses/owner-essentials/');
  await settle(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到正文' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport(); // shown when focused, not left off-screen
  expect((await focusIndicatorShown(page)).shown).toBe(true);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  // the next stop is inside <main>, past the header and its navigation
  expect(await page.evaluate(() => !!document.activeElement?.closest('main#main'))).toBe(true);
});

test('a learner opens a lesson from the course page, marks it done and takes its quiz with the keyboard', async ({ page, request }) => {
  test.setTimeout(150_000);
  page.on('dialog', (dialog) => void dialog.accept());
  const learner = await registerViaApi(request);
  await loginAs(page, learner.email, learner.password);
  await page.goto('/courses/owner-essentials/');
  await settle(page);

  // Skip link, then on to the lesson in the course's list.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await tabTo(page, page.locator('main').getByRole('link', { name: '七项质量管理原则' }).first());
  await page.keyboard.press('Enter');
  await page.waitForURL('**/courses/owner-essentials/seven-principles/');
  await settle(page);

  // Mark it done: focus moves to the note that replaces the button.
  await tabTo(page, page.getByRole('button', { name: '我学完了这一课' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lesson-done')).toBeFocused();

  // The quiz: start, answer each question with Space (checkboxes) or arrow keys (radio groups), hand in.
  await tabTo(page, page.getByRole('button', { name: '开始答题' }));
  await page.keyboard.press('Enter');
  const questions = page.locator('.quiz-question');
  await expect(questions.first()).toBeVisible();
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const first = questions.nth(i).locator('input').first();
    await tabTo(page, first);
    const type = await first.getAttribute('type');
    if (type === 'checkbox') {
      await page.keyboard.press('Space');
      await expect(first).toBeChecked();
    } else {
      // In a radio group Tab stops once; arrow keys move and select, Space selects the focused one.
      await page.keyboard.press('ArrowDown');
      await expect(questions.nth(i).locator('input').nth(1)).toBeChecked();
      await page.keyboard.press('ArrowUp');
      await expect(first).toBeChecked();
    }
  }
  await expect(page.getByTestId('quiz-answered')).toContainText(`${count}`);
  await tabTo(page, page.getByRole('button', { name: '交卷' }));
  await page.keyboard.press('Enter');
  const result = page.getByTestId('quiz-result');
  await expect(result).toBeVisible();
  await expect(result).toBeFocused();
  expect((await focusIndicatorShown(page)).shown).toBe(true);
  // and from the result, Tab continues through the graded questions rather than jumping to the top
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
});

test('a regulator moves through the filters, changes the period, reaches the tables and exports, with the keyboard', async ({ page }) => {
  test.setTimeout(150_000);
  await loginAs(page, 'regulator.zj@example.com');
  await page.goto('/regulator/');
  await settle(page);
  await expect(page.getByTestId('view-title')).toBeVisible();

  // Period: "按" (year / quarter / month / all) is a select; arrow keys change it without opening it.
  const kind = page.getByLabel('按', { exact: true });
  await tabTo(page, kind);
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/period=\d{4}-Q[1-4]/);
  await expect(page.getByTestId('view-title')).toContainText('季度');
  await settle(page);

  // On to the sector filter (focus may have moved to the view title after the reload of the figures).
  await tabTo(page, page.locator('select#dash-sector'));
  // Back with Shift+Tab to the period, then forward again: the order is the reading order.
  await tabTo(page, kind, { back: true });
  await tabTo(page, page.locator('select#dash-sector'));

  // The export buttons, then a table: a sort button in its header, or the table itself when it scrolls.
  const csv = page.getByRole('button', { name: '导出本页表格（CSV）' });
  await tabTo(page, csv);
  await tabTo(page, page.getByTestId('table-breakdown'));
  // Enter on a sortable column header sorts the table
  const focusedSort = page.getByTestId('table-breakdown').locator('button.sort-btn:focus');
  if (await focusedSort.count()) {
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('table-breakdown').locator('th[aria-sort="descending"], th[aria-sort="ascending"]')).toHaveCount(1);
  }
  // back to the export button and use it
  await tabTo(page, csv, { back: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
});

import { expect, test } from '@playwright/test';
import { completeCourseViaApi, loginAs, registerViaApi } from './support.ts';
import { DEMO_ADMIN } from '../../src/lib/demo-accounts.ts';

// A viewer in Los Angeles (UTC-8 in December): 06:30 on 1 December in Beijing is 14:30 on 30 November there.
test.use({ timezoneId: 'America/Los_Angeles' });

test('a certificate, My learning and the verification page show the Beijing date in any time zone', async ({ page, request }) => {
  const learner = await registerViaApi(request, { name: '时区测试' });
  const submit = await completeCourseViaApi(request, learner.token, 'owner-essentials');
  const code = submit.completion.certificateCode as string;

  // The course was finished at 06:30 on 1 December 2026, Beijing time (stored in UTC, as PocketBase does).
  const admin = await request.post('/api/collections/_superusers/auth-with-password', {
    data: { identity: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
  });
  const patched = await request.patch(`/api/collections/completions/records/${submit.completion.id}`, {
    headers: { authorization: (await admin.json()).token },
    data: { completed_at: '2026-11-30 22:30:00.000Z' },
  });
  expect(patched.status()).toBe(200);

  await loginAs(page, learner.email, learner.password);
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/Los_Angeles');
  expect(await page.evaluate(() => new Date('2026-11-30T22:30:00Z').getDate())).toBe(30); // the browser's own date

  await page.goto('/me/');
  const mine = page.getByTestId('my-certificates');
  await expect(mine).toContainText('2026年12月1日');
  await expect(mine).not.toContainText('11月30日');

  await page.goto(`/certificate/?code=${encodeURIComponent(code)}`);
  const certificate = page.getByTestId('certificate');
  await expect(certificate).toContainText('2026年12月1日');
  await expect(certificate).not.toContainText('11月30日');

  await page.goto(`/verify/?code=${encodeURIComponent(code)}`);
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-status', 'valid');
  await expect(result).toContainText('2026年12月1日');
  await expect(result).not.toContainText('11月30日');
});

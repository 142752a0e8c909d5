import { expect, test } from '@playwright/test';
import { content, loginAs } from './support.ts';
import { DEMO_PASSWORD } from '../../src/lib/demo-accounts.ts';

test("an enterprise manager sees their staff's progress", async ({ page, request }) => {
  const auth = await request.post('/api/collections/users/auth-with-password', {
    data: { identity: 'learner@example.com', password: DEMO_PASSWORD },
  });
  const token = (await auth.json()).token;
  const courseId = 'customer-focus';
  await request.post('/api/qa/lessons/read', {
    headers: { authorization: token },
    data: { lesson: `${courseId}/${content.courses[courseId].lessons[0]}` },
  });

  await loginAs(page, 'manager@example.com');
  await expect(page).toHaveURL(/\/manager\/$/);
  const row = page.getByTestId('staff-table').getByRole('row', { name: /王小丽/ });
  await expect(row).toContainText(content.courses[courseId].title);
  await expect(row).toContainText(`已学 1/${content.courses[courseId].lessons.length} 课`);
});

test('a learner who opens the manager page is told it is not for them', async ({ page }) => {
  await loginAs(page, 'learner@example.com');
  await page.goto('/manager/');
  await expect(page.getByRole('alert')).toContainText('仅供企业管理员');
});

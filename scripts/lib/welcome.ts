/** What `npm start` and `npm run dev` print once the platform is up. */
import { DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_PASSWORD } from '../../src/lib/demo-accounts.ts';

export function printWelcome(url: string, demo: boolean, siteUrl = url): void {
  console.log(`\n质量学堂 Quality Academy is running:\n  site   ${siteUrl}/\n  API    ${url}/api/\n  admin  ${url}/_/\n`);
  if (!demo) return;
  console.log(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const u of DEMO_ACCOUNTS) console.log(`  ${u.label.padEnd(40)} ${u.email}`);
  console.log(`  ${'超级管理员 superuser (admin UI /_/)'.padEnd(40)} ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`);
  console.log('\nPress Ctrl-C to stop.\n');
}

import { usccCheckCharacter } from '../lib/uscc.ts';
import { regionChain } from '../lib/regions.ts';
import { findOne } from './http.ts';

import { DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_ENTERPRISES, DEMO_PASSWORD } from '../lib/demo-accounts.ts';

const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);

/** Creates the demo superuser, enterprises and accounts that do not exist yet (idempotent). */
export function seedDemo(app: PbApp): string[] {
  const created: string[] = [];
  const superusers = app.findCollectionByNameOrId('_superusers');
  if (!findOne(app, '_superusers', 'email = {:email}', { email: DEMO_ADMIN.email })) {
    const admin = new Record(superusers);
    admin.set('email', DEMO_ADMIN.email);
    admin.setPassword(DEMO_ADMIN.password);
    app.save(admin);
    created.push(DEMO_ADMIN.email);
  }
  const enterpriseIds: Record<string, string> = {};
  for (const [key, ent] of Object.entries(DEMO_ENTERPRISES)) {
    const uscc = withCheck(ent.usccBody);
    let record = findOne(app, 'enterprises', 'uscc = {:uscc}', { uscc });
    if (!record) {
      const chain = regionChain(ent.county)!;
      record = new Record(app.findCollectionByNameOrId('enterprises'));
      record.set('name', ent.name);
      record.set('uscc', uscc);
      record.set('county_code', chain.county);
      record.set('prefecture_code', chain.prefecture);
      record.set('province_code', chain.province);
      record.set('sector', ent.sector);
      record.set('size', ent.size);
      app.save(record);
      created.push(ent.name);
    }
    enterpriseIds[key] = record.id;
  }
  for (const account of DEMO_ACCOUNTS) {
    if (findOne(app, 'users', 'email = {:email}', { email: account.email })) continue;
    const user = new Record(app.findCollectionByNameOrId('users'));
    user.set('email', account.email);
    user.set('name', account.name);
    user.set('role', account.role);
    user.set('verified', true);
    user.setPassword(DEMO_PASSWORD);
    if (account.enterprise) user.set('enterprise', enterpriseIds[account.enterprise]);
    if (account.jurisdiction !== undefined) user.set('jurisdiction', account.jurisdiction);
    app.save(user);
    created.push(account.email);
  }
  return created;
}

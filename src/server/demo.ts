import { usccCheckCharacter } from '../lib/uscc.ts';
import { regionChain } from '../lib/regions.ts';
import { findOne } from './http.ts';

/** Demo accounts for every role. Seeded only when QA_DEMO_SEED=1 (npm start, npm run dev, tests). */
export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_ACCOUNTS = [
  { email: 'learner@example.com', name: '王小丽', role: 'learner', enterprise: 'demo-childrenswear' },
  { email: 'manager@example.com', name: '陈经理', role: 'enterprise_manager', enterprise: 'demo-childrenswear' },
  { email: 'trainer@example.com', name: '李老师', role: 'trainer' },
  { email: 'regulator.zj@example.com', name: '浙江省市场监管局', role: 'regulator', jurisdiction: '33' },
  { email: 'regulator@example.com', name: '国家市场监管总局', role: 'regulator', jurisdiction: '' },
] as const;
export const DEMO_SUPERUSER = { email: 'admin@example.com', password: 'demo-admin-2026' };

const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);
export const DEMO_ENTERPRISES = {
  'demo-childrenswear': { name: '湖州织里示范童装有限公司', uscc: withCheck('91330502MA2B3C4D5'), county: '330502', sector: '04', size: 'small' },
} as const;

export function seedDemo(app: PbApp): string[] {
  const created: string[] = [];
  const superusers = app.findCollectionByNameOrId('_superusers');
  if (!findOne(app, '_superusers', 'email = {:email}', { email: DEMO_SUPERUSER.email })) {
    const admin = new Record(superusers);
    admin.set('email', DEMO_SUPERUSER.email);
    admin.setPassword(DEMO_SUPERUSER.password);
    app.save(admin);
    created.push(DEMO_SUPERUSER.email);
  }
  const enterpriseIds: Record<string, string> = {};
  for (const [key, ent] of Object.entries(DEMO_ENTERPRISES)) {
    let record = findOne(app, 'enterprises', 'uscc = {:uscc}', { uscc: ent.uscc });
    if (!record) {
      const chain = regionChain(ent.county)!;
      record = new Record(app.findCollectionByNameOrId('enterprises'));
      record.set('name', ent.name);
      record.set('uscc', ent.uscc);
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
    if ('enterprise' in account) user.set('enterprise', enterpriseIds[account.enterprise]);
    if ('jurisdiction' in account) user.set('jurisdiction', account.jurisdiction);
    app.save(user);
    created.push(account.email);
  }
  return created;
}

/**
 * Production must not run with a demo credential (docs/security.md, rule 11): the demo superuser or any
 * account that still opens with the published demo password. The demo staff share one password hash (see
 * demo.ts), so one SQL query finds them all once a single demo account's hash is known.
 */
import { DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_PASSWORD } from '../lib/demo-accounts.ts';
import { findOne } from './http.ts';

interface AuthRecord extends PbRecord {
  validatePassword(password: string): boolean;
  refreshTokenKey(): void;
}

export interface DemoCredentials {
  superusers: AuthRecord[];
  users: string[];
}

export function findDemoCredentials(app: PbApp): DemoCredentials {
  const superusers = (app.findRecordsByFilter('_superusers', '', '', 0, 0) as AuthRecord[]).filter((s) =>
    s.validatePassword(DEMO_ADMIN.password),
  );
  const hashes = new Set<string>();
  const probes = DEMO_ACCOUNTS.map((a) => findOne(app, 'users', 'email = {:email}', { email: a.email }) as AuthRecord | null);
  probes.push(findOne(app, 'users', "email ~ 'demo.%@example.com'", {}) as AuthRecord | null);
  for (const user of probes) {
    if (!user?.validatePassword(DEMO_PASSWORD)) continue;
    const row = new DynamicModel({ password: '' });
    app.db().newQuery('SELECT password FROM users WHERE id = {:id}').bind({ id: user.id }).one(row);
    hashes.add(row.password);
  }
  const users: string[] = [];
  for (const hash of hashes) {
    const rows = arrayOf(new DynamicModel({ email: '' }));
    app.db().newQuery('SELECT email FROM users WHERE password = {:hash} ORDER BY email').bind({ hash }).all(rows);
    for (const r of rows) users.push(r.email);
  }
  // the well-known demo accounts first: they are the ones people recognise in the message
  users.sort((a, b) => Number(a.startsWith('demo.')) - Number(b.startsWith('demo.')) || a.localeCompare(b));
  return { superusers, users };
}

/** Called at serve start when demo seeding is off: throws (PocketBase then exits) if a demo credential works. */
export function refuseDemoCredentials(app: PbApp): void {
  const found = findDemoCredentials(app);
  if (!found.superusers.length && !found.users.length) return;
  const names = [...found.superusers.map((s) => `${s.getString('email')}（超级管理员）`), ...found.users.slice(0, 5)];
  const more = found.users.length > 5 ? ` 等 ${found.superusers.length + found.users.length} 个账号` : '';
  throw new Error(
    `\n拒绝以生产模式启动：数据目录里还有演示账号，用公开的演示密码就能登录：${names.join('、')}${more}。\n` +
      'Refusing to start for production (QA_DEMO=0): the data directory still holds demo credentials that open with the published demo passwords.\n' +
      '处理办法 / How to fix, either:\n' +
      '  1. 停用演示账号（删除演示超级管理员或使其密码失效，演示账号的密码改为随机值；学习记录和统计不变）/ disable them (learning records and statistics stay):\n' +
      '       bin/pocketbase demo-disable --dir=<数据目录 data dir> --hooksDir=pb_hooks --migrationsDir=pb_migrations\n' +
      '     然后建立自己的超级管理员 / then create your own superuser: bin/pocketbase superuser upsert EMAIL PASSWORD --dir=<数据目录>\n' +
      '  2. 或者换一个全新的数据目录 / or start with a fresh data directory: QA_DATA_DIR=/path/to/new/dir QA_DEMO=0 npm start\n',
  );
}

/** `pocketbase demo-disable`: deletes demo superusers (or, for the last one, makes its password unusable) and gives demo accounts an unusable random password. */
export function disableDemoCredentials(app: PbApp): string[] {
  const found = findDemoCredentials(app);
  const done: string[] = [];
  const random = () => $security.randomStringWithAlphabet(40, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  for (const s of found.superusers) {
    // PocketBase keeps at least one superuser: the last one gets an unusable password instead
    if (app.countRecords('_superusers') > 1) app.delete(s);
    else {
      s.setPassword(random());
      s.refreshTokenKey();
      app.save(s);
    }
    done.push(s.getString('email'));
  }
  let hash: unknown = null;
  for (const email of found.users) {
    const user = app.findAuthRecordByEmail('users', email) as AuthRecord;
    if (hash === null) {
      user.setPassword(random());
      hash = user.getRaw('password');
    } else {
      user.setRaw('password', hash); // a random password's hash, copied as demo.ts does: hashing 100+ times takes seconds
    }
    user.refreshTokenKey(); // signed-in sessions end
    app.save(user);
    done.push(email);
  }
  return done;
}

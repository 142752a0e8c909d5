/** Accounts for the programme's integration tests: managers and regulators made through the admin API. */
import { api, login, registerLearner, superuserToken, type Learner } from './helpers.ts';

let n = 0;

export async function makeRegulator(jurisdiction: string): Promise<string> {
  const admin = await superuserToken();
  const email = `prog.reg.${jurisdiction || 'cn'}.${Date.now()}.${n++}@example.com`;
  const created = await api('/api/collections/users/records', {
    token: admin,
    body: {
      email,
      password: 'secret-pass-1',
      passwordConfirm: 'secret-pass-1',
      name: `监管${jurisdiction || '全国'}`,
      role: 'regulator',
      jurisdiction,
    },
  });
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  return login(email, 'secret-pass-1');
}

/** A registered enterprise whose first member is promoted to enterprise manager. */
export async function makeManager(county = '330106'): Promise<Learner> {
  const learner = await registerLearner({ county });
  const admin = await superuserToken();
  const promoted = await api(`/api/collections/users/records/${learner.id}`, {
    method: 'PATCH',
    token: admin,
    body: { role: 'enterprise_manager' },
  });
  if (promoted.status !== 200) throw new Error(JSON.stringify(promoted.body));
  return learner;
}

/** A 1×1 JPEG as the browser's canvas writes it (JFIF header, no EXIF). */
export const CLEAN_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==';

/** The same JPEG with an APP1 "Exif" segment inserted after SOI, as a phone camera writes it. */
export function jpegWithExif(): string {
  const bytes = Buffer.from(CLEAN_JPEG, 'base64');
  const exif = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, 0x10]), Buffer.from('Exif\0\0GPS-TEST')]);
  return Buffer.concat([bytes.subarray(0, 2), exif, bytes.subarray(2)]).toString('base64');
}

export const completeCase = (title = '小厂用检查表减少返工（测试）') => ({
  title,
  summary: '一家小厂用简单的检查表把返工率降了一半，做法简单，成本很低。',
  business: '童装加工',
  employees: 25,
  problems: ['weak-product-quality', 'tools-hard-to-apply'],
  problemText: '出货前经常发现线头和跳针，返工多，交货常常延期，客户不满意。',
  measures: '每道工序设置检查表，班组长每两小时巡检一次并签字，每周汇总不良原因开会讨论。',
  clauses: ['8.5.1', '8.6'],
  figures: [{ metric: '返工率', unit: '%', before: '8', after: '3.5', period: '2025年上半年 对比 2026年上半年' }],
  lessons: '检查表要简单，一页纸，班组长能坚持填。',
  photos: [],
});

import { usccCheckCharacter } from '../lib/uscc.ts';
import { regionChain } from '../lib/regions.ts';
import { findOne, inTransaction } from './http.ts';
import { demoActivity } from '../lib/demo-activity.ts';
import { content } from './content.ts';
import { yearOf } from '../lib/stats/keys.ts';
import { createCompletion } from './completion.ts';
import { DEMO_ASSESSMENTS, demoAnswers } from '../lib/demo-assessments.ts';
import { scoreAnswers, toStored } from '../lib/assessment/scoring.ts';
import { seedProgrammeDemo } from './programme/demo.ts';
import { seedTrainerDemo } from './trainer/demo.ts';
import { seedCheckinDemo } from './checkin/demo.ts';

import { DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_BODIES, DEMO_ENTERPRISES, DEMO_PASSWORD } from '../lib/demo-accounts.ts';
import { seedAssistance } from './assistance/demo.ts';
import { writeSurveyAnswer } from './survey/routes.ts';

const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);

/** Creates the demo superuser, enterprises and accounts that do not exist yet (idempotent). */
export function seedDemo(app: PbApp): string[] {
  const created: string[] = [];
  const superusers = app.findCachedCollectionByNameOrId('_superusers');
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
      record = newEnterprise(app, ent);
      created.push(ent.name);
    }
    enterpriseIds[key] = record.id;
  }
  const bodyIds: Record<string, string> = {};
  for (const [key, b] of Object.entries(DEMO_BODIES)) {
    let record = findOne(app, 'cert_bodies', 'approval_number = {:n}', { n: b.approvalNumber });
    if (!record) {
      record = new Record(app.findCachedCollectionByNameOrId('cert_bodies'));
      record.set('name', b.name);
      record.set('approval_number', b.approvalNumber);
      record.set('provinces', b.provinces);
      app.save(record);
      for (const province of b.admitted) {
        const admission = new Record(app.findCachedCollectionByNameOrId('body_admissions'));
        admission.set('body', record.id);
        admission.set('province_code', province);
        admission.set('admitted', true);
        admission.set('decided_at', new Date().toISOString());
        app.save(admission);
      }
      created.push(b.name);
    }
    bodyIds[key] = record.id;
  }
  for (const account of DEMO_ACCOUNTS) {
    if (findOne(app, 'users', 'email = {:email}', { email: account.email })) continue;
    const user = new Record(app.findCachedCollectionByNameOrId('users'));
    user.set('email', account.email);
    user.set('name', account.name);
    user.set('role', account.role);
    user.set('verified', true);
    user.setPassword(DEMO_PASSWORD);
    if (account.enterprise) user.set('enterprise', enterpriseIds[account.enterprise]);
    if (account.jurisdiction !== undefined) user.set('jurisdiction', account.jurisdiction);
    if (account.body) user.set('body', bodyIds[account.body]);
    app.save(user);
    created.push(account.email);
  }
  seedActivity(app, created);
  seedAssessments(app, created);
  created.push(...seedProgrammeDemo(app));
  seedTrainerDemo(app, created);
  seedCheckinDemo(app, created);
  seedAssistance(app, bodyIds, created);
  return created;
}

function newEnterprise(app: PbApp, ent: { name: string; usccBody: string; county: string; sector: string; size: string }): PbRecord {
  const chain = regionChain(ent.county)!;
  const record = new Record(app.findCachedCollectionByNameOrId('enterprises'));
  record.set('name', ent.name);
  record.set('uscc', withCheck(ent.usccBody));
  record.set('county_code', chain.county);
  record.set('prefecture_code', chain.prefecture);
  record.set('province_code', chain.province);
  record.set('sector', ent.sector);
  record.set('size', ent.size);
  app.save(record);
  return record;
}

/** A year of demo activity across the country, so that dashboards and the public page show something. */
function seedActivity(app: PbApp, created: string[]): void {
  const activity = demoActivity(Object.keys(content().courses), new Date());
  if (findOne(app, 'enterprises', 'uscc = {:uscc}', { uscc: withCheck(activity.enterprises[0].usccBody) })) return;
  inTransaction(app, (tx) => {
    // Demo staff share the demo password; its hash is computed once and copied (hashing is deliberately slow).
    const template = tx.findAuthRecordByEmail('users', 'learner@example.com');
    const passwordHash = template.getRaw('password');
    const enterprises = new Map<string, PbRecord>();
    for (const ent of activity.enterprises) enterprises.set(ent.key, newEnterprise(tx, ent));
    const learners = new Map<string, PbRecord>();
    for (const l of activity.learners) {
      const user = new Record(tx.findCachedCollectionByNameOrId('users'));
      user.set('email', l.email);
      user.set('name', l.name);
      user.set('role', 'learner');
      user.set('verified', true);
      user.setRaw('password', passwordHash);
      user.set('enterprise', enterprises.get(l.enterprise)!.id);
      tx.save(user);
      learners.set(l.email, user);
    }
    for (const c of activity.completions)
      createCompletion(tx, learners.get(c.email)!, c.course, { channel: c.channel, at: new Date(c.at) });
    const year = yearOf(Date.now());
    for (const s of activity.surveys) {
      const ent = enterprises.get(s.enterprise)!;
      const record = new Record(tx.findCachedCollectionByNameOrId('surveys'));
      writeSurveyAnswer(record, ent, year, s);
      tx.save(record);
    }
  });
  created.push(
    `${activity.enterprises.length} demo enterprises, ${activity.learners.length} learners, ${activity.completions.length} completions, ${activity.surveys.length} surveys`,
  );
}

/** Submitted self-assessments for the demo accounts (once: skipped when the demo manager has any). */
function seedAssessments(app: PbApp, created: string[]): void {
  const q = content().assessment;
  if (!q) return;
  const manager = findOne(app, 'users', 'email = {:email}', { email: 'manager@example.com' });
  if (!manager || findOne(app, 'assessments', 'taken_by = {:user}', { user: manager.id })) return;
  let count = 0;
  inTransaction(app, (tx) => {
    for (const demo of DEMO_ASSESSMENTS) {
      const user = findOne(tx, 'users', 'email = {:email}', { email: demo.email });
      if (!user) continue;
      const answers = demoAnswers(q, demo.seed, demo.lift);
      const scores = toStored(scoreAnswers(q, answers));
      const at = new Date(Date.now() - demo.daysAgo * 86_400_000).toISOString().replace('T', ' ');
      const record = new Record(tx.findCachedCollectionByNameOrId('assessments'));
      record.set('taken_by', user.id);
      record.set('enterprise', user.getString('enterprise'));
      record.set('scope', user.getString('role') === 'enterprise_manager' ? 'enterprise' : 'personal');
      record.set('kind', demo.kind);
      record.set('status', 'submitted');
      record.set('answers', answers);
      record.set('scores', scores);
      record.set('overall', scores.overall);
      record.set('questions_version', q.version);
      record.set('submitted_at', at);
      tx.save(record);
      count++;
    }
  });
  created.push(`${count} demo self-assessments`);
}

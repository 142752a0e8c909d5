/**
 * Demo assistances among the demo activity's enterprises, so that the regulator's numbers show something on
 * a fresh `npm start`. Seeded once (when no assistance exists yet); the demo manager's own enterprise is
 * left free so that anyone can walk through applying.
 */
import { findOne, inTransaction } from '../http.ts';
import { appendHistory } from './lifecycle.ts';

const DAY = 86_400_000;

export function seedAssistance(app: PbApp, bodyIds: Record<string, string>, created: string[]): void {
  if (findOne(app, 'assistances', "id != ''", {})) return;
  const expertA = findOne(app, 'users', 'email = {:e}', { e: 'expert@example.com' });
  const expertB = findOne(app, 'users', 'email = {:e}', { e: 'expert.b@example.com' });
  if (!expertA || !expertB) return;
  const enterprises = app.findRecordsByFilter('enterprises', "name ~ '演示数据' && (province_code = '33' || province_code = '31')", 'uscc', 0, 0);
  let count = 0;
  inTransaction(app, (tx) => {
    enterprises.forEach((ent, i) => {
      const expert = ent.getString('province_code') === '31' || i % 2 ? expertB : expertA;
      const bodyId = expert.getString('body');
      if (!bodyId || !Object.values(bodyIds).includes(bodyId)) return;
      const accepted = new Date(Date.now() - (60 + i * 7) * DAY);
      const record = new Record(tx.findCachedCollectionByNameOrId('assistances'));
      record.set('enterprise', ent.id);
      record.set('body', bodyId);
      record.set('expert', expert.id);
      record.set('origin', i % 3 ? 'enterprise' : 'body');
      for (const field of ['province_code', 'prefecture_code', 'county_code', 'sector']) record.set(field, ent.getString(field));
      record.set('accepted_at', accepted.toISOString());
      const closed = i % 2 === 0;
      record.set('state', closed ? 'closed' : 'active');
      if (closed) record.set('finished_at', new Date(accepted.getTime() + 45 * DAY).toISOString());
      appendHistory(record, { action: 'accept', from: 'requested', to: 'active', by: expert.id, byName: expert.getString('name'), side: 'body' });
      tx.save(record);
      // One confirmed visit per assistance, some long ago (overdue follow-up shows up), some recent.
      const visit = new Record(tx.findCachedCollectionByNameOrId('assistance_visits'));
      const visitDate = new Date(accepted.getTime() + (i % 3 === 1 ? 5 : 40) * DAY);
      visit.set('assistance', record.id);
      visit.set('expert', expert.id);
      visit.set('visit_date', new Date(visitDate.getTime() + 8 * 3600_000).toISOString().slice(0, 10));
      visit.set('mode', i % 2 ? 'remote' : 'site');
      visit.set('checked', '检查质量手册和程序文件的落实情况，抽查进货检验记录');
      visit.set('measures', []);
      visit.set('next_step', '下次回访检查内审计划');
      visit.set('confirmation', 'confirmed');
      visit.set('confirmed_at', visitDate.toISOString());
      tx.save(visit);
      count++;
    });
  });
  if (count) created.push(`${count} demo assistances`);
}

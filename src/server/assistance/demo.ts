/**
 * Demo assistances among the demo activity's enterprises (one county per province, two enterprises each),
 * so that a fresh `npm start` shows every state: applications with and without a body, a proposal waiting
 * for the enterprise, active assistances (followed up recently, or overdue), and closed ones. Seeded once
 * (when no assistance exists yet); the demo manager's own enterprise is left free to walk through applying.
 */
import { findOne, inTransaction } from '../http.ts';
import type { AssistanceState } from '../../lib/assistance/state-machine.ts';
import { appendHistory } from './lifecycle.ts';

const DAY = 86_400_000;

interface Plan {
  province: string;
  index: number;
  expert: 'a' | 'b' | null;
  state: AssistanceState;
  acceptedDaysAgo?: number;
  visitDaysAgo?: number;
  closedDaysAgo?: number;
}

const PLANS: Plan[] = [
  { province: '33', index: 0, expert: 'a', state: 'active', acceptedDaysAgo: 50, visitDaysAgo: 6 },
  { province: '33', index: 1, expert: null, state: 'requested' }, // waiting for the regulator to assign a body
  { province: '32', index: 0, expert: 'a', state: 'active', acceptedDaysAgo: 90, visitDaysAgo: 41 }, // overdue
  { province: '32', index: 1, expert: 'a', state: 'closed', acceptedDaysAgo: 150, visitDaysAgo: 70, closedDaysAgo: 60 },
  { province: '44', index: 0, expert: 'a', state: 'proposed' },
  { province: '44', index: 1, expert: 'a', state: 'active', acceptedDaysAgo: 45 }, // overdue: never visited
  { province: '31', index: 0, expert: 'b', state: 'active', acceptedDaysAgo: 30, visitDaysAgo: 3 },
  { province: '31', index: 1, expert: 'b', state: 'closed', acceptedDaysAgo: 120, visitDaysAgo: 40, closedDaysAgo: 35 },
];

const beijingDay = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);

export function seedAssistance(app: PbApp, _bodyIds: Record<string, string>, created: string[]): void {
  if (findOne(app, 'assistances', "id != ''", {})) return;
  const experts = {
    a: findOne(app, 'users', 'email = {:e}', { e: 'expert@example.com' }),
    b: findOne(app, 'users', 'email = {:e}', { e: 'expert.b@example.com' }),
  };
  if (!experts.a || !experts.b) return;
  const now = Date.now();
  let count = 0;
  inTransaction(app, (tx) => {
    for (const plan of PLANS) {
      const enterprises = tx.findRecordsByFilter('enterprises', "name ~ '演示数据' && province_code = {:p}", 'uscc', 2, 0, {
        p: plan.province,
      });
      const ent = enterprises[plan.index];
      if (!ent) continue;
      const expert = plan.expert ? experts[plan.expert]! : null;
      const record = new Record(tx.findCachedCollectionByNameOrId('assistances'));
      record.set('enterprise', ent.id);
      record.set('body', expert ? expert.getString('body') : '');
      record.set('expert', expert && plan.state !== 'requested' ? expert.id : '');
      record.set('origin', plan.state === 'proposed' || plan.index === 1 ? 'body' : 'enterprise');
      record.set('state', plan.state);
      for (const field of ['province_code', 'prefecture_code', 'county_code', 'sector']) record.set(field, ent.getString(field));
      if (plan.acceptedDaysAgo !== undefined) record.set('accepted_at', new Date(now - plan.acceptedDaysAgo * DAY).toISOString());
      if (plan.closedDaysAgo !== undefined) record.set('finished_at', new Date(now - plan.closedDaysAgo * DAY).toISOString());
      const by = expert ?? experts.a!;
      appendHistory(record, {
        action: plan.state === 'proposed' ? 'propose' : 'apply',
        from: null,
        to: plan.state === 'proposed' ? 'proposed' : 'requested',
        by: by.id,
        byName: by.getString('name'),
        side: plan.state === 'proposed' ? 'body' : 'enterprise',
      });
      if (plan.acceptedDaysAgo !== undefined)
        appendHistory(record, { action: 'accept', from: 'requested', to: 'active', by: by.id, byName: by.getString('name'), side: 'body' });
      if (plan.state === 'closed')
        appendHistory(record, { action: 'close', from: 'active', to: 'closed', by: by.id, byName: by.getString('name'), side: 'body' });
      tx.save(record);
      if (expert && plan.visitDaysAgo !== undefined) {
        const visit = new Record(tx.findCachedCollectionByNameOrId('assistance_visits'));
        visit.set('assistance', record.id);
        visit.set('expert', expert.id);
        visit.set('visit_date', beijingDay(now - plan.visitDaysAgo * DAY));
        visit.set('mode', plan.index ? 'remote' : 'site');
        visit.set('checked', '检查质量手册和程序文件的落实情况，抽查进货检验记录');
        visit.set('measures', []);
        visit.set('next_step', '下次回访检查内审计划');
        visit.set('confirmation', 'confirmed');
        visit.set('confirmed_at', new Date(now - plan.visitDaysAgo * DAY).toISOString());
        tx.save(visit);
      }
      count++;
    }
  });
  if (count) created.push(`${count} demo assistances`);
}

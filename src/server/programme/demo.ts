/** Seeds the demo policies, organising records and cases (src/lib/demo-programme.ts), once. */
import { DEMO_CASES, DEMO_POLICIES, DEMO_RECORDS } from '../../lib/demo-programme.ts';
import { transition, type Actor, type CaseState, type HistoryEntry } from '../../lib/cases/workflow.ts';
import { DEMO_ENTERPRISES } from '../../lib/demo-accounts.ts';
import { usccCheckCharacter } from '../../lib/uscc.ts';
import { findOne, inTransaction } from '../http.ts';
import { caseSlug } from './cases.ts';

const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);

function enterpriseFor(app: PbApp, key: string): PbRecord | null {
  const demo = DEMO_ENTERPRISES[key];
  if (demo) return findOne(app, 'enterprises', 'uscc = {:uscc}', { uscc: withCheck(demo.usccBody) });
  // demo-activity enterprises "demo-<county>-<n>": the n-th demo enterprise of the county, in credit-code order
  const m = /^demo-(\d{6})-(\d)$/.exec(key);
  if (!m) return null;
  const rows = app.findRecordsByFilter('enterprises', "county_code = {:county} && name ~ '演示数据'", 'uscc', 0, 0, { county: m[1] });
  return rows[Number(m[2])] ?? null;
}

export function seedProgrammeDemo(app: PbApp): string[] {
  if (findOne(app, 'policies', 'illustrative = true', {})) return [];
  const national = findOne(app, 'users', 'email = {:email}', { email: 'regulator@example.com' });
  const manager = findOne(app, 'users', 'email = {:email}', { email: 'manager@example.com' });
  let cases = 0;
  inTransaction(app, (tx) => {
    for (const p of DEMO_POLICIES) {
      const r = new Record(tx.findCachedCollectionByNameOrId('policies'));
      r.set('title', p.title);
      r.set('authority', p.authority);
      r.set('region', p.region);
      r.set('doc_number', p.docNumber);
      r.set('type', p.type);
      r.set('issued_on', p.issuedOn);
      r.set('valid_until', p.validUntil);
      r.set('eligibility', p.eligibility);
      r.set('benefit', p.benefit);
      r.set('how_to_apply', p.howToApply);
      r.set('link', p.link);
      r.set('illustrative', true);
      tx.save(r);
    }
    for (const rec of DEMO_RECORDS) {
      const r = new Record(tx.findCachedCollectionByNameOrId('programme_records'));
      r.set('region', rec.region);
      r.set('kind', rec.kind);
      r.set('title', rec.title);
      r.set('held_on', rec.heldOn);
      r.set('doc_number', rec.docNumber ?? '');
      r.set('illustrative', true);
      tx.save(r);
    }
    const now = Date.now();
    for (const c of DEMO_CASES) {
      const enterprise = enterpriseFor(tx, c.enterprise);
      if (!enterprise) continue;
      const province = enterprise.getString('province_code');
      const author: Actor =
        c.enterprise === 'demo-childrenswear' && manager
          ? { id: manager.id, name: manager.getString('name'), role: 'enterprise_manager', enterprise: enterprise.id }
          : { id: '', name: `${enterprise.getString('name')}管理员`, role: 'enterprise_manager', enterprise: enterprise.id };
      const provincial: Actor = { id: '', name: '省级市场监管局（示例）', role: 'regulator', jurisdiction: province };
      const ministry: Actor = { id: national?.id ?? '', name: '国家市场监管总局', role: 'regulator', jurisdiction: '' };
      const r = new Record(tx.findCachedCollectionByNameOrId('case_submissions'));
      let state: CaseState = 'draft';
      let decidedAt = new Date(now);
      const history: HistoryEntry[] = [];
      for (const step of c.steps) {
        const actor = step.action === 'submit' ? author : step.action === 'select' || step.action === 'decline' ? ministry : provincial;
        const at = new Date(now - step.daysAgo * 86_400_000);
        const next = transition(actor, step.action, { state, enterprise: enterprise.id, province }, step.comment ?? '', at);
        state = next.state;
        history.push(next.entry);
        if (step.action === 'submit') r.set('submitted_at', at.toISOString());
        if (step.action === 'recommend') r.set('recommended_at', at.toISOString());
        if (step.action === 'select' || step.action === 'decline') {
          r.set('decided_at', at.toISOString());
          decidedAt = at;
        }
      }
      r.set('enterprise', enterprise.id);
      if (author.id) r.set('author', author.id);
      r.set('author_name', author.name);
      r.set('state', state);
      for (const f of ['province_code', 'prefecture_code', 'county_code']) r.set(f, enterprise.getString(f));
      r.set('sector', enterprise.getString('sector'));
      r.set('profile', {
        enterpriseName: enterprise.getString('name'),
        province,
        prefecture: enterprise.getString('prefecture_code'),
        county: enterprise.getString('county_code'),
        sector: enterprise.getString('sector'),
        size: enterprise.getString('size'),
      });
      r.set('content', c.content);
      r.set('title', c.content.title);
      r.set('history', history);
      r.set('illustrative', true);
      tx.save(r);
      if (state === 'selected') {
        r.set('slug', caseSlug(r, decidedAt));
        tx.save(r);
      }
      cases += 1;
    }
  });
  return [`${DEMO_POLICIES.length} demo policies, ${DEMO_RECORDS.length} organising records, ${cases} cases`];
}

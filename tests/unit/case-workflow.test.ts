import { describe, expect, it } from 'vitest';
import {
  availableActions,
  refusal,
  transition,
  visibleToRegulator,
  type Actor,
  type CaseAction,
  type CaseRef,
  type CaseState,
} from '../../src/lib/cases/workflow.ts';
import { checkCase, normaliseCase, describeFigure } from '../../src/lib/cases/case-content.ts';
import { DEMO_CASES } from '../../src/lib/demo-programme.ts';

const manager: Actor = { id: 'm1', name: '陈经理', role: 'enterprise_manager', enterprise: 'e1' };
const otherManager: Actor = { id: 'm2', name: '别家', role: 'enterprise_manager', enterprise: 'e2' };
const expert: Actor = { id: 'x1', name: '专家', role: 'expert', assists: ['e1'] };
const zj: Actor = { id: 'r33', name: '浙江省局', role: 'regulator', jurisdiction: '33' };
const huzhou: Actor = { id: 'r3305', name: '湖州市局', role: 'regulator', jurisdiction: '3305' };
const gd: Actor = { id: 'r44', name: '广东省局', role: 'regulator', jurisdiction: '44' };
const ministry: Actor = { id: 'r0', name: '总局', role: 'regulator', jurisdiction: '' };
const at = new Date('2026-06-01T02:00:00Z');

function run(steps: [Actor, CaseAction, string?][]): { state: CaseState; history: ReturnType<typeof transition>['entry'][] } {
  let c: CaseRef = { state: 'draft', enterprise: 'e1', province: '33' };
  const history = [];
  for (const [actor, action, comment] of steps) {
    const next = transition(actor, action, c, comment ?? '', at);
    c = { ...c, state: next.state };
    history.push(next.entry);
  }
  return { state: c.state, history };
}

describe('case workflow', () => {
  it('draft → submitted → returned → submitted → recommended → selected, recording who and when', () => {
    const result = run([
      [manager, 'submit'],
      [zj, 'return', '请补充数据'],
      [manager, 'save'],
      [manager, 'submit'],
      [zj, 'recommend'],
      [ministry, 'select'],
    ]);
    expect(result.state).toBe('selected');
    expect(result.history.map((h) => `${h.from}>${h.to}`)).toEqual([
      'draft>submitted',
      'submitted>returned',
      'returned>returned',
      'returned>submitted',
      'submitted>recommended',
      'recommended>selected',
    ]);
    expect(result.history[1]).toMatchObject({ by: 'r33', byName: '浙江省局', comment: '请补充数据', at: '2026-06-01T02:00:00.000Z' });
  });
  it('only the provincial regulator of the case province reviews; only the ministry selects', () => {
    const submitted: CaseRef = { state: 'submitted', enterprise: 'e1', province: '33' };
    expect(refusal(gd, 'recommend', submitted)?.status).toBe(403);
    expect(refusal(huzhou, 'recommend', submitted)?.status).toBe(403);
    expect(refusal(ministry, 'recommend', submitted)?.status).toBe(403);
    expect(refusal(zj, 'recommend', submitted)).toBeNull();
    expect(refusal(zj, 'select', { ...submitted, state: 'recommended' })?.status).toBe(403);
    expect(refusal(ministry, 'select', submitted)?.status).toBe(409);
  });
  it('returning and declining need a comment', () => {
    expect(refusal(zj, 'return', { state: 'submitted', enterprise: 'e1', province: '33' })?.status).toBe(400);
    expect(refusal(ministry, 'decline', { state: 'recommended', enterprise: 'e1', province: '33' }, ' ')?.status).toBe(400);
    expect(refusal(ministry, 'decline', { state: 'recommended', enterprise: 'e1', province: '33' }, '数据不足')).toBeNull();
  });
  it('authors are the enterprise manager and an expert assisting that enterprise', () => {
    const draft: CaseRef = { state: 'draft', enterprise: 'e1', province: '33' };
    expect(availableActions(manager, draft)).toEqual(['save', 'submit']);
    expect(availableActions(expert, draft)).toEqual(['save', 'submit']);
    expect(availableActions(otherManager, draft)).toEqual([]);
    expect(availableActions(manager, { ...draft, state: 'submitted' })).toEqual([]);
    expect(availableActions(manager, { ...draft, state: 'selected' })).toEqual([]);
    expect(() => transition(manager, 'recommend', { ...draft, state: 'submitted' }, '', at)).toThrow();
  });
  it('regulators see submitted cases in their area; the ministry only what provinces recommended', () => {
    expect(visibleToRegulator('draft', '33')).toBe(false);
    expect(visibleToRegulator('submitted', '33')).toBe(true);
    expect(visibleToRegulator('submitted', '')).toBe(false);
    expect(visibleToRegulator('recommended', '')).toBe(true);
  });
});

describe('case content', () => {
  it('saves any partial draft but needs every part to submit', () => {
    const partial = normaliseCase({ title: '半成品', figures: [{ metric: '合格率' }] });
    expect(checkCase(partial, false)).toEqual({});
    const errors = checkCase(partial, true);
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining([
        'summary',
        'problems',
        'measures',
        'clauses',
        'lessons',
        'figures.0.unit',
        'figures.0.before',
        'figures.0.period',
      ]),
    );
  });
  it('refuses unknown clauses and non-numeric figures even in drafts', () => {
    const c = normaliseCase({ clauses: ['8.5.1', '11.2'], figures: [{ metric: '合格率', before: '九成', after: '95' }] });
    const errors = checkCase(c, false);
    expect(errors.clauses).toContain('11.2');
    expect(errors['figures.0.before']).toBeDefined();
  });
  it('describes a change with its unit and percentage', () => {
    expect(describeFigure({ metric: '合格率', unit: '%', before: '80', after: '92', period: '' })).toBe('80 → 92 %（+15.0%）');
  });
  it('demo cases that left the draft stage are complete', () => {
    for (const c of DEMO_CASES.filter((d) => d.steps.length))
      expect(checkCase(normaliseCase({ ...c.content }), true), c.content.title).toEqual({});
  });
});

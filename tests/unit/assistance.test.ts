import { describe, expect, it } from 'vitest';
import { checkApprovalNumber } from '../../src/lib/assistance/approval-number.ts';
import { transition, type AssistanceAction, type AssistanceState, type Side } from '../../src/lib/assistance/state-machine.ts';
import { DEFAULT_FOLLOWUP_DAYS, followUpDays, followUpStatus } from '../../src/lib/assistance/overdue.ts';
import { helpedEnterprises, helpedInPeriod, periodRange } from '../../src/lib/assistance/helped.ts';
import { checkCertifier } from '../../src/lib/assistance/impartiality.ts';
import { assignmentOverdue, planProgress, validMeasure } from '../../src/lib/assistance/plan.ts';
import { parsePeriod } from '../../src/lib/stats/keys.ts';
import { percentage } from '../../src/lib/stats/percent.ts';
import { figuresTable, helpedListTable } from '../../src/lib/assistance/tables.ts';
import { flattenTable } from '../../src/lib/stats/export.ts';

describe('approval numbers of certification bodies', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('accepts CNCA-R-YYYY-NNN and normalises what people type', () => {
    expect(checkApprovalNumber('CNCA-R-2002-001', now)).toEqual({ ok: true, value: 'CNCA-R-2002-001', year: 2002 });
    expect(checkApprovalNumber(' cnca－r－2016－118 ', now)).toMatchObject({ ok: true, value: 'CNCA-R-2016-118' });
  });
  it.each([
    ['', '请填写'],
    ['CNCA-2002-001', '格式不对'],
    ['CNCA-R-02-001', '格式不对'],
    ['CNCA-R-2002-01', '格式不对'],
    ['CNAS-R-2002-001', '格式不对'],
    ['CNCA-R-1999-001', '年份 1999'],
    ['CNCA-R-2031-001', '年份 2031'],
    ['CNCA-R-2010-000', '000'],
  ])('refuses %s with a message a person understands', (input, part) => {
    const result = checkApprovalNumber(input, now);
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toContain(part);
  });
});

describe('assistance state machine: voluntary on both sides', () => {
  const step = (
    state: AssistanceState | null,
    action: AssistanceAction,
    side: Side,
    extra: Partial<Parameters<typeof transition>[0]> = {},
  ) => transition({ state, action, side, hasBody: true, ...extra });

  it('an application becomes active only when the body accepts it', () => {
    expect(step(null, 'apply', 'enterprise')).toEqual({ ok: true, next: 'requested' });
    expect(step('requested', 'accept', 'enterprise').ok).toBe(false);
    expect(step('requested', 'accept', 'body', { hasBody: false }).ok).toBe(false);
    expect(step('requested', 'accept', 'body')).toEqual({ ok: true, next: 'active' });
  });
  it('a proposal becomes active only when the enterprise accepts it', () => {
    expect(step(null, 'propose', 'body')).toEqual({ ok: true, next: 'proposed' });
    expect(step(null, 'propose', 'enterprise').ok).toBe(false);
    expect(step('proposed', 'accept', 'body').ok).toBe(false);
    expect(step('proposed', 'accept', 'regulator').ok).toBe(false);
    expect(step('proposed', 'accept', 'enterprise')).toEqual({ ok: true, next: 'active' });
  });
  it('the regulator assigns a body to an application but cannot accept, decline or end for anyone', () => {
    expect(step('requested', 'assign', 'regulator')).toEqual({ ok: true, next: 'requested' });
    expect(step('proposed', 'assign', 'regulator').ok).toBe(false);
    expect(step('requested', 'assign', 'body').ok).toBe(false);
    expect(step('requested', 'decline', 'regulator').ok).toBe(false);
    expect(step('active', 'end', 'regulator', { reason: '不需要了' }).ok).toBe(false);
  });
  it('either side ends an active assistance, with a reason', () => {
    expect(step('active', 'end', 'enterprise', { reason: '' })).toMatchObject({ ok: false, message: expect.stringContaining('原因') });
    expect(step('active', 'end', 'enterprise', { reason: '企业停产' })).toEqual({ ok: true, next: 'ended' });
    expect(step('active', 'end', 'body', { reason: '专家调离' })).toEqual({ ok: true, next: 'ended' });
  });
  it('closing needs the expert and at least one confirmed follow-up', () => {
    expect(step('active', 'close', 'body', { confirmedVisits: 0 })).toMatchObject({ ok: false, message: expect.stringContaining('确认') });
    expect(step('active', 'close', 'enterprise', { confirmedVisits: 2 }).ok).toBe(false);
    expect(step('active', 'close', 'body', { confirmedVisits: 1 })).toEqual({ ok: true, next: 'closed' });
  });
  it('final states do not move, and nothing is applied twice', () => {
    for (const state of ['closed', 'ended', 'declined'] as const) {
      for (const action of ['accept', 'decline', 'end', 'close', 'assign'] as const)
        expect(step(state, action, 'body', { reason: 'x y', confirmedVisits: 3 }).ok).toBe(false);
    }
    expect(step('active', 'apply', 'enterprise').ok).toBe(false);
    expect(step('active', 'accept', 'enterprise').ok).toBe(false);
    expect(step('active', 'decline', 'enterprise').ok).toBe(false);
  });
});

describe('overdue follow-up', () => {
  const now = new Date('2026-06-30T12:00:00Z');
  it('counts from the last confirmed contact, or from acceptance', () => {
    expect(followUpStatus({ state: 'active', acceptedAt: '2026-05-01T00:00:00Z', lastConfirmedVisit: null }, 30, now)).toMatchObject({
      overdue: true,
      daysSince: 60,
    });
    expect(
      followUpStatus({ state: 'active', acceptedAt: '2026-05-01T00:00:00Z', lastConfirmedVisit: '2026-06-10T00:00:00+08:00' }, 30, now),
    ).toMatchObject({ overdue: false, daysSince: 20 });
    expect(
      followUpStatus({ state: 'active', acceptedAt: '2026-05-01T00:00:00Z', lastConfirmedVisit: '2026-06-10T00:00:00+08:00' }, 14, now)
        .overdue,
    ).toBe(true);
  });
  it('is exactly N days: the day after the Nth is overdue, the Nth is not', () => {
    const accepted = '2026-05-31T12:00:00Z';
    expect(followUpStatus({ state: 'active', acceptedAt: accepted, lastConfirmedVisit: null }, 30, now).overdue).toBe(false);
    expect(
      followUpStatus({ state: 'active', acceptedAt: accepted, lastConfirmedVisit: null }, 30, new Date('2026-06-30T12:00:01Z')).overdue,
    ).toBe(true);
  });
  it('only active assistances can be overdue; N comes from the programme with a sane default', () => {
    expect(followUpStatus({ state: 'closed', acceptedAt: '2020-01-01T00:00:00Z', lastConfirmedVisit: null }, 30, now).overdue).toBe(false);
    expect(followUpDays(45)).toBe(45);
    expect(followUpDays('junk')).toBe(DEFAULT_FOLLOWUP_DAYS);
    expect(followUpDays(0)).toBe(DEFAULT_FOLLOWUP_DAYS);
  });
});

describe('helped enterprises (帮扶企业数): from the record, in Beijing-time periods', () => {
  const range = (key: string) => periodRange(parsePeriod(key)!);
  it('cuts periods at Beijing midnight', () => {
    expect(range('2026-02')).toEqual({ start: new Date('2026-01-31T16:00:00Z'), end: new Date('2026-02-28T16:00:00Z') });
    expect(range('2026-Q4')!.end).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(range('all')).toBeNull();
  });
  it('counts an assistance accepted at 23:30 UTC on 31 January in February', () => {
    const a = { enterprise: 'e1', acceptedAt: '2026-01-31T23:30:00Z', finishedAt: null };
    expect(helpedInPeriod(a, range('2026-01'))).toBe(false);
    expect(helpedInPeriod(a, range('2026-02'))).toBe(true);
  });
  it('counts enterprises whose accepted assistance was in force during the period, once each', () => {
    const records = [
      { enterprise: 'a', acceptedAt: '2025-11-10T00:00:00Z', finishedAt: null }, // running since last year
      { enterprise: 'b', acceptedAt: '2026-03-10T00:00:00Z', finishedAt: '2026-05-01T00:00:00Z' },
      { enterprise: 'b', acceptedAt: '2026-06-10T00:00:00Z', finishedAt: null }, // second assistance, same enterprise
      { enterprise: 'c', acceptedAt: '2025-01-10T00:00:00Z', finishedAt: '2025-12-01T00:00:00Z' }, // over before 2026
      { enterprise: 'd', acceptedAt: null, finishedAt: null }, // never accepted: proposals and applications do not count
    ];
    expect([...helpedEnterprises(records, range('2026'))].sort()).toEqual(['a', 'b']);
    expect([...helpedEnterprises(records, range('2026-04'))].sort()).toEqual(['a', 'b']);
    expect([...helpedEnterprises(records, range('2026-05'))].sort()).toEqual(['a', 'b']);
    expect([...helpedEnterprises(records, range('2026-06'))].sort()).toEqual(['a', 'b']);
    expect([...helpedEnterprises(records, range('2025'))].sort()).toEqual(['a', 'c']);
    expect(helpedEnterprises(records, null).size).toBe(3);
  });
  it('reproduces the report counts with the platform rule (half up), not the report truncation', () => {
    expect(percentage(5498, 5639)).toMatchObject({ numerator: 5498, denominator: 5639, text: '97.50%' });
    expect(percentage(5407, 5639)).toMatchObject({ numerator: 5407, denominator: 5639, text: '95.89%' });
  });
});

describe('impartiality', () => {
  it('refuses to record the helping body as the certifier, and says why', () => {
    const result = checkCertifier('b1', 'b1', '示范认证中心');
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toContain('公正性');
    expect(checkCertifier('b1', 'b2').ok).toBe(true);
    expect(checkCertifier('b1', '').ok).toBe(true);
  });
});

describe('the plan', () => {
  const known = { lesson: (id: string) => id === 'c/l1', caseStudy: (id: string) => id === 'case-a' };
  it('validates a measure field by field', () => {
    expect(
      validMeasure({ title: '建立进货检验记录', owner: '张师傅', targetDate: '2026-07-31', lessons: ['c/l1'], cases: ['case-a'] }, known),
    ).toMatchObject({ ok: true, value: { status: 'planned' } });
    const bad = validMeasure({ title: 'x', owner: '', targetDate: '2026-02-30', status: 'maybe', lessons: ['nope'] }, known);
    expect(bad.ok).toBe(false);
    expect(Object.keys((bad as { errors: object }).errors).sort()).toEqual(['lessons', 'owner', 'status', 'targetDate', 'title']);
  });
  it('an assignment is overdue after its due day ends in Beijing', () => {
    expect(assignmentOverdue('2026-06-30', false, new Date('2026-06-30T15:59:59Z'))).toBe(false);
    expect(assignmentOverdue('2026-06-30', false, new Date('2026-06-30T16:00:00Z'))).toBe(true);
    expect(assignmentOverdue('2026-06-30', true, new Date('2026-08-01T00:00:00Z'))).toBe(false);
  });
  it('progress counts done measures, leaving dropped ones out', () => {
    expect(planProgress(['done', 'planned', 'dropped', 'in_progress', 'done'])).toEqual({ done: 2, total: 4 });
  });
});

describe('regulator tables', () => {
  it('keep numerator and denominator, and leave withheld shares empty', () => {
    const row = {
      code: '3305',
      name: '湖州市',
      helped: 7,
      completed: 2,
      overdue: 1,
      surveyed: 3,
      responseRate: percentage(3, 7),
      satisfied: null,
      clearEffect: null,
      followUpSatisfied: null,
      needsGovernmentSupport: null,
    };
    const flat = flattenTable(figuresTable('assistance-regions', '按地区', '地区', [row]));
    expect(flat.rows[0]).toEqual(['3305', '湖州市', 7, 2, 1, 42.86, 3, 7, '', '', '', '', '', '', '', '', '', '', '', '']);
  });
  it('list only names and status', () => {
    const flat = flattenTable(
      helpedListTable([
        {
          enterprise: '甲公司',
          region: '吴兴区',
          county: '330502',
          body: '示范认证',
          stateLabel: '帮扶中',
          acceptedAt: '2026-01-31 23:30:00.000Z',
          finishedAt: '',
          lastConfirmedVisit: '2026-02-10',
          overdue: true,
        },
      ]),
    );
    expect(flat.rows[0]).toEqual(['甲公司', '330502', '吴兴区', '示范认证', '帮扶中', '2026-02-01', '', '2026-02-10', '是']);
  });
});

import { describe, expect, it } from 'vitest';
import { monthOf, monthsIn, parseMonthRange } from '../../src/lib/stats/period.ts';

describe('reporting periods', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it('defaults to the whole programme up to this month', () => {
    expect(parseMonthRange(undefined, undefined, now)).toEqual({ ok: true, range: { from: '2020-01', to: '2026-11' } });
  });
  it('rejects malformed months and reversed ranges with the field name', () => {
    expect(parseMonthRange('2026-13', undefined, now)).toMatchObject({ ok: false, field: 'from' });
    expect(parseMonthRange('2026-01', '26-02', now)).toMatchObject({ ok: false, field: 'to' });
    expect(parseMonthRange('2026-05', '2026-01', now)).toMatchObject({ ok: false, field: 'from' });
  });
  it('lists the months of a range across a year end', () => {
    expect(monthsIn({ from: '2025-11', to: '2026-02' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthOf(new Date('2026-01-31T23:00:00Z'))).toBe('2026-01');
  });
});

import { describe, expect, it } from 'vitest';
import { checkRange, defaultRange, formatChange, rangeBounds, sameRangeLastYear, yearOnYear } from '../../src/lib/stats/date-range.ts';
import { rangeTable } from '../../src/lib/stats/range-table.ts';
import { staffProgressFileName, staffProgressTable } from '../../src/lib/manager/progress-table.ts';
import { enterpriseListTable } from '../../src/lib/stats/enterprise-list.ts';
import { tablesToCsv } from '../../src/lib/stats/export.ts';

// 2026-12-01 01:00 UTC = 09:00 in Beijing
const now = Date.UTC(2026, 11, 1, 1);

describe('custom date ranges', () => {
  it('accepts whole Beijing days up to today and counts them inclusively', () => {
    expect(checkRange('2026-01-01', '2026-12-01', now)).toEqual({ ok: true, range: { from: '2026-01-01', to: '2026-12-01' }, days: 335 });
    expect(checkRange(' 2026-03-01 ', '2026-03-01', now)).toMatchObject({ ok: true, days: 1 });
  });
  it('explains every bad range in Chinese, on the field to fix', () => {
    expect(checkRange('', '2026-01-01', now)).toMatchObject({ ok: false, field: 'from', code: 'required' });
    expect(checkRange('2026-02-29', '2026-03-01', now)).toMatchObject({ ok: false, field: 'from', code: 'invalid_date' });
    expect(checkRange('2026/01/01', '2026-03-01', now)).toMatchObject({ ok: false, field: 'from', code: 'invalid_date' });
    expect(checkRange('2026-03-02', '2026-03-01', now)).toMatchObject({
      ok: false,
      field: 'to',
      code: 'before_start',
      message: '结束日期不能早于开始日期',
    });
    // "today" is the Beijing date: 2 December is still the future at 09:00 on 1 December in Beijing
    expect(checkRange('2026-11-01', '2026-12-02', now)).toMatchObject({ ok: false, field: 'to', code: 'in_future' });
    expect(checkRange('2019-12-31', '2020-02-01', now)).toMatchObject({ ok: false, field: 'from', code: 'too_early' });
    expect(checkRange('2020-01-01', '2026-12-01', now)).toMatchObject({ ok: false, field: 'to', code: 'too_long' });
  });
  it('defaults to this year so far, in Beijing days', () => {
    expect(defaultRange(Date.UTC(2026, 11, 31, 17))).toEqual({ from: '2027-01-01', to: '2027-01-01' }); // 01:00 on 1 January in Beijing
    expect(defaultRange(now)).toEqual({ from: '2026-01-01', to: '2026-12-01' });
  });
  it('turns Beijing days into UTC instants and the months that hold them', () => {
    expect(rangeBounds({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      start: '2026-02-28 16:00:00.000Z',
      end: '2026-03-31 16:00:00.000Z',
      firstMonth: '2026-03',
      lastMonth: '2026-03',
    });
    expect(rangeBounds({ from: '2025-12-31', to: '2025-12-31' }).end).toBe('2025-12-31 16:00:00.000Z');
  });
  it('compares with the same days one year earlier; 29 February becomes 28 February', () => {
    expect(sameRangeLastYear({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2025-03-01', to: '2025-03-31' });
    expect(sameRangeLastYear({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  });
});

describe('year on year', () => {
  it('gives the difference and the percentage, rounded to two decimals', () => {
    expect(yearOnYear(12, 8)).toEqual({ current: 12, previous: 8, difference: 4, percent: 50 });
    expect(yearOnYear(2, 3)).toEqual({ current: 2, previous: 3, difference: -1, percent: -33.33 });
    expect(yearOnYear(1, 3).percent).toBe(-66.67);
    expect(formatChange(yearOnYear(12, 8))).toBe('+50%');
    expect(formatChange(yearOnYear(2, 3))).toBe('-33.33%');
  });
  it('has no percentage when last year was zero, and says why', () => {
    expect(yearOnYear(5, 0).percent).toBeNull();
    expect(formatChange(yearOnYear(5, 0))).toBe('—（去年同期为 0）');
    expect(formatChange(yearOnYear(0, 0))).toBe('—');
  });
  it('builds the comparison table with both ranges in the headers', () => {
    const change = { attendeeTimes: yearOnYear(12, 8), attendees: yearOnYear(5, 0), enterprises: yearOnYear(2, 2) };
    const table = rangeTable({
      regionName: '浙江省',
      current: { range: { from: '2026-03-01', to: '2026-03-31' } },
      lastYear: { range: { from: '2025-03-01', to: '2025-03-31' } },
      change,
    });
    expect(table.columns.map((c) => c.label)).toEqual([
      '指标',
      '本期（2026-03-01 至 2026-03-31）',
      '去年同期（2025-03-01 至 2025-03-31）',
      '增减',
      '同比',
    ]);
    expect(table.rows).toEqual([
      ['培训人次', 12, 8, '+4', '+50%'],
      ['培训人数', 5, 0, '+5', '—（去年同期为 0）'],
      ['培训企业数', 2, 2, '0', '0%'],
    ]);
  });
});

describe('export tables', () => {
  it('staff progress: one row per person, Beijing times, a file name with the enterprise and the Beijing date', () => {
    const table = staffProgressTable({
      enterprise: { name: '湖州某某/机械' },
      generatedAt: '2026-12-01T01:00:00Z',
      rows: [
        {
          name: '王五',
          coursesAssigned: 2,
          coursesStarted: 2,
          coursesCompleted: 1,
          lessonsDone: 7,
          lastActivity: '2026-11-30 17:30:00.000Z',
          assignments: 3,
          overdueAssignments: 1,
        },
      ],
    });
    expect(table.rows[0]).toEqual(['王五', 2, 2, 1, 7, '2026-12-01 01:30', 3, 1]);
    const csv = tablesToCsv([table]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      '姓名,安排的课程数,已开始的课程数,已完成的课程数,已学课时数,最近学习时间（北京时间）,学习安排数,逾期未完成的安排数',
    );
    // 16:30 UTC on 30 November is already 1 December in Beijing
    expect(staffProgressFileName('湖州某某/机械', 'csv', Date.UTC(2026, 10, 30, 16, 30))).toBe('员工学习进度-湖州某某-机械-2026-12-01.csv');
    expect(staffProgressFileName('某厂', 'xlsx', now)).toBe('员工学习进度-某厂-2026-12-01.xlsx');
  });
  it('trained enterprises: says what 培训人次 counts, the range and the total', () => {
    const table = enterpriseListTable(
      [
        {
          name: '某厂',
          region: '330522',
          regionName: '长兴县',
          attendeeTimes: 3,
          attendees: 2,
          lastCompletion: '2026-03-01 02:00:00.000Z',
        },
      ],
      { regionName: '浙江省', range: { from: '2026-01-01', to: '2026-03-31' }, total: 41, search: '' },
    );
    expect(table.title).toBe('浙江省已培训企业名单（2026-01-01 至 2026-03-31）');
    expect(table.columns[2].label).toBe('培训人次（课程完成次数）');
    expect(table.rows[0]).toEqual(['某厂', '长兴县', 3, 2, '2026-03-01 10:00']);
    expect(table.note).toContain('共 41 家企业');
  });
});

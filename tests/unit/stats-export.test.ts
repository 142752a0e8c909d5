import { describe, expect, it } from 'vitest';
import {
  BOM,
  csvCell,
  exportFileName,
  flattenTable,
  percentCellText,
  sheetName,
  sortTable,
  tablesToCsv,
  type DataTable,
} from '../../src/lib/stats/export.ts';
import { formatDateTime } from '../../src/lib/format.ts';
import { percentage } from '../../src/lib/stats/percent.ts';
import { periodKey, periodLabel, periodParts, pickerYears, surveyYearText } from '../../src/islands/dashboard/period.ts';
import { provinceTable, satisfactionTable, topRows } from '../../src/lib/stats/dashboard-tables.ts';
import { breadcrumbCodes, provinceOf, regionParam, regionPath } from '../../src/lib/stats/region-path.ts';
import { summariseSurveys } from '../../src/lib/survey/summary.ts';

const table: DataTable = {
  id: 'breakdown',
  title: '按地市',
  columns: [
    { label: '区划代码', kind: 'text' },
    { label: '名称', kind: 'text' },
    { label: '培训人次', kind: 'int' },
    { label: '满意率', kind: 'percent', numeratorLabel: '满意企业数', denominatorLabel: '答卷企业数' },
  ],
  rows: [
    ['3305', '湖州市', 12, percentage(2, 3)],
    ['3301', '杭州市', 30, percentage(0, 0)],
    ['3302', '宁波市, "甬"', 7, percentage(1, 8)],
  ],
  note: '百分比 = 分子/分母，四舍五入保留两位小数',
};

describe('CSV cells', () => {
  it('leaves plain values alone and quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('湖州市')).toBe('湖州市');
    expect(csvCell(1234)).toBe('1234');
    expect(csvCell(66.67)).toBe('66.67');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('两行\n文字')).toBe('"两行\n文字"');
    expect(csvCell(' 前后空格 ')).toBe('" 前后空格 "');
  });
  it('keeps text that a spreadsheet would run as a formula inert', () => {
    expect(csvCell('=SUM(A1:A3)')).toBe("'=SUM(A1:A3)");
    expect(csvCell('+86 571')).toBe("'+86 571");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(-5)).toBe('-5');
  });
});

describe('tables as CSV', () => {
  it('starts with the UTF-8 BOM, uses CRLF, and writes preamble, title, header, rows and note', () => {
    const csv = tablesToCsv(
      [table],
      [
        ['管辖范围', '浙江省'],
        ['统计期间', '2026 年（2026）'],
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([
      '管辖范围,浙江省',
      '统计期间,2026 年（2026）',
      '',
      '按地市',
      '区划代码,名称,培训人次,满意率（%）,满意企业数,答卷企业数',
      '3305,湖州市,12,66.67,2,3',
      '3301,杭州市,30,,0,0',
      '3302,"宁波市, ""甬""",7,12.5,1,8',
      '百分比 = 分子/分母，四舍五入保留两位小数',
      '',
    ]);
    expect(csv.includes('\n') && !/[^\r]\n/.test(csv)).toBe(true);
  });
  it('separates several tables with one blank line', () => {
    const csv = tablesToCsv([table, { ...table, id: 'b', title: '第二张', note: undefined, rows: [] }]);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('按地市');
    expect(lines.indexOf('第二张')).toBe(lines.indexOf('') + 1);
  });
  it('expands each percent column into the rounded percentage, its numerator and its denominator', () => {
    const flat = flattenTable(table);
    expect(flat.header).toEqual(['区划代码', '名称', '培训人次', '满意率（%）', '满意企业数', '答卷企业数']);
    expect(flat.kinds).toEqual(['text', 'text', 'int', 'percent', 'int', 'int']);
    expect(flat.rows[0]).toEqual(['3305', '湖州市', 12, 66.67, 2, 3]);
    expect(flat.rows[1]).toEqual(['3301', '杭州市', 30, '', 0, 0]);
  });
  it('rounds half up to two decimals, as published', () => {
    expect(flattenTable({ ...table, rows: [['x', 'y', 1, percentage(1, 8)]] }).rows[0][3]).toBe(12.5);
    expect(percentCellText(percentage(2, 3))).toBe('66.67%（2/3）');
    expect(percentCellText(percentage(0, 0))).toBe('—（0/0）');
  });
});

describe('file and sheet names', () => {
  it('names files by jurisdiction (and the drilled-down path) and period', () => {
    expect(exportFileName(['浙江省'], '2026', 'csv')).toBe('质量学堂统计_浙江省_2026.csv');
    expect(exportFileName(['浙江省', '湖州市'], '2026-Q1', 'xlsx')).toBe('质量学堂统计_浙江省_湖州市_2026-Q1.xlsx');
    expect(exportFileName(['全国'], 'all', 'csv')).toBe('质量学堂统计_全国_全部.csv');
    expect(exportFileName(['a/b:c'], '2026-03', 'csv')).toBe('质量学堂统计_a-b-c_2026-03.csv');
    // what is exported tells two exports of the same region and period apart
    expect(exportFileName(['浙江省'], '2026', 'csv', '看板表格')).toBe('质量学堂统计_浙江省_2026_看板表格.csv');
    expect(exportFileName(['浙江省'], '2026', 'csv', '完整明细')).not.toBe(exportFileName(['浙江省'], '2026', 'csv', '看板表格'));
  });
  it('makes worksheet names Excel accepts: 31 characters at most, no []:*?/\\, unique', () => {
    const used = new Set<string>();
    expect(sheetName('按行业（IAF/EA）', used)).toBe('按行业（IAF EA）');
    expect(sheetName('按行业（IAF/EA）', used)).toBe('按行业（IAF EA）-2');
    const long = sheetName('很'.repeat(40), used);
    expect(Array.from(long).length).toBeLessThanOrEqual(31);
    expect(sheetName('', used)).toBe('Sheet');
  });
});

describe('sorting as on screen', () => {
  it('sorts numbers, percentages and Chinese names, keeps empty values last, and can be undone', () => {
    expect(sortTable(table, { column: 2, descending: true }).rows.map((r) => r[0])).toEqual(['3301', '3305', '3302']);
    expect(sortTable(table, { column: 2, descending: false }).rows.map((r) => r[0])).toEqual(['3302', '3305', '3301']);
    expect(sortTable(table, { column: 3, descending: true }).rows.map((r) => r[0])).toEqual(['3305', '3302', '3301']);
    expect(sortTable(table, { column: 3, descending: false }).rows.map((r) => r[0])).toEqual(['3302', '3305', '3301']);
    expect(sortTable(table, { column: 0, descending: false }).rows.map((r) => r[0])).toEqual(['3301', '3302', '3305']);
    expect(sortTable(table, null)).toBe(table);
    expect(table.rows[0][0]).toBe('3305');
  });
});

describe('dates', () => {
  it('shows PocketBase and ISO times in Beijing time', () => {
    expect(formatDateTime('2026-03-05 06:07:08.123Z')).toBe('2026-03-05 14:07');
    expect(formatDateTime('2026-12-31T20:00:00Z')).toBe('2027-01-01 04:00');
    expect(formatDateTime(null)).toBe('');
  });
});

describe('period picker', () => {
  const now = new Date(2026, 4, 20); // 20 May 2026
  it('splits a key into its parts and back', () => {
    expect(periodParts('2026', now)).toEqual({ kind: 'year', year: 2026, quarter: 2, month: 5 });
    expect(periodParts('2025-Q3', now)).toMatchObject({ kind: 'quarter', year: 2025, quarter: 3 });
    expect(periodParts('2024-11', now)).toMatchObject({ kind: 'month', year: 2024, month: 11, quarter: 4 });
    expect(periodParts('nonsense', now)).toMatchObject({ kind: 'year', year: 2026 });
    for (const key of ['2026', '2025-Q3', '2024-11', 'all']) expect(periodKey(periodParts(key, now))).toBe(key);
    expect(periodKey({ ...periodParts('2026', now), kind: 'quarter' })).toBe('2026-Q2');
    expect(periodKey({ ...periodParts('2025', now), kind: 'month' })).toBe('2025-01');
  });
  it('offers every year from the programme start, and a year asked for outside it', () => {
    expect(pickerYears(2026, now)[0]).toBe(2026);
    expect(pickerYears(2026, now).at(-1)).toBe(2020);
    expect(pickerYears(2019, now).at(-1)).toBe(2019);
  });
  it('labels periods and the survey year in Chinese', () => {
    expect(periodLabel('2026')).toBe('2026 年');
    expect(periodLabel('2026-Q1')).toBe('2026 年第一季度');
    expect(periodLabel('2026-03')).toBe('2026 年 3 月');
    expect(periodLabel('all')).toBe('全部期间');
    expect(surveyYearText('2026-03')).toBe('2026 年');
    expect(surveyYearText('all')).toBe('全部年度');
  });
});

describe('regions and tables of the dashboard', () => {
  it('walks from national down to a county, the Corps (66) included', () => {
    expect(regionPath('330502')).toEqual(['', '33', '3305', '330502']);
    expect(regionPath('659001')).toEqual(['', '66', '6590', '659001']);
    expect(regionPath('6590')).toEqual(['', '66', '6590']);
    expect(regionPath('')).toEqual(['']);
    expect(provinceOf('650102')).toBe('65');
  });
  it('starts the breadcrumb at the jurisdiction', () => {
    expect(breadcrumbCodes('33', '330502')).toEqual(['33', '3305', '330502']);
    expect(breadcrumbCodes('', '3305')).toEqual(['', '33', '3305']);
    expect(breadcrumbCodes('66', '659001')).toEqual(['66', '6590', '659001']);
  });
  it('writes the region parameter: none for the jurisdiction, "national" for the whole country', () => {
    expect(regionParam('33', '33')).toBeNull();
    expect(regionParam('', '')).toBeNull();
    expect(regionParam('', '33')).toBe('national');
    expect(regionParam('3305', '33')).toBe('3305');
  });
  it('builds tables with percentages that keep their numerator and denominator', () => {
    const survey = {
      ...summariseSurveys([]),
      region: '33',
      regionName: '浙江省',
      period: '2026',
      responses: 3,
      satisfied: percentage(2, 3),
      clearEffect: percentage(1, 3),
      satisfaction: [0, 0, 1, 1, 1],
      effect: [1, 1, 1, 0],
      items: [],
    };
    const t = satisfactionTable(survey);
    expect(t.rows.map((r) => r[1])).toEqual([0, 0, 1, 1, 1]);
    expect(t.rows[4][2]).toEqual(percentage(1, 3));
    const p = provinceTable([
      {
        code: '33',
        name: '浙江省',
        attendeeTimes: 5,
        attendees: 4,
        enterprises: 2,
        helped: 4,
        surveyed: 3,
        satisfied: percentage(2, 3),
        clearEffect: percentage(1, 3),
      },
    ]);
    expect(flattenTable(p).rows[0]).toEqual(['33', '浙江省', 5, 4, 2, 4, 3, 66.67, 2, 3, 33.33, 1, 3]);
  });
  it('charts only rows with data, largest first', () => {
    const rows = [
      { name: 'a', attendeeTimes: 1, attendees: 1, enterprises: 1 },
      { name: 'b', attendeeTimes: 0, attendees: 0, enterprises: 0 },
      { name: 'c', attendeeTimes: 5, attendees: 1, enterprises: 1 },
    ];
    expect(topRows(rows, 10).map((r) => r.name)).toEqual(['c', 'a']);
    expect(topRows(rows, 1).map((r) => r.name)).toEqual(['c']);
  });
});

import { describe, expect, it } from 'vitest';
import { dashboardTables, nextSort, tablesInOrder, type Dashboard } from '../../src/lib/stats/dashboard-tables.ts';
import { summariseSurveys } from '../../src/lib/survey/summary.ts';
import { percentage } from '../../src/lib/stats/percent.ts';

const zero = { attendeeTimes: 0, attendees: 0, enterprises: 0 };
const dashboard: Dashboard = {
  region: '33',
  regionName: '浙江省',
  jurisdiction: '33',
  jurisdictionName: '浙江省',
  period: { key: '2026', kind: 'year', months: ['2026-01'] },
  totals: { attendeeTimes: 9, attendees: 6, enterprises: 2 },
  byChannel: [
    { channel: 'online', ...zero },
    { channel: 'in_person', ...zero },
  ],
  trend: [{ month: '2026-01', attendeeTimes: 9, attendees: 6, enterprises: 2 }],
  breakdown: [
    { code: '3301', name: '杭州市', attendeeTimes: 2, attendees: 2, enterprises: 1 },
    { code: '3305', name: '湖州市', attendeeTimes: 7, attendees: 4, enterprises: 1 },
  ],
  bySector: [{ code: '29', name: '批发零售', attendeeTimes: 9, attendees: 6, enterprises: 2 }],
  byCourse: [],
  lastUpdate: null,
  generatedAt: '2026-01-05T00:00:00Z',
};
const survey = {
  ...summariseSurveys([]),
  region: '33',
  regionName: '浙江省',
  period: '2026',
  responses: 0,
  satisfied: percentage(0, 0),
  clearEffect: percentage(0, 0),
  items: [],
};

describe('the dashboard tables', () => {
  it('lists the tables in screen order, the sector focus only when a sector is chosen, provinces only nationally', () => {
    const base = { dashboard, survey, provinces: null, sector: '', sectorName: '', surveyYear: '2026 年', sorts: {} };
    expect(tablesInOrder(dashboardTables(base)).map((t) => t.id)).toEqual([
      'totals',
      'channel',
      'trend',
      'breakdown',
      'sectors',
      'courses',
      'survey-summary',
      'survey-satisfaction',
      'survey-effect',
      'survey-items',
      'survey-follow-up',
      'survey-changes',
    ]);
    const focused = tablesInOrder(dashboardTables({ ...base, sector: '29', sectorName: '批发零售' })).map((t) => t.id);
    expect(focused.slice(0, 2)).toEqual(['totals', 'sector-focus']);
  });
  it('writes the breakdown as the user sorted it', () => {
    const tables = dashboardTables({
      dashboard,
      survey,
      provinces: null,
      sector: '',
      sectorName: '',
      surveyYear: '2026 年',
      sorts: { breakdown: { column: 2, descending: true } },
    });
    expect(tables.breakdown!.rows.map((r) => r[1])).toEqual(['湖州市', '杭州市']);
  });
  it('cycles a column: figures largest first, reversed, then the server order', () => {
    const first = nextSort(null, 2);
    expect(first).toEqual({ column: 2, descending: true });
    const second = nextSort(first, 2);
    expect(second).toEqual({ column: 2, descending: false });
    expect(nextSort(second, 2)).toBeNull();
    expect(nextSort(null, 1)).toEqual({ column: 1, descending: false });
    expect(nextSort({ column: 1, descending: false }, 3)).toEqual({ column: 3, descending: true });
  });
});

/**
 * The statistics API's answers and the on-screen tables built from them (pure: no I/O, no DOM). The islands
 * render these tables and the exports write the same rows, so an export holds exactly what the screen shows.
 */
import { t } from '../../i18n/index.ts';
import { percentage, type Percentage } from './percent.ts';
import { EFFECT_LEVELS, SATISFACTION_LEVELS } from '../survey/instrument.ts';
import { sortTable, type Column, type DataTable, type SortState } from './export.ts';
import { childLevelLabel } from './region-path.ts';

export interface Counts {
  attendeeTimes: number;
  attendees: number;
  enterprises: number;
}

export interface Dashboard {
  region: string;
  regionName: string;
  jurisdiction: string;
  jurisdictionName: string;
  period: { key: string; kind: string; months: string[] };
  totals: Counts;
  byChannel: (Counts & { channel: string })[];
  trend: (Counts & { month: string })[];
  breakdown: (Counts & { code: string; name: string })[];
  bySector: (Counts & { code: string; name: string })[];
  byCourse: (Counts & { course: string; title: string })[];
  lastUpdate: string | null;
  generatedAt: string;
}

import type { SurveyResults } from '../../server/survey/routes.ts';
export type { SurveyResults };

/** satisfied and clearEffect are null on the public page when the shares are withheld (too few responses). */
export interface ProvinceRow extends Counts {
  code: string;
  name: string;
  helped: number;
  surveyed: number;
  satisfied: Percentage | null;
  clearEffect: Percentage | null;
}

export interface PublicStats {
  period: string;
  national: Counts & { helped: number; surveyed: number; satisfied: Percentage | null; clearEffect: Percentage | null };
  provinces: ProvinceRow[];
  lastUpdate: string | null;
  generatedAt: string;
}

const countColumns = (): Column[] => [
  { label: t('regulator.attendeeTimes'), kind: 'int' },
  { label: t('regulator.attendees'), kind: 'int' },
  { label: t('regulator.enterprises'), kind: 'int' },
];
const countCells = (c: Counts) => [c.attendeeTimes, c.attendees, c.enterprises];

export function totalsTable(d: Dashboard): DataTable {
  return {
    id: 'totals',
    title: t('regulator.totals'),
    columns: [{ label: t('regulator.region'), kind: 'text' }, ...countColumns()],
    rows: [[d.regionName, ...countCells(d.totals)]],
    note: t('stats.counts.note'),
  };
}

export function sectorFocusTable(d: Dashboard, sector: string, sectorName: string): DataTable {
  const row = d.bySector.find((s) => s.code === sector) ?? { attendeeTimes: 0, attendees: 0, enterprises: 0 };
  return {
    id: 'sector-focus',
    title: t('regulator.sectorFocus', { name: sectorName }),
    columns: [{ label: t('regulator.sectorCode'), kind: 'text' }, { label: t('regulator.sector'), kind: 'text' }, ...countColumns()],
    rows: [[sector, sectorName, ...countCells(row)]],
    note: t('regulator.sectorFocusNote'),
  };
}

export const channelLabel = (channel: string) => (channel === 'online' ? t('regulator.channel.online') : t('regulator.channel.in_person'));

export function channelTable(d: Dashboard): DataTable {
  return {
    id: 'channel',
    title: t('regulator.byChannel'),
    columns: [{ label: t('regulator.channel'), kind: 'text' }, ...countColumns()],
    rows: d.byChannel.map((c) => [channelLabel(c.channel), ...countCells(c)]),
    note: t('regulator.channelNote'),
  };
}

export function trendTable(d: Dashboard): DataTable {
  return {
    id: 'trend',
    title: t('regulator.trend'),
    columns: [{ label: t('regulator.month'), kind: 'text' }, ...countColumns()],
    rows: d.trend.map((m) => [m.month, ...countCells(m)]),
  };
}

export function breakdownTable(d: Dashboard): DataTable {
  return {
    id: 'breakdown',
    title: t('regulator.breakdown', { level: childLevelLabel(d.region) }),
    columns: [{ label: t('regulator.regionCode'), kind: 'text' }, { label: t('regulator.regionName'), kind: 'text' }, ...countColumns()],
    rows: d.breakdown.map((r) => [r.code, r.name, ...countCells(r)]),
    note: t('regulator.breakdownNote'),
  };
}

export function sectorTable(d: Dashboard): DataTable {
  return {
    id: 'sectors',
    title: t('regulator.bySector'),
    columns: [{ label: t('regulator.sectorCode'), kind: 'text' }, { label: t('regulator.sector'), kind: 'text' }, ...countColumns()],
    rows: d.bySector.map((s) => [s.code, s.name, ...countCells(s)]),
  };
}

export function courseTable(d: Dashboard): DataTable {
  return {
    id: 'courses',
    title: t('regulator.byCourse'),
    columns: [{ label: t('regulator.rank'), kind: 'int' }, { label: t('regulator.course'), kind: 'text' }, ...countColumns()],
    rows: d.byCourse.map((c, i) => [i + 1, c.title, ...countCells(c)]),
    note: t('regulator.courseNote'),
  };
}

const shareColumn = (): Column => ({
  label: t('survey.share'),
  kind: 'percent',
  numeratorLabel: t('survey.enterprises'),
  denominatorLabel: t('survey.responses'),
});

export function surveySummaryTable(s: SurveyResults, yearLabel: string): DataTable {
  return {
    id: 'survey-summary',
    title: t('survey.results.summary', { year: yearLabel }),
    columns: [{ label: t('survey.indicator'), kind: 'text' }, { label: t('survey.enterprises'), kind: 'int' }, shareColumn()],
    rows: [
      [t('survey.results.responses'), s.responses, null],
      [t('survey.results.satisfied'), s.satisfied.numerator, s.satisfied],
      [t('survey.results.clearEffect'), s.clearEffect.numerator, s.clearEffect],
      [t('survey.results.followUpSatisfied', { asked: s.followUp.asked }), s.followUp.satisfied.numerator, s.followUp.satisfied],
      [
        t('survey.results.govSupport', { asked: s.govSupport.asked }),
        s.govSupport.needsImprovement.numerator,
        s.govSupport.needsImprovement,
      ],
    ],
    note: t('stats.percentRule'),
  };
}

/** Answers per level of a rating scale, each with its share of all responses. */
function levelTable(id: string, title: string, levels: readonly string[], counts: readonly number[], responses: number): DataTable {
  return {
    id,
    title,
    columns: [{ label: t('survey.level'), kind: 'text' }, { label: t('survey.enterprises'), kind: 'int' }, shareColumn()],
    rows: levels.map((label, i) => [label, counts[i] ?? 0, percentage(counts[i] ?? 0, responses)]),
    note: t('stats.percentRule'),
  };
}

export const satisfactionTable = (s: SurveyResults): DataTable =>
  levelTable('survey-satisfaction', t('survey.results.satisfaction'), SATISFACTION_LEVELS, s.satisfaction, s.responses);

export const effectTable = (s: SurveyResults): DataTable =>
  levelTable('survey-effect', t('survey.results.effect'), EFFECT_LEVELS, s.effect, s.responses);

export const followUpTable = (s: SurveyResults): DataTable =>
  levelTable('survey-follow-up', t('survey.results.followUp'), SATISFACTION_LEVELS, s.followUp.levels, s.followUp.asked);

/** Average size of change per measurable item, among the enterprises that gave one. */
export function changesTable(s: SurveyResults): DataTable {
  return {
    id: 'survey-changes',
    title: t('survey.results.changes'),
    columns: [
      { label: t('survey.item'), kind: 'text' },
      { label: t('survey.results.changeReported'), kind: 'int' },
      { label: t('survey.results.changeAverage'), kind: 'text' },
    ],
    rows: s.changes.map((c) => [c.label, c.reported, c.average === null ? '—' : `${c.average >= 0 ? '+' : ''}${c.average.toFixed(2)}%`]),
    note: t('survey.results.changesNote'),
  };
}

export function itemsTable(s: SurveyResults): DataTable {
  return {
    id: 'survey-items',
    title: t('survey.results.items'),
    columns: [{ label: t('survey.item'), kind: 'text' }, { label: t('survey.enterprises'), kind: 'int' }, shareColumn()],
    rows: s.items.map((i) => [i.label, i.count, i.share]),
    note: t('survey.results.itemsNote'),
  };
}

/** The province comparison (regulators) and the public per-province table share this shape. */
export function provinceTable(rows: readonly ProvinceRow[], id = 'provinces'): DataTable {
  return {
    id,
    title: t('regulator.provinces'),
    columns: [
      { label: t('regulator.regionCode'), kind: 'text' },
      { label: t('regulator.province'), kind: 'text' },
      ...countColumns(),
      { label: t('survey.helped'), kind: 'int' },
      { label: t('survey.responses'), kind: 'int' },
      {
        label: t('survey.satisfiedRate'),
        kind: 'percent',
        numeratorLabel: t('survey.satisfiedCount'),
        denominatorLabel: t('survey.responses'),
      },
      {
        label: t('survey.clearEffectRate'),
        kind: 'percent',
        numeratorLabel: t('survey.clearEffectCount'),
        denominatorLabel: t('survey.responses'),
      },
    ],
    rows: rows.map((r) => [r.code, r.name, ...countCells(r), r.helped, r.surveyed, r.satisfied, r.clearEffect]),
    note: t('stats.percentRule'),
  };
}

export function nationalTable(p: PublicStats): DataTable {
  const n = p.national;
  return {
    id: 'national',
    title: t('stats.national'),
    columns: [
      ...countColumns(),
      { label: t('survey.helped'), kind: 'int' },
      { label: t('survey.responses'), kind: 'int' },
      {
        label: t('survey.satisfiedRate'),
        kind: 'percent',
        numeratorLabel: t('survey.satisfiedCount'),
        denominatorLabel: t('survey.responses'),
      },
      {
        label: t('survey.clearEffectRate'),
        kind: 'percent',
        numeratorLabel: t('survey.clearEffectCount'),
        denominatorLabel: t('survey.responses'),
      },
    ],
    rows: [[...countCells(n), n.helped, n.surveyed, n.satisfied, n.clearEffect]],
    note: t('stats.percentRule'),
  };
}

/** Rows with something to draw, largest first, at most `limit` of them (charts; the tables keep every row). */
export function topRows<T extends Counts>(rows: readonly T[], limit: number): T[] {
  return rows
    .filter((r) => r.attendeeTimes > 0)
    .sort((a, b) => b.attendeeTimes - a.attendeeTimes)
    .slice(0, limit);
}

export interface SurveyTables {
  surveySummary: DataTable;
  satisfaction: DataTable;
  effect: DataTable;
  items: DataTable;
  followUp: DataTable;
  changes: DataTable;
}

export interface DashboardTables extends SurveyTables {
  totals: DataTable;
  sectorFocus?: DataTable;
  channel: DataTable;
  trend: DataTable;
  breakdown?: DataTable;
  sectors: DataTable;
  courses: DataTable;
  provinces?: DataTable;
}

export interface DashboardTableInput {
  dashboard: Dashboard;
  survey: SurveyResults;
  provinces: readonly ProvinceRow[] | null;
  /** The IAF sector in focus ('' for all) and its name. */
  sector: string;
  sectorName: string;
  /** "2026 年": which survey year the survey tables cover. */
  surveyYear: string;
  /** How the user sorted each sortable table (by table key). */
  sorts: Record<string, SortState | null | undefined>;
}

/**
 * Every on-screen table of the regulators' dashboard, in screen order and as the user sorted them: what the
 * page renders and what the exports write (so an export never differs from the screen).
 */
export function dashboardTables(input: DashboardTableInput): DashboardTables {
  const { dashboard: d, survey: s, sorts } = input;
  // Object key order is screen order: Object.values(tables) is what the exports write.
  return {
    totals: totalsTable(d),
    sectorFocus: input.sector ? sectorFocusTable(d, input.sector, input.sectorName) : undefined,
    channel: channelTable(d),
    trend: trendTable(d),
    breakdown: d.breakdown.length ? sortTable(breakdownTable(d), sorts.breakdown) : undefined,
    sectors: sortTable(sectorTable(d), sorts.sectors),
    courses: sortTable(courseTable(d), sorts.courses),
    surveySummary: surveySummaryTable(s, input.surveyYear),
    satisfaction: satisfactionTable(s),
    effect: effectTable(s),
    items: itemsTable(s),
    followUp: followUpTable(s),
    changes: changesTable(s),
    provinces: input.provinces ? sortTable(provinceTable(input.provinces), sorts.provinces) : undefined,
  };
}

/** The tables in screen order, leaving out those the view does not show. */
export const tablesInOrder = (tables: DashboardTables): DataTable[] => Object.values(tables).filter((x): x is DataTable => Boolean(x));

/**
 * The next sort of a table after a click on a column: the first click sorts (figures largest first: every
 * sortable table here has its figures from the third column on), a second reverses, a third restores the
 * server's order.
 */
export function nextSort(current: SortState | null | undefined, column: number): SortState | null {
  const figures = column >= 2;
  if (current?.column !== column) return { column, descending: figures };
  return current.descending === figures ? { column, descending: !current.descending } : null;
}

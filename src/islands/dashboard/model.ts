/**
 * The statistics API's answers and the on-screen tables built from them. The islands render these tables
 * and the exports write the same rows, so an export holds exactly what the screen shows.
 */
import { t } from '../../i18n/index.ts';
import { percentage } from '../../lib/stats/percent.ts';
import { EFFECT_LEVELS, SATISFACTION_LEVELS } from '../../lib/survey/instrument.ts';
import type { Column, DataTable } from '../../lib/stats/export.ts';
import { provinceOfCode } from '../../lib/xpcc.ts';
import type { Counts } from '../../server/stats.ts';
import type { QaRoutes } from '../../server/api-contract.ts';
import type { SurveyResults } from '../../server/survey/routes.ts';

// The shapes come from the server's handlers (src/server/api-contract.ts): one definition, checked by tsc.
export type { Counts } from '../../server/stats.ts';
export type { SurveyResults } from '../../server/survey/routes.ts';
export type Dashboard = QaRoutes['GET stats/dashboard'];
export type PublicStats = QaRoutes['GET stats/public'];
/** A province's row for regulators, or on the public page (shares withheld there below the publishing minimum: null). */
export type ProvinceRow = QaRoutes['GET stats/provinces']['rows'][number] | PublicStats['provinces'][number];

/** The province-level unit of a region code (the Corps' 6590xx cities belong to 66, not to Xinjiang 65). */
export const provinceOf = provinceOfCode;

/** The codes from national down to the region: "330502" -> ["", "33", "3305", "330502"]. */
export function regionPath(region: string): string[] {
  const path = [''];
  if (region.length >= 2) path.push(provinceOf(region));
  if (region.length >= 4) path.push(region.slice(0, 4));
  if (region.length >= 6) path.push(region);
  return path;
}

/** The breadcrumb: the path from the user's jurisdiction down to the region being viewed. */
export function breadcrumbCodes(jurisdiction: string, region: string): string[] {
  const path = regionPath(region);
  const start = path.indexOf(jurisdiction);
  return start < 0 ? [region] : path.slice(start);
}

/** The `region` query parameter that shows a region: none for the jurisdiction itself, "national" for "". */
export function regionParam(code: string, jurisdiction: string): string | null {
  if (code === jurisdiction) return null;
  return code === '' ? 'national' : code;
}

/** Whether a region has units one level down (counties are the smallest). */
export const canDrillInto = (code: string) => code.length < 6;

/** What the units one level down are called: provinces, prefectures, counties. */
export function childLevelLabel(region: string): string {
  if (region === '') return t('regulator.level.provinces');
  if (region.length === 2) return t('regulator.level.prefectures');
  return t('regulator.level.counties');
}

const countColumns = (): Column[] => [
  { label: t('regulator.attendeeTimes'), kind: 'int' },
  { label: t('regulator.attendees'), kind: 'int' },
  { label: t('regulator.enterprises'), kind: 'int' },
];
const countCells = (c: Counts) => [c.attendeeTimes, c.attendees, c.enterprises];

export function totalsTable(d: Dashboard): DataTable {
  return { id: 'totals', title: t('regulator.totals'), columns: [{ label: t('regulator.region'), kind: 'text' }, ...countColumns()], rows: [[d.regionName, ...countCells(d.totals)]], note: t('stats.counts.note') };
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
  return { id: 'trend', title: t('regulator.trend'), columns: [{ label: t('regulator.month'), kind: 'text' }, ...countColumns()], rows: d.trend.map((m) => [m.month, ...countCells(m)]) };
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

const shareColumn = (): Column => ({ label: t('survey.share'), kind: 'percent', numeratorLabel: t('survey.enterprises'), denominatorLabel: t('survey.responses') });

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
      [t('survey.results.govSupport', { asked: s.govSupport.asked }), s.govSupport.needsImprovement.numerator, s.govSupport.needsImprovement],
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
    columns: [{ label: t('survey.item'), kind: 'text' }, { label: t('survey.results.changeReported'), kind: 'int' }, { label: t('survey.results.changeAverage'), kind: 'text' }],
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
      { label: t('survey.satisfiedRate'), kind: 'percent', numeratorLabel: t('survey.satisfiedCount'), denominatorLabel: t('survey.responses') },
      { label: t('survey.clearEffectRate'), kind: 'percent', numeratorLabel: t('survey.clearEffectCount'), denominatorLabel: t('survey.responses') },
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
      { label: t('survey.satisfiedRate'), kind: 'percent', numeratorLabel: t('survey.satisfiedCount'), denominatorLabel: t('survey.responses') },
      { label: t('survey.clearEffectRate'), kind: 'percent', numeratorLabel: t('survey.clearEffectCount'), denominatorLabel: t('survey.responses') },
    ],
    rows: [[...countCells(n), n.helped, n.surveyed, n.satisfied, n.clearEffect]],
    note: t('stats.percentRule'),
  };
}

/** Rows with something to draw, largest first, at most `limit` of them (charts; the tables keep every row). */
export function topRows<T extends Counts>(rows: readonly T[], limit: number): T[] {
  return rows.filter((r) => r.attendeeTimes > 0).sort((a, b) => b.attendeeTimes - a.attendeeTimes).slice(0, limit);
}

/**
 * The 7-indicator provincial assessment. The ministry sees every province-level unit scored and ranked;
 * a provincial regulator sees its own score, how it was reached, the national median, and its prefectures
 * and counties on the indicators that break down by region. Other provinces' details only when the rule
 * set says the ministry has published them.
 */
import type { AssessmentRules } from '../../schemas/assessment-rules.ts';
import { COUNT_MEASURES, RATE_MEASURES, type CountKey, type RegionFigures } from '../../lib/provincial-assessment/measures.ts';
import { medians, rank, scoreProvince, type ProvinceScore } from '../../lib/provincial-assessment/score.ts';
import { beijingDate } from '../../lib/policies/policy.ts';
import { childRegions, jurisdictionLevel, listProvinces, regionName } from '../../lib/regions.ts';
import { badRequest, forbidden, notFound } from '../http.ts';
import { assertWithin, requireRegulator } from './access.ts';
import { figureState, regionFigures, stateKey, type FigureState } from './figures.ts';
import { cached, cachedJson, RawJson } from './cache.ts';

let cachedRules: Record<string, AssessmentRules> | null = null;
/** The rule sets of content/assessment-rules/, generated into pb_hooks/lib by `npm run build:server`. */
export function assessmentRules(): Record<string, AssessmentRules> {
  if (!cachedRules) cachedRules = require(`${__hooks}/lib/assessment-rules.js`) as Record<string, AssessmentRules>;
  return cachedRules;
}

function rulesFor(e: PbRequestEvent): { year: string; rules: AssessmentRules; years: string[] } {
  const all = assessmentRules();
  const years = Object.keys(all).sort();
  const asked = e.requestInfo().query.year || '';
  if (asked && !/^\d{4}$/.test(asked))
    throw badRequest(`年度“${asked}”格式不对，应为 4 位数字，如 2026`, { year: { code: 'invalid', message: 'year must be YYYY' } });
  const current = beijingDate().slice(0, 4);
  const year = asked || (all[current] ? current : (years[years.length - 1] ?? current));
  if (!all[year]) throw notFound(`没有 ${year} 年度的评估规则（已有：${years.join('、') || '无'}）`);
  return { year, rules: all[year], years };
}

export interface AssessmentRow extends ProvinceScore {
  name: string;
  rank: number;
  figures: RegionFigures['counts'];
}

export interface RulesSummary {
  year: number;
  version: number;
  title: string;
  illustrative: boolean;
  publishedToProvinces: boolean;
  indicators: { id: string; weight: number; cap: number; measures: { key: string; weight: number; target: number }[] }[];
}

export interface AssessmentView {
  year: string;
  years: string[];
  scope: 'national' | 'province';
  jurisdiction: string;
  rules: RulesSummary;
  /** all 32 province-level units, ranked (national regulators; provinces only when published) */
  rows: AssessmentRow[] | null;
  /** the asking province's own row (provincial regulators) */
  own: AssessmentRow | null;
  median: ReturnType<typeof medians>;
  notes: string[];
  generatedAt: string;
}

const PROVINCES = () => listProvinces().map((p) => p.code);

function scoreAll(app: PbApp, year: string, rules: AssessmentRules, state: FigureState): AssessmentRow[] {
  const figures = regionFigures(app, year, PROVINCES(), 'provinces', state);
  const scored = listProvinces().map((p) => ({
    ...scoreProvince(rules, p.code, figures.get(p.code)!),
    name: p.name,
    figures: figures.get(p.code)!.counts,
  }));
  return rank(scored);
}

const summariseRules = (r: AssessmentRules): RulesSummary => ({
  year: r.year,
  version: r.version,
  title: r.title,
  illustrative: r.illustrative,
  publishedToProvinces: r.publishedToProvinces,
  indicators: r.indicators.map((i) => ({
    id: i.id,
    weight: i.weight,
    cap: i.cap,
    measures: i.measures.map((m) => ({ key: m.key, weight: m.weight, target: m.target })),
  })),
});

/** GET /api/qa/assessment?year= (the answer's shape is AssessmentView) */
export function assessment(e: PbRequestEvent): RawJson<AssessmentView> {
  const { jurisdiction } = requireRegulator(e, '省级评估');
  if (jurisdiction !== '' && jurisdiction.length !== 2) throw forbidden('省级评估只向国家级和省级监管账号开放');
  const { year, rules, years } = rulesFor(e);
  // The memo key: the rule set, the versions of the tables behind the figures and the 32 units' training
  // counters (one statement, a few hundred index entries). A completion changes the counters; only the
  // training part is then read again, the other parts come from their own memos (figures.ts).
  const state = figureState(e.app, year, PROVINCES());
  const version = `${rules.version}|${stateKey(state)}`;
  // The scored table is JSON text shared by every VM; the national answer splices it in unparsed. When this
  // request scored it, the summary and the own row are taken from the rows in hand, not parsed back.
  let scored: AssessmentRow[] | null = null;
  const rowsJson = cachedJson(e.app, `assessment:${year}`, version, () => (scored = scoreAll(e.app, year, rules, state)));
  const rows = () => scored ?? (scored = JSON.parse(rowsJson) as AssessmentRow[]);
  const summary = cached(e.app, `assessment-summary:${year}`, version, () => ({
    median: medians(rows()),
    notes: [...new Set(rows().flatMap((r) => r.notes))],
  }));
  const base = {
    year,
    years,
    jurisdiction,
    rules: summariseRules(rules),
    median: summary.median,
    notes: summary.notes,
    generatedAt: new Date().toISOString(),
  };
  if (jurisdiction === '') {
    const head = JSON.stringify({ ...base, scope: 'national', own: null, rows: null });
    return new RawJson(`${head.slice(0, -'"rows":null}'.length)}"rows":${rowsJson}}`);
  }
  // The province's own row is cached on its own: parsing all 32 rows per request is slow in the JS VM.
  const own = cached(
    e.app,
    `assessment:${year}:own:${jurisdiction}`,
    version,
    () => rows().find((r) => r.province === jurisdiction) ?? null,
  );
  if (rules.publishedToProvinces) {
    const head = JSON.stringify({ ...base, scope: 'province', own, rows: null });
    return new RawJson(`${head.slice(0, -'"rows":null}'.length)}"rows":${rowsJson}}`);
  }
  // Unpublished: the province sees itself and the median, not others' scores or its rank among them.
  const view: AssessmentView = { ...base, scope: 'province', own: own && { ...own, rank: 0 }, rows: null };
  return new RawJson(JSON.stringify(view));
}

/** Measures that break down by region (everything the platform attributes to a county). */
export const REGIONAL_MEASURES: CountKey[] = [
  'policies',
  'organisingRecords',
  'coursesOffered',
  'sessionsHeld',
  'attendeeTimes',
  'enterprisesTrained',
  'enterprisesHelped',
  'casesRecommended',
  'casesSelected',
];

export interface RegionBreakdown {
  year: string;
  region: string;
  regionName: string;
  measures: { key: CountKey; label: string; unit: string }[];
  rates: { key: string; label: string }[];
  rows: { code: string; name: string; counts: RegionFigures['counts']; rates: RegionFigures['rates'] }[];
  total: { counts: RegionFigures['counts']; rates: RegionFigures['rates'] } | null;
  notes: string[];
}

/** GET /api/qa/assessment/regions?year=&region= : the units one level below a region, on the regional measures. */
export function assessmentRegions(e: PbRequestEvent): RegionBreakdown {
  const { jurisdiction } = requireRegulator(e, '省级评估');
  const { year } = rulesFor(e);
  const asked = e.requestInfo().query.region;
  const region = asked === undefined || asked === '' ? jurisdiction : asked === 'national' ? '' : asked;
  if (jurisdictionLevel(region) === null || region.length === 6) {
    throw badRequest(`区域代码“${region}”无效：应为全国、省（2 位）或市（4 位）`, {
      region: { code: 'invalid_region', message: 'region must be national, 2 or 4 digits' },
    });
  }
  assertWithin(jurisdiction, region, '查看');
  const children = childRegions(region).map((c) => c.code);
  // The region's own figures are computed for it alone (its own index ranges), not as its row among all 32
  // provinces: after a change, that would count every assistance of the country for one total line.
  const ownScope = { regions: [region], scope: `own:${region}` };
  const childState = figureState(e.app, year, children);
  const ownState = region === '' ? null : figureState(e.app, year, ownScope.regions);
  const version = `${stateKey(childState)}|${ownState ? ownState.training : ''}`;
  // Maps do not survive JSON: the cache holds entries.
  const computed = cached(e.app, `regions:${year}:${region}`, version, () => ({
    figures: [...regionFigures(e.app, year, children, region === '' ? 'provinces' : `in:${region}`, childState)],
    own: ownState && regionFigures(e.app, year, ownScope.regions, ownScope.scope, ownState).get(region)!,
  }));
  const figures = new Map(computed.figures);
  const own = computed.own;
  const notes = new Set<string>();
  for (const f of figures.values()) f.notes.forEach((n) => notes.add(n));
  return {
    year,
    region,
    regionName: regionName(region),
    measures: REGIONAL_MEASURES.map((key) => ({ key, ...COUNT_MEASURES[key] })),
    rates: Object.entries(RATE_MEASURES).map(([key, m]) => ({ key, label: m.label })),
    rows: children.map((code) => ({ code, name: regionName(code), counts: figures.get(code)!.counts, rates: figures.get(code)!.rates })),
    total: own && { counts: own.counts, rates: own.rates },
    notes: [...notes].filter(Boolean),
  };
}

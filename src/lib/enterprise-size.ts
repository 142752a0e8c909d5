/**
 * Enterprise size classes under the 2011 SME size rules (《中小企业划型标准规定》, 工信部联企业〔2011〕300号).
 *
 * The rules classify by industry, each with one to three measures: employees (从业人员, persons), annual
 * operating revenue (营业收入, 万元) and total assets (资产总额, 万元). Within an industry:
 * - medium (中型) needs every measure at or above the medium thresholds,
 * - small (小型) needs every measure at or above the small thresholds,
 * - otherwise micro (微型);
 * - an enterprise is large (outside SME) only when every measure reaches the upper limit (the rules say
 *   "X 以下或 Y 以下的为中小微型企业", so one measure under its limit keeps it an SME).
 * Pure: no I/O. Used by `npm run check` to catch a case whose `size` contradicts its stated figures.
 */
import type { EnterpriseSize } from './vocabularies.ts';

export type SizeMeasure = 'employees' | 'revenue' | 'assets';
export type SizeClass = EnterpriseSize | 'large';

interface Thresholds {
  /** Chinese name as the rules word it */
  name: string;
  /** measures this industry is classified by */
  measures: SizeMeasure[];
  /** per measure: [small lower bound, medium lower bound, upper SME limit] */
  bounds: Partial<Record<SizeMeasure, [number, number, number]>>;
}

/** The 16 industry groups of the 2011 rules, with their thresholds (employees in persons, money in 万元). */
export const SIZE_INDUSTRIES = {
  agriculture: { name: '农、林、牧、渔业', measures: ['revenue'], bounds: { revenue: [50, 500, 20000] } },
  industry: { name: '工业', measures: ['employees', 'revenue'], bounds: { employees: [20, 300, 1000], revenue: [300, 2000, 40000] } },
  construction: { name: '建筑业', measures: ['revenue', 'assets'], bounds: { revenue: [300, 6000, 80000], assets: [300, 5000, 80000] } },
  wholesale: { name: '批发业', measures: ['employees', 'revenue'], bounds: { employees: [5, 20, 200], revenue: [1000, 5000, 40000] } },
  retail: { name: '零售业', measures: ['employees', 'revenue'], bounds: { employees: [10, 50, 300], revenue: [100, 500, 20000] } },
  transport: {
    name: '交通运输业',
    measures: ['employees', 'revenue'],
    bounds: { employees: [20, 300, 1000], revenue: [200, 3000, 30000] },
  },
  warehousing: { name: '仓储业', measures: ['employees', 'revenue'], bounds: { employees: [20, 100, 200], revenue: [100, 1000, 30000] } },
  postal: { name: '邮政业', measures: ['employees', 'revenue'], bounds: { employees: [20, 300, 1000], revenue: [100, 2000, 30000] } },
  accommodation: { name: '住宿业', measures: ['employees', 'revenue'], bounds: { employees: [10, 100, 300], revenue: [100, 2000, 10000] } },
  catering: { name: '餐饮业', measures: ['employees', 'revenue'], bounds: { employees: [10, 100, 300], revenue: [100, 2000, 10000] } },
  telecom: { name: '信息传输业', measures: ['employees', 'revenue'], bounds: { employees: [10, 100, 2000], revenue: [100, 1000, 100000] } },
  software: {
    name: '软件和信息技术服务业',
    measures: ['employees', 'revenue'],
    bounds: { employees: [10, 100, 300], revenue: [50, 1000, 10000] },
  },
  'real-estate': {
    name: '房地产开发经营',
    measures: ['revenue', 'assets'],
    bounds: { revenue: [100, 1000, 200000], assets: [2000, 5000, 10000] },
  },
  'property-management': {
    name: '物业管理',
    measures: ['employees', 'revenue'],
    bounds: { employees: [100, 300, 1000], revenue: [500, 1000, 5000] },
  },
  'leasing-business': {
    name: '租赁和商务服务业',
    measures: ['employees', 'assets'],
    bounds: { employees: [10, 100, 300], assets: [100, 8000, 120000] },
  },
  other: { name: '其他未列明行业', measures: ['employees'], bounds: { employees: [10, 100, 300] } },
} as const satisfies Record<string, Thresholds>;

export type SizeIndustry = keyof typeof SIZE_INDUSTRIES;
export const SIZE_INDUSTRY_IDS = Object.keys(SIZE_INDUSTRIES) as [SizeIndustry, ...SizeIndustry[]];

/**
 * The size-rule industry implied by an IAF/EA sector, only where the sector maps to one group.
 * Sectors that span several groups (29 wholesale, retail and repairs; 31 transport, storage and
 * communication; 32 finance, real estate, renting; 34-39 services) return undefined: name the industry.
 */
export function industryForSector(sector: string): SizeIndustry | undefined {
  const n = Number(sector);
  if (n === 1) return 'agriculture';
  if (n >= 2 && n <= 27) return 'industry'; // mining, manufacturing, utilities: 工业 in the rules
  if (n === 28) return 'construction';
  if (n === 33) return 'software';
  return undefined;
}

export type SizeFacts = Partial<Record<SizeMeasure, number>>;

/** The class of an enterprise whose every measure for its industry is known. */
export function classify(industry: SizeIndustry, facts: Required<SizeFacts>): SizeClass {
  const t: Thresholds = SIZE_INDUSTRIES[industry];
  const value = (m: SizeMeasure) => facts[m];
  const all = (band: 0 | 1 | 2) => t.measures.every((m) => value(m) >= t.bounds[m]![band]);
  if (all(2)) return 'large';
  if (all(1)) return 'medium';
  if (all(0)) return 'small';
  return 'micro';
}

/**
 * Every class consistent with what is known. An unknown measure may take any value, so we try values
 * below, at and above each of its thresholds. Returns the classes in order micro, small, medium, large.
 */
export function possibleSizes(industry: SizeIndustry, facts: SizeFacts): SizeClass[] {
  const t: Thresholds = SIZE_INDUSTRIES[industry];
  const candidates = t.measures.map((m) => (facts[m] !== undefined ? [facts[m]!] : [0, ...t.bounds[m]!]));
  const found = new Set<SizeClass>();
  const walk = (i: number, acc: Record<string, number>) => {
    if (i === t.measures.length) {
      found.add(classify(industry, { employees: 0, revenue: 0, assets: 0, ...acc }));
      return;
    }
    for (const v of candidates[i]) walk(i + 1, { ...acc, [t.measures[i]]: v });
  };
  walk(0, {});
  return (['micro', 'small', 'medium', 'large'] as const).filter((s) => found.has(s));
}

export const SIZE_NAMES: Record<SizeClass, string> = { micro: '微型', small: '小型', medium: '中型', large: '大型' };

/** One line a trainer can act on: the thresholds of the industry in plain words. */
export function describeThresholds(industry: SizeIndustry): string {
  const t: Thresholds = SIZE_INDUSTRIES[industry];
  const unit = (m: SizeMeasure) => (m === 'employees' ? '人' : '万元');
  const label = (m: SizeMeasure) => ({ employees: '从业人员', revenue: '营业收入', assets: '资产总额' })[m];
  const band = (i: 0 | 1) => t.measures.map((m) => `${label(m)} ≥ ${t.bounds[m]![i]} ${unit(m)}`).join(' 且 ');
  return `${t.name}：小型需 ${band(0)}，中型需 ${band(1)}，达不到小型即为微型`;
}

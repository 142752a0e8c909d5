/**
 * The helped-enterprise survey, aligned with the programme's own instrument (docs/assistance.md, "Diagnosis
 * and survey"). Scales are stored as numbers, 1 = worst; labels are listed worst first so that a level's
 * number is its index + 1. Answers saved before the alignment (instrument 1) keep their numbers: the
 * labels moved position for position, so "satisfied" and "clear effect" count the same answers as before.
 */

/** 1..5: 不满意 … 满意. Satisfied = 比较满意 or 满意 (4-5). */
export const SATISFACTION_LEVELS = ['不满意', '不太满意', '一般', '比较满意', '满意'] as const;
/** 1..4: 不明显 … 非常明显. Clear effect = 比较明显 or 非常明显 (3-4). */
export const EFFECT_LEVELS = ['不明显', '一般', '比较明显', '非常明显'] as const;
export const SATISFIED_FROM = 4;
export const CLEAR_EFFECT_FROM = 3;

export const IMPROVEMENT_ITEMS = {
  awareness: '质量意识',
  rules: '管理制度',
  environment: '工作环境',
  process: '工艺流程',
  cost: '成本',
  product: '产品质量',
  business: '经营业绩',
  first_pass_yield: '一次合格率',
  sales_volume: '月销量',
  sales_revenue: '月销售额',
  profit_margin: '利润率',
  digital: '数字化水平',
  innovation: '创新能力',
} as const;
export type ImprovementItem = keyof typeof IMPROVEMENT_ITEMS;

/** Items with a size of change (percent, e.g. first-pass yield up 17.8%). */
export const MEASURABLE_ITEMS = [
  'first_pass_yield',
  'sales_volume',
  'sales_revenue',
  'profit_margin',
] as const satisfies readonly ImprovementItem[];
export type MeasurableItem = (typeof MEASURABLE_ITEMS)[number];
export const CHANGE_MIN = -100;
export const CHANGE_MAX = 1000;

export const GOV_SUPPORT = { needs_improvement: '需要改进', adequate: '不需要改进' } as const;
export type GovSupport = keyof typeof GOV_SUPPORT;
export const GOV_SUPPORT_AREAS = { funds: '资金支持', technical: '技术帮扶', other: '其他' } as const;
export type GovSupportArea = keyof typeof GOV_SUPPORT_AREAS;

/** 1: answered before the alignment (no follow-up or government question); 2: the current instrument. */
export const CURRENT_INSTRUMENT = 2;

export interface SurveyAnswer {
  instrument: number;
  satisfaction: number;
  effect: number;
  improvements: string[];
  /** measurable item -> percent change */
  changes: Partial<Record<MeasurableItem, number>>;
  /** 1..5 on the satisfaction scale; null when not asked (instrument 1) */
  followUp: number | null;
  govSupport: GovSupport | null;
  govSupportAreas: GovSupportArea[];
}

export interface SurveyInput {
  satisfaction: number;
  effect: number;
  improvements: ImprovementItem[];
  changes: Partial<Record<MeasurableItem, number>>;
  followUp: number;
  govSupport: GovSupport;
  govSupportAreas: GovSupportArea[];
  comment: string;
}

export type SurveyFieldErrors = Record<string, string>;

const isScale = (v: number, max: number) => Number.isInteger(v) && v >= 1 && v <= max;
const has = <T extends object>(obj: T, key: unknown): key is keyof T =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(obj, key);

/**
 * Checks one answer of the current instrument. A size of change is optional and allowed only for a
 * measurable item that is ticked; field names of the errors are `changes.<item>`.
 */
export function validateSurvey(
  input: Record<string, unknown>,
): { ok: true; value: SurveyInput } | { ok: false; errors: SurveyFieldErrors } {
  const errors: SurveyFieldErrors = {};
  const satisfaction = Number(input.satisfaction);
  const effect = Number(input.effect);
  const followUp = Number(input.followUp);
  if (!isScale(satisfaction, 5)) errors.satisfaction = '请选择对帮扶工作的总体满意程度';
  if (!isScale(effect, 4)) errors.effect = '请选择帮扶的提升效果';
  if (!isScale(followUp, 5)) errors.followUp = '请选择对认证机构后续跟踪服务的满意程度';

  const items = Array.isArray(input.improvements) ? input.improvements : [];
  const unknown = items.filter((i) => !has(IMPROVEMENT_ITEMS, i));
  if (unknown.length) errors.improvements = `未知的改进项：${unknown.join('、')}`;
  const improvements = [...new Set(items.filter((i): i is ImprovementItem => has(IMPROVEMENT_ITEMS, i)))];

  const changes: Partial<Record<MeasurableItem, number>> = {};
  const rawChanges = input.changes && typeof input.changes === 'object' ? (input.changes as Record<string, unknown>) : {};
  for (const [item, raw] of Object.entries(rawChanges)) {
    if (raw === null || raw === undefined || raw === '') continue;
    const field = `changes.${item}`;
    if (!(MEASURABLE_ITEMS as readonly string[]).includes(item)) {
      errors[field] = `“${item}”不能填写变化幅度`;
      continue;
    }
    const value = Number(raw);
    const label = IMPROVEMENT_ITEMS[item as MeasurableItem];
    if (!Number.isFinite(value)) errors[field] = `${label}的变化幅度应为数字（百分比），例如 17.8`;
    else if (value < CHANGE_MIN || value > CHANGE_MAX) errors[field] = `${label}的变化幅度应在 ${CHANGE_MIN}% 到 ${CHANGE_MAX}% 之间`;
    else if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) errors[field] = `${label}的变化幅度最多保留两位小数`;
    else if (!improvements.includes(item as ImprovementItem)) errors[field] = `填写了${label}的变化幅度，请同时勾选“${label}”`;
    else changes[item as MeasurableItem] = value;
  }

  const govSupport = input.govSupport;
  if (!has(GOV_SUPPORT, govSupport)) errors.govSupport = '请选择政府的支持（资金、技术帮扶等）是否需要改进';
  const areasRaw = Array.isArray(input.govSupportAreas) ? input.govSupportAreas : [];
  const badAreas = areasRaw.filter((a) => !has(GOV_SUPPORT_AREAS, a));
  if (badAreas.length) errors.govSupportAreas = `未知的支持类型：${badAreas.join('、')}`;
  const govSupportAreas =
    govSupport === 'needs_improvement' ? [...new Set(areasRaw.filter((a): a is GovSupportArea => has(GOV_SUPPORT_AREAS, a)))] : [];

  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  if (Array.from(comment).length > 500) errors.comment = '意见建议最多 500 字';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: { satisfaction, effect, improvements, changes, followUp, govSupport: govSupport as GovSupport, govSupportAreas, comment },
  };
}

/** A stored survey record's fields (snake_case, JSON already parsed) as a SurveyAnswer. */
export function answerFromStored(row: {
  instrument?: number | null;
  satisfaction: number;
  effect: number;
  improvements?: unknown;
  changes?: unknown;
  follow_up?: number | null;
  gov_support?: string | null;
  gov_support_areas?: unknown;
}): SurveyAnswer {
  // Only text elements are items or areas (the form writes nothing else); SQLite's tally reads the same (src/lib/survey/tally.ts).
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const changes: Partial<Record<MeasurableItem, number>> = {};
  if (row.changes && typeof row.changes === 'object') {
    for (const item of MEASURABLE_ITEMS) {
      const v = (row.changes as Record<string, unknown>)[item];
      if (typeof v === 'number' && Number.isFinite(v)) changes[item] = v;
    }
  }
  const gov = row.gov_support;
  return {
    instrument: row.instrument || 1,
    satisfaction: row.satisfaction,
    effect: row.effect,
    improvements: list(row.improvements),
    changes,
    // PocketBase stores an unanswered number as 0
    followUp: row.follow_up && row.follow_up >= 1 ? row.follow_up : null,
    govSupport: gov === 'needs_improvement' || gov === 'adequate' ? gov : null,
    govSupportAreas: list(row.gov_support_areas).filter((a): a is GovSupportArea => has(GOV_SUPPORT_AREAS, a)),
  };
}

/**
 * The helped-enterprise survey, as the programme measured it: satisfaction on a 5-level scale, the
 * improvement effect on a 4-level scale, and which improvements the enterprise saw.
 */
import { percentage, type Percentage } from './percent.ts';

export const SATISFACTION_LEVELS = ['非常不满意', '不满意', '一般', '满意', '非常满意'] as const; // 1..5
export const EFFECT_LEVELS = ['不明显', '有一些', '比较明显', '非常明显'] as const; // 1..4
export const IMPROVEMENT_ITEMS = {
  awareness: '质量意识',
  rules: '管理制度',
  environment: '工作环境',
  process: '工艺流程',
  cost: '成本',
  product: '产品质量',
  business: '经营业绩',
  digital: '数字化水平',
  innovation: '创新能力',
  first_pass_yield: '一次交验合格率',
  sales: '销售',
  profit: '利润',
} as const;
export type ImprovementItem = keyof typeof IMPROVEMENT_ITEMS;

export interface SurveyAnswer { satisfaction: number; effect: number; improvements: string[] }

export interface SurveyFieldErrors { [field: string]: string }

export function validateSurvey(input: Record<string, unknown>): { ok: true; value: SurveyAnswer & { comment: string } } | { ok: false; errors: SurveyFieldErrors } {
  const errors: SurveyFieldErrors = {};
  const satisfaction = Number(input.satisfaction);
  const effect = Number(input.effect);
  if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) errors.satisfaction = '请选择满意程度（1-5）';
  if (!Number.isInteger(effect) || effect < 1 || effect > 4) errors.effect = '请选择提升效果（1-4）';
  const items = Array.isArray(input.improvements) ? input.improvements : [];
  const unknown = items.filter((i) => typeof i !== 'string' || !(i in IMPROVEMENT_ITEMS));
  if (unknown.length) errors.improvements = `未知的改进项：${unknown.join('、')}`;
  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  if (Array.from(comment).length > 500) errors.comment = '意见建议最多 500 字';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { satisfaction, effect, improvements: [...new Set(items as string[])], comment } };
}

export interface SurveySummary {
  responses: number;
  satisfied: Percentage; // satisfied or very satisfied
  clearEffect: Percentage; // quite or very clear improvement
  satisfaction: number[]; // counts per level 1..5
  effect: number[]; // counts per level 1..4
  items: { item: ImprovementItem; label: string; count: number; share: Percentage }[];
}

export function summariseSurveys(answers: readonly SurveyAnswer[]): SurveySummary {
  const n = answers.length;
  const satisfaction = [0, 0, 0, 0, 0];
  const effect = [0, 0, 0, 0];
  const itemCounts = new Map<string, number>();
  for (const a of answers) {
    satisfaction[a.satisfaction - 1]++;
    effect[a.effect - 1]++;
    for (const i of a.improvements) itemCounts.set(i, (itemCounts.get(i) ?? 0) + 1);
  }
  return {
    responses: n,
    satisfied: percentage(satisfaction[3] + satisfaction[4], n),
    clearEffect: percentage(effect[2] + effect[3], n),
    satisfaction,
    effect,
    items: (Object.keys(IMPROVEMENT_ITEMS) as ImprovementItem[]).map((item) => ({
      item,
      label: IMPROVEMENT_ITEMS[item],
      count: itemCounts.get(item) ?? 0,
      share: percentage(itemCounts.get(item) ?? 0, n),
    })),
  };
}

/** Below this many answers a published share could reveal one enterprise's answer. */
export const MIN_PUBLISHED_RESPONSES = 5;

/** The survey figures fit for the public page: shares are withheld for small groups. */
export function publishable(summary: SurveySummary): { responses: number; satisfied: Percentage | null; clearEffect: Percentage | null } {
  const enough = summary.responses >= MIN_PUBLISHED_RESPONSES;
  return { responses: summary.responses, satisfied: enough ? summary.satisfied : null, clearEffect: enough ? summary.clearEffect : null };
}

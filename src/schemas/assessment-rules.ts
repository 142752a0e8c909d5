/**
 * The assessment rule set (content/assessment-rules/<year>.yaml): one versioned file per assessment
 * year, edited by the ministry and reviewed in version control. Validated by `npm run check`.
 */
import { z } from 'zod';
import { COUNT_MEASURES, INDICATOR_IDS, INDICATORS, RATE_MEASURES, type IndicatorId } from '../lib/provincial-assessment/measures.ts';
import { jurisdictionLevel } from '../lib/regions.ts';

const measureKeys = [...Object.keys(COUNT_MEASURES), ...Object.keys(RATE_MEASURES)] as [string, ...string[]];

export const MeasureRuleSchema = z.object({
  key: z.enum(measureKeys),
  /** relative weight inside its indicator */
  weight: z.number().positive().default(1),
  /** the figure (count, or percentage for rates) that earns the measure's full share */
  target: z.number().positive(),
});

export const IndicatorRuleSchema = z.object({
  id: z.enum(INDICATOR_IDS as [IndicatorId, ...IndicatorId[]]),
  /** points of the indicator in the total */
  weight: z.number().min(0),
  /** highest attainment a measure can reach (1 = no credit beyond the target; 1.2 = up to 120%) */
  cap: z.number().min(1).max(2).default(1),
  measures: z.array(MeasureRuleSchema).min(1),
});

export const AssessmentRulesSchema = z
  .object({
    year: z.number().int().min(2020).max(2100),
    version: z.number().int().min(1),
    title: z.string().min(4),
    /** true when the ministry publishes the full table to every provincial regulator */
    publishedToProvinces: z.boolean().default(false),
    /** whether this rule set is an illustrative one (not an official document) */
    illustrative: z.boolean(),
    indicators: z.array(IndicatorRuleSchema).length(7, '必须列出全部 7 个指标'),
    /** per-province targets that replace a measure's default target: { "33": { attendeeTimes: 20000 } } */
    targets: z.record(z.string(), z.record(z.string(), z.number().positive())).default({}),
  })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.indicators.forEach((ind, i) => {
      if (seen.has(ind.id)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'id'], message: `指标 ${ind.id} 重复` });
      seen.add(ind.id);
      const allowed = INDICATORS[ind.id].measures as readonly string[];
      ind.measures.forEach((m, j) => {
        if (!allowed.includes(m.key))
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', i, 'measures', j, 'key'],
            message: `指标 ${ind.id} 只能用 ${allowed.join('、')} 计分`,
          });
      });
    });
    for (const [province, targets] of Object.entries(rules.targets)) {
      if (jurisdictionLevel(province) !== 'province')
        ctx.addIssue({ code: 'custom', path: ['targets', province], message: `“${province}”不是省级区划代码（兵团用 66）` });
      for (const key of Object.keys(targets)) {
        if (!measureKeys.includes(key))
          ctx.addIssue({
            code: 'custom',
            path: ['targets', province, key],
            message: `未知的计分项“${key}”（可用：${measureKeys.join('、')}）`,
          });
      }
    }
  });

export type AssessmentRules = z.output<typeof AssessmentRulesSchema>;
export type AssessmentRulesInput = z.input<typeof AssessmentRulesSchema>;

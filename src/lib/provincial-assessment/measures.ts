/**
 * The seven indicators of the ministry's provincial assessment and the figures ("measures") each can be
 * scored on. Which measures count, their targets, weights and caps are data (content/assessment-rules/),
 * not code; this file only names what the platform can count.
 */
export const INDICATORS = {
  organising: { no: 1, name: '组织推动措施', measures: ['policies', 'organisingRecords'] },
  publicity: { no: 2, name: '宣传培训措施', measures: ['coursesOffered', 'sessionsHeld', 'attendeeTimes'] },
  trained: { no: 3, name: '培训企业数', measures: ['enterprisesTrained'] },
  helped: { no: 4, name: '帮扶企业数', measures: ['enterprisesHelped'] },
  improvement: { no: 5, name: '帮扶企业提升成效', measures: ['improvedRate'] },
  satisfaction: { no: 6, name: '帮扶企业满意度', measures: ['satisfiedRate'] },
  cases: { no: 7, name: '典型案例', measures: ['casesRecommended', 'casesSelected'] },
} as const;
export type IndicatorId = keyof typeof INDICATORS;
export const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];

export const COUNT_MEASURES = {
  policies: { label: '出台激励政策数', unit: '项' },
  organisingRecords: { label: '组织推动会议和文件数', unit: '项' },
  coursesOffered: { label: '开设课程数（有学员完成的课程）', unit: '门' },
  sessionsHeld: { label: '线下培训场次', unit: '场' },
  attendeeTimes: { label: '培训人次（课程完成次数）', unit: '人次' },
  enterprisesTrained: { label: '培训企业数', unit: '家' },
  enterprisesHelped: { label: '帮扶企业数', unit: '家' },
  casesRecommended: { label: '推荐案例数', unit: '个' },
  casesSelected: { label: '入选案例数', unit: '个' },
} as const;
export const RATE_MEASURES = {
  improvedRate: { label: '成效明显的帮扶企业占比', numerator: '认为成效明显的企业', denominator: '填写调查的帮扶企业' },
  satisfiedRate: { label: '满意的帮扶企业占比', numerator: '满意的企业', denominator: '填写调查的帮扶企业' },
} as const;
export type CountKey = keyof typeof COUNT_MEASURES;
export type RateKey = keyof typeof RATE_MEASURES;
export type MeasureKey = CountKey | RateKey;
export const isRateKey = (key: string): key is RateKey => key in RATE_MEASURES;
export const measureLabel = (key: MeasureKey) => (isRateKey(key) ? RATE_MEASURES[key].label : COUNT_MEASURES[key].label);

/** What the platform counted for one region in the assessment year. */
export interface RegionFigures {
  counts: Record<CountKey, number>;
  rates: Record<RateKey, { numerator: number; denominator: number }>;
  /** notes on figures that are missing or partial */
  notes: string[];
}

export function emptyFigures(): RegionFigures {
  return {
    counts: Object.fromEntries(Object.keys(COUNT_MEASURES).map((k) => [k, 0])) as Record<CountKey, number>,
    rates: Object.fromEntries(Object.keys(RATE_MEASURES).map((k) => [k, { numerator: 0, denominator: 0 }])) as Record<
      RateKey,
      { numerator: number; denominator: number }
    >,
    notes: [],
  };
}

/**
 * The survey's published figures. Every share keeps its numerator and denominator and is rounded half up to
 * two decimals (src/lib/stats/percent.ts); the programme's report truncated instead (docs/assistance.md).
 * Denominators: all responses for satisfaction, effect and improvements; for follow-up and government
 * support, the responses that were asked the question (answers migrated from the old form were not).
 */
import { percentage, roundHalfUp, type Percentage } from '../stats/percent.ts';
import {
  CLEAR_EFFECT_FROM,
  GOV_SUPPORT_AREAS,
  IMPROVEMENT_ITEMS,
  MEASURABLE_ITEMS,
  SATISFIED_FROM,
  type GovSupportArea,
  type ImprovementItem,
  type MeasurableItem,
  type SurveyAnswer,
} from './instrument.ts';

export interface ItemCount {
  item: ImprovementItem;
  label: string;
  count: number;
  share: Percentage;
}
export interface ChangeAverage {
  item: MeasurableItem;
  label: string;
  reported: number;
  average: number | null;
}

export interface SurveySummary {
  responses: number;
  satisfied: Percentage;
  clearEffect: Percentage;
  /** counts per level, index 0 = level 1 (worst) */
  satisfaction: number[];
  effect: number[];
  items: ItemCount[];
  /** average size of change (percent, half up to 2 decimals) among those who gave one */
  changes: ChangeAverage[];
  followUp: { asked: number; levels: number[]; satisfied: Percentage };
  govSupport: { asked: number; needsImprovement: Percentage; areas: { area: GovSupportArea; label: string; count: number }[] };
}

const atLeast = (counts: readonly number[], from: number) => counts.slice(from - 1).reduce((s, c) => s + c, 0);

/** Counts `times` answers at `level` of a 1..max scale (index 0 = level 1); other values are not a level. */
export function addLevel(counts: number[], level: number, max: number, times = 1): void {
  if (level >= 1 && level <= max) counts[level - 1] += times;
}

/**
 * The two headline shares from the number of answers at each level (index 0 = level 1): satisfied and clear
 * effect, over all responses. The province table reads the levels grouped by SQLite instead of every answer.
 */
export function headlineShares(
  responses: number,
  satisfaction: readonly number[],
  effect: readonly number[],
): { responses: number; satisfied: Percentage; clearEffect: Percentage } {
  return {
    responses,
    satisfied: percentage(atLeast(satisfaction, SATISFIED_FROM), responses),
    clearEffect: percentage(atLeast(effect, CLEAR_EFFECT_FROM), responses),
  };
}

export function summariseSurveys(answers: readonly SurveyAnswer[]): SurveySummary {
  const n = answers.length;
  const satisfaction = [0, 0, 0, 0, 0];
  const effect = [0, 0, 0, 0];
  const followUpLevels = [0, 0, 0, 0, 0];
  const itemCounts = new Map<string, number>();
  const changeSums = new Map<string, { sum: number; count: number }>();
  const areaCounts = new Map<string, number>();
  let govAsked = 0;
  let govNeeds = 0;
  for (const a of answers) {
    addLevel(satisfaction, a.satisfaction, 5);
    addLevel(effect, a.effect, 4);
    for (const i of new Set(a.improvements)) itemCounts.set(i, (itemCounts.get(i) ?? 0) + 1);
    for (const [item, value] of Object.entries(a.changes)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const s = changeSums.get(item) ?? { sum: 0, count: 0 };
      changeSums.set(item, { sum: s.sum + value, count: s.count + 1 });
    }
    if (a.followUp !== null && a.followUp >= 1 && a.followUp <= 5) followUpLevels[a.followUp - 1]++;
    if (a.govSupport !== null) {
      govAsked++;
      if (a.govSupport === 'needs_improvement') {
        govNeeds++;
        for (const area of new Set(a.govSupportAreas)) areaCounts.set(area, (areaCounts.get(area) ?? 0) + 1);
      }
    }
  }
  const followUpAsked = followUpLevels.reduce((s, c) => s + c, 0);
  return {
    ...headlineShares(n, satisfaction, effect),
    satisfaction,
    effect,
    items: (Object.keys(IMPROVEMENT_ITEMS) as ImprovementItem[]).map((item) => ({
      item,
      label: IMPROVEMENT_ITEMS[item],
      count: itemCounts.get(item) ?? 0,
      share: percentage(itemCounts.get(item) ?? 0, n),
    })),
    changes: MEASURABLE_ITEMS.map((item) => {
      const s = changeSums.get(item);
      return { item, label: IMPROVEMENT_ITEMS[item], reported: s?.count ?? 0, average: s ? roundHalfUp(s.sum / s.count) : null };
    }),
    followUp: {
      asked: followUpAsked,
      levels: followUpLevels,
      satisfied: percentage(atLeast(followUpLevels, SATISFIED_FROM), followUpAsked),
    },
    govSupport: {
      asked: govAsked,
      needsImprovement: percentage(govNeeds, govAsked),
      areas: (Object.keys(GOV_SUPPORT_AREAS) as GovSupportArea[]).map((area) => ({
        area,
        label: GOV_SUPPORT_AREAS[area],
        count: areaCounts.get(area) ?? 0,
      })),
    },
  };
}

/** Below this many answers a published share could reveal one enterprise's answer. */
export const MIN_PUBLISHED_RESPONSES = 5;

export interface PublishableSurvey {
  responses: number;
  satisfied: Percentage | null;
  clearEffect: Percentage | null;
  followUpSatisfied: Percentage | null;
  govSupportNeedsImprovement: Percentage | null;
  changes: ChangeAverage[] | null;
}

/**
 * The survey figures fit for the public: every share and average is withheld (null) for a group under
 * MIN_PUBLISHED_RESPONSES answers; a share whose own denominator is that small is withheld too.
 */
export function publishable(summary: SurveySummary): PublishableSurvey {
  const enough = (k: number) => k >= MIN_PUBLISHED_RESPONSES;
  const all = enough(summary.responses);
  return {
    responses: summary.responses,
    satisfied: all ? summary.satisfied : null,
    clearEffect: all ? summary.clearEffect : null,
    followUpSatisfied: all && enough(summary.followUp.asked) ? summary.followUp.satisfied : null,
    govSupportNeedsImprovement: all && enough(summary.govSupport.asked) ? summary.govSupport.needsImprovement : null,
    changes: all ? summary.changes.map((c) => (enough(c.reported) ? c : { ...c, average: null })) : null,
  };
}

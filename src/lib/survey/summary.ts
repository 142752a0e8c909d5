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
import { addLevel, tallyAnswers, type SurveyTally } from './tally.ts';

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

export { addLevel };

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

/** The average size of change among those who gave one, half up to two decimals, from the exact sum in hundredths. */
export const averageChange = (count: number, hundredths: number) => (count ? roundHalfUp(hundredths / count, 0) / 100 : null);

/** The published summary from a tally (src/lib/survey/tally.ts): of answers one by one, or counted by SQLite. */
export function summaryFromTally(t: SurveyTally): SurveySummary {
  const n = t.responses;
  const followUpAsked = t.followUp.reduce((s, c) => s + c, 0);
  return {
    ...headlineShares(n, t.satisfaction, t.effect),
    satisfaction: [...t.satisfaction],
    effect: [...t.effect],
    items: (Object.keys(IMPROVEMENT_ITEMS) as ImprovementItem[]).map((item) => ({
      item,
      label: IMPROVEMENT_ITEMS[item],
      count: t.items[item] ?? 0,
      share: percentage(t.items[item] ?? 0, n),
    })),
    changes: MEASURABLE_ITEMS.map((item) => {
      const c = t.changes[item];
      return { item, label: IMPROVEMENT_ITEMS[item], reported: c?.count ?? 0, average: c ? averageChange(c.count, c.hundredths) : null };
    }),
    followUp: {
      asked: followUpAsked,
      levels: [...t.followUp],
      satisfied: percentage(atLeast(t.followUp, SATISFIED_FROM), followUpAsked),
    },
    govSupport: {
      asked: t.govAsked,
      needsImprovement: percentage(t.govNeeds, t.govAsked),
      areas: (Object.keys(GOV_SUPPORT_AREAS) as GovSupportArea[]).map((area) => ({
        area,
        label: GOV_SUPPORT_AREAS[area],
        count: t.areas[area] ?? 0,
      })),
    },
  };
}

export function summariseSurveys(answers: readonly SurveyAnswer[]): SurveySummary {
  return summaryFromTally(tallyAnswers(answers));
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

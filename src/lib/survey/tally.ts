/**
 * What the survey summary counts, as plain numbers that add up: a tally of many answers is the sum of the tallies
 * of its parts, so it can be counted by SQLite in groups (src/server/survey/tally-sql.ts) instead of answer by
 * answer in PocketBase's JS VM (5,600 answers took most of a second there). Every rule of what counts lives here:
 * the SQL only groups identical stored values and counts them; tallyFromGroups applies these rules to each group.
 * summariseSurveys (summary.ts) is summaryFromTally(tallyAnswers(answers)); tests compare the SQL's tally with
 * tallyAnswers over the same answers (a recount).
 */
import { GOV_SUPPORT_AREAS, IMPROVEMENT_ITEMS, MEASURABLE_ITEMS, type SurveyAnswer } from './instrument.ts';

export interface SurveyTally {
  responses: number;
  /** answers at each level, index 0 = level 1 (worst) */
  satisfaction: number[];
  effect: number[];
  /** answers that gave a follow-up level 1..5 (older answers were not asked) */
  followUp: number[];
  /** answers that said whether government support needs improvement, and those that said it does */
  govAsked: number;
  govNeeds: number;
  /** answers ticking each improvement item (an item ticked twice in one answer counts once) */
  items: Record<string, number>;
  /** per measurable item: answers giving a size of change, and the sum of the sizes in hundredths of a percent */
  changes: Record<string, { count: number; hundredths: number }>;
  /** answers wanting better government support that name each area (once per answer) */
  areas: Record<string, number>;
}

export function emptyTally(): SurveyTally {
  return {
    responses: 0,
    satisfaction: [0, 0, 0, 0, 0],
    effect: [0, 0, 0, 0],
    followUp: [0, 0, 0, 0, 0],
    govAsked: 0,
    govNeeds: 0,
    items: {},
    changes: {},
    areas: {},
  };
}

/** Counts `times` answers at `level` of a 1..max scale (index 0 = level 1); anything else is not a level. */
export function addLevel(counts: number[], level: number, max: number, times = 1): void {
  if (Number.isInteger(level) && level >= 1 && level <= max) counts[level - 1] += times;
}

/**
 * A size of change in hundredths of a percent (the form takes at most two decimals), rounded half away from
 * zero as SQLite's ROUND does: sums of integers are exact whatever the order, sums of decimals in binary are not.
 */
export const hundredthsOf = (percent: number) => Math.sign(percent) * Math.round(Math.abs(percent) * 100);

const isItem = (item: string) => Object.hasOwn(IMPROVEMENT_ITEMS, item);
const isMeasurable = (item: string) => (MEASURABLE_ITEMS as readonly string[]).includes(item);
const isArea = (area: string) => Object.hasOwn(GOV_SUPPORT_AREAS, area);
const bump = (counts: Record<string, number>, key: string, n: number) => {
  counts[key] = (counts[key] ?? 0) + n;
};

/** The levels and yes/no answers of `times` answers with these stored values (answerFromStored's reading). */
function addAnswerLevels(
  t: SurveyTally,
  a: { satisfaction: number; effect: number; followUp: number | null; govSupport: string | null },
  times: number,
): void {
  t.responses += times;
  addLevel(t.satisfaction, a.satisfaction, 5, times);
  addLevel(t.effect, a.effect, 4, times);
  if (a.followUp !== null) addLevel(t.followUp, a.followUp, 5, times);
  if (a.govSupport === 'needs_improvement' || a.govSupport === 'adequate') {
    t.govAsked += times;
    if (a.govSupport === 'needs_improvement') t.govNeeds += times;
  }
}

/** The reference: the tally of answers one by one. */
export function tallyAnswers(answers: readonly SurveyAnswer[]): SurveyTally {
  const t = emptyTally();
  for (const a of answers) {
    addAnswerLevels(t, a, 1);
    for (const item of new Set(a.improvements)) if (isItem(item)) bump(t.items, item, 1);
    for (const [item, value] of Object.entries(a.changes)) {
      if (!isMeasurable(item) || typeof value !== 'number' || !Number.isFinite(value)) continue;
      const c = (t.changes[item] ??= { count: 0, hundredths: 0 });
      c.count++;
      c.hundredths += hundredthsOf(value);
    }
    if (a.govSupport === 'needs_improvement') for (const area of new Set(a.govSupportAreas)) if (isArea(area)) bump(t.areas, area, 1);
  }
  return t;
}

/**
 * Groups as SQLite counts them (surveyTallySql): answers per identical (satisfaction, effect, follow_up,
 * gov_support) as stored; answers per distinct text element of improvements, and of gov_support_areas among
 * those wanting better support; per key of changes, the numbers given and the sum of their hundredths.
 */
export interface TallyGroups {
  levels: [satisfaction: number | null, effect: number | null, followUp: number | null, govSupport: string | null, answers: number][];
  items: [item: string, answers: number][];
  areas: [area: string, answers: number][];
  changes: [item: string, count: number, hundredths: number][];
}

/** The tally from the groups: the same rules as tallyAnswers, applied once per group. */
export function tallyFromGroups(groups: TallyGroups): SurveyTally {
  const t = emptyTally();
  for (const [satisfaction, effect, followUp, govSupport, n] of groups.levels) {
    addAnswerLevels(
      t,
      {
        satisfaction: Number(satisfaction),
        effect: Number(effect),
        // as answerFromStored: PocketBase stores an unanswered number as 0
        followUp: followUp && followUp >= 1 ? followUp : null,
        govSupport,
      },
      n,
    );
  }
  for (const [item, n] of groups.items) if (isItem(item)) bump(t.items, item, n);
  for (const [area, n] of groups.areas) if (isArea(area)) bump(t.areas, area, n);
  for (const [item, count, hundredths] of groups.changes) {
    if (!isMeasurable(item) || !count) continue;
    const c = (t.changes[item] ??= { count: 0, hundredths: 0 });
    c.count += count;
    c.hundredths += hundredths;
  }
  return t;
}

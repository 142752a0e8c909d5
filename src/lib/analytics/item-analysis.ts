/**
 * Classical item analysis of quiz questions, for trainers improving their questions:
 * - facility index: the mean score on the question (0..1; for a right/wrong item, the share who got it right);
 * - discrimination index D: facility among the best 27% of attempts (by total score) minus facility among the
 *   worst 27%. A good question is answered better by those who know the subject: D >= 0.3 is good, below 0.2
 *   weak, below 0 means the better learners get it wrong more often (usually a flawed key or wording);
 * - how often each option was chosen (a distractor nobody picks does no work).
 * Flags are given only once a question has MIN_ANSWERS answers: fewer say little.
 */
import { roundHalfUp } from '../stats/percent.ts';

export const MIN_ANSWERS = 10;
export const GROUP_SHARE = 0.27;

export interface AttemptItem {
  ref: string;
  /** 0..1, the credit the question got */
  score: number;
  /** original option index(es) chosen, true/false, or null when unanswered */
  given: number | number[] | boolean | null;
}

export interface GradedAttempt {
  /** the attempt's total, any scale (percent) */
  total: number;
  items: AttemptItem[];
}

export type ItemFlag = 'too_easy' | 'too_hard' | 'negative' | 'weak';

export interface ItemStats {
  ref: string;
  answers: number;
  facility: number;
  discrimination: number | null;
  /** option index → times chosen; for true/false, keys "true" and "false"; "none" for unanswered */
  choices: Record<string, number>;
  flags: ItemFlag[];
}

function choiceKeys(given: AttemptItem['given']): string[] {
  if (given === null || given === undefined) return ['none'];
  if (Array.isArray(given)) return given.length ? given.map(String) : ['none'];
  return [String(given)];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * Upper and lower groups: the top and bottom 27% of attempts by total (at least one each), ties at the cut
 * broken by order, so both groups always have the same size and never overlap.
 */
export function extremeGroups<T extends { total: number }>(attempts: readonly T[]): { upper: T[]; lower: T[] } {
  const size = Math.max(1, Math.round(attempts.length * GROUP_SHARE));
  if (attempts.length < 2) return { upper: [], lower: [] };
  const sorted = [...attempts].sort((a, b) => b.total - a.total);
  const groupSize = Math.min(size, Math.floor(attempts.length / 2));
  return { upper: sorted.slice(0, groupSize), lower: sorted.slice(sorted.length - groupSize) };
}

export function flagsOf(facility: number, discrimination: number | null, answers: number): ItemFlag[] {
  if (answers < MIN_ANSWERS) return [];
  const flags: ItemFlag[] = [];
  if (facility > 0.9) flags.push('too_easy');
  if (facility < 0.3) flags.push('too_hard');
  if (discrimination !== null && discrimination < 0) flags.push('negative');
  else if (discrimination !== null && discrimination < 0.2) flags.push('weak');
  return flags;
}

/** Item statistics for every question that appears in the attempts, in first-seen order. */
export function analyseItems(attempts: readonly GradedAttempt[]): ItemStats[] {
  const refs: string[] = [];
  for (const a of attempts) for (const item of a.items) if (!refs.includes(item.ref)) refs.push(item.ref);
  return refs.map((ref) => {
    // each question is judged among the attempts that drew it (random draws give each a different set)
    const withItem = attempts
      .map((a) => ({ total: a.total, item: a.items.find((i) => i.ref === ref) }))
      .filter((a): a is { total: number; item: AttemptItem } => Boolean(a.item));
    const scores = withItem.map((a) => a.item.score);
    const facility = mean(scores);
    const { upper, lower } = extremeGroups(withItem);
    const discrimination = upper.length ? mean(upper.map((a) => a.item.score)) - mean(lower.map((a) => a.item.score)) : null;
    const choices: Record<string, number> = {};
    for (const a of withItem) for (const key of choiceKeys(a.item.given)) choices[key] = (choices[key] ?? 0) + 1;
    const rounded = discrimination === null ? null : roundHalfUp(discrimination, 2);
    return {
      ref,
      answers: withItem.length,
      facility: roundHalfUp(facility, 2),
      discrimination: rounded,
      choices,
      flags: flagsOf(facility, rounded, withItem.length),
    };
  });
}

/**
 * Where learners stop watching a video: each learner's furthest watched point (as a share of the video) falls
 * into one of `buckets` equal parts; the last bucket also holds those who watched to the end.
 */
export function stopPoints(furthest: readonly number[], buckets = 10): number[] {
  const out = new Array<number>(buckets).fill(0);
  for (const f of furthest) out[Math.min(buckets - 1, Math.max(0, Math.floor(f * buckets)))]++;
  return out;
}

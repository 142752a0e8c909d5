/** Watched-interval bookkeeping for video progress: only seconds actually played count. */
export type Interval = [start: number, end: number];

export function mergeIntervals(intervals: readonly Interval[], duration = Infinity): Interval[] {
  const clean = intervals
    .filter((iv) => Array.isArray(iv) && Number.isFinite(iv[0]) && Number.isFinite(iv[1]))
    .map(([a, b]): Interval => [Math.max(0, Math.min(a, b)), Math.min(duration, Math.max(a, b))])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const iv of clean) {
    const last = out[out.length - 1];
    // Gaps under half a second are timer jitter between two reports, not skipped video.
    if (last && iv[0] <= last[1] + 0.5) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

export const watchedSeconds = (merged: readonly Interval[]) => merged.reduce((s, [a, b]) => s + (b - a), 0);

export function watchedFraction(merged: readonly Interval[], duration: number): number {
  return duration > 0 ? Math.min(1, watchedSeconds(mergeIntervals(merged, duration)) / duration) : 0;
}

/** a − b: the parts of `a` not covered by `b` (both are merged first). */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const cut = mergeIntervals(b);
  const out: Interval[] = [];
  for (const [start, end] of mergeIntervals(a)) {
    let from = start;
    for (const [s, e] of cut) {
      if (e <= from || s >= end) continue;
      if (s > from) out.push([from, s]);
      from = Math.max(from, e);
      if (from >= end) break;
    }
    if (from < end) out.push([from, end]);
  }
  // not merged again: mergeIntervals bridges gaps under 0.5 s, which would undo small cuts
  return out.filter(([s, e]) => e - s > 1e-6);
}

/** How video credit follows wall-clock time (docs/video.md). */
export const VIDEO_CREDIT = {
  /** the fastest playback the server credits: 2x */
  maxRate: 2,
  /** what a first report may credit before any time can be measured; shared by all reports, never per report */
  slackSeconds: 5,
  /** idle time banks credit up to this much (a 15-second report at 2x needs 30 s) */
  bankSeconds: 60,
} as const;

/** The credit a learner has left for one lesson's video, and when that was worked out. */
export interface CreditState {
  /** seconds of video that may still be credited */
  allowance: number;
  /** ms since the epoch */
  at: number;
}

/**
 * The credit available at `now`: it grows with wall-clock time at `maxRate`, up to `bankSeconds`. Because
 * the state is read and written in the same transaction as the intervals, a burst of reports (or many at
 * once) shares one allowance: eleven reports within 30 ms credit the slack once, not eleven times.
 */
export function creditAvailable(state: CreditState | null, now: number): number {
  if (!state) return VIDEO_CREDIT.slackSeconds;
  const grown = state.allowance + (Math.max(0, now - state.at) / 1000) * VIDEO_CREDIT.maxRate;
  return Math.min(Math.max(VIDEO_CREDIT.bankSeconds, state.allowance), Math.max(0, grown));
}

/**
 * Adds at most `allowanceSeconds` of new (not yet credited) seconds from `reported` to `previous`, from the
 * earliest on. Seconds already credited cost nothing, so resending them is harmless. Returns the merged
 * intervals and the allowance used.
 */
export function takeCredit(
  previous: readonly Interval[],
  reported: readonly Interval[],
  allowanceSeconds: number,
): { intervals: Interval[]; used: number } {
  let allowance = Math.max(0, allowanceSeconds);
  const accepted: Interval[] = [...previous];
  let used = 0;
  for (const [a, b] of subtractIntervals(reported, previous)) {
    if (allowance <= 0) break;
    const end = Math.min(b, a + allowance);
    accepted.push([a, end]);
    allowance -= end - a;
    used += end - a;
  }
  return { intervals: mergeIntervals(accepted), used };
}

/**
 * A report cannot add more new seconds than could have been played since the previous one (at the
 * fastest playback rate, plus slack). Kept for single reports; the server uses creditAvailable and
 * takeCredit, which share one allowance across reports.
 */
export function capNewSeconds(previous: readonly Interval[], reported: readonly Interval[], elapsedMs: number, maxRate = 2): Interval[] {
  return takeCredit(previous, reported, (Math.max(0, elapsedMs) / 1000) * maxRate + VIDEO_CREDIT.slackSeconds).intervals;
}

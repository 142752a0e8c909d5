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

/**
 * A report cannot add more new seconds than could have been played since the previous one (at the
 * fastest playback rate, plus slack), so a forged "watched everything" request gains little. Seconds
 * already credited cost nothing, so resending them is harmless.
 */
export function capNewSeconds(previous: readonly Interval[], reported: readonly Interval[], elapsedMs: number, maxRate = 2): Interval[] {
  let allowance = (Math.max(0, elapsedMs) / 1000) * maxRate + 5;
  const accepted: Interval[] = [...previous];
  for (const [a, b] of subtractIntervals(reported, previous)) {
    if (allowance <= 0) break;
    const end = Math.min(b, a + allowance);
    accepted.push([a, end]);
    allowance -= end - a;
  }
  return mergeIntervals(accepted);
}

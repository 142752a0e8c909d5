/** Watched-interval bookkeeping for video progress: only seconds actually played count. */
export type Interval = [start: number, end: number];

// Plain index loops, no destructuring or spreads: the same functions run in PocketBase's goja VM on every
// video report (src/lib/progress-batch.ts), where iterators and callbacks cost several times more than in V8.
export function mergeIntervals(intervals: readonly Interval[], duration = Infinity): Interval[] {
  const clean: Interval[] = [];
  let sorted = true;
  for (let i = 0; i < intervals.length; i++) {
    const iv = intervals[i];
    if (!Array.isArray(iv)) continue;
    const x = iv[0];
    const y = iv[1];
    // finite numbers only (x - x is NaN for NaN and ±Infinity); comparisons instead of Math.min/max calls
    if (typeof x !== 'number' || typeof y !== 'number' || x - x !== 0 || y - y !== 0) continue;
    // biome-ignore lint/complexity/useMathMinMax: a native call costs goja more than the comparison
    let a = x < y ? x : y;
    // biome-ignore lint/complexity/useMathMinMax: as above
    let b = x < y ? y : x;
    if (a < 0) a = 0;
    if (b > duration) b = duration;
    if (b > a) {
      if (clean.length > 0 && a < clean[clean.length - 1][0]) sorted = false;
      clean.push([a, b]);
    }
  }
  // Most inputs are merged lists already: sorting them is a no-op that costs goja more than the rest.
  if (!sorted) clean.sort((p, q) => p[0] - q[0]);
  const out: Interval[] = [];
  let last: Interval | undefined;
  for (let i = 0; i < clean.length; i++) {
    const iv = clean[i];
    // Gaps under half a second are timer jitter between two reports, not skipped video.
    if (last && iv[0] <= last[1] + 0.5) {
      if (iv[1] > last[1]) last[1] = iv[1];
    } else {
      out.push(iv);
      last = iv;
    }
  }
  return out;
}

/**
 * mergeIntervals for the server's hot path, where most inputs are merged lists already (the stored row, a
 * list merged a step earlier, a client's report): a check that allocates nothing is several times cheaper in
 * goja than building the list again. Kept apart from mergeIntervals so that the player's bundle, which never
 * sees such lists, does not carry the check (the video lesson's 30 KB budget).
 */
export function ensureMerged(intervals: readonly Interval[], duration = Infinity): Interval[] {
  return isMerged(intervals, duration) ? intervals.slice() : mergeIntervals(intervals, duration);
}

/**
 * Whether mergeIntervals(intervals, duration) would give the same pairs: each an [a, b] of finite numbers,
 * 0 ≤ a < b ≤ duration, in order, each starting more than the 0.5-s jitter bridge after the previous one ends.
 * The pairs are then shared with the result, which is safe because nothing changes a pair after the merge.
 */
function isMerged(intervals: readonly Interval[], duration: number): boolean {
  let end = -Infinity;
  for (let i = 0; i < intervals.length; i++) {
    const iv = intervals[i];
    if (!Array.isArray(iv) || iv.length !== 2) return false;
    const a = iv[0];
    const b = iv[1];
    // typeof first: a - a !== 0 is also true for NaN and ±Infinity
    if (typeof a !== 'number' || typeof b !== 'number' || a - a !== 0 || b - b !== 0) return false;
    if (!(a >= 0 && b > a && b <= duration && a > end + 0.5)) return false;
    end = b;
  }
  return true;
}

export function watchedSeconds(merged: readonly Interval[]): number {
  let total = 0;
  for (let i = 0; i < merged.length; i++) total += merged[i][1] - merged[i][0];
  return total;
}

export function watchedFraction(merged: readonly Interval[], duration: number): number {
  return duration > 0 ? Math.min(1, watchedSeconds(mergeIntervals(merged, duration)) / duration) : 0;
}

/** a − b: the parts of `a` not covered by `b` (both are merged first). */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return subtractMerged(mergeIntervals(a), mergeIntervals(b));
}

/** subtractIntervals of two merged lists. */
function subtractMerged(from_: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (let i = 0; i < from_.length; i++) {
    const end = from_[i][1];
    let from = from_[i][0];
    // the cut's pairs are in order and so are their ends: skip those ending at or before `from` by bisection
    // (a stored list can hold dozens of stretches; the loop below would skip them one by one)
    let lo = 0;
    let hi = cut.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cut[mid][1] <= from) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < cut.length; j++) {
      const s = cut[j][0];
      const e = cut[j][1];
      if (e <= from || s >= end) continue;
      if (s - from > 1e-6) out.push([from, s]);
      if (e > from) from = e;
      if (from >= end) break;
    }
    if (end - from > 1e-6) out.push([from, end]);
  }
  // not merged again: mergeIntervals bridges gaps under 0.5 s, which would undo small cuts; slivers of a
  // millionth of a second or less are left out as they are made (a filter callback costs goja more)
  return out;
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
  return takeCreditMerged(ensureMerged(previous), reported, allowanceSeconds);
}

/**
 * takeCredit for a `previous` that is merged already (ensureMerged gives it back unchanged), as a stored row's
 * intervals are: saves merging it again on every report. Merging `previous` first changes nothing in the result:
 * the final merge fills the same gaps of at most half a second either way.
 */
export function takeCreditMerged(
  previous: readonly Interval[],
  reported: readonly Interval[],
  allowanceSeconds: number,
): { intervals: Interval[]; used: number } {
  let allowance = Math.max(0, allowanceSeconds);
  let used = 0;
  const fresh = subtractMerged(ensureMerged(reported), previous);
  const credited: Interval[] = [];
  for (let i = 0; i < fresh.length; i++) {
    if (allowance <= 0) break;
    const a = fresh[i][0];
    const end = Math.min(fresh[i][1], a + allowance);
    credited.push([a, end]);
    allowance -= end - a;
    used += end - a;
  }
  return { intervals: mergeOrdered(previous, credited), used };
}

/**
 * mergeIntervals(merged.concat(added)) for a merged list and a list of valid pairs in order that do not overlap
 * it (the newly credited stretches): one pass over both, no sort, and the pairs that stay as they are are
 * shared with `merged` instead of copied (a pair that grows is copied first, so `merged` never changes).
 */
function mergeOrdered(merged: readonly Interval[], added: readonly Interval[]): Interval[] {
  if (added.length === 0) return merged.slice();
  const out: Interval[] = [];
  let last: Interval | undefined;
  let copied = false;
  let i = 0;
  let j = 0;
  while (i < merged.length || j < added.length) {
    // the merge's stable sort puts a stored pair before an added one with the same start
    const iv = j >= added.length || (i < merged.length && merged[i][0] <= added[j][0]) ? merged[i++] : added[j++];
    if (!(iv[1] > iv[0])) continue; // an empty stretch (an allowance too small to move the end) is dropped
    if (last && iv[0] <= last[1] + 0.5) {
      if (iv[1] > last[1]) {
        if (!copied) {
          last = [last[0], iv[1]];
          out[out.length - 1] = last;
          copied = true;
        } else last[1] = iv[1];
      }
    } else {
      out.push(iv);
      last = iv;
      copied = false;
    }
  }
  return out;
}

/**
 * A report cannot add more new seconds than could have been played since the previous one (at the
 * fastest playback rate, plus slack). Kept for single reports; the server uses creditAvailable and
 * takeCredit, which share one allowance across reports.
 */
export function capNewSeconds(previous: readonly Interval[], reported: readonly Interval[], elapsedMs: number, maxRate = 2): Interval[] {
  return takeCredit(previous, reported, (Math.max(0, elapsedMs) / 1000) * maxRate + VIDEO_CREDIT.slackSeconds).intervals;
}

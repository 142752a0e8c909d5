import { describe, expect, it } from 'vitest';
import {
  capNewSeconds,
  creditAvailable,
  ensureMerged,
  mergeIntervals,
  subtractIntervals,
  takeCredit,
  VIDEO_CREDIT,
  watchedFraction,
  watchedSeconds,
} from '../../src/lib/intervals.ts';

describe('watched intervals', () => {
  it('merges overlapping, touching and unordered intervals', () => {
    expect(
      mergeIntervals([
        [10, 20],
        [0, 5],
        [4, 8],
        [20.3, 25],
      ]),
    ).toEqual([
      [0, 8],
      [10, 25],
    ]);
  });

  it('clamps to the video, flips reversed pairs and drops garbage', () => {
    expect(mergeIntervals([[-5, 3], [9, 7], [95, 200], [NaN, 4] as never, [50, 50]], 100)).toEqual([
      [0, 3],
      [7, 9],
      [95, 100],
    ]);
  });

  it('counts only what was watched: seeking ahead adds nothing', () => {
    const merged = mergeIntervals(
      [
        [0, 30],
        [90, 100],
      ],
      100,
    );
    expect(watchedSeconds(merged)).toBe(40);
    expect(watchedFraction(merged, 100)).toBe(0.4);
    expect(
      watchedFraction(
        [
          [0, 100],
          [0, 100],
        ],
        100,
      ),
    ).toBe(1);
  });

  it('limits new seconds to what could have been played since the last report', () => {
    const previous: [number, number][] = [[0, 10]];
    // 10 s elapsed at up to 2x speed: at most 25 s (20 + 5 slack) of new video can be credited.
    const capped = capNewSeconds(previous, [[10, 100]], 10_000);
    expect(watchedSeconds(capped)).toBeCloseTo(35);
    expect(capNewSeconds(previous, [[10, 20]], 10_000)).toEqual([[0, 20]]);
  });
});

describe('credit for resent and forged reports', () => {
  it('does not spend the allowance on seconds already credited', () => {
    const credited = capNewSeconds([[0, 15]], [[0, 50]], 3_000);
    expect(watchedSeconds(credited)).toBeCloseTo(15 + 11); // 3 s at 2x plus 5 s slack
  });
  it('gives a first report without history only the slack', () => {
    expect(watchedSeconds(capNewSeconds([], [[0, 50]], 0))).toBe(5);
  });
  it('subtracts covered parts', () => {
    expect(
      subtractIntervals(
        [
          [0, 10],
          [20, 30],
        ],
        [[5, 25]],
      ),
    ).toEqual([
      [0, 5],
      [25, 30],
    ]);
    expect(subtractIntervals([[0, 10]], [])).toEqual([[0, 10]]);
    expect(subtractIntervals([[2, 3]], [[0, 10]])).toEqual([]);
  });
});

describe('video credit shared across reports (wall-clock time)', () => {
  it('starts with the slack, grows at 2x wall-clock time, banks at most a minute', () => {
    expect(creditAvailable(null, 0)).toBe(VIDEO_CREDIT.slackSeconds);
    expect(creditAvailable({ allowance: 0, at: 1_000 }, 11_000)).toBe(20);
    expect(creditAvailable({ allowance: 3, at: 1_000 }, 2_000)).toBe(5);
    expect(creditAvailable({ allowance: 0, at: 0 }, 3_600_000)).toBe(VIDEO_CREDIT.bankSeconds);
    expect(creditAvailable({ allowance: 10, at: 5_000 }, 1_000)).toBe(10); // a clock that went back adds nothing
  });

  it('eleven reports 3 ms apart credit the slack once, not eleven times', () => {
    let state = null as { allowance: number; at: number } | null;
    let intervals: [number, number][] = [];
    for (let i = 0; i < 11; i++) {
      const now = 1_000 + i * 3;
      const available = creditAvailable(state, now);
      const credit = takeCredit(intervals, [[i * 4, 50]], available);
      intervals = credit.intervals;
      state = { allowance: available - credit.used, at: now };
    }
    // 5 s slack + 30 ms at 2x = 5.06 s, not 55 s
    expect(watchedSeconds(intervals)).toBeCloseTo(5.06, 6);
  });

  it('spends only on new seconds: resending credited ones is free', () => {
    expect(takeCredit([[0, 10]], [[0, 10]], 0)).toEqual({ intervals: [[0, 10]], used: 0 });
    expect(takeCredit([[0, 10]], [[0, 30]], 5)).toEqual({ intervals: [[0, 15]], used: 5 });
  });
});

describe("ensureMerged (the server's merge with a shortcut for merged lists)", () => {
  // the merge as it was before the shortcut for merged lists (src/lib/intervals.ts): the reference
  function reference(intervals: readonly unknown[], duration = Infinity): [number, number][] {
    const clean: [number, number][] = [];
    for (const iv of intervals) {
      if (!Array.isArray(iv)) continue;
      const [x, y] = iv;
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      const a = Math.max(0, Math.min(x, y));
      const b = Math.min(duration, Math.max(x, y));
      if (b > a) clean.push([a, b]);
    }
    clean.sort((p, q) => p[0] - q[0]);
    const out: [number, number][] = [];
    for (const iv of clean) {
      const last = out[out.length - 1];
      if (last && iv[0] <= last[1] + 0.5) last[1] = Math.max(last[1], iv[1]);
      else out.push([iv[0], iv[1]]);
    }
    return out;
  }

  it('gives what the full merge gives, for merged, nearly merged and broken lists', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    for (let run = 0; run < 3000; run++) {
      const list: unknown[] = [];
      let at = pick([0, -1, 0.2, 3]);
      for (let i = Math.floor(random() * 6); i > 0; i--) {
        const start = at + pick([0.4, 0.5, 0.51, 1, 5, -2]);
        const end = start + pick([0, 0.3, 10, -1]);
        list.push(pick([[start, end], [start, end], [start, end], [start, end, 1], [start, Number.NaN], 'x', [start, Infinity]]));
        at = end;
      }
      const duration = pick([Infinity, 20, 60]);
      expect(ensureMerged(list as never, duration)).toEqual(reference(list, duration));
      // and once more on its own result, which takes the shortcut
      expect(ensureMerged(ensureMerged(list as never, duration), duration)).toEqual(reference(list, duration));
      expect(mergeIntervals(list as never, duration)).toEqual(reference(list, duration));
    }
  });

  it('credits what the plain merge and cut credited, with the stored list merged once', () => {
    // takeCredit as it was, on the reference merge
    function referenceCredit(previous: [number, number][], reported: [number, number][], allowanceSeconds: number) {
      const cut = reference(previous);
      const fresh: [number, number][] = [];
      for (const [s0, end] of reference(reported)) {
        let from = s0;
        for (const [s, e] of cut) {
          if (e <= from || s >= end) continue;
          if (s > from) fresh.push([from, s]);
          from = Math.max(from, e);
          if (from >= end) break;
        }
        if (from < end) fresh.push([from, end]);
      }
      let allowance = Math.max(0, allowanceSeconds);
      let used = 0;
      const accepted = previous.slice();
      for (const [a, b] of fresh.filter((iv) => iv[1] - iv[0] > 1e-6)) {
        if (allowance <= 0) break;
        const end = Math.min(b, a + allowance);
        accepted.push([a, end]);
        allowance -= end - a;
        used += end - a;
      }
      return { intervals: reference(accepted), used };
    }
    let seed = 11;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const list = (): [number, number][] =>
      Array.from({ length: Math.floor(random() * 12) }, () => {
        const a = Math.round(random() * 600) / 10;
        return [a, a + Math.round(random() * 300) / 10 - 3];
      });
    for (let run = 0; run < 3000; run++) {
      const previous = list();
      const reported = list();
      const allowance = Math.round(random() * 400) / 10 - 5;
      expect(takeCredit(previous, reported, allowance)).toEqual(referenceCredit(previous, reported, allowance));
    }
  });
});

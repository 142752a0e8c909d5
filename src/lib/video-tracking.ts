/**
 * What a learner actually watched, from the video element's events, as plain data (no DOM, unit-tested).
 *
 * An interval is recorded only during continuous playback: it opens on play (or after a seek while
 * playing), grows with each timeupdate that is plausible for the time that passed, and closes on pause,
 * end or seek. Jumping ahead therefore adds nothing. The server merges what we report and caps it by
 * elapsed time (src/lib/intervals.ts, src/server/learning.ts).
 *
 * Reports go out in batches: every REPORT_EVERY_MS of playback, and on pause, end and page hide.
 * Intervals stay "unsent" until the server has answered for them, so a report that waited in the offline
 * outbox (where a newer report of the same lesson replaces an older one) never loses seconds.
 */
import { mergeIntervals, subtractIntervals, watchedSeconds, type Interval } from './intervals.ts';

export type { Interval };

/** batch size: one report per ~15 s of playback */
export const REPORT_EVERY_MS = 15_000;
/** the playback speeds offered in the player (the server credits at most 2x real time) */
export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 2] as const;
/** ←/→ seek step in seconds */
export const SEEK_STEP = 5;
/** intervals shorter than this are timer noise, not worth a request */
const MIN_REPORT_SECONDS = 0.25;

interface OpenSegment {
  start: number;
  last: number;
  wall: number;
}

export class WatchTracker {
  #done: Interval[] = [];
  #acked: Interval[] = [];
  #open: OpenSegment | null = null;
  #playing = false;
  #seeking = false;
  #rate = 1;
  /** playback time (wall clock) since the last report, for batching */
  #playedMs = 0;
  #playedSince: number | null = null;

  /** Intervals recorded on this device earlier (e.g. before a reload) and not yet confirmed by the server. */
  restore(unsent: readonly Interval[]): void {
    this.#done = mergeIntervals([...this.#done, ...unsent]);
  }

  get playing(): boolean {
    return this.#playing;
  }

  setRate(rate: number): void {
    this.#rate = rate > 0 && Number.isFinite(rate) ? rate : 1;
  }

  play(t: number, now: number): void {
    if (!this.#playing) this.#playedSince = now;
    this.#playing = true;
    if (!this.#seeking && !this.#open) this.#open = { start: t, last: t, wall: now };
  }

  timeupdate(t: number, now: number): void {
    if (!this.#playing || this.#seeking) return;
    const open = this.#open;
    if (!open) {
      this.#open = { start: t, last: t, wall: now };
      return;
    }
    if (this.#isContinuous(open, t, now)) {
      open.last = t;
      open.wall = now;
    } else {
      // a jump we were not told about (no seeking event): the jumped-over part was not watched
      this.#close();
      this.#open = { start: t, last: t, wall: now };
    }
  }

  seeking(): void {
    this.#close();
    this.#seeking = true;
  }

  seeked(t: number, now: number): void {
    this.#seeking = false;
    if (this.#playing) this.#open = { start: t, last: t, wall: now };
  }

  pause(t: number, now: number): void {
    if (this.#open && !this.#seeking && this.#isContinuous(this.#open, t, now)) this.#open.last = t;
    this.#close();
    this.#accumulate(now);
    this.#playing = false;
  }

  /** the browser fires pause before ended; ended also extends the last interval to the very end */
  ended(t: number, now: number): void {
    this.pause(t, now);
  }

  /** Everything watched in this session (plus restored intervals), merged. */
  watched(): Interval[] {
    const open = this.#open && this.#open.last > this.#open.start ? [[this.#open.start, this.#open.last] as Interval] : [];
    return mergeIntervals([...this.#done, ...this.#acked, ...open]);
  }

  /** What the server has not confirmed yet: the body of the next report. */
  unsent(): Interval[] {
    const open = this.#open && this.#open.last > this.#open.start ? [[this.#open.start, this.#open.last] as Interval] : [];
    return subtractIntervals(mergeIntervals([...this.#done, ...open]), this.#acked);
  }

  unsentSeconds(): number {
    return watchedSeconds(this.unsent());
  }

  /** The server answered for these intervals: they are no longer sent. */
  acknowledge(sent: readonly Interval[]): void {
    this.#acked = mergeIntervals([...this.#acked, ...sent]);
    this.#done = subtractIntervals(this.#done, this.#acked);
  }

  /** wall-clock playback time since the last report */
  playedMs(now: number): number {
    return this.#playedMs + (this.#playing && this.#playedSince !== null ? now - this.#playedSince : 0);
  }

  /** A report was handed to the outbox: the batch timer starts again. */
  reported(now: number): void {
    this.#playedMs = 0;
    this.#playedSince = this.#playing ? now : null;
  }

  #accumulate(now: number) {
    if (this.#playing && this.#playedSince !== null) this.#playedMs += now - this.#playedSince;
    this.#playedSince = null;
  }

  /** forward, and no further than the elapsed wall time allows at the current speed (plus jitter) */
  #isContinuous(open: OpenSegment, t: number, now: number): boolean {
    const delta = t - open.last;
    const allowed = (Math.max(0, now - open.wall) / 1000) * Math.max(this.#rate, 1) * 1.5 + 1;
    return delta >= -0.05 && delta <= allowed;
  }

  #close() {
    const open = this.#open;
    this.#open = null;
    if (open && open.last > open.start) this.#done = mergeIntervals([...this.#done, [open.start, open.last]]);
  }
}

export type ReportReason = 'timer' | 'pause' | 'ended' | 'hide';

/**
 * Batching: the timer reports after REPORT_EVERY_MS of playback when something new was watched; pause,
 * end and page hide report whatever is new, or a moved position (so that resume is right on another device).
 */
export function shouldReport(input: {
  reason: ReportReason;
  unsentSeconds: number;
  playedMs: number;
  position: number;
  reportedPosition: number | null;
}): boolean {
  const fresh = input.unsentSeconds >= MIN_REPORT_SECONDS;
  if (input.reason === 'timer') return fresh && input.playedMs >= REPORT_EVERY_MS;
  const moved = input.reportedPosition === null || Math.abs(input.position - input.reportedPosition) >= 1;
  return fresh || moved;
}

/**
 * Where to start: the server's position (any device) unless this device has a newer one that the server
 * has not confirmed; nothing near the very start or end (a finished video starts again from the beginning).
 */
export function resumePosition(input: {
  server?: number | null;
  local?: { position: number; pending: boolean } | null;
  duration: number;
}): number {
  const { server, local, duration } = input;
  let position = 0;
  if (local && (local.pending || server === undefined || server === null)) position = local.position;
  else if (typeof server === 'number') position = server;
  if (!Number.isFinite(position) || position < 3 || position > duration - 3) return 0;
  return position;
}

/** The next speed up or down the list (↑/↓ keys). */
export function stepRate(current: number, direction: 1 | -1): number {
  const i = PLAYBACK_RATES.findIndex((r) => r >= current - 1e-9);
  const index = i < 0 ? PLAYBACK_RATES.length - 1 : i;
  const exact = PLAYBACK_RATES[index] === current;
  const next = direction === 1 ? (exact ? index + 1 : index) : index - 1;
  return PLAYBACK_RATES[Math.max(0, Math.min(PLAYBACK_RATES.length - 1, next))];
}

export type KeyAction =
  | { type: 'toggle' }
  | { type: 'seek'; by: number }
  | { type: 'rate'; direction: 1 | -1 }
  | { type: 'captions' }
  | { type: 'mute' }
  | { type: 'fullscreen' };

/** Keyboard controls of the player (shown in its on-screen hint). */
export function keyAction(key: string): KeyAction | null {
  switch (key) {
    case ' ':
    case 'Spacebar':
    case 'k':
    case 'K':
      return { type: 'toggle' };
    case 'ArrowLeft':
    case 'j':
    case 'J':
      return { type: 'seek', by: -SEEK_STEP };
    case 'ArrowRight':
    case 'l':
    case 'L':
      return { type: 'seek', by: SEEK_STEP };
    case 'ArrowUp':
      return { type: 'rate', direction: 1 };
    case 'ArrowDown':
      return { type: 'rate', direction: -1 };
    case 'c':
    case 'C':
      return { type: 'captions' };
    case 'm':
    case 'M':
      return { type: 'mute' };
    case 'f':
    case 'F':
      return { type: 'fullscreen' };
    default:
      return null;
  }
}

export { formatClock } from './format.ts';

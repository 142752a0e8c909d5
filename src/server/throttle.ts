/**
 * Per-account counters in PocketBase's shared in-memory store ($app.store(), one per process, seen by every
 * JS VM): fixed windows like PocketBase's own per-IP limiter. A restart forgets them, which only ever lets
 * someone try again sooner. Bounded: past MAX_KEYS, expired windows are dropped first.
 */
import type { AccountLimit } from '../lib/security/rate-limits.ts';

const PREFIX = 'qa.throttle:';
const MAX_KEYS = 100_000;

interface Window {
  start: number;
  count: number;
}

interface Store {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  length(): number;
  getAll(): Record<string, unknown>;
}
const store = (app: PbApp) => (app as unknown as { store(): Store }).store();

const factor = () => Number($os.getenv('QA_RATE_LIMIT_FACTOR') || '1');
const max = (limit: AccountLimit) => Math.round(limit.maxRequests * Math.max(factor(), 1));

function current(app: PbApp, key: string, limit: AccountLimit, now: number): Window {
  const raw = store(app).get(PREFIX + key) as Window | null | undefined;
  if (!raw || now - Number(raw.start) >= limit.duration * 1000) return { start: now, count: 0 };
  return { start: Number(raw.start), count: Number(raw.count) };
}

/** True while the account has used up its window. */
export function isThrottled(app: PbApp, key: string, limit: AccountLimit, now = Date.now()): boolean {
  return current(app, key, limit, now).count >= max(limit);
}

/** Counts one event for the account. */
export function count(app: PbApp, key: string, limit: AccountLimit, now = Date.now()): void {
  const s = store(app);
  if (s.length() > MAX_KEYS) prune(s, now);
  const w = current(app, key, limit, now);
  s.set(PREFIX + key, { start: w.start, count: w.count + 1 });
}

export function reset(app: PbApp, key: string): void {
  store(app).remove(PREFIX + key);
}

function prune(s: Store, now: number) {
  const all = s.getAll();
  for (const [key, value] of Object.entries(all)) {
    // windows are at most an hour; anything older is expired whatever its limit
    if (key.startsWith(PREFIX) && now - Number((value as Window)?.start ?? 0) > 3_600_000) s.remove(key);
  }
}

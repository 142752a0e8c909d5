/**
 * Applies the platform's per-IP request limits (src/lib/security/rate-limits.ts) to PocketBase's settings at
 * every start, so the code is the one source of the values. Rules an administrator added in the admin UI
 * under other labels are kept; rules with the platform's labels are replaced.
 */
import { IP_LIMITS, scaled } from '../lib/security/rate-limits.ts';

declare function unmarshal(data: unknown, target: unknown): void;

export function applyRateLimits(app: PbApp): void {
  const factor = Number($os.getenv('QA_RATE_LIMIT_FACTOR') || '1');
  const settings = (app as unknown as { settings(): { rateLimits: { rules: { label: string; audience: string }[] } } }).settings();
  const ours = new Set(IP_LIMITS.map((l) => `${l.label}|${l.audience}`));
  const kept = JSON.parse(JSON.stringify(settings.rateLimits.rules ?? [])).filter(
    (r: { label: string; audience: string }) => !ours.has(`${r.label}|${r.audience}`),
  );
  // Kept rules (PocketBase's defaults such as "/api/" 300 per 10 s, or an administrator's) are scaled by the
  // same factor: test servers send every suite's requests from one IP.
  const rules = [
    ...IP_LIMITS.map((l) => scaled(l, factor)).map(({ label, maxRequests, duration, audience }) => ({
      label,
      maxRequests,
      duration,
      audience,
    })),
    ...kept.map((r: { maxRequests: number }) => scaled(r, factor)),
  ];
  unmarshal({ rateLimits: { enabled: true, rules } }, settings);
  (app as unknown as { save(m: unknown): void }).save(settings);
}

/**
 * Follow-up that is seen: an active assistance is overdue when the enterprise has confirmed no contact
 * (visit or remote session) for more than N days. N is set per programme (assistance_settings,
 * key "followup_days"); the clock starts at acceptance when no visit has been confirmed yet.
 */
export const DEFAULT_FOLLOWUP_DAYS = 30;
const DAY = 86_400_000;

export interface FollowUpFacts {
  state: string;
  acceptedAt: string | null; // ISO
  lastConfirmedVisit: string | null; // ISO date of the last visit the enterprise confirmed
}

export interface FollowUpStatus {
  overdue: boolean;
  since: string | null;
  daysSince: number | null;
  dueBy: string | null;
}

export function followUpDays(raw: unknown): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 365 ? n : DEFAULT_FOLLOWUP_DAYS;
}

export function followUpStatus(facts: FollowUpFacts, days: number, now: Date): FollowUpStatus {
  if (facts.state !== 'active' || !facts.acceptedAt) return { overdue: false, since: null, daysSince: null, dueBy: null };
  const accepted = Date.parse(facts.acceptedAt);
  const visited = facts.lastConfirmedVisit ? Date.parse(facts.lastConfirmedVisit) : NaN;
  const since = Number.isNaN(visited) ? accepted : Math.max(accepted, visited);
  const daysSince = Math.floor((now.getTime() - since) / DAY);
  return {
    overdue: now.getTime() - since > days * DAY,
    since: new Date(since).toISOString(),
    daysSince,
    dueBy: new Date(since + days * DAY).toISOString(),
  };
}

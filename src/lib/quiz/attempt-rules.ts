/** Server-side limits on quiz attempts: how many, and until when an attempt accepts answers. */

/** Network slack for a submission that was sent just before the deadline. */
export const SUBMIT_GRACE_MS = 30_000;

export interface AttemptLimitInput {
  /** 0 = unlimited */
  attemptsAllowed: number;
  attemptsUsed: number;
  alreadyPassed: boolean;
}

export type StartDecision = { ok: true } | { ok: false; code: 'attempts_exhausted' | 'already_passed'; message: string };

export function canStartAttempt({ attemptsAllowed, attemptsUsed, alreadyPassed }: AttemptLimitInput): StartDecision {
  if (alreadyPassed) return { ok: false, code: 'already_passed', message: '您已通过这次测验，无需再考' };
  if (attemptsAllowed > 0 && attemptsUsed >= attemptsAllowed) {
    return { ok: false, code: 'attempts_exhausted', message: `已用完全部 ${attemptsAllowed} 次作答机会` };
  }
  return { ok: true };
}

export function deadlineFor(startedAtMs: number, timeLimitMinutes?: number): number | null {
  return timeLimitMinutes ? startedAtMs + timeLimitMinutes * 60_000 : null;
}

export function acceptsSubmission(deadlineMs: number | null, nowMs: number): boolean {
  return deadlineMs === null || nowMs <= deadlineMs + SUBMIT_GRACE_MS;
}

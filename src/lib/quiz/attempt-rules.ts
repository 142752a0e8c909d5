/** Server-side limits on quiz attempts: how many, how soon again, and until when an attempt accepts answers. */

/** Network slack for a submission that was sent just before the deadline. */
export const SUBMIT_GRACE_MS = 30_000;

export interface AttemptLimitInput {
  /** 0 = unlimited */
  attemptsAllowed: number;
  attemptsUsed: number;
  alreadyPassed: boolean;
  /** lesson quizzes wait between later attempts (retryDelayMs); finals are limited by attemptsAllowed */
  kind?: 'lesson' | 'final';
  /** when the latest handed-in (or expired) attempt ended, and how many have ended */
  lastFinishedAtMs?: number | null;
  finishedAttempts?: number;
  nowMs?: number;
}

export type StartDecision =
  | { ok: true }
  | { ok: false; code: 'attempts_exhausted' | 'already_passed'; message: string }
  | { ok: false; code: 'retry_later'; message: string; retryAtMs: number };

/** Lesson-quiz attempts that may follow each other without waiting. */
export const FREE_LESSON_ATTEMPTS = 3;
const MINUTE = 60_000;
/** the longest wait between two lesson-quiz attempts */
export const MAX_LESSON_RETRY_DELAY_MS = 10 * MINUTE;

/**
 * How long a learner waits after `finished` attempts before the next one: nothing for the first three
 * lesson-quiz attempts, then 1, 2, 4, 8 and at most 10 minutes. Practice keys are public anyway; the wait
 * nudges a learner who is clicking through towards re-reading the lesson instead.
 */
export function retryDelayMs(kind: 'lesson' | 'final', finished: number): number {
  if (kind !== 'lesson' || finished < FREE_LESSON_ATTEMPTS) return 0;
  return Math.min(MINUTE * 2 ** (finished - FREE_LESSON_ATTEMPTS), MAX_LESSON_RETRY_DELAY_MS);
}

/** Attempts still allowed (an open attempt counts as used); null when the quiz has no limit (0). */
export const attemptsLeft = (attemptsAllowed: number, attemptsUsed: number): number | null =>
  attemptsAllowed > 0 ? Math.max(0, attemptsAllowed - attemptsUsed) : null;

export function canStartAttempt(input: AttemptLimitInput): StartDecision {
  const { attemptsAllowed, attemptsUsed, alreadyPassed } = input;
  if (alreadyPassed) return { ok: false, code: 'already_passed', message: '您已通过这次测验，无需再考' };
  if (attemptsLeft(attemptsAllowed, attemptsUsed) === 0) {
    return { ok: false, code: 'attempts_exhausted', message: `已用完全部 ${attemptsAllowed} 次作答机会` };
  }
  const delay = retryDelayMs(input.kind ?? 'final', input.finishedAttempts ?? 0);
  if (delay > 0 && input.lastFinishedAtMs !== null && input.lastFinishedAtMs !== undefined) {
    const retryAtMs = input.lastFinishedAtMs + delay;
    const now = input.nowMs ?? Date.now();
    if (now < retryAtMs) {
      const minutes = Math.max(1, Math.ceil((retryAtMs - now) / MINUTE));
      return { ok: false, code: 'retry_later', retryAtMs, message: `先回到课文看看讲解，${minutes} 分钟后可以再做一次` };
    }
  }
  return { ok: true };
}

export function deadlineFor(startedAtMs: number, timeLimitMinutes?: number): number | null {
  return timeLimitMinutes ? startedAtMs + timeLimitMinutes * 60_000 : null;
}

export function acceptsSubmission(deadlineMs: number | null, nowMs: number): boolean {
  return deadlineMs === null || nowMs <= deadlineMs + SUBMIT_GRACE_MS;
}

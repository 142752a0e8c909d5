/** Answers in progress, kept on the device per attempt so a reload or a dropped connection loses nothing. */
import type { GivenAnswer } from '../lib/quiz/scoring.ts';

export type Answers = Record<string, GivenAnswer>;
const keyOf = (attemptId: string) => `qa.quiz.${attemptId}`;

export interface Draft {
  answers: Answers;
  submitKey: string;
}

export function loadDraft(attemptId: string): Draft | null {
  try {
    const value = JSON.parse(localStorage.getItem(keyOf(attemptId)) ?? 'null');
    if (value && typeof value === 'object' && typeof value.submitKey === 'string' && typeof value.answers === 'object')
      return value as Draft;
  } catch {
    /* corrupted: start the draft again */
  }
  return null;
}

export function saveDraft(attemptId: string, draft: Draft): void {
  try {
    localStorage.setItem(keyOf(attemptId), JSON.stringify(draft));
  } catch {
    /* storage unavailable: answers stay in memory */
  }
}

export function clearDraft(attemptId: string): void {
  try {
    localStorage.removeItem(keyOf(attemptId));
  } catch {
    /* nothing to clear */
  }
}

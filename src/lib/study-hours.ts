/**
 * 学时 (study hours) on certificates. Chinese vocational and continuing-education training counts one 学时
 * as 45 minutes of study; a course's 学时 is its lessons' study time in those units, rounded to the nearest
 * half 学时 (at least half of one).
 */
export const MINUTES_PER_STUDY_HOUR = 45;

export function studyHours(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0) return 0;
  return Math.max(0.5, Math.round((minutes / MINUTES_PER_STUDY_HOUR) * 2) / 2);
}

/** "1.5", "2" — no trailing ".0". */
export const formatStudyHours = (hours: number) => (Number.isInteger(hours) ? String(hours) : hours.toFixed(1));

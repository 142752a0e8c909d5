/** The catalogue's vocabularies (levels, topics, problem types, enterprise sizes), shared by content schemas, filters and search. */
export const LEVELS = ['owner', 'manager', 'worker', 'auditor'] as const;
export type Level = (typeof LEVELS)[number];

export const TOPICS = [
  'basics',
  'standard',
  'process',
  'documents',
  'operations',
  'suppliers',
  'customers',
  'audit',
  'review',
  'improvement',
  'tools',
  'workplace',
  'certification',
  'industry',
] as const;
export type Topic = (typeof TOPICS)[number];

/** Recurring problems of small enterprises named by the programme's evaluation ("两难、两不、两低"). */
export const PROBLEM_TYPES = [
  'standard-hard-to-understand',
  'tools-hard-to-apply',
  'weak-product-quality',
  'weak-management',
  'low-technology',
  'weak-brand',
] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

export const ENTERPRISE_SIZES = ['micro', 'small', 'medium'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

/** Catalogue filter bands for a course's total study time in minutes. */
export function durationBand(minutes: number): 'short' | 'medium' | 'long' {
  return minutes <= 60 ? 'short' : minutes <= 90 ? 'medium' : 'long';
}

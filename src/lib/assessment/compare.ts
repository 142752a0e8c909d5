/** Before and after: the change per area between two submitted assessments of the same enterprise. */
import type { AssessmentContent } from './types.ts';
import type { StoredScores } from './scoring.ts';

export interface ComparisonRow {
  id: string;
  title: string;
  short: string;
  before: number | null;
  after: number | null;
  change: number | null;
}
export interface Comparison {
  rows: ComparisonRow[];
  overall: { before: number; after: number; change: number };
  improved: number;
  declined: number;
}

/**
 * Rows follow the current questionnaire's areas; an area missing from one side (the questionnaire changed
 * between the two) shows no change rather than a made-up one.
 */
export function compareScores(content: AssessmentContent, before: StoredScores, after: StoredScores): Comparison {
  const rows = content.areas.map((area) => {
    const b = before.areas[area.id] ?? null;
    const a = after.areas[area.id] ?? null;
    return { id: area.id, title: area.title, short: area.short, before: b, after: a, change: b === null || a === null ? null : a - b };
  });
  return {
    rows,
    overall: { before: before.overall, after: after.overall, change: after.overall - before.overall },
    improved: rows.filter((r) => r.change !== null && r.change > 0).length,
    declined: rows.filter((r) => r.change !== null && r.change < 0).length,
  };
}

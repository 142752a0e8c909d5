/** Everything the result page shows for one submitted assessment, built from its answers and stored scores. */
import { readinessBand, weakestAreas, type StoredScores, type WeakArea } from './scoring.ts';
import { suggestFor, type AreaSuggestions } from './suggestions.ts';
import type { Answers, AssessmentContent } from './types.ts';

export interface ResultRow {
  id: string;
  title: string;
  short: string;
  score: number | null;
  band: string;
}
export interface AssessmentResult {
  overall: number;
  band: string;
  rows: ResultRow[];
  weakest: WeakArea[];
  suggestions: AreaSuggestions[];
}

export function assessmentResult(content: AssessmentContent, answers: Answers, scores: StoredScores): AssessmentResult {
  const weakest = weakestAreas(content, scores, answers);
  return {
    overall: scores.overall,
    band: readinessBand(scores.overall).label,
    rows: content.areas.map((a) => {
      const score = scores.areas[a.id] ?? null;
      return { id: a.id, title: a.title, short: a.short, score, band: score === null ? '' : readinessBand(score).label };
    }),
    weakest,
    suggestions: suggestFor(content, weakest),
  };
}

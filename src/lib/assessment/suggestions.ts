/**
 * Lessons and cases that help with the weak areas, from content/assessment/suggestions.yaml (kept by
 * trainers). For each weak area: first what its weakest questions point to, then the area's own list;
 * each lesson or case appears once, under the first (weakest) area that brings it.
 */
import type { AssessmentContent, SuggestedItem } from './types.ts';
import type { WeakArea } from './scoring.ts';

export interface AreaSuggestions {
  area: string;
  title: string;
  items: SuggestedItem[];
}

export function suggestFor(content: AssessmentContent, weak: readonly WeakArea[], perArea = 4): AreaSuggestions[] {
  const seen = new Set<string>();
  return weak.map((w) => {
    const fromQuestions = w.weakQuestions.flatMap((q) => content.suggestions.questions[q.id] ?? []);
    const fromArea = content.suggestions.areas[w.id] ?? [];
    const items: SuggestedItem[] = [];
    for (const item of [...fromQuestions, ...fromArea]) {
      const key = `${item.kind}:${item.id}`;
      if (seen.has(key) || items.length >= perArea) continue;
      seen.add(key);
      items.push(item);
    }
    return { area: w.id, title: w.title, items };
  });
}

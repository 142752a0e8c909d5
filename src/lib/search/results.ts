/** Filters, counts and presentation of ranked hits, for the search island. Pure functions, no I/O, no lunr. */
import type { ParsedQuery } from './query.ts';
import type { RankedHit } from './rank.ts';
import { highlight, snippet, type Segment } from './snippet.ts';
import { KINDS, type Kind } from './types.ts';

export interface SearchFilters {
  kind?: Kind | '';
  industry?: string;
}

export function filterHits(hits: RankedHit[], filters: SearchFilters): RankedHit[] {
  return hits.filter((h) => (!filters.kind || h.doc.kind === filters.kind) && (!filters.industry || h.doc.industry === filters.industry));
}

/** Hits per kind (after the industry filter), for the kind filter's labels. */
export function countByKind(hits: RankedHit[], industry = ''): Record<Kind, number> {
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (const h of hits) if (!industry || h.doc.industry === industry) counts[h.doc.kind]++;
  return counts;
}

/** Hits per industry code (after the kind filter), most first. */
export function countByIndustry(hits: RankedHit[], kind: Kind | '' = ''): [string, number][] {
  const counts = new Map<string, number>();
  for (const h of hits)
    if (h.doc.industry && (!kind || h.doc.kind === kind)) counts.set(h.doc.industry, (counts.get(h.doc.industry) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * The glossary answer: when the best hit is a glossary term named exactly what was typed (or a synonym
 * of it), its definition is shown above the list.
 */
export function answerOf(hits: RankedHit[]): RankedHit | undefined {
  const first = hits[0];
  return first && first.doc.kind === 'term' && first.nameHit ? first : undefined;
}

export interface Presented {
  title: Segment[];
  snippet: Segment[];
}

/** Title and snippet of a hit with the query's words marked. */
export function present(hit: RankedHit, query: ParsedQuery, length = 80): Presented {
  return { title: highlight(hit.doc.title, query.highlight), snippet: snippet(hit.doc.text, query.highlight, length) };
}

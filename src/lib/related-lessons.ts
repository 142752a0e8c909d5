/**
 * The lessons that teach what a case shows: ranked by the ISO 9001 clauses they share with the case. An exact
 * clause counts 2; a lesson on a sub-clause of the case's (7.1.5.1 for 7.1.5) counts 1.5, on the parent
 * clause (8.5 for 8.5.1) 1. Divided by the square root of the lesson's own clause count, so that a lesson
 * about the case's few clauses ranks above an overview that touches every clause of chapter 8.
 */
export interface ClauseItem {
  id: string;
  clauses: readonly string[];
  /** below 1 for lessons that suit only some readers (one industry's walk-through): default 1 */
  weight?: number;
}

const isChild = (child: string, parent: string) => child.startsWith(`${parent}.`);

export function clauseScore(caseClauses: readonly string[], lessonClauses: readonly string[]): number {
  if (lessonClauses.length === 0) return 0;
  let score = 0;
  for (const c of caseClauses) {
    if (lessonClauses.includes(c)) score += 2;
    else if (lessonClauses.some((l) => isChild(l, c))) score += 1.5;
    else if (lessonClauses.some((l) => isChild(c, l))) score += 1;
  }
  return score / Math.sqrt(lessonClauses.length);
}

/** At most `limit` lessons, best first; lessons sharing nothing are left out; ties keep catalogue order. */
export function relatedLessons<T extends ClauseItem>(caseClauses: readonly string[], lessons: readonly T[], limit = 4): T[] {
  return lessons
    .map((lesson, index) => ({ lesson, index, score: clauseScore(caseClauses, lesson.clauses) * (lesson.weight ?? 1) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((x) => x.lesson);
}

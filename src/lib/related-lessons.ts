/**
 * The lessons that teach what a case shows: ranked by the ISO 9001 clauses they share with the case. An exact
 * clause counts 2; a lesson on the parent or a child clause (8.5 for a case's 8.5.1) counts 1.
 */
export interface ClauseItem { id: string; clauses: readonly string[] }

const related = (a: string, b: string) => a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

export function clauseScore(caseClauses: readonly string[], lessonClauses: readonly string[]): number {
  let score = 0;
  for (const c of caseClauses) {
    if (lessonClauses.includes(c)) score += 2;
    else if (lessonClauses.some((l) => related(c, l))) score += 1;
  }
  return score;
}

/** At most `limit` lessons, best first; lessons sharing nothing are left out; ties keep catalogue order. */
export function relatedLessons<T extends ClauseItem>(caseClauses: readonly string[], lessons: readonly T[], limit = 4): T[] {
  return lessons
    .map((lesson, index) => ({ lesson, index, score: clauseScore(caseClauses, lesson.clauses) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((x) => x.lesson);
}

/** The relevance evaluation set and recall@k, shared by the relevance test and `npm run bench:search`. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EvalQuery {
  q: string;
  type: string;
  expect: string[];
}

export function loadEvalSet(): EvalQuery[] {
  const file = fileURLToPath(new URL('./eval-set.json', import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: EvalQuery[] }).queries;
}

/**
 * Share of the expected documents among the first k distinct results. `ids` are result ids in rank order;
 * copies made by the benchmark ("x~3") count as their original "x" and are merged.
 */
export function recallAt(k: number, expect: string[], ids: string[]): { recall: number; top: string[] } {
  const top: string[] = [];
  for (const id of ids) {
    const original = id.split('~')[0];
    if (!top.includes(original)) top.push(original);
    if (top.length === k) break;
  }
  return { recall: expect.filter((e) => top.includes(e)).length / expect.length, top };
}

export interface EvalReport {
  recall: number;
  misses: { q: string; expect: string[]; top: string[]; recall: number }[];
  byType: Record<string, { n: number; recall: number }>;
}

export function evaluate(queries: EvalQuery[], run: (q: string) => string[], k = 5): EvalReport {
  const misses: EvalReport['misses'] = [];
  const byType: EvalReport['byType'] = {};
  let sum = 0;
  for (const query of queries) {
    const { recall, top } = recallAt(k, query.expect, run(query.q));
    sum += recall;
    const t = (byType[query.type] ??= { n: 0, recall: 0 });
    t.n++;
    t.recall += recall;
    if (recall < 1) misses.push({ q: query.q, expect: query.expect, top, recall });
  }
  for (const t of Object.values(byType)) t.recall /= t.n;
  return { recall: sum / queries.length, misses, byType };
}

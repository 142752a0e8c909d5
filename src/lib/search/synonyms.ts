/**
 * Synonym groups: the curated list in synonyms.json plus every glossary term with its aliases and English
 * name. Validated when the index is built; the merged, folded groups travel inside the index file, so the
 * browser expands queries with exactly the same list. Pure functions, no I/O.
 */
import { z } from 'zod';
import raw from './synonyms.json' with { type: 'json' };
import { fold } from './normalize.ts';

export const SynonymFileSchema = z.object({
  $comment: z.string().optional(),
  groups: z
    .array(
      z
        .array(z.string().trim().min(1, '同义词不能为空'))
        .min(2, '每组至少两个词')
        .refine((g) => new Set(g.map(fold)).size === g.length, { message: '同一组里有重复的词（全角半角、大小写视为相同）' }),
    )
    .min(1),
});

export type SynonymFile = z.output<typeof SynonymFileSchema>;

/** Parses and checks a synonym file; throws with the group number and reason when it is wrong. */
export function parseSynonyms(data: unknown): string[][] {
  const result = SynonymFileSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`src/lib/search/synonyms.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data.groups;
}

/** The curated groups shipped with the code. */
export const curatedSynonyms = (): string[][] => parseSynonyms(raw);

export interface GlossaryNames {
  term: string;
  english: string;
  aliases: string[];
}

/** Curated groups first, then one group per glossary term (term, aliases, English); folded, without duplicates. */
export function mergeSynonyms(curated: string[][], glossary: GlossaryNames[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  const add = (group: string[]) => {
    const folded = [...new Set(group.map(fold).filter((w) => w.length > 0))];
    if (folded.length < 2) return;
    const key = [...folded].sort().join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    out.push(folded);
  };
  curated.forEach(add);
  glossary.forEach((g) => add([g.term, ...g.aliases, g.english]));
  return out;
}

/**
 * Builds the index file at build time: every document is tokenized with the shared tokenizer into lunr's
 * fields, and lunr's model (terms, term frequencies per field, field lengths) is packed into a small
 * JSON file. engine.ts unpacks it into a lunr.Index with lunr's own BM25 weights. Pure, no I/O.
 */
import { fold } from './normalize.ts';
import { terms } from './tokenize.ts';
import { IAF_SECTORS } from '../iaf-sectors.ts';
import { ISO9001_CLAUSES } from '../iso9001-clauses.ts';
import type { FieldSpec, PackedIndex, SearchDocument, StoredDoc } from './types.ts';

/** lunr fields and their boosts: titles and short names weigh most, the body least. */
export const FIELDS: FieldSpec[] = [
  { name: 'title', boost: 10 },
  { name: 'keywords', boost: 6 },
  { name: 'clauses', boost: 6 },
  { name: 'headings', boost: 3 },
  { name: 'facets', boost: 2 },
  { name: 'body', boost: 1 },
];

export const FIELD_LETTERS = 'ABCDEFGHIJ';

/** Front-codes sorted terms: "鱼骨" after "鱼肉" is stored as "1骨" (shares 1 character). */
export function packTerms(sorted: string[]): string {
  let previous: string[] = [];
  return sorted
    .map((term) => {
      const chars = [...term];
      let shared = 0;
      while (shared < 9 && shared < previous.length && shared < chars.length && previous[shared] === chars[shared]) shared++;
      previous = chars;
      return shared + chars.slice(shared).join('');
    })
    .join('\n');
}

/** The inverse of packTerms. */
export function unpackTerms(packed: string): string[] {
  if (!packed) return [];
  let previous: string[] = [];
  return packed.split('\n').map((line) => {
    const chars = [...previous.slice(0, Number(line[0])), ...line.slice(1)];
    previous = chars;
    return chars.join('');
  });
}

/** The tokens of each field of a document, in FIELDS order. */
export function fieldTerms(doc: SearchDocument): string[][] {
  const each = (list: string[]) => list.flatMap((s) => terms(s));
  return [
    terms(doc.title),
    each(doc.keywords),
    doc.clauses.map((c) => fold(c)),
    each(doc.headings),
    each(doc.facets),
    each(doc.body.split('\n')),
  ];
}

/** What the result list needs to show a document. */
export function storedDoc(doc: SearchDocument): StoredDoc {
  const stored: StoredDoc = { id: doc.id, kind: doc.kind, url: doc.url, title: doc.title, clauses: doc.clauses, text: doc.summary };
  if (doc.parent) stored.parent = doc.parent;
  if (doc.industry) stored.industry = doc.industry;
  if (doc.kind === 'term') stored.aliases = doc.keywords.slice(0, -1);
  return stored;
}

export function buildSearchIndex(docs: SearchDocument[], synonyms: string[][]): PackedIndex {
  const perTerm = new Map<string, [number, number][][]>();
  const lengths: number[][] = FIELDS.map(() => []);
  docs.forEach((doc, d) => {
    fieldTerms(doc).forEach((list, f) => {
      lengths[f][d] = list.length;
      const tf = new Map<string, number>();
      for (const term of list) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const [term, n] of tf) {
        let postings = perTerm.get(term);
        if (!postings) perTerm.set(term, (postings = FIELDS.map(() => [])));
        postings[f].push([d, n]);
      }
    });
  });
  const sorted = [...perTerm.keys()].sort();
  const postings = sorted.map((term) =>
    perTerm
      .get(term)!
      .map((list, f) => {
        if (!list.length) return '';
        let last = 0;
        const gaps = list.map(([d, n]) => {
          const gap = (d - last).toString(36);
          last = d;
          return n > 1 ? `${gap}:${n.toString(36)}` : gap;
        });
        return FIELD_LETTERS[f] + gaps.join(',');
      })
      .join(''),
  );
  const industries: Record<string, string> = {};
  for (const doc of docs) if (doc.industry) industries[doc.industry] = IAF_SECTORS[doc.industry] ?? doc.industry;
  return {
    format: 'qa-search/1',
    fields: FIELDS,
    docs: docs.map(storedDoc),
    terms: packTerms(sorted),
    postings: postings.join(' '),
    lengths,
    synonyms,
    industries,
    words: [...new Set(docs.filter((d) => d.kind !== 'term').flatMap((d) => d.keywords.map(fold)))].sort(),
    clauseTitles: { ...ISO9001_CLAUSES },
  };
}

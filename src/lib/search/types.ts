/** Shapes shared by the search index builder, the engine and the search island. */

export const KINDS = ['lesson', 'case', 'course', 'term'] as const;
export type Kind = (typeof KINDS)[number];

/** One searchable thing, produced by toSearchDocuments() from the content (build time only). */
export interface SearchDocument {
  /** kind-prefixed id: lesson:internal-audit/audit-basics, case:liuzhou-snail-noodles, course:…, term:… */
  id: string;
  kind: Kind;
  url: string;
  title: string;
  /** the lesson's course title, the case's industry */
  parent?: string;
  /** IAF/EA sector code (cases) */
  industry?: string;
  clauses: string[];
  /** tags, aliases, English names: short words people type */
  keywords: string[];
  /** section headings of the body */
  headings: string[];
  /** industry, region, course title, topic labels */
  facets: string[];
  /** description / summary / plain definition: shown under the title */
  summary: string;
  /** plain text of the body (MDX stripped), goals, results, examples */
  body: string;
}

/** A document as shipped in the index file, for showing a result. */
export type StoredDoc = Pick<SearchDocument, 'id' | 'kind' | 'url' | 'title' | 'parent' | 'industry' | 'clauses'> & {
  /** other names (glossary terms) */
  aliases?: string[];
  /** text the snippet is cut from: the summary and the section headings */
  text: string;
};

export interface FieldSpec {
  name: string;
  boost: number;
}

/** The index file (/search-index.json): lunr's model (terms, term frequencies, field lengths) packed small. */
export interface PackedIndex {
  format: 'qa-search/1';
  fields: FieldSpec[];
  docs: StoredDoc[];
  /**
   * all terms, sorted, front-coded: one line per term, each the number of leading characters it shares
   * with the term before (0-9) followed by the rest (see packTerms / unpackTerms)
   */
  terms: string;
  /**
   * one postings list per term, space-separated, in term order: for each field that has the term, the
   * field letter (A, B, …) followed by comma-separated document-number gaps (base 36); ":n" after a gap
   * when the term occurs n > 1 times in that field.
   */
  postings: string;
  /** lengths[f][d]: number of tokens of field f in document d */
  lengths: number[][];
  /** folded synonym groups (curated + glossary) */
  synonyms: string[][];
  /** IAF/EA sector names of the industries that occur */
  industries: Record<string, string>;
  /** the documents' tags, distinct and folded (for "did you mean" suggestions) */
  words: string[];
  /** ISO 9001 clause titles by number (a clause-number query also looks for its title) */
  clauseTitles: Record<string, string>;
}

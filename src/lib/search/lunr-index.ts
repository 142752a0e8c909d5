/**
 * Unpacks the index file into a lunr.Index: the inverted index and the field vectors are rebuilt with
 * lunr's own BM25 formula (k1 = 1.2, b = 0.75, three decimals), as lunr.Builder computes them.
 *
 * Two choices keep queries fast with thousands of documents, without changing any score:
 * - lunr's term numbers (`_index`) are arbitrary ids; here rarer terms get smaller ones. lunr scores a
 *   document by walking its field vector (sorted by term number) up to the query's largest term number,
 *   so a query of rare words stops early instead of walking every body vector to the end.
 * - prefixes and typos are expanded by the engine (expand.ts), so lunr only gets exact terms and its token
 *   set is a hash-set lookup instead of a trie.
 */
import lunr from 'lunr';
import { FIELD_LETTERS, unpackTerms } from './build-index.ts';
import type { PackedIndex } from './types.ts';

const K1 = 1.2;
const B = 0.75;
/** lunr keeps no per-posting metadata here (no positions); one shared empty object saves memory. */
const NO_METADATA = Object.freeze({});

/**
 * lunr's document refs: "d" + number. Not plain numbers: objects keyed by integers keep them as
 * elements, and lunr's Object.keys() on every posting would turn each one into a new string.
 */
export const docRef = (n: number) => `d${n}`;
export const docNumber = (ref: string) => Number(ref.slice(1));

export interface LoadedIndex {
  index: lunr.Index;
  /** how common a term is: documents with it in the body; in the other (short) fields, once per field */
  frequency: Map<string, TermFrequency>;
  /** all terms, sorted */
  terms: string[];
}

export interface TermFrequency {
  body: number;
  short: number;
}

interface Decoded {
  field: number;
  doc: number;
  tf: number;
}

/** Decodes one postings string: "A0,3:2,1B5" → field A: docs 0, 3 (twice), 4; field B: doc 5. */
export function decodePostings(text: string): Decoded[] {
  const out: Decoded[] = [];
  let field = -1;
  let doc = 0;
  let value = 0;
  let inTf = false;
  const flush = () => {
    if (inTf) out.push({ field, doc, tf: value });
    else out.push({ field, doc: (doc += value), tf: 1 });
    value = 0;
    inTf = false;
  };
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 74) {
      if (field >= 0) flush();
      field = FIELD_LETTERS.indexOf(text[k]);
      doc = 0;
    } else if (c === 44)
      flush(); // ","
    else if (c === 58) {
      // ":" the gap is complete, a term frequency follows
      doc += value;
      value = 0;
      inTf = true;
    } else value = value * 36 + (c <= 57 ? c - 48 : c - 87);
  }
  if (field >= 0) flush();
  return out;
}

/** Number of postings in a postings string, without decoding it. */
function postingCount(text: string): number {
  let n = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 44 || (c >= 65 && c <= 74)) n++;
  }
  return n;
}

export function loadLunrIndex(packed: PackedIndex): LoadedIndex {
  if (packed.format !== 'qa-search/1') throw new Error(`Unknown search index format ${String(packed.format)}`);
  const fields = packed.fields.map((f) => f.name);
  const docCount = packed.docs.length;
  const average = packed.lengths.map((list) => list.reduce((s, n) => s + n, 0) / Math.max(1, docCount));
  const bodyField = fields.indexOf('body');
  const refs = packed.docs.map((_, d) => docRef(d));

  // term numbers: rarest first (see above)
  const terms = unpackTerms(packed.terms);
  const postings = packed.postings.split(' ');
  if (postings.length !== terms.length) throw new Error('Search index: terms and postings do not match');
  const withTerm = postings.map(postingCount);
  const order = terms.map((_, i) => i).sort((a, b) => withTerm[a] - withTerm[b] || a - b);

  const vectors: number[][][] = fields.map(() => Array.from({ length: docCount }, () => []));
  const invertedIndex: Record<string, Record<string, unknown>> = Object.create(null);
  const frequency = new Map<string, TermFrequency>();
  order.forEach((i, rank) => {
    const term = terms[i];
    const posting: Record<string, unknown> = { _index: rank };
    const byField = fields.map((name) => (posting[name] = Object.create(null)) as Record<string, object>);
    const decoded = decodePostings(postings[i]);
    // lunr.idf: documents with the term, counted once per field
    const idf = Math.log(1 + Math.abs((docCount - decoded.length + 0.5) / (decoded.length + 0.5)));
    let inBody = 0;
    for (const { field, doc, tf } of decoded) {
      byField[field][refs[doc]] = NO_METADATA;
      if (field === bodyField) inBody++;
      const length = packed.lengths[field][doc];
      const score = ((idf * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (length / average[field])) + tf)) * packed.fields[field].boost;
      vectors[field][doc].push(rank, Math.round(score * 1000) / 1000);
    }
    frequency.set(term, { body: inBody, short: decoded.length - inBody });
    invertedIndex[term] = posting;
  });

  const fieldVectors: Record<string, lunr.Vector> = Object.create(null);
  for (let d = 0; d < docCount; d++) {
    fields.forEach((name, fi) => (fieldVectors[`${name}/${refs[d]}`] = new lunr.Vector(vectors[fi][d])));
  }
  const index = new lunr.Index({ invertedIndex, fieldVectors, tokenSet: exactTokenSet(terms), fields, pipeline: new lunr.Pipeline() });
  return { index, frequency, terms };
}

/**
 * lunr.Index looks every query term up in its token set; the engine only asks for exact terms, so a
 * hash set answers (lunr's trie walk costs a scan of thousands of first characters per term).
 */
function exactTokenSet(terms: string[]): lunr.TokenSet {
  const known = new Set(terms);
  const tokenSet = {
    intersect: (query: lunr.TokenSet) => ({ toArray: () => query.toArray().filter((t) => known.has(t)) }),
    toArray: () => [...terms],
  };
  return tokenSet as unknown as lunr.TokenSet;
}

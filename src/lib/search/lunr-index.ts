/**
 * Unpacks the index file into a lunr.Index: the inverted index and the field vectors are rebuilt with
 * lunr's own BM25 formula (k1 = 1.2, b = 0.75, three decimals), exactly as lunr.Builder computes them.
 */
import lunr from 'lunr';
import { FIELD_LETTERS } from './build-index.ts';
import type { PackedIndex } from './types.ts';

/** lunr keeps no per-posting metadata here (no positions); one shared empty object saves memory. */
const NO_METADATA = Object.freeze({});
const K1 = 1.2;
const B = 0.75;

export function loadLunrIndex(packed: PackedIndex): lunr.Index {
  // terms are stored sorted; lunr needs them sorted to build its token set
  if (packed.format !== 'qa-search/1') throw new Error(`Unknown search index format ${String(packed.format)}`);
  const fields = packed.fields.map((f) => f.name);
  const docCount = packed.docs.length;
  const average = packed.lengths.map((list) => list.reduce((s, n) => s + n, 0) / Math.max(1, docCount));
  const vectors: number[][][] = fields.map(() => Array.from({ length: docCount }, () => []));
  const invertedIndex: [string, Record<string, unknown>][] = [];

  const counts = new Uint32Array(fields.length);
  const docs: number[][] = fields.map(() => []);
  const tfs: number[][] = fields.map(() => []);
  packed.terms.forEach((term, i) => {
    const posting: Record<string, unknown> = { _index: i };
    const byField: Record<string, object>[] = fields.map((name) => (posting[name] = {}) as Record<string, object>);
    // decode "A0,3:2,1B5": field A has docs 0, 3 (twice) and 4; field B has doc 5
    const text = packed.postings[i];
    let f = -1;
    let doc = 0;
    let value = 0;
    let tf = 0;
    let inTf = false;
    counts.fill(0);
    const flush = () => {
      if (inTf) tf = value;
      else doc += value;
      docs[f][counts[f]] = doc;
      tfs[f][counts[f]] = inTf ? tf : 1;
      counts[f]++;
      byField[f][doc] = NO_METADATA;
      value = 0;
      inTf = false;
    };
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c >= 65 && c <= 74) {
        // field letter A-J
        if (f >= 0) flush();
        f = c - 65;
        doc = 0;
        value = 0;
      } else if (c === 44) flush(); // ,
      else if (c === 58) {
        // : — the gap is complete, a term frequency follows
        doc += value;
        value = 0;
        inTf = true;
      } else value = value * 36 + (c <= 57 ? c - 48 : c - 87);
    }
    if (f >= 0) flush();
    // lunr.idf: documents with the term, counted per field
    let withTerm = 0;
    for (let fi = 0; fi < fields.length; fi++) withTerm += counts[fi];
    const idf = Math.log(1 + Math.abs((docCount - withTerm + 0.5) / (withTerm + 0.5)));
    for (let fi = 0; fi < fields.length; fi++) {
      const boost = packed.fields[fi].boost;
      for (let k = 0; k < counts[fi]; k++) {
        const d = docs[fi][k];
        const n = tfs[fi][k];
        const score = ((idf * ((K1 + 1) * n)) / (K1 * (1 - B + B * (packed.lengths[fi][d] / average[fi])) + n)) * boost;
        vectors[fi][d].push(i, Math.round(score * 1000) / 1000);
      }
    }
    invertedIndex.push([term, posting]);
  });

  const fieldVectors: [string, number[]][] = [];
  for (let d = 0; d < docCount; d++) {
    fields.forEach((name, fi) => fieldVectors.push([`${name}/${d}`, vectors[fi][d]]));
  }
  return lunr.Index.load({ version: lunr.version, fields, fieldVectors, invertedIndex, pipeline: [] });
}

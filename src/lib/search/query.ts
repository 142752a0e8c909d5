/**
 * Query building: the typed text is folded, expanded with synonyms into weighted variants, and each
 * variant is tokenized with the shared tokenizer into lunr clauses (exact terms, clause-number prefixes,
 * Latin prefixes and one-typo matches). Pure functions, no I/O, no lunr.
 */
import { normalizeQuery } from './normalize.ts';
import { tokenize, type Token, type TokenKind } from './tokenize.ts';

export interface Variant {
  /** the folded query text, or the text with one synonym swapped in */
  phrase: string;
  weight: number;
  /** distinct tokens of the phrase */
  tokens: Token[];
}

export interface QueryClause {
  term: string;
  boost: number;
  /** match every index term that starts with `term` */
  prefix: boolean;
  /** 1: also match terms one edit away */
  editDistance: 0 | 1;
}

export interface ParsedQuery {
  /** normalised query text ('' when nothing searchable was typed) */
  text: string;
  variants: Variant[];
  clauses: QueryClause[];
  /** folded strings to highlight in titles and snippets */
  highlight: string[];
  /** the query is an ISO 9001 clause number such as 9.2 or 8.5.1 */
  clause?: string;
}

/** Weight of a synonym variant relative to what was typed. */
export const SYNONYM_WEIGHT = 0.7;
const MAX_VARIANTS = 12;

const KIND_BOOST: Record<TokenKind, number> = {
  han: 1,
  han1: 0.8,
  word: 1.2,
  latin: 1,
  number: 0.8,
  clause: 3,
  compound: 1.5,
};

const WORDLIKE = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/** Where `member` occurs in `text` as a whole word (Latin and digits) or anywhere (Chinese). */
function occurrences(text: string, member: string): number[] {
  const found: number[] = [];
  const needsBoundary = !HAN.test(member);
  for (let at = text.indexOf(member); at >= 0; at = text.indexOf(member, at + 1)) {
    if (needsBoundary) {
      const before = text[at - 1];
      const after = text[at + member.length];
      if ((before && WORDLIKE.test(before) && !HAN.test(before)) || (after && WORDLIKE.test(after) && !HAN.test(after))) continue;
    }
    found.push(at);
  }
  return found;
}

/**
 * Synonym variants of a folded query: the longest synonym found at a place in the query is swapped for
 * each other member of its groups (shorter synonyms inside it are left alone).
 */
export function expandSynonyms(text: string, groups: string[][]): { phrase: string; weight: number }[] {
  const hits: { start: number; end: number; member: string; group: number }[] = [];
  groups.forEach((group, g) => {
    for (const member of group) for (const start of occurrences(text, member)) hits.push({ start, end: start + member.length, member, group: g });
  });
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const accepted: typeof hits = [];
  for (const hit of hits) {
    const clash = accepted.some((a) => hit.start < a.end && a.start < hit.end && !(a.start === hit.start && a.end === hit.end));
    if (!clash) accepted.push(hit);
  }
  const variants = [{ phrase: text, weight: 1 }];
  const seen = new Set([text]);
  for (const hit of accepted) {
    for (const other of groups[hit.group]) {
      if (other === hit.member) continue;
      const phrase = text.slice(0, hit.start) + other + text.slice(hit.end);
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      variants.push({ phrase, weight: SYNONYM_WEIGHT });
      if (variants.length >= MAX_VARIANTS) return variants;
    }
  }
  return variants;
}

const CLAUSE_QUERY = /^(?:条款|clause|第)?\s*(\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:条|条款)?$/;

function distinct(tokens: Token[]): Token[] {
  const seen = new Set<string>();
  return tokens.filter((t) => !seen.has(t.term) && seen.add(t.term));
}

export function parseQuery(raw: string, synonyms: string[][]): ParsedQuery {
  const text = normalizeQuery(raw);
  const variants: Variant[] = expandSynonyms(text, synonyms)
    .map((v) => ({ ...v, tokens: distinct(tokenize(v.phrase)) }))
    .filter((v) => v.tokens.length > 0);
  if (!variants.length) return { text: '', variants: [], clauses: [], highlight: [] };

  const clauseMatch = CLAUSE_QUERY.exec(text);
  const clause = clauseMatch && clauseMatch[1].includes('.') ? clauseMatch[1] : undefined;
  const byKey = new Map<string, QueryClause>();
  const add = (term: string, boost: number, prefix = false, editDistance: 0 | 1 = 0) => {
    const key = `${term}|${prefix}|${editDistance}`;
    const existing = byKey.get(key);
    if (existing) existing.boost = Math.max(existing.boost, boost);
    else byKey.set(key, { term, boost, prefix, editDistance });
  };
  for (const v of variants) {
    for (const token of v.tokens) {
      const boost = v.weight * KIND_BOOST[token.kind];
      add(token.term, boost);
      switch (token.kind) {
        case 'clause':
          add(`${token.term}.`, boost * 0.5, true); // 9.2 also finds 9.2.1 and 9.2.2
          break;
        case 'latin':
          if (token.term.length >= 3) add(token.term, boost * 0.4, true); // typing "hac" finds haccp
          if (token.term.length >= 4) add(token.term, boost * 0.3, false, 1); // one typo
          break;
        case 'compound':
          if (/\p{L}/u.test(token.term) && token.term.length >= 3) add(token.term, boost * 0.4, true);
          break;
        case 'han1':
          add(token.term, boost * 0.6, true); // 审 finds 审核, 审计
          break;
        case 'number':
          // a bare chapter number such as "8" also finds clauses 8.x
          if (clauseMatch && !clause && Number(token.term) >= 4 && Number(token.term) <= 10) add(`${token.term}.`, boost * 0.5, true);
          break;
      }
    }
  }
  const highlight = new Set<string>();
  for (const v of variants) {
    highlight.add(v.phrase);
    for (const token of v.tokens) if (token.kind !== 'compound' && (token.term.length > 1 || HAN.test(token.term))) highlight.add(token.term);
  }
  return { text, variants, clauses: [...byKey.values()], highlight: [...highlight], clause };
}

/**
 * Query building: the typed text is folded, expanded into weighted variants (synonyms swapped in; for a
 * clause number, the clause's title), and each variant is tokenized with the shared tokenizer into
 * clauses for lunr (exact terms, clause-number prefixes, Latin prefixes and one-typo matches).
 * Pure functions, no I/O, no lunr.
 */
import { fold, normalizeQuery } from './normalize.ts';
import { tokenize, type Token, type TokenKind } from './tokenize.ts';

export type VariantSource = 'typed' | 'synonym' | 'clause-title';
export type Scope = 'all' | 'short' | 'names';
/** How wide each scope is, to keep the widest when a term is asked for twice. */
export const WIDTH: Record<Scope, number> = { names: 0, short: 1, all: 2 };

export interface Variant {
  /** the folded query text, the text with one synonym swapped in, or a clause title */
  phrase: string;
  source: VariantSource;
  weight: number;
  /** distinct tokens of the phrase that are searched for */
  tokens: Token[];
}

export interface QueryClause {
  term: string;
  boost: number;
  /** match every index term that starts with `term` */
  prefix: boolean;
  /** 1: also match terms one edit away */
  editDistance: 0 | 1;
  /**
   * where to look: 'all' fields; the 'short' ones (all but the body); or just the 'names' (title, tags and
   * other names, clause numbers)
   */
  scope: Scope;
}

export interface ParsedQuery {
  /** normalised query text ('' when nothing searchable was typed) */
  text: string;
  variants: Variant[];
  clauses: QueryClause[];
  /** terms so common in bodies that they are searched for outside the body only (and do not count for coverage) */
  common: string[];
  /** folded strings to highlight in titles and snippets */
  highlight: string[];
  /** the query is an ISO 9001 clause number such as 9.2 or 8.5.1 */
  clause?: string;
}

/** How common a term is: in how many documents it occurs in the body, and in the short fields. */
export type FrequencyOf = (term: string) => { body: number; short: number } | undefined;

export interface QueryOptions {
  frequency?: FrequencyOf;
  /** number of documents in the index */
  documents?: number;
  /** ISO 9001 clause titles by number: a clause-number query also looks for the clause's title */
  clauseTitles?: Record<string, string>;
}

export const WEIGHTS: Record<VariantSource, number> = {
  typed: 1,
  /** a synonym swapped in */
  synonym: 0.7,
  /** 内部审核方案 for 9.2.2 */
  'clause-title': 0.5,
};
const MAX_VARIANTS = 12;
/** A term in more than this share of bodies is "common": searched for outside the body only. */
export const COMMON_IN_BODY = 0.1;
/** A common term also in more than this share of titles, names and headings carries almost no meaning (怎么, 管理). */
export const COMMON_IN_SHORT = 0.15;

const KIND_BOOST: Record<TokenKind, number> = {
  han: 1,
  han1: 0.8,
  word: 1.2,
  latin: 1,
  number: 0.8,
  clause: 3,
  compound: 1.5,
  part: 0.3,
};

const WORDLIKE = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/** A Latin letter or digit (Latin synonyms must match whole words: 5s is not inside 25s). */
const isLatinWordChar = (ch: string | undefined) => Boolean(ch && WORDLIKE.test(ch) && !HAN.test(ch));

/**
 * Synonym variants of a folded query: the longest synonym found at a place in the query is swapped for
 * each other member of its groups (shorter synonyms inside it are left alone).
 */
export function expandSynonyms(text: string, groups: string[][]): { phrase: string; source: VariantSource }[] {
  const hits: { start: number; end: number; member: string; group: number }[] = [];
  const byFirst = membersByFirstCharacter(groups);
  const seenHit = new Set<string>();
  for (let at = 0; at < text.length; at++) {
    for (const [member, g] of byFirst.get(text[at]) ?? []) {
      if (!text.startsWith(member, at) || seenHit.has(`${g}|${at}|${member}`)) continue;
      if (!HAN.test(member) && (isLatinWordChar(text[at - 1]) || isLatinWordChar(text[at + member.length]))) continue;
      seenHit.add(`${g}|${at}|${member}`);
      hits.push({ start: at, end: at + member.length, member, group: g });
    }
  }
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.group - b.group);
  const accepted: typeof hits = [];
  for (const hit of hits) {
    const clash = accepted.some((a) => hit.start < a.end && a.start < hit.end && !(a.start === hit.start && a.end === hit.end));
    if (!clash) accepted.push(hit);
  }
  const variants: { phrase: string; source: VariantSource }[] = [{ phrase: text, source: 'typed' }];
  const seen = new Set([text]);
  for (const hit of accepted) {
    for (const other of groups[hit.group]) {
      const phrase = text.slice(0, hit.start) + other + text.slice(hit.end);
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      variants.push({ phrase, source: 'synonym' });
      if (variants.length >= MAX_VARIANTS) return variants;
    }
  }
  return variants;
}

/** Synonyms by their first character (UTF-16 unit), built once per list of groups. */
const prepared = new WeakMap<string[][], Map<string, [string, number][]>>();
function membersByFirstCharacter(groups: string[][]): Map<string, [string, number][]> {
  let map = prepared.get(groups);
  if (!map) {
    map = new Map();
    groups.forEach((group, g) => {
      for (const member of group) {
        if (!member) continue;
        const list = map!.get(member[0]) ?? [];
        list.push([member, g]);
        map!.set(member[0], list);
      }
    });
    prepared.set(groups, map);
  }
  return map;
}

const CLAUSE_QUERY = /^(?:条款|clause|第)?\s*(\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:条|条款)?$/;

function distinct(tokens: Token[]): Token[] {
  const seen = new Set<string>();
  return tokens.filter((t) => !seen.has(t.term) && seen.add(t.term));
}

/**
 * Drops words that carry almost no meaning when the variant has others: words common everywhere
 * (怎么, 管理), and from a swapped-in synonym also words common in bodies.
 */
function meaningful(tokens: Token[], source: VariantSource, options: QueryOptions): Token[] {
  const { frequency, documents = 0 } = options;
  if (!frequency || !documents) return tokens;
  const body = Math.max(20, documents * COMMON_IN_BODY);
  const short = Math.max(20, documents * COMMON_IN_SHORT);
  const kept = tokens.filter((t) => {
    const f = frequency(t.term);
    if (!f || f.body <= body) return true;
    return source !== 'synonym' && f.short <= short;
  });
  return kept.length ? kept : tokens;
}

function isCommonInBody(term: string, options: QueryOptions): boolean {
  const f = options.frequency?.(term);
  return Boolean(f && options.documents && f.body > Math.max(20, options.documents * COMMON_IN_BODY));
}

export function parseQuery(raw: string, synonyms: string[][], options: QueryOptions = {}): ParsedQuery {
  const text = normalizeQuery(raw);
  const clauseMatch = CLAUSE_QUERY.exec(text);
  const clause = clauseMatch?.[1].includes('.') ? clauseMatch[1] : undefined;
  const phrases = expandSynonyms(text, synonyms);
  const clauseTitle = clauseMatch && options.clauseTitles?.[clauseMatch[1]];
  if (clauseTitle) phrases.push({ phrase: fold(clauseTitle), source: 'clause-title' });
  const variants: Variant[] = phrases
    .map((v) => ({ ...v, weight: WEIGHTS[v.source], tokens: meaningful(distinct(tokenize(v.phrase)), v.source, options) }))
    .filter((v) => v.tokens.length > 0);
  if (!variants.length || variants[0].source !== 'typed') return { text: '', variants: [], clauses: [], common: [], highlight: [] };

  const byKey = new Map<string, QueryClause>();
  const add = (term: string, boost: number, scope: Scope, prefix = false, editDistance: 0 | 1 = 0) => {
    const key = `${term}|${prefix}|${editDistance}`;
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, { term, boost, prefix, editDistance, scope });
    else {
      existing.boost = Math.max(existing.boost, boost);
      if (WIDTH[scope] > WIDTH[existing.scope]) existing.scope = scope;
    }
  };
  const common = new Set<string>();
  for (const v of variants) {
    // What was typed is looked for everywhere, with prefixes and one-typo matches. A synonym is looked
    // for in titles, names and headings (documents about it name it there); a clause title in titles
    // and names only.
    const typed = v.source === 'typed';
    for (const token of v.tokens) {
      const boost = v.weight * KIND_BOOST[token.kind];
      const inBody = typed && !isCommonInBody(token.term, options);
      if (typed && !inBody) common.add(token.term);
      const scope: Scope = inBody ? 'all' : typed || v.source === 'clause-title' ? 'names' : 'short';
      add(token.term, boost, scope);
      switch (token.kind) {
        case 'clause':
          add(`${token.term}.`, boost * 0.5, 'short', true); // 9.2 also finds 9.2.1 and 9.2.2
          break;
        case 'latin':
          if (typed && token.term.length >= 3) add(token.term, boost * 0.4, scope, true); // typing "hac" finds haccp
          if (typed && token.term.length >= 4) add(token.term, boost * 0.3, scope, false, 1); // one typo: pdac, hacpp
          break;
        case 'compound':
          if (typed && /\p{L}/u.test(token.term) && token.term.length >= 3) add(token.term, boost * 0.4, scope, true);
          break;
        case 'han1':
          if (typed) add(token.term, boost * 0.6, 'short', true); // 审 finds 审核, 审计
          break;
        case 'number':
          // a bare chapter number such as "8" also finds clauses 8.x
          if (clauseMatch && !clause && Number(token.term) >= 4 && Number(token.term) <= 10)
            add(`${token.term}.`, boost * 0.5, 'short', true);
          break;
      }
    }
  }
  const highlight = new Set<string>();
  for (const v of variants) {
    if (v.source === 'clause-title') continue;
    highlight.add(v.phrase);
    for (const token of v.tokens) {
      if (token.kind === 'compound')
        highlight.add(token.term.replace(/(\p{L})(\p{N})/u, '$1 $2')); // "iso 9001" too
      else if (token.term.length > 1 || HAN.test(token.term)) highlight.add(token.term);
    }
  }
  return { text, variants, clauses: [...byKey.values()], common: [...common], highlight: [...highlight], clause };
}

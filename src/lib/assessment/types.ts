/**
 * The self-assessment as the server and the page use it: content/assessment/questions.yaml with its
 * suggestions resolved to titles and links (scripts/lib/assessment-source.ts builds it).
 */
export interface AssessmentQuestion {
  id: string;
  clause?: string;
  text: string;
  hint?: string;
  /** four levels, 0..3: nothing written / the boss knows it / written and followed / checked and improved */
  levels: string[];
}

export interface AssessmentArea {
  id: string;
  title: string;
  short: string;
  clauses: string[];
  problems: string[];
  explain: string;
  firstStep: string;
  questions: AssessmentQuestion[];
}

export interface SuggestedItem {
  kind: 'lesson' | 'case';
  id: string;
  title: string;
  href: string;
}

export interface AssessmentContent {
  /** hash of questions and suggestions: stored with each assessment so that later edits are visible */
  version: string;
  title: string;
  intro: string;
  areas: AssessmentArea[];
  suggestions: { areas: Record<string, SuggestedItem[]>; questions: Record<string, SuggestedItem[]> };
}

/** question id -> level 0..3 */
export type Answers = Record<string, number>;

/** The generic names of the four levels, shown beside each question's concrete wording. */
export const LEVEL_NAMES = ['没有写下来', '老板心里有数', '写下来并照做', '检查并改进'] as const;
export const MAX_LEVEL = LEVEL_NAMES.length - 1;

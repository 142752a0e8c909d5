/**
 * Readiness scores. Each question's level (0..3) counts level/3 of its weight; an area's readiness is the
 * mean over its questions, on 0..100; the overall readiness is the mean of the areas (each area weighs the
 * same, however many questions it has). Published scores are whole numbers rounded half up.
 */
import { roundHalfUp } from '../stats/percent.ts';
import { MAX_LEVEL, type Answers, type AssessmentArea, type AssessmentContent } from './types.ts';

export interface AreaScore {
  id: string;
  score: number;
  answered: number;
  total: number;
}
export interface Scores {
  areas: AreaScore[];
  overall: number;
}
/** What is stored with a submitted assessment: area id -> score, and the overall score. */
export interface StoredScores {
  areas: Record<string, number>;
  overall: number;
}

function areaRatio(area: AssessmentArea, answers: Answers): { ratio: number; answered: number } {
  const levels = area.questions.map((q) => answers[q.id]).filter((l): l is number => l !== undefined);
  if (!levels.length) return { ratio: 0, answered: 0 };
  return { ratio: levels.reduce((a, b) => a + b, 0) / (levels.length * MAX_LEVEL), answered: levels.length };
}

/** Scores of answered questions; an area without any answer scores 0 (submission requires every answer). */
export function scoreAnswers(content: AssessmentContent, answers: Answers): Scores {
  const ratios = content.areas.map((area) => ({ area, ...areaRatio(area, answers) }));
  const overall = ratios.length ? ratios.reduce((s, r) => s + r.ratio, 0) / ratios.length : 0;
  return {
    areas: ratios.map(({ area, ratio, answered }) => ({
      id: area.id,
      score: roundHalfUp(ratio * 100, 0),
      answered,
      total: area.questions.length,
    })),
    overall: roundHalfUp(overall * 100, 0),
  };
}

export function toStored(scores: Scores): StoredScores {
  return { areas: Object.fromEntries(scores.areas.map((a) => [a.id, a.score])), overall: scores.overall };
}

/** Plain-words band of a readiness score, for the result page. */
export function readinessBand(score: number): { key: 'start' | 'basic' | 'working' | 'improving'; label: string } {
  if (score < 25) return { key: 'start', label: '刚起步' };
  if (score < 50) return { key: 'basic', label: '有基础' };
  if (score < 75) return { key: 'working', label: '基本做到' };
  return { key: 'improving', label: '持续改进' };
}

export interface WeakArea {
  id: string;
  title: string;
  score: number;
  explain: string;
  firstStep: string;
  /** the area's questions answered at the two lower levels, lowest first, with the next level to reach */
  weakQuestions: { id: string; text: string; level: number; now: string; next: string }[];
}

/**
 * The `count` weakest areas (lowest score first; ties keep the questionnaire's order). Areas already at 100
 * are never called weak.
 */
export function weakestAreas(content: AssessmentContent, scores: StoredScores, answers: Answers, count = 3): WeakArea[] {
  return content.areas
    .map((area, order) => ({ area, order, score: scores.areas[area.id] }))
    .filter((a) => a.score !== undefined && a.score < 100)
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .slice(0, count)
    .map(({ area, score }) => ({
      id: area.id,
      title: area.title,
      score,
      explain: area.explain,
      firstStep: area.firstStep,
      weakQuestions: area.questions
        .map((q, i) => ({ q, i, level: answers[q.id] }))
        .filter((x) => x.level !== undefined && x.level < 2)
        .sort((a, b) => a.level - b.level || a.i - b.i)
        .map(({ q, level }) => ({ id: q.id, text: q.text, level, now: q.levels[level], next: q.levels[level + 1] })),
    }));
}

/** Checking answers sent by a browser against the questions: unknown questions and levels are refused. */
import { MAX_LEVEL, type Answers, type AssessmentContent } from './types.ts';

export function questionIds(content: AssessmentContent): string[] {
  return content.areas.flatMap((a) => a.questions.map((q) => q.id));
}

export type AnswerErrors = Record<string, string>;

/**
 * Validates a partial set of answers (a draft saves as it goes). `null` clears an answer. Returns the
 * accepted answers and, per question id, a message for each refused one.
 */
export function validateAnswers(
  content: AssessmentContent,
  input: unknown,
): { ok: true; value: Record<string, number | null> } | { ok: false; errors: AnswerErrors } {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, errors: { answers: '答案的格式不对：应为“题目 → 等级”' } };
  const known = new Set(questionIds(content));
  const errors: AnswerErrors = {};
  const value: Record<string, number | null> = {};
  for (const [id, level] of Object.entries(input as Record<string, unknown>)) {
    if (!known.has(id)) errors[id] = `没有这道题：${id}`;
    else if (level === null) value[id] = null;
    else if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > MAX_LEVEL)
      errors[id] = `等级应为 0 到 ${MAX_LEVEL} 的整数`;
    else value[id] = level;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** Applies a validated partial update to saved answers (answers to questions no longer asked are kept). */
export function mergeAnswers(saved: Answers, update: Record<string, number | null>): Answers {
  const out: Answers = { ...saved };
  for (const [id, level] of Object.entries(update)) {
    if (level === null) delete out[id];
    else out[id] = level;
  }
  return out;
}

export interface Progress {
  answered: number;
  total: number;
  areas: { id: string; answered: number; total: number }[];
}

export function progressOf(content: AssessmentContent, answers: Answers): Progress {
  const areas = content.areas.map((a) => ({
    id: a.id,
    answered: a.questions.filter((q) => answers[q.id] !== undefined).length,
    total: a.questions.length,
  }));
  return { answered: areas.reduce((n, a) => n + a.answered, 0), total: areas.reduce((n, a) => n + a.total, 0), areas };
}

/** Questions still unanswered, in the order they are asked. */
export function missingQuestions(content: AssessmentContent, answers: Answers): string[] {
  return questionIds(content).filter((id) => answers[id] === undefined);
}

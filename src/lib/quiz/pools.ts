/**
 * Exam integrity: which question is asked where, and what the content must satisfy so that a certificate
 * means what it says (docs/quiz-integrity.md).
 *
 * Every question belongs to one pool. Lesson-pool questions are practice: their feedback shows the right
 * answer and the explanation. Final-pool questions are asked only in the course's final exam and their keys
 * never leave the server. Because the two pools are disjoint, nothing a learner can collect from lesson
 * quizzes (however many attempts) is a key of the final. The content checker enforces the rules below, so an
 * author cannot break them by accident.
 */
import type { Question } from '../../schemas/quiz.ts';

export type Pool = 'lesson' | 'final';

export const poolOf = (q: Pick<Question, 'pool'>): Pool => (q.pool === 'final' ? 'final' : 'lesson');
export const inLessonPool = (q: Pick<Question, 'pool'>) => poolOf(q) === 'lesson';
export const inFinalPool = (q: Pick<Question, 'pool'>) => poolOf(q) === 'final';

/** A lesson quiz keeps at least this many practice questions after some move to the final. */
export const MIN_LESSON_QUESTIONS = 3;
/** A final without `draw` asks every final question: at least this many. */
export const MIN_FINAL_QUESTIONS = 5;
/**
 * A final question must not be a near-copy of any practice question (whose key the feedback shows):
 * similarity of prompt + options, as the Jaccard index of character bigrams, must stay below this.
 */
export const MAX_SIMILARITY = 0.8;

function bigrams(text: string): Set<string> {
  const chars = Array.from(text.replace(/[\s\p{P}\p{S}]+/gu, ''));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  if (chars.length === 1) out.add(chars[0]);
  return out;
}

/** What a learner recognises a question by: its prompt and its options (the order does not matter). */
export function questionText(q: Question): string {
  return [q.prompt, ...(q.type === 'truefalse' ? [] : [...q.options].sort())].join('|');
}

/** Jaccard index of the character bigrams of two texts, 0..1. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 && y.size === 0) return 1;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / (x.size + y.size - common);
}

export interface PoolLesson {
  /** "<course>/<slug>" */
  id: string;
  course: string;
  questions: Question[];
}

export type PoolProblem =
  | { kind: 'lesson-too-few'; lesson: string; count: number }
  | { kind: 'lesson-draw'; lesson: string; draw: number; count: number }
  | { kind: 'final-too-few'; course: string; count: number; needed: number }
  | { kind: 'near-copy'; lesson: string; question: string; of: string; similarity: number };

/**
 * The integrity rules over all content: every lesson keeps practice questions, every course's final has
 * enough final-only questions to draw from, and no final question is a near-copy of a practice question in
 * any course (a copy elsewhere would reveal its key just the same).
 */
export function checkPools(
  lessons: readonly (PoolLesson & { draw?: number })[],
  courses: readonly { id: string; finalDraw?: number; finalRequired: boolean }[],
): PoolProblem[] {
  const problems: PoolProblem[] = [];
  for (const lesson of lessons) {
    const count = lesson.questions.filter(inLessonPool).length;
    if (count < MIN_LESSON_QUESTIONS) problems.push({ kind: 'lesson-too-few', lesson: lesson.id, count });
    else if (lesson.draw && lesson.draw > count) problems.push({ kind: 'lesson-draw', lesson: lesson.id, draw: lesson.draw, count });
  }
  for (const course of courses) {
    if (!course.finalRequired) continue;
    const count = lessons.filter((l) => l.course === course.id).reduce((n, l) => n + l.questions.filter(inFinalPool).length, 0);
    const needed = course.finalDraw ?? MIN_FINAL_QUESTIONS;
    if (count < needed) problems.push({ kind: 'final-too-few', course: course.id, count, needed });
  }
  const practice = lessons.flatMap((l) =>
    l.questions.filter(inLessonPool).map((q) => ({ ref: `${l.id}#${q.id}`, text: bigrams(questionText(q)) })),
  );
  for (const lesson of lessons) {
    for (const q of lesson.questions.filter(inFinalPool)) {
      const mine = bigrams(questionText(q));
      let worst: { ref: string; value: number } | null = null;
      for (const p of practice) {
        let common = 0;
        for (const g of mine) if (p.text.has(g)) common++;
        const value = common / (mine.size + p.text.size - common || 1);
        if (value >= MAX_SIMILARITY && (!worst || value > worst.value)) worst = { ref: p.ref, value };
      }
      if (worst)
        problems.push({
          kind: 'near-copy',
          lesson: lesson.id,
          question: q.id,
          of: worst.ref,
          similarity: Math.round(worst.value * 100) / 100,
        });
    }
  }
  return problems;
}

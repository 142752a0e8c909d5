/**
 * Demo self-assessments: deterministic answers for a "before" and an "after" that shows progress, so that
 * a fresh `npm start` has results, weakest areas and a before/after to look at. Demo only.
 */
import type { Answers, AssessmentContent } from './assessment/types.ts';

/** Levels 0..2 spread by a simple hash of seed and question; `lift` raises roughly that share of answers by one. */
export function demoAnswers(q: AssessmentContent, seed: number, lift = 0): Answers {
  const out: Answers = {};
  let i = 0;
  for (const area of q.areas) {
    for (const question of area.questions) {
      const h = (seed * 7919 + i * 104729 + (seed ^ i) * 31) % 1000;
      const base = h % 3; // 0, 1 or 2: most small enterprises start here
      const raised = lift > 0 && h / 1000 < lift ? 1 : 0;
      out[question.id] = Math.min(3, base + raised);
      i++;
    }
  }
  return out;
}

export interface DemoAssessment {
  email: string;
  kind: 'self' | 'baseline' | 'reassessment';
  daysAgo: number;
  seed: number;
  lift: number;
}

/** The demo enterprise's manager did a baseline and a re-assessment; some learners tested themselves twice. */
export const DEMO_ASSESSMENTS: DemoAssessment[] = [
  { email: 'manager@example.com', kind: 'baseline', daysAgo: 150, seed: 11, lift: 0 },
  { email: 'manager@example.com', kind: 'reassessment', daysAgo: 20, seed: 11, lift: 0.6 },
  { email: 'learner@example.com', kind: 'self', daysAgo: 45, seed: 23, lift: 0 },
  { email: 'demo.330502.0.0@example.com', kind: 'self', daysAgo: 200, seed: 31, lift: 0 },
  { email: 'demo.330502.0.0@example.com', kind: 'self', daysAgo: 30, seed: 31, lift: 0.5 },
  { email: 'demo.440305.0.0@example.com', kind: 'self', daysAgo: 120, seed: 37, lift: 0 },
  { email: 'demo.440305.0.0@example.com', kind: 'self', daysAgo: 10, seed: 37, lift: 0.4 },
];

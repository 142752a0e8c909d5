/**
 * Schemas of the self-assessment content (content/assessment/*.yaml), checked by `npm run check` with file,
 * line and field. Trainers edit these files; the server and the /assessment/ page read the validated result.
 */
import { z } from 'zod';
import { PROBLEM_TYPES } from '../lib/vocabularies.ts';
import { ClauseSchema } from './content.ts';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '只能用小写字母、数字和连字符');
/** Plain Chinese for a phone screen: long enough to say something, short enough to read at a glance. */
const line = (min: number, max: number) => z.string().trim().min(min).max(max);

export const AssessmentQuestionSchema = z.object({
  id,
  /** the ISO 9001 clause the question looks at, when there is one */
  clause: ClauseSchema.optional(),
  text: line(6, 80),
  hint: line(4, 120).optional(),
  /**
   * Four concrete levels, in order: nothing written / the boss knows it / written and followed / checked
   * and improved. Each says what that level looks like for this question.
   */
  levels: z.array(line(2, 60)).length(4, '每道题必须正好有 4 个等级：没有写下来、老板心里有数、写下来并照做、检查并改进'),
});

export const AssessmentAreaSchema = z.object({
  id,
  title: line(2, 24),
  /** label on the chart (a 360-px phone): at most 6 characters */
  short: line(2, 6),
  clauses: z.array(ClauseSchema).default([]),
  problems: z.array(z.enum(PROBLEM_TYPES)).default([]),
  /** shown when the area is among the weakest: why it matters, in plain words */
  explain: line(20, 200),
  /** the first thing to do about it this week */
  firstStep: line(10, 120),
  questions: z.array(AssessmentQuestionSchema).min(2).max(8),
});

export const AssessmentQuestionsSchema = z.object({
  title: line(4, 30),
  intro: line(10, 300),
  areas: z.array(AssessmentAreaSchema).min(3).max(14),
});

const lessonRef = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, '课时写成 课程/课时，例如 workplace-6s/sort-and-set-in-order');
export const SuggestionSchema = z.object({
  lessons: z.array(lessonRef).default([]),
  cases: z.array(id).default([]),
});

export const AssessmentSuggestionsSchema = z.object({
  /** every area needs at least one lesson: a weak area must always lead somewhere */
  areas: z.record(id, SuggestionSchema),
  /** optional: a question answered at the two lower levels puts these first */
  questions: z.record(id, SuggestionSchema).default({}),
});

export type AssessmentQuestionsFile = z.output<typeof AssessmentQuestionsSchema>;
export type AssessmentSuggestionsFile = z.output<typeof AssessmentSuggestionsSchema>;

import { z } from 'zod';

/** One quiz question as authored in a lesson's frontmatter. Answer keys never leave the server. */
const QuestionBase = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'id: 只能用小写字母、数字和连字符'),
  prompt: z.string().min(4),
  explanation: z.string().min(4),
  /**
   * lesson (default): asked in the lesson's practice quiz, whose feedback shows the right answer and the
   * explanation. final: asked only in the course's final exam, never revealed (docs/quiz-integrity.md).
   */
  pool: z.enum(['lesson', 'final']).default('lesson'),
  /** the heading (## or ###) of the lesson section to re-read; default: the best-matching section */
  section: z.string().min(1).optional(),
});

export const SingleChoiceSchema = QuestionBase.extend({
  type: z.literal('single'),
  options: z.array(z.string().min(1)).min(2).max(6),
  answer: z.number().int().min(0),
});

export const MultipleChoiceSchema = QuestionBase.extend({
  type: z.literal('multiple'),
  options: z.array(z.string().min(1)).min(3).max(8),
  answer: z.array(z.number().int().min(0)).min(1),
  /** all-or-nothing: full marks only for exactly the right set; partial: see scoring.ts (a wrong tick costs more than a right one gains) */
  scoring: z.enum(['all-or-nothing', 'partial']).default('all-or-nothing'),
});

export const TrueFalseSchema = QuestionBase.extend({
  type: z.literal('truefalse'),
  answer: z.boolean(),
});

export const QuestionSchema = z
  .discriminatedUnion('type', [SingleChoiceSchema, MultipleChoiceSchema, TrueFalseSchema])
  .superRefine((q, ctx) => {
    if (q.type === 'single' && q.answer >= q.options.length) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `answer ${q.answer} 超出选项范围 (0-${q.options.length - 1})` });
    }
    if (q.type === 'multiple') {
      const bad = q.answer.filter((a) => a >= q.options.length);
      if (bad.length) ctx.addIssue({ code: 'custom', path: ['answer'], message: `answer ${bad.join(',')} 超出选项范围` });
      if (new Set(q.answer).size !== q.answer.length) ctx.addIssue({ code: 'custom', path: ['answer'], message: 'answer 有重复项' });
      if (q.answer.length < 2)
        ctx.addIssue({ code: 'custom', path: ['answer'], message: '多选题至少要有 2 个正确选项，否则请用单选题 (type: single)' });
    }
  });

/** Rules of a quiz: pass mark in percent, attempts (0 = unlimited), optional time limit and random draw. */
export const QuizRulesSchema = z.object({
  passMark: z.number().min(1).max(100).default(60),
  attempts: z.number().int().min(0).default(0),
  timeLimitMinutes: z.number().int().min(1).max(240).optional(),
  /** how many questions to draw at random per attempt; default: all */
  draw: z.number().int().min(1).optional(),
  shuffleOptions: z.boolean().default(true),
});

export const LessonQuizSchema = QuizRulesSchema.extend({
  questions: z.array(QuestionSchema).min(1),
});

export type Question = z.output<typeof QuestionSchema>;
export type QuestionInput = z.input<typeof QuestionSchema>;
export type QuizRules = z.output<typeof QuizRulesSchema>;
export type LessonQuiz = z.output<typeof LessonQuizSchema>;

import { z } from 'zod';
import { isKnownClause } from '../lib/iso9001-clauses.ts';
import { isIafSector } from '../lib/iaf-sectors.ts';
import { ENTERPRISE_SIZES, LEVELS, PROBLEM_TYPES, TOPICS } from '../lib/vocabularies.ts';
import { LessonQuizSchema, QuizRulesSchema } from './quiz.ts';
import { SIZE_INDUSTRY_IDS } from '../lib/enterprise-size.ts';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '只能用小写字母、数字和连字符');
export const ClauseSchema = z.string().refine(isKnownClause, { error: (issue) => `未知的 ISO 9001 条款号 "${String(issue.input)}"` });

export const CompletionRuleSchema = z.object({
  /** "all": every lesson read (or its video watched); a number: at least that many lessons */
  lessons: z.union([z.literal('all'), z.number().int().min(0)]).default('all'),
  finalQuiz: z.boolean().default(true),
});

export const CourseSchema = z.object({
  title: z.string().min(2).max(40),
  description: z.string().min(10).max(200),
  level: z.enum(LEVELS),
  topics: z.array(z.enum(TOPICS)).min(1),
  order: z.number().int().min(0),
  /** lesson slugs in study order; each is content/lessons/<course>/<slug>.mdx */
  lessons: z.array(slug).min(1),
  issuer: z.string().default('质量学堂'),
  completion: CompletionRuleSchema.default({ lessons: 'all', finalQuiz: true }),
  /** the final exam draws from the union of the lesson question banks */
  finalQuiz: QuizRulesSchema.default({ passMark: 80, attempts: 3, draw: 10, shuffleOptions: true }),
});

export const VideoSchema = z.object({
  /** HLS master playlist under public/, e.g. /media/iso-intro/master.m3u8 */
  src: z.string().regex(/^\/media\/.+\.m3u8$/),
  poster: z
    .string()
    .regex(/^\/media\/.+\.(jpg|png|webp)$/)
    .optional(),
  captions: z
    .string()
    .regex(/^\/media\/.+\.vtt$/)
    .optional(),
  durationSeconds: z.number().positive(),
  /** fraction of the video that must actually be watched */
  watchThreshold: z.number().min(0.1).max(1).default(0.9),
});

export const LessonSchema = z.object({
  title: z.string().min(2).max(40),
  description: z.string().min(10).max(200),
  minutes: z.number().int().min(1).max(120),
  goals: z.array(z.string().min(4)).min(1),
  clauses: z.array(ClauseSchema).default([]),
  tags: z.array(z.string()).default([]),
  video: VideoSchema.optional(),
  quiz: LessonQuizSchema.superRefine((quiz, ctx) => {
    const ids = new Set<string>();
    quiz.questions.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `题目 id "${q.id}" 重复` });
      ids.add(q.id);
    });
  }),
});

export const CaseSchema = z.object({
  title: z.string().min(4).max(60),
  summary: z.string().min(10).max(240),
  /** true unless the case retells facts from the programme's published report */
  illustrative: z.boolean(),
  source: z.string().optional(),
  sector: z
    .string()
    .refine(isIafSector, { error: (issue) => `未知的 IAF/EA 行业代码 "${String(issue.input)}"（见 src/lib/iaf-sectors.ts）` }),
  /** GB/T 2260 province code (2 digits); "66" is used for the Xinjiang Production and Construction Corps */
  province: z.string().regex(/^\d{2}$/),
  size: z.enum(ENTERPRISE_SIZES),
  employees: z.number().int().positive().optional(),
  /** industry group of the 2011 SME size rules (src/lib/enterprise-size.ts); defaults from the IAF sector where unambiguous */
  industry: z.enum(SIZE_INDUSTRY_IDS).optional(),
  /** annual operating revenue (营业收入) in 万元, when the case states it */
  revenue: z.number().nonnegative().optional(),
  /** total assets (资产总额) in 万元, for industries classified by assets (construction, real estate, leasing) */
  assets: z.number().nonnegative().optional(),
  problems: z.array(z.enum(PROBLEM_TYPES)).min(1),
  clauses: z.array(ClauseSchema).min(1),
  tags: z.array(z.string()).default([]),
  /** id of the case submission this file was published from (`npm run cases:publish`), so it is never written twice */
  submission: z
    .string()
    .regex(/^[a-z0-9]{15}$/)
    .optional(),
  results: z
    .array(z.object({ metric: z.string().min(2), before: z.string().optional(), after: z.string().min(1), note: z.string().optional() }))
    .min(1, '案例必须写明可衡量的效果 (results)'),
});

export const GlossaryTermSchema = z.object({
  term: z.string().min(1),
  /** the formal term as the standard (GB/T 19001 / GB/T 19000) words it, with English */
  formal: z.string().min(1),
  english: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  plain: z.string().min(6).max(120),
  clause: ClauseSchema.optional(),
  example: z.string().min(6),
});

export type Course = z.output<typeof CourseSchema>;
export type Lesson = z.output<typeof LessonSchema>;
export type CaseStudy = z.output<typeof CaseSchema>;
export type GlossaryTerm = z.output<typeof GlossaryTermSchema>;
export type CompletionRule = z.output<typeof CompletionRuleSchema>;

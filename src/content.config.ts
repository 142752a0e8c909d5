import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { CaseSchema, CourseSchema, GlossaryTermSchema, LessonSchema } from './schemas/content.ts';
import { FormTemplateSchema } from './schemas/template.ts';

/**
 * Content lives in /content at the repository root so trainers edit documents, not code.
 * The same schemas validate it in `npm run check` (scripts/check-content.ts), with file and line.
 */
export const collections = {
  courses: defineCollection({ loader: glob({ pattern: '*.mdx', base: './content/courses' }), schema: CourseSchema }),
  lessons: defineCollection({ loader: glob({ pattern: '*/*.mdx', base: './content/lessons' }), schema: LessonSchema }),
  cases: defineCollection({ loader: glob({ pattern: '*.mdx', base: './content/cases' }), schema: CaseSchema }),
  glossary: defineCollection({ loader: glob({ pattern: '*.yaml', base: './content/glossary' }), schema: GlossaryTermSchema }),
  templates: defineCollection({ loader: glob({ pattern: '*.yaml', base: './content/templates' }), schema: FormTemplateSchema }),
};

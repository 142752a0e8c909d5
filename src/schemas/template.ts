import { z } from 'zod';
import { isKnownClause } from '../lib/iso9001-clauses.ts';

/**
 * A fill-in form that a small enterprise downloads from a lesson: content/templates/<id>.yaml.
 * `npm run build` turns each into public/templates/<id>.xlsx and <id>.docx (scripts/build-templates.ts), and
 * lessons offer them with <Template id="<id>" />.
 */
export const FormTemplateSchema = z
  .object({
    /** the form's name, printed at the top of the sheet and the page */
    title: z.string().trim().min(2).max(30),
    /** one or two sentences: when to use it and who fills it in */
    description: z.string().trim().min(10).max(200),
    clause: z
      .string()
      .refine(isKnownClause, { error: (issue) => `未知的 ISO 9001 条款号 "${String(issue.input)}"` })
      .optional(),
    /** fields filled in once at the top, e.g. 产品名称, 批号 */
    header: z.array(z.string().trim().min(1).max(20)).max(8).default([]),
    /** the table's columns; width in characters is optional (default: from the column's name) */
    columns: z
      .array(
        z.union([
          z.string().trim().min(1).max(20),
          z.object({ name: z.string().trim().min(1).max(20), width: z.number().int().min(4).max(60) }),
        ]),
      )
      .min(2)
      .max(12),
    /** a filled-in first row that shows how to use the form (printed in grey) */
    // numbers and dates are written as they look (Astro's YAML reads 2026-03-01 as a date, the checker as text)
    example: z
      .array(
        z
          .union([z.string(), z.number().transform(String), z.date().transform((d) => d.toISOString().slice(0, 10))])
          .pipe(z.string().max(60)),
      )
      .optional(),
    /** blank rows to print */
    rows: z.number().int().min(1).max(60).default(15),
    /** short instructions printed under the table */
    notes: z.array(z.string().trim().min(2).max(120)).max(8).default([]),
    /** signatures at the bottom, e.g. 检验员, 审核 */
    signatures: z.array(z.string().trim().min(1).max(10)).max(4).default([]),
    landscape: z.boolean().default(false),
  })
  .superRefine((t, ctx) => {
    if (t.example && t.example.length !== t.columns.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['example'],
        message: `示例行有 ${t.example.length} 格，表格有 ${t.columns.length} 列，要一样多`,
      });
    }
  });

export type FormTemplate = z.output<typeof FormTemplateSchema>;

export const columnName = (c: FormTemplate['columns'][number]) => (typeof c === 'string' ? c : c.name);

/** Column width in characters: set by the author, or wide enough for the name and the example. */
export function columnWidth(t: FormTemplate, i: number): number {
  const c = t.columns[i];
  if (typeof c !== 'string') return c.width;
  const len = (s: string) => Array.from(s).reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  return Math.min(40, Math.max(8, len(c) + 2, len(t.example?.[i] ?? '') + 2));
}

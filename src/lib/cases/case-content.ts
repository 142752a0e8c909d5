/**
 * What a good-practice case contains and when it is complete enough to submit. Drafts may be partial
 * (nothing typed is lost); submitting needs every required part. One validator for the form and the server.
 */
import { PROBLEM_TYPES, type ENTERPRISE_SIZES, type ProblemType } from '../vocabularies.ts';
import { isKnownClause } from '../iso9001-clauses.ts';

/** The report's recurring problems, grouped as it names them (两难、两不、两低). */
export const PROBLEM_GROUPS: { label: string; tags: ProblemType[] }[] = [
  { label: '两难', tags: ['standard-hard-to-understand', 'tools-hard-to-apply'] },
  { label: '两不', tags: ['weak-product-quality', 'weak-management'] },
  { label: '两低', tags: ['low-technology', 'weak-brand'] },
];

export interface CaseFigure {
  /** what was measured, e.g. 产品一次合格率 */
  metric: string;
  /** unit, e.g. %, 件/月, 万元 */
  unit: string;
  before: string;
  after: string;
  /** the periods compared, e.g. 2025年1-6月 对比 2026年1-6月 */
  period: string;
}

export interface CasePhoto {
  mime: 'image/jpeg' | 'image/png';
  data: string;
  caption: string;
  bytes: number;
}

export interface CaseContent {
  title: string;
  summary: string;
  /** what the enterprise makes or does, in its own words (the rest of the profile is snapshotted) */
  business: string;
  employees: number | null;
  problems: ProblemType[];
  problemText: string;
  measures: string;
  clauses: string[];
  figures: CaseFigure[];
  lessons: string;
  photos: CasePhoto[];
}

export const MAX_PHOTOS = 3;
/** Each photo after re-encoding in the browser (1600 px longest side, JPEG quality 0.85 is far below this). */
export const MAX_PHOTO_BYTES = 600 * 1024;

export type CaseErrors = Record<string, string>;

const str = (v: unknown, max = 5000) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const len = (s: string) => Array.from(s).length;

/** Normalises whatever the form or request sent into a CaseContent (unknown keys dropped, types coerced). */
export function normaliseCase(raw: Record<string, unknown>): CaseContent {
  const figures = Array.isArray(raw.figures) ? raw.figures : [];
  const photos = Array.isArray(raw.photos) ? raw.photos : [];
  const employees = Number(raw.employees);
  return {
    title: str(raw.title, 200),
    summary: str(raw.summary, 1000),
    business: str(raw.business, 500),
    employees:
      raw.employees === null || raw.employees === '' || raw.employees === undefined || !Number.isFinite(employees) ? null : employees,
    problems: (Array.isArray(raw.problems) ? raw.problems : []).filter((p): p is ProblemType =>
      (PROBLEM_TYPES as readonly unknown[]).includes(p),
    ),
    problemText: str(raw.problemText),
    measures: str(raw.measures),
    clauses: (Array.isArray(raw.clauses) ? raw.clauses : [])
      .map((c) => String(c).trim())
      .filter(Boolean)
      .slice(0, 20),
    figures: figures.slice(0, 10).map((f) => {
      const o = (f && typeof f === 'object' ? f : {}) as Record<string, unknown>;
      return {
        metric: str(o.metric, 100),
        unit: str(o.unit, 20),
        before: str(o.before, 40),
        after: str(o.after, 40),
        period: str(o.period, 100),
      };
    }),
    lessons: str(raw.lessons),
    photos: photos.slice(0, MAX_PHOTOS + 1).map((p) => {
      const o = (p && typeof p === 'object' ? p : {}) as Record<string, unknown>;
      const data = typeof o.data === 'string' ? o.data : '';
      return {
        mime: (o.mime === 'image/png' ? 'image/png' : 'image/jpeg') as CasePhoto['mime'],
        data,
        caption: str(o.caption, 60),
        bytes: Math.floor((data.length * 3) / 4),
      };
    }),
  };
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Field errors. `complete` is false for saving a draft (only limits are checked, so nothing typed is
 * refused) and true for submitting (every required part must be there).
 */
export function checkCase(c: CaseContent, complete: boolean): CaseErrors {
  const errors: CaseErrors = {};
  const need = (field: string, ok: boolean, message: string) => {
    if (!ok && !errors[field]) errors[field] = message;
  };
  need('title', len(c.title) <= 60, '标题不能超过 60 个字');
  need('summary', len(c.summary) <= 240, '摘要不能超过 240 个字');
  need(
    'employees',
    c.employees === null || (Number.isInteger(c.employees) && c.employees > 0 && c.employees < 100000),
    '员工人数应为正整数',
  );
  c.clauses.forEach((clause) => need('clauses', isKnownClause(clause), `未知的 ISO 9001 条款号“${clause}”`));
  need('photos', c.photos.length <= MAX_PHOTOS, `最多 ${MAX_PHOTOS} 张照片`);
  c.photos.forEach((p, i) => need('photos', p.bytes <= MAX_PHOTO_BYTES, `第 ${i + 1} 张照片太大（最大 ${MAX_PHOTO_BYTES / 1024} KB）`));
  c.figures.forEach((f, i) => {
    if (!complete && !f.before && !f.after) return;
    if (f.before && !NUMBER.test(f.before)) need(`figures.${i}.before`, false, '改进前请填数字（如 82.5）');
    if (f.after && !NUMBER.test(f.after)) need(`figures.${i}.after`, false, '改进后请填数字（如 95）');
  });
  if (!complete) return errors;
  need('title', len(c.title) >= 4, '请填写案例标题（4 到 60 个字）');
  need('summary', len(c.summary) >= 10, '请用一两句话概括案例（10 到 240 个字）');
  need('business', len(c.business) >= 2, '请写明企业主要做什么');
  need('problems', c.problems.length > 0, '请至少选择一个问题类型');
  need('problemText', len(c.problemText) >= 20, '请具体描述遇到的问题（至少 20 个字）');
  need('measures', len(c.measures) >= 20, '请写明采取了哪些措施（至少 20 个字）');
  need('clauses', c.clauses.length > 0, '请至少选择一个相关的 ISO 9001 条款');
  need('figures', c.figures.length > 0, '请至少填写一项改进前后的数据');
  c.figures.forEach((f, i) => {
    need(`figures.${i}.metric`, len(f.metric) >= 2, '请填写指标名称');
    need(`figures.${i}.unit`, len(f.unit) >= 1, '请填写单位（如 %、件/月、万元）');
    need(`figures.${i}.before`, NUMBER.test(f.before), '请填写改进前的数字');
    need(`figures.${i}.after`, NUMBER.test(f.after), '请填写改进后的数字');
    need(`figures.${i}.period`, len(f.period) >= 4, '请写明对比的期间（如 2025年上半年 对比 2026年上半年）');
  });
  need('lessons', len(c.lessons) >= 10, '请写明其他企业可以借鉴什么（至少 10 个字）');
  return errors;
}

/** The enterprise profile as it was when the case was written: later changes do not rewrite the case. */
export interface CaseProfile {
  enterpriseName: string;
  province: string;
  prefecture: string;
  county: string;
  sector: string;
  size: (typeof ENTERPRISE_SIZES)[number] | '';
}

/** Change of a figure, for display and the published MDX: "82 → 95 %（+15.85%）". */
export function describeFigure(f: CaseFigure): string {
  const before = Number(f.before);
  const after = Number(f.after);
  const change = before !== 0 && Number.isFinite(before) && Number.isFinite(after) ? ((after - before) / Math.abs(before)) * 100 : null;
  return `${f.before} → ${f.after} ${f.unit}${change === null ? '' : `（${change >= 0 ? '+' : ''}${change.toFixed(1)}%）`}`;
}

/**
 * Turns a selected case submission into an MDX file for content/cases, with frontmatter in the case
 * schema (src/schemas/content.ts). Pure: scripts/cases-publish.ts fetches, validates and writes.
 */
import { stringify } from 'yaml';
import { IAF_SECTORS } from '../iaf-sectors.ts';
import { regionFullName, regionName } from '../regions.ts';
import type { CaseContent, CaseProfile } from './case-content.ts';
import type { HistoryEntry } from './workflow.ts';

export interface SelectedCase {
  id: string;
  slug: string;
  decidedAt: string;
  illustrative: boolean;
  profile: CaseProfile;
  content: CaseContent;
  history: HistoryEntry[];
}

/** Text typed by people, made safe for MDX: no JSX, no expressions, no ESM lines. */
export function mdxText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\{/g, '&#123;')
    .replace(/\}/g, '&#125;')
    .split('\n')
    .map((line) =>
      line
        .replace(/^(\s*)(import|export)\b/, (_, space: string, word: string) => `${space}&#${word.charCodeAt(0)};${word.slice(1)}`)
        .replace(/^(\s*)([#>*+-]|\d+\.)(\s)/, '$1\\$2$3'),
    )
    .join('\n');
}

const paragraphs = (text: string) =>
  mdxText(text.trim())
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');

export function caseFrontmatter(c: SelectedCase): Record<string, unknown> {
  const decided = c.decidedAt.replace(' ', 'T');
  const year = decided.slice(0, 4);
  return {
    title: c.content.title,
    summary: c.content.summary,
    illustrative: c.illustrative,
    source: `质量学堂典型案例征集，${year} 年由国家市场监管总局遴选入选${c.illustrative ? '（演示数据）' : ''}`,
    sector: c.profile.sector,
    province: c.profile.province,
    size: c.profile.size || 'micro',
    ...(c.content.employees ? { employees: c.content.employees } : {}),
    problems: c.content.problems,
    clauses: c.content.clauses,
    tags: [IAF_SECTORS[c.profile.sector] ?? c.profile.sector, regionName(c.profile.province), '入选案例'],
    submission: c.id,
    results: c.content.figures.map((f) => ({ metric: `${f.metric}（${f.unit}）`, before: f.before, after: f.after, note: f.period })),
  };
}

/** The MDX file; photos are referenced as /case-photos/<slug>/<n>.<ext> (written next to it by the script). */
export function caseMdx(c: SelectedCase, photoPaths: string[] = []): string {
  const fm = stringify(caseFrontmatter(c), { lineWidth: 0 }).trimEnd();
  const who = c.profile.enterpriseName ? `${c.illustrative ? '（演示数据）' : ''}这家企业在${regionFullName(c.profile.county)}` : '';
  const sections = [
    `## 企业情况\n\n${mdxText(who)}，主要做${mdxText(c.content.business)}${c.content.employees ? `，有 ${c.content.employees} 名员工` : ''}，属于${IAF_SECTORS[c.profile.sector] ?? '其他'}行业。`,
    `## 遇到的问题\n\n${paragraphs(c.content.problemText)}`,
    `## 怎么做的\n\n${paragraphs(c.content.measures)}`,
    `## 效果\n\n${c.content.figures.map((f) => `- ${mdxText(f.metric)}：${mdxText(f.before)} → ${mdxText(f.after)} ${mdxText(f.unit)}（${mdxText(f.period)}）`).join('\n')}`,
    `## 可以借鉴的地方\n\n${paragraphs(c.content.lessons)}`,
  ];
  if (photoPaths.length) {
    sections.push(
      `## 现场照片\n\n${photoPaths.map((src, i) => `<figure><img src="${src}" alt="${mdxText(c.content.photos[i]?.caption || '现场照片').replace(/"/g, '&quot;')}" loading="lazy" /><figcaption>${mdxText(c.content.photos[i]?.caption || '')}</figcaption></figure>`).join('\n\n')}`,
    );
  }
  return `---\n${fm}\n---\n\n${sections.join('\n\n')}\n`;
}

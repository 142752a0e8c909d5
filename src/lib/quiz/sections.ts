/**
 * "Re-read this part of the lesson": which section of a lesson's text a practice question is about.
 *
 * An author may name it (`section:` on the question, the heading's text); otherwise the build picks the
 * section whose text shares the most character pairs with the question's prompt, right options and
 * explanation. The feedback of a practice question links to that heading on the lesson page.
 */
import type { Question } from '../../schemas/quiz.ts';

export interface LessonSection {
  /** the heading as a reader sees it (markup removed) */
  title: string;
  text: string;
}

const plain = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/[*_`]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim();

/** The `##` and `###` sections of an MDX body, code fences skipped. */
export function lessonSections(body: string): LessonSection[] {
  const out: LessonSection[] = [];
  let fenced = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{2,3}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) out.push({ title: plain(heading[1]), text: '' });
    else if (out.length) out[out.length - 1].text += `${line}\n`;
  }
  return out;
}

/** Headings are compared without spaces, so "用大白话讲要求（条款 9.2）" matches however it was spaced. */
export const sameHeading = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

function pairs(text: string): Set<string> {
  const chars = Array.from(text.replace(/[\s\p{P}\p{S}a-zA-Z0-9]+/gu, ''));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

function questionWords(q: Question): string {
  const right = q.type === 'single' ? [q.options[q.answer]] : q.type === 'multiple' ? q.answer.map((i) => q.options[i]) : [];
  return [q.prompt, ...right, q.explanation].join(' ');
}

/** The heading to re-read for a question: the author's choice, or the best-matching section (never "本周就做"). */
export function sectionFor(q: Question & { section?: string }, sections: readonly LessonSection[]): string | undefined {
  if (q.section) return sections.find((s) => sameHeading(s.title, q.section!))?.title;
  const wanted = pairs(questionWords(q));
  let best: { title: string; score: number } | undefined;
  for (const s of sections) {
    if (s.title.includes('本周就做')) continue;
    const have = pairs(s.title + s.text);
    let shared = 0;
    for (const p of wanted) if (have.has(p)) shared++;
    if (shared > 0 && (!best || shared > best.score)) best = { title: s.title, score: shared };
  }
  return best?.title;
}

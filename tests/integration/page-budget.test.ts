import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET, overBudget, pageWeight } from '../../scripts/lib/page-weight.ts';

// Byte budgets of issue #16 on the built site, without a browser (npm run bench:pages adds Lighthouse).
const dist = fileURLToPath(new URL('../../dist', import.meta.url));

function firstVideoLesson(): string {
  for (const course of readdirSync(join(dist, 'courses'))) {
    const dir = join(dist, 'courses', course);
    for (const slug of existsSync(join(dir, 'index.html')) ? readdirSync(dir) : []) {
      const file = join(dir, slug, 'index.html');
      if (existsSync(file) && readFileSync(file, 'utf8').includes('VideoPlayer')) return `/courses/${course}/${slug}/`;
    }
  }
  throw new Error('no lesson with a video in dist/');
}

describe('page weight budgets (gzip, first visit, before any video or chart)', () => {
  it('dist/ is built', () => expect(existsSync(join(dist, 'index.html')), 'run `npm run build` first').toBe(true));

  const lesson = existsSync(join(dist, 'courses')) ? firstVideoLesson() : '/';
  const course = `${lesson.split('/').slice(0, 3).join('/')}/`;
  const caseSlug = existsSync(join(dist, 'cases')) ? readdirSync(join(dist, 'cases')).find((n) => n !== 'index.html') : '';
  const budgeted = ['/', '/courses/', course, lesson, `/cases/${caseSlug}/`, '/search/', '/policies/', '/certificate/', '/me/', '/login/'];
  // The glossary's HTML is the glossary itself (every term on one page, 36 KB gzip): its scripts and styles
  // are held to the budget. The regulator dashboard is a tool page: reported by bench:pages, not held here.
  const pages = [...budgeted, '/glossary/', '/regulator/'];

  for (const page of budgeted) {
    it(`${page} within HTML ${BUDGET.html} B, CSS ${BUDGET.css} B, JS ${BUDGET.js} B`, () => {
      expect(overBudget(pageWeight(dist, page))).toEqual([]);
    });
  }

  it('/glossary/ scripts and styles within budget', () => {
    expect(overBudget(pageWeight(dist, '/glossary/')).filter((o) => !o.startsWith('HTML'))).toEqual([]);
  });

  it('no page loads ECharts, hls.js, lunr or zod before they are needed', () => {
    for (const page of pages) {
      const heavy = Object.entries(pageWeight(dist, page).files).filter(([, bytes]) => bytes > 15_000);
      expect(heavy, page).toEqual([]);
    }
  });
});

/**
 * What a first visit to a built page downloads, measured from dist/ without a browser: the HTML, its
 * stylesheets, its module scripts and island components with everything they import statically (the
 * browser fetches those before anything runs). Dynamic `import()` targets are left out: they load on
 * demand (a chart scrolled into view, a video played, a search typed). Sizes are gzip level 9, what the
 * server sends to a browser that cannot take brotli (docs/performance.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  page: string;
  html: number;
  css: number;
  js: number;
  total: number;
  /** every asset counted, URL path -> gzip bytes */
  files: Record<string, number>;
}

/** Byte budgets (gzip) for a content page before any video or chart is needed (issue #16). */
export const BUDGET = { html: 10_240, css: 20_480, js: 30_720 } as const;

const gzCache = new Map<string, number>();
function gzipBytes(file: string): number {
  let n = gzCache.get(file);
  if (n === undefined) {
    n = gzipSync(readFileSync(file), { level: 9 }).length;
    gzCache.set(file, n);
  }
  return n;
}

/** The HTML file serving a URL path: /courses/x/ -> dist/courses/x/index.html. */
export function htmlFileFor(dist: string, urlPath: string): string {
  const clean = urlPath.split(/[?#]/)[0].replace(/^\/+/, '');
  if (clean === '' || clean.endsWith('/')) return join(dist, clean, 'index.html');
  if (clean.endsWith('.html')) return join(dist, clean);
  return join(dist, clean, 'index.html');
}

const ATTR_URLS = [
  /<script\b[^>]*\bsrc="([^"]+)"/g,
  /<link\b[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*\bhref="([^"]+)"/g,
  /<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="(?:stylesheet|modulepreload)"/g,
  /\bcomponent-url="([^"]+)"/g,
  /\brenderer-url="([^"]+)"/g,
  /\bbefore-hydration-url="([^"]+)"/g,
];
// static imports in Vite's minified output: import{a as b}from"./x.js"; import"./x.js"; export{..}from"./x.js"
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+|\/[^"']+)["']/g;
// inline module scripts (the page's own <script> blocks, hoisted by Astro) may import chunks too
const INLINE_MODULE = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

function resolve(from: string, spec: string): string {
  if (spec.startsWith('/')) return spec;
  return new URL(spec, `http://x${from}`).pathname;
}

export function pageWeight(dist: string, urlPath: string): PageWeight {
  const htmlFile = htmlFileFor(dist, urlPath);
  if (!existsSync(htmlFile)) throw new Error(`${htmlFile}: no built page for ${urlPath} (run npm run build first)`);
  const html = readFileSync(htmlFile, 'utf8');
  const files: Record<string, number> = {};
  const queue: string[] = [];
  const add = (url: string) => {
    if (!url.startsWith('/') || url.startsWith('//') || url in files) return;
    const file = join(dist, url.split(/[?#]/)[0]);
    if (!existsSync(file)) return;
    files[url] = gzipBytes(file);
    if (url.endsWith('.js') || url.endsWith('.mjs')) queue.push(url);
  };
  for (const re of ATTR_URLS) for (const m of html.matchAll(re)) add(m[1].replaceAll('&amp;', '&'));
  for (const m of html.matchAll(INLINE_MODULE)) for (const i of m[1].matchAll(STATIC_IMPORT)) add(resolve('/', i[1]));
  while (queue.length) {
    const url = queue.shift()!;
    const code = readFileSync(join(dist, url), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) add(resolve(url, m[1]));
  }
  let css = 0;
  let js = 0;
  for (const [url, n] of Object.entries(files)) {
    if (url.endsWith('.css')) css += n;
    else if (url.endsWith('.js') || url.endsWith('.mjs')) js += n;
  }
  const htmlBytes = gzipBytes(htmlFile);
  return { page: urlPath, html: htmlBytes, css, js, total: htmlBytes + css + js, files };
}

export function overBudget(w: PageWeight): string[] {
  const out: string[] = [];
  if (w.html > BUDGET.html) out.push(`HTML ${w.html} B > ${BUDGET.html} B`);
  if (w.css > BUDGET.css) out.push(`CSS ${w.css} B > ${BUDGET.css} B`);
  if (w.js > BUDGET.js) out.push(`JS ${w.js} B > ${BUDGET.js} B`);
  return out;
}

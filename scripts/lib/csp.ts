/**
 * The Content-Security-Policy of the built pages (docs/security.md, rule 9). Astro inlines small scripts
 * (island hydration, the menu toggle); they are allowed by their SHA-256 hashes, so no other inline script
 * runs. Written to dist/.csp by `npm run build`; main.go sends it with every page.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

export function inlineScriptHashes(distDir: string): string[] {
  const hashes = new Set<string>();
  for (const file of htmlFiles(distDir)) {
    for (const m of readFileSync(file, 'utf8').matchAll(INLINE_SCRIPT)) {
      if (m[1].trim() === '') continue;
      // JSON data blocks are not executed
      if (/type=["']?application\/(ld\+)?json/i.test(m[0].slice(0, m[0].indexOf('>')))) continue;
      hashes.add(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
    }
  }
  return [...hashes].sort();
}

export function pageCsp(hashes: string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    // Astro emits <style> blocks and style="" attributes; styles cannot run code
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:", // QR codes, certificate previews
    "media-src 'self' blob:", // hls.js plays through MediaSource blobs
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function writePageCsp(distDir: string): string {
  const csp = pageCsp(inlineScriptHashes(distDir));
  writeFileSync(join(distDir, '.csp'), `${csp}\n`);
  return csp;
}

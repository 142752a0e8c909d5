import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineScriptHashes, writePageCsp } from '../../scripts/lib/csp.ts';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('page Content-Security-Policy', () => {
  it('allows exactly the inline scripts of the built pages, by hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-csp-'));
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'index.html'), '<script>one()</script><script type="module">two()</script><script src="/x.js"></script>');
    writeFileSync(join(dir, 'a', 'index.html'), '<script>one()</script><script type="application/ld+json">{"a":1}</script>');
    expect(inlineScriptHashes(dir)).toEqual([sha('one()'), sha('two()')].sort());
    const csp = writePageCsp(dir);
    expect(readFileSync(join(dir, '.csp'), 'utf8').trim()).toBe(csp);
    expect(csp).toContain(`script-src 'self' ${[sha('one()'), sha('two()')].sort().join(' ')};`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});

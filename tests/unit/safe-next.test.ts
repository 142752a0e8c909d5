import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/safe-next.ts';

const FALLBACK = '/me/';

/** Where a browser on https://academy.example would really go after `location.href = value`. */
const browserTarget = (value: string) => new URL(value, 'https://academy.example/login/?next=x');

describe('post-login redirect', () => {
  it('keeps same-site paths, with query and fragment', () => {
    for (const good of [
      '/courses/x/',
      '/courses/owner-essentials/start-small/#top',
      '/search/?q=%E8%B4%A8%E9%87%8F',
      '/me/',
      '/courses/x/exam/?from=me',
      '/@profile',
      '/a/./b/',
    ])
      expect(safeNext(good, FALLBACK), good).toBe(browserTarget(good).pathname + browserTarget(good).search + browserTarget(good).hash);
    expect(safeNext('/courses/x/', FALLBACK)).toBe('/courses/x/');
  });

  const hostile = [
    // the reported one: a tab the browser drops, leaving "//evil.example"
    '/\t/evil.example',
    '/%09/evil.example',
    // other whitespace and control characters the URL parser strips or trims
    '/\n/evil.example',
    '/\r/evil.example',
    '/\r\n/evil.example',
    ' //evil.example',
    '\t//evil.example',
    '/\u0000/evil.example',
    '/\u000b/evil.example',
    '/\u000c/evil.example',
    '/\u007f/evil.example',
    '/%0a/evil.example',
    '/%0d%0a/evil.example',
    '/%00/evil.example',
    // protocol-relative, any number of slashes
    '//evil.example',
    '///evil.example',
    '////evil.example',
    '//evil.example/path',
    '//@evil.example',
    // backslashes, raw and encoded
    '/\\evil.example',
    '\\\\evil.example',
    '\\/evil.example',
    '/\\/evil.example',
    '/%5Cevil.example',
    '/%5c%5cevil.example',
    '%5C%5Cevil.example',
    // encoded slashes, once and twice
    '/%2F%2Fevil.example',
    '/%2f/evil.example',
    '%2F%2Fevil.example',
    '%2F/evil.example',
    '/%252F%252Fevil.example',
    '/%25252F/evil.example',
    // schemes
    'https://evil.example',
    'http://evil.example',
    'HTTPS://evil.example',
    'http:evil.example',
    'https:/evil.example',
    'https:\\\\evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'mailto:x@evil.example',
    'ftp://evil.example',
    'blob:https://evil.example/x',
    'file:///etc/passwd',
    // not a path at all
    'evil.example',
    '.evil.example',
    '@evil.example',
    '?next=//evil',
    '#//evil',
    '',
    '   ',
    // dot segments that collapse into "//"
    '/.//evil.example',
    '/./evil.example/..//evil.example',
    '/a/..//evil.example',
    '/%2e//evil.example',
    '/%2e%2e//evil.example',
    // lookalikes outside ASCII: fullwidth solidus, reverse solidus, ideographic space
    '／／evil.example',
    '/／evil.example',
    '/＼evil.example',
    '/\u3000/evil.example',
    '/\u2028/evil.example',
    // oversize
    `/${'a'.repeat(3000)}`,
    // malformed escapes
    '/%E0%A4%A',
    '/%',
    // back to the login or registration page (a loop)
    '/login/',
    '/register/?next=/me/',
  ];

  it.each(hostile)('refuses %j', (bad) => {
    expect(safeNext(bad, FALLBACK)).toBe(FALLBACK);
  });

  it('refuses null and undefined', () => {
    expect(safeNext(null, FALLBACK)).toBe(FALLBACK);
    expect(safeNext(undefined, FALLBACK)).toBe(FALLBACK);
  });

  it('never returns anything a browser would take off the site, for every 1- and 2-character prefix', () => {
    // Exhaustive over the characters that matter to URL parsing, in front of "/evil.example" and "evil.example".
    const chars = [
      '/',
      '\\',
      '\t',
      '\n',
      '\r',
      ' ',
      '\u0000',
      '\u001f',
      '\u007f',
      '%',
      '.',
      ':',
      '@',
      '?',
      '#',
      '2F',
      '5C',
      '09',
      'a',
      '／',
    ];
    const prefixes = chars.flatMap((a) => [a, ...chars.map((b) => a + b)]);
    let checked = 0;
    for (const p of prefixes) {
      for (const tail of ['/evil.example', 'evil.example', '//evil.example']) {
        for (const value of [p + tail, `/${p}${tail}`]) {
          const out = safeNext(value, FALLBACK);
          expect(browserTarget(out).origin, JSON.stringify(value)).toBe('https://academy.example');
          expect(out.startsWith('/') && !out.startsWith('//') && !out.includes('\\'), JSON.stringify(value)).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });
});

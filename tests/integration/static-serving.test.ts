import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { baseUrl } from './helpers.ts';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with exactly these headers and the body as sent (fetch would add Accept-Encoding and decode). */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl()}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(r: Raw): Buffer {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return brotliDecompressSync(r.body);
  if (enc === 'gzip') return gunzipSync(r.body);
  return r.body;
}

describe('static files (docs/performance.md)', () => {
  const biggestScript = readdirSync(join(dist, '_astro'))
    .filter((n) => n.endsWith('.js'))
    .map((n) => ({ n, size: readFileSync(join(dist, '_astro', n)).length }))
    .sort((a, b) => b.size - a.size)[0].n;
  const assets = [
    { path: '/', file: 'index.html', type: 'text/html; charset=utf-8', cache: 'no-cache' },
    {
      path: `/_astro/${biggestScript}`,
      file: `_astro/${biggestScript}`,
      type: 'text/javascript; charset=utf-8',
      cache: 'public, max-age=31536000, immutable',
    },
  ];

  for (const a of assets) {
    it(`${a.path}: brotli, gzip or plain as the browser accepts, the same bytes once decoded`, async () => {
      const original = readFileSync(join(dist, a.file));
      for (const [accept, encoding] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
        ['', undefined],
      ] as const) {
        const r = await raw(a.path, accept ? { 'accept-encoding': accept } : {});
        expect(r.status).toBe(200);
        expect(r.headers['content-encoding']).toBe(encoding);
        expect(r.headers['content-type']).toBe(a.type);
        expect(r.headers['cache-control']).toBe(a.cache);
        expect(r.headers.vary).toMatch(/Accept-Encoding/);
        expect(Number(r.headers['content-length'])).toBe(r.body.length);
        expect(decoded(r).equals(original)).toBe(true);
        if (encoding) expect(r.body.length).toBeLessThan(original.length * 0.6);
      }
    });
  }

  it('pages revalidate with their ETag (304, no body); HEAD has the length and no body', async () => {
    const first = await raw('/courses/', { 'accept-encoding': 'br' });
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers['last-modified']).toBeTruthy();
    const again = await raw('/courses/', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await raw('/courses/', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(first.body.length);
  });

  it('keeps the page CSP with the inline script hashes on compressed pages, a short one on assets', async () => {
    const r = await raw('/', { 'accept-encoding': 'br' });
    const csp = readFileSync(join(dist, '.csp'), 'utf8').trim();
    expect(r.headers['content-security-policy']).toBe(csp);
    // scripts and styles do not repeat the page policy's 700 bytes of hashes on every request
    const script = await raw(`/_astro/${biggestScript}`, { 'accept-encoding': 'br' });
    expect(script.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('video segments are sent as they are, with byte ranges', async () => {
    const mediaDir = join(dist, 'media');
    const video = readdirSync(mediaDir)[0];
    const rendition = readdirSync(join(mediaDir, video)).find((n) => /^\d+p$/.test(n))!;
    const segment = readdirSync(join(mediaDir, video, rendition)).find((n) => /\.(m4s|ts|mp4)$/.test(n))!;
    const bytes = readFileSync(join(mediaDir, video, rendition, segment));
    const r = await raw(`/media/${video}/${rendition}/${segment}`, { 'accept-encoding': 'gzip, br', range: 'bytes=10-99' });
    expect(r.status).toBe(206);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.equals(bytes.subarray(10, 100))).toBe(true);
  });

  it('an unknown page is the Chinese 404 page with a way home, not JSON', async () => {
    const r = await raw('/no-such-page/', { 'accept-encoding': 'br' });
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    const html = decoded(r).toString('utf8');
    expect(html).toMatch(/lang="zh-CN"/);
    expect(html).toMatch(/href="\/"/);
    const api = await raw('/api/no-such-route');
    expect(api.headers['content-type']).toMatch(/json/);
  });
});

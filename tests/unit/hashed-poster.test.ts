import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyHashedPosters, hashedPosterName, hashedPosterUrl } from '../../scripts/lib/hashed-poster.ts';

describe('video posters under hashed URLs (cached for a year like the rest of /_astro/)', () => {
  it('the page and the build copy agree on the name, and a new poster gets a new name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-poster-'));
    try {
      const poster = join(dir, 'media', 'five-whys', 'poster.jpg');
      mkdirSync(join(dir, 'media', 'five-whys'), { recursive: true });
      writeFileSync(poster, 'first poster bytes');
      // public/ is copied to dist/ as it is: the same directory stands for both here
      const url = hashedPosterUrl('/media/five-whys/poster.jpg', dir);
      expect(url).toMatch(/^\/_astro\/poster-five-whys\.[0-9a-f]{12}\.jpg$/);
      expect(copyHashedPosters(dir)).toBe(1);
      expect(readFileSync(join(dir, url), 'utf8')).toBe('first poster bytes');

      writeFileSync(poster, 'regenerated poster');
      expect(hashedPosterUrl('/media/five-whys/poster.jpg', dir)).not.toBe(url);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves other URLs and posters not generated yet as they are', () => {
    expect(hashedPosterName('/media/x/slide.jpg', new Uint8Array([1]))).toBeNull();
    expect(hashedPosterUrl('/media/not-built-yet/poster.jpg', join(tmpdir(), 'qa-no-such-dir'))).toBe('/media/not-built-yet/poster.jpg');
    expect(existsSync(join(tmpdir(), 'qa-no-such-dir'))).toBe(false);
  });
});

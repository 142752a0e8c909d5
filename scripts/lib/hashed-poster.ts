/**
 * Video posters under a content-hashed URL, so that browsers keep them for a year like every other file under
 * /_astro/ (static.go) instead of asking again on each visit: on a phone the poster is the lesson page's
 * largest paint, and a revalidation costs a round trip on a weak network.
 *
 * The lesson page names `/_astro/poster-<video>.<hash>.<ext>` (`hashedPosterUrl`, at build time); after the
 * build the `hashedPosters` integration copies dist/media/<video>/poster.<ext> there. Both hash the same
 * bytes (public/ is copied to dist/ as it is), so the two always agree. The original URL keeps working
 * (the frontmatter's `video.poster`, trainers' links).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const POSTER = /^\/media\/([^/]+)\/poster\.(jpg|png|webp)$/;

/** `/_astro/…` name for a poster's bytes; null for a URL that is not a generated poster. */
export function hashedPosterName(publicUrl: string, bytes: Uint8Array): string | null {
  const m = POSTER.exec(publicUrl);
  if (!m) return null;
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return `poster-${m[1]}.${hash}.${m[2]}`;
}

/**
 * The URL a built page should use for a poster: the hashed one when the file exists in `publicDir`, else
 * the original (a poster not generated yet: the page still builds, the browser revalidates it).
 */
export function hashedPosterUrl(publicUrl: string, publicDir = join(process.cwd(), 'public')): string {
  const file = join(publicDir, publicUrl);
  if (!POSTER.test(publicUrl) || !existsSync(file)) return publicUrl;
  return `/_astro/${hashedPosterName(publicUrl, readFileSync(file))}`;
}

/** Copies every dist/media/<video>/poster.* to its hashed name under dist/_astro/; returns how many. */
export function copyHashedPosters(distDir: string): number {
  const media = join(distDir, 'media');
  if (!existsSync(media)) return 0;
  mkdirSync(join(distDir, '_astro'), { recursive: true });
  let n = 0;
  for (const video of readdirSync(media)) {
    for (const ext of ['jpg', 'png', 'webp']) {
      const file = join(media, video, `poster.${ext}`);
      if (!existsSync(file)) continue;
      const name = hashedPosterName(`/media/${video}/poster.${ext}`, readFileSync(file));
      if (name) copyFileSync(file, join(distDir, '_astro', name));
      n++;
    }
  }
  return n;
}

/** Astro integration: the copies, once the site is built (`npm run build` and `astro build` alike). */
export function hashedPosters() {
  return {
    name: 'qa:hashed-posters',
    hooks: {
      'astro:build:done': ({ dir }: { dir: URL }) => {
        copyHashedPosters(fileURLToPath(dir));
      },
    },
  };
}

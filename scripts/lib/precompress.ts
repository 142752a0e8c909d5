/**
 * Writes x.br and x.gz next to every text file of the built site where they are smaller, so the server
 * (static.go) sends compressed bytes without compressing per request (docs/performance.md). Brotli at its
 * best quality and gzip at level 9: spent once at build time, saved on every phone.
 * Video segments, images and documents are already compressed and are left alone.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Must match textTypes in static.go: only these get siblings, and only these are served encoded. */
export const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt', '.vtt', '.m3u8', '.webmanifest']);
/** Below this a response fits in one packet anyway; the Content-Encoding header would eat the saving. */
const MIN_BYTES = 512;

export interface PrecompressStats {
  files: number;
  bytes: number;
  brotli: number;
  gzip: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function precompress(distDir: string): PrecompressStats {
  const stats: PrecompressStats = { files: 0, bytes: 0, brotli: 0, gzip: 0 };
  for (const file of walk(distDir)) {
    if (!COMPRESSIBLE.has(extname(file).toLowerCase())) continue;
    // a sibling from an earlier build must not outlive a file that is no longer worth compressing
    rmSync(`${file}.br`, { force: true });
    rmSync(`${file}.gz`, { force: true });
    const raw = readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    stats.files++;
    stats.bytes += raw.length;
    // "smaller" means by at least a few percent: otherwise the plain file is as good and needs no decoding
    if (br.length < raw.length * 0.95) {
      writeFileSync(`${file}.br`, br);
      stats.brotli += br.length;
    } else stats.brotli += raw.length;
    if (gz.length < raw.length * 0.95) {
      writeFileSync(`${file}.gz`, gz);
      stats.gzip += gz.length;
    } else stats.gzip += raw.length;
  }
  return stats;
}

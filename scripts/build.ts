/**
 * `npm run build`: the server bundle (hooks + server-only content), the static site, and the PocketBase
 * binary when it is missing. `ensureBuilt` rebuilds only what is out of date (used by `npm start`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from './build-server.ts';
import { buildMedia } from './build-media.ts';
import { buildTemplates } from './build-templates.ts';
import { ensurePocketBase, ROOT, StartError } from './lib/pocketbase.ts';
import { writePageCsp } from './lib/csp.ts';
import { precompress } from './lib/precompress.ts';

const STAMP = join(ROOT, 'dist', '.build-stamp');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

export function siteIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const sources = ['src', 'content', 'public', 'astro.config.mjs', 'package-lock.json'].map((p) => newestMtime(join(ROOT, p)));
  return Math.max(...sources) > statSync(STAMP).mtimeMs;
}

export function buildSite(): void {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
  });
  if (result.status !== 0) throw new StartError('网站构建失败 (astro build failed): see the messages above.');
  writePageCsp(join(ROOT, 'dist'));
  const packed = precompress(join(ROOT, 'dist'));
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`precompressed ${packed.files} files: ${kb(packed.bytes)} -> brotli ${kb(packed.brotli)}, gzip ${kb(packed.gzip)}`);
  writeFileSync(STAMP, new Date().toISOString());
}

export async function ensureBuilt({ force = false } = {}): Promise<void> {
  ensurePocketBase();
  await buildServer();
  buildMedia();
  await buildTemplates();
  if (force || siteIsStale()) buildSite();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureBuilt({ force: true }).catch((err) => {
    console.error(err instanceof StartError ? err.message : err);
    process.exit(1);
  });
}

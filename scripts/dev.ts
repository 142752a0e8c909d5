/**
 * `npm run dev`: PocketBase (hooks reloaded on change) plus the Astro dev server with hot reload, which
 * forwards /api to PocketBase. Open the Astro URL it prints. Changes to server code (src/server, src/lib)
 * and content rebuild the hooks bundle, which PocketBase then reloads; changed form templates are rebuilt.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { join, sep } from 'node:path';
import { buildServer } from './build-server.ts';
import { buildTemplates } from './build-templates.ts';
import { ensurePocketBase, ROOT, StartError, startPocketBase } from './lib/pocketbase.ts';
import { printWelcome } from './lib/welcome.ts';

const pbPort = Number(process.env.QA_PB_PORT ?? 8090);
const sitePort = Number(process.env.PORT ?? 4321);

async function main() {
  ensurePocketBase();
  await buildServer();
  await buildTemplates();
  const server = await startPocketBase({
    port: pbPort,
    dataDir: process.env.QA_DATA_DIR ?? join(ROOT, 'pb_data'),
    demo: true,
    hooksWatch: true,
    verbose: true,
  });
  const astro = spawn(join(ROOT, 'node_modules/.bin/astro'), ['dev', '--port', String(sitePort)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      QA_PB_PORT: String(pbPort),
      ASTRO_TELEMETRY_DISABLED: '1',
      PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
    },
  });
  const shutdown = async () => {
    astro.kill('SIGTERM');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  astro.on('exit', () => void shutdown());
  printWelcome(server.url, true, `http://localhost:${sitePort}`);
  watchServerSources();
}

/** What the hooks bundle is built from: a change there rebuilds it (debounced; a failed build keeps the old one). */
const SERVER_SOURCES = [`src${sep}server${sep}`, `src${sep}lib${sep}`, `src${sep}schemas${sep}`, `content${sep}`];

function watchServerSources() {
  let timer: NodeJS.Timeout | undefined;
  let templatesChanged = false;
  const rebuild = async () => {
    try {
      await buildServer();
      if (templatesChanged) await buildTemplates();
    } catch (err) {
      console.error(`server bundle not rebuilt, the previous one keeps running: ${err instanceof Error ? err.message : err}`);
    }
    templatesChanged = false;
  };
  for (const dir of ['src', 'content']) {
    watch(join(ROOT, dir), { recursive: true }, (_event, file) => {
      const path = `${dir}${sep}${file ?? ''}`;
      if (!SERVER_SOURCES.some((prefix) => path.startsWith(prefix))) return;
      if (path.startsWith(`content${sep}templates${sep}`)) templatesChanged = true;
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), 300);
    });
  }
}

main().catch((err) => {
  console.error(err instanceof StartError ? err.message : err);
  process.exit(1);
});

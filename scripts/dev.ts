/**
 * `npm run dev`: PocketBase (hooks reloaded on change) plus the Astro dev server with hot reload, which
 * forwards /api to PocketBase. Open the Astro URL it prints.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildServer } from './build-server.ts';
import { ensurePocketBase, ROOT, StartError, startPocketBase } from './lib/pocketbase.ts';
import { printWelcome } from './lib/welcome.ts';

const pbPort = Number(process.env.QA_PB_PORT ?? 8090);
const sitePort = Number(process.env.PORT ?? 4321);

async function main() {
  ensurePocketBase();
  await buildServer();
  const server = await startPocketBase({ port: pbPort, dataDir: process.env.QA_DATA_DIR ?? join(ROOT, 'pb_data'), demo: true, hooksWatch: true, verbose: true });
  const astro = spawn(join(ROOT, 'node_modules/.bin/astro'), ['dev', '--port', String(sitePort)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, QA_PB_PORT: String(pbPort), ASTRO_TELEMETRY_DISABLED: '1', PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
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
}

main().catch((err) => {
  console.error(err instanceof StartError ? err.message : err);
  process.exit(1);
});

/**
 * `npm start`: builds what is missing, applies migrations, seeds demo data once, and serves the whole
 * platform (site, API, admin UI) from one PocketBase process on one port. Ctrl-C stops everything.
 */
import { join } from 'node:path';
import { ensureBuilt } from './build.ts';
import { ROOT, StartError, startPocketBase } from './lib/pocketbase.ts';
import { printWelcome } from './lib/welcome.ts';

const port = Number(process.env.PORT ?? 8090);
const dataDir = process.env.QA_DATA_DIR ?? join(ROOT, 'pb_data');
const demo = process.env.QA_DEMO !== '0';

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartError(`PORT=${process.env.PORT} 不是有效端口 (1-65535).`);
  await ensureBuilt();
  const server = await startPocketBase({ port, dataDir, demo, verbose: true });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  server.process.on('exit', (code) => {
    if (!stopping) {
      console.error(`PocketBase stopped unexpectedly (exit code ${code}).`);
      process.exit(code ?? 1);
    }
  });
  printWelcome(server.url, demo);
}

main().catch((err) => {
  console.error(err instanceof StartError ? `\n${err.message}\n` : err);
  process.exit(1);
});

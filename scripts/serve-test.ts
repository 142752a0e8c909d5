/**
 * Serves the built site and a real PocketBase with a throw-away data dir and demo data, for end-to-end
 * tests. Expects `npm run build` to have run. Usage: node scripts/serve-test.ts PORT
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPocketBase } from './lib/pocketbase.ts';

const port = Number(parseArgs({ allowPositionals: true }).positionals[0] ?? 8097);
const dataDir = mkdtempSync(join(tmpdir(), 'qa-e2e-'));
const server = await startPocketBase({ port, dataDir, demo: true, rateLimitFactor: 100 });
console.log(`e2e server on ${server.url} (data ${dataDir})`);
const stop = async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

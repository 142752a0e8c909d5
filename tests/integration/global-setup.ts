/**
 * Starts one real PocketBase (built from source, with the project's migrations and hooks) on a free port
 * with a throw-away data dir and the demo accounts, for all integration tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServer } from '../../scripts/build-server.ts';
import { ensurePocketBase, freePort, startPocketBase } from '../../scripts/lib/pocketbase.ts';

/** Small export pages on the test server, so that the demo data's full export spans many pages (stats-export-stream.test.ts). */
export const TEST_EXPORT_PAGE_ROWS = 500;

declare module 'vitest' {
  export interface ProvidedContext {
    pbUrl: string;
    /** the server's data dir, for tests that must plant a state no API allows any more (legacy records) */
    pbDataDir: string;
  }
}

export default async function setup(project: TestProject) {
  ensurePocketBase();
  await buildServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-it-'));
  const server = await startPocketBase({ port: await freePort(), dataDir, demo: true, rateLimitFactor: 100, env: { QA_EXPORT_PAGE_ROWS: String(TEST_EXPORT_PAGE_ROWS) } });
  project.provide('pbUrl', server.url);
  project.provide('pbDataDir', dataDir);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

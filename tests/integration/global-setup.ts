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
  const server = await startPocketBase({ port: await freePort(), dataDir, demo: true, rateLimitFactor: 100 });
  project.provide('pbUrl', server.url);
  project.provide('pbDataDir', dataDir);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

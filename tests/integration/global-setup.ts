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
import { formatGroups, groupEntries, readErrorEntries } from './server-log-check.ts';

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
  const server = await startPocketBase({
    port: await freePort(),
    dataDir,
    demo: true,
    rateLimitFactor: 100,
    env: { QA_EXPORT_PAGE_ROWS: String(TEST_EXPORT_PAGE_ROWS) },
  });
  project.provide('pbUrl', server.url);
  project.provide('pbDataDir', dataDir);
  return async () => {
    await server.stop();
    try {
      checkServerLog(dataDir);
    } finally {
      if (process.env.QA_IT_KEEP_DATA) console.log(`integration data dir kept: ${dataDir}`);
      else rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

/**
 * After the run: every error-level entry of the server's log must be an expected client error (docs/logging.md).
 * A 5xx, a failed /api/qa route or an error logged by a hook fails the run with the list of what was logged.
 */
function checkServerLog(dataDir: string): void {
  const entries = readErrorEntries(dataDir);
  const groups = groupEntries(entries);
  const unexpected = groups.filter((g) => !g.expected);
  if (process.env.QA_IT_LOG_REPORT || unexpected.length) {
    console.log(`server log: ${entries.length} error-level entries in ${groups.length} groups\n${formatGroups(groups)}`);
  }
  if (unexpected.length) {
    throw new Error(
      `server log check: ${unexpected.reduce((n, g) => n + g.count, 0)} unexpected error-level entries in the test server's log ` +
        `(5xx answers, failed routes or errors logged by hooks; see the list above and docs/logging.md)`,
    );
  }
}

/**
 * `npm run test:go`: go vet and go test of the Go files (main.go, vmpool.go, ...) with the build settings of
 * bin/pocketbase (scripts/lib/pocketbase.ts), so the tests run the SQLite library the server runs.
 */
import { spawnSync } from 'node:child_process';
import { GO_BUILD_ENV, GO_BUILD_TAGS, ROOT } from './lib/pocketbase.ts';

for (const command of ['vet', 'test']) {
  const run = spawnSync('go', [command, '-tags', GO_BUILD_TAGS, './...'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...GO_BUILD_ENV },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

/**
 * Building and running the PocketBase server: used by `npm start`, `npm run dev`, the test setup and the
 * benchmarks, so that every one of them runs the same binary with the same migrations and hooks.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The server binary: bin/pocketbase, built from the Go sources. QA_PB_BIN=<path> runs another, already built binary
 * instead (never built or rebuilt), for before/after benchmark comparisons of two builds on the same data.
 */
export const PB_BIN = process.env.QA_PB_BIN ? resolve(process.env.QA_PB_BIN) : join(ROOT, 'bin', 'pocketbase');

export class StartError extends Error {}

const mtime = (path: string) => (existsSync(path) ? statSync(path).mtimeMs : 0);

/**
 * The Go build of bin/pocketbase: cgo on, because the server uses the native SQLite library through
 * github.com/mattn/go-sqlite3 (sqlite_driver.go), and the no_default_driver tag, so PocketBase's pure-Go default
 * driver (modernc.org/sqlite) is left out of the binary. `npm run test:go` (scripts/test-go.ts) uses the same
 * settings, so the SQLite C library is compiled once for both.
 *
 * SQLITE_ENABLE_QPSG (the query planner stability guarantee): go-sqlite3 clears a statement's bindings before
 * binding new values, and SQLite then throws away the compiled plan of any statement whose plan could depend on
 * a bound value, which since SQLite 3.4x includes every `column = ?` term. Every parameterised query was
 * therefore compiled again on every run (a 4-part lookup 151 µs instead of 22 µs; docs/performance.md). With the
 * guarantee the plan never depends on bound values; what that gives up (a partial index chosen from a bound
 * value, LIKE with a bound pattern on a NOCASE index) is not used here. sqlite_driver_test.go checks the flag.
 *
 * SQLITE_DEFAULT_MEMSTATUS=0, one of SQLite's recommended options: without it every allocation inside SQLite takes
 * a global mutex to keep memory statistics nothing here reads. Paired at the quiz burst's start rate, the single
 * writer's CPU per write went from 0.83-0.91 ms to 0.77-0.80 ms (docs/quiz-load.md). sqlite_driver_test.go checks it.
 */
export const GO_BUILD_TAGS = 'no_default_driver';
export const GO_BUILD_ENV = {
  CGO_ENABLED: '1',
  CGO_CFLAGS: `${process.env.CGO_CFLAGS ?? '-O2 -g'} -DSQLITE_ENABLE_QPSG -DSQLITE_DEFAULT_MEMSTATUS=0`,
};

/** The C compiler cgo will call: $CC, else the one `go env CC` names (gcc on Debian). */
function cCompiler(): string {
  if (process.env.CC) return process.env.CC.trim().split(/\s+/)[0];
  const cc = spawnSync('go', ['env', 'CC'], { encoding: 'utf8' });
  return cc.status === 0 && cc.stdout.trim() ? cc.stdout.trim().split(/\s+/)[0] : 'gcc';
}

/** Builds bin/pocketbase from the Go files (main.go, vmpool.go, sqlite_driver.go, ...) at the versions pinned in go.mod, when missing or out of date. */
export function ensurePocketBase(log: (msg: string) => void = console.log): void {
  // this file too: it holds the build settings (a binary built with other flags is out of date)
  const sources = [
    ...readdirSync(ROOT).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')),
    'go.mod',
    'go.sum',
    'scripts/lib/pocketbase.ts',
  ].map((f) => mtime(join(ROOT, f)));
  if (existsSync(PB_BIN) && mtime(PB_BIN) >= Math.max(...sources)) return;
  if (process.env.QA_PB_BIN) {
    if (existsSync(PB_BIN)) return;
    throw new StartError(`QA_PB_BIN=${process.env.QA_PB_BIN}: no such file (it is never built; unset it to build bin/pocketbase)`);
  }
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new StartError(
      '找不到 Go 工具链，无法编译 PocketBase。\n' +
        'Go toolchain not found: PocketBase is built from source. Install Go 1.26 or newer (Debian: apt-get install golang-go, ' +
        'or the official tarball) and run the command again.',
    );
  }
  const cc = cCompiler();
  const ccCheck = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (ccCheck.error || ccCheck.status !== 0) {
    throw new StartError(
      `找不到 C 编译器 ${cc}，无法编译 PocketBase（它通过 cgo 使用原生 SQLite）。\n` +
        `C compiler "${cc}" not found: PocketBase is built with cgo for the native SQLite library (sqlite_driver.go). ` +
        'Install gcc and the C library headers (Debian: apt-get install gcc libc6-dev) and run the command again.',
    );
  }
  log(
    `Building PocketBase (${go.stdout.trim()}, cgo with ${cc}) … this takes a few minutes the first time (the SQLite C library is compiled once, then cached).`,
  );
  const build = spawnSync('go', ['build', '-trimpath', '-tags', GO_BUILD_TAGS, '-ldflags', '-s -w', '-o', PB_BIN, '.'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...GO_BUILD_ENV },
  });
  if (build.status !== 0) throw new StartError('PocketBase 编译失败 (go build failed): see the messages above.');
}

export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, '.write-test');
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    throw new StartError(
      `数据目录 ${dir} 不可写。\nData directory ${dir} is not writable (${(err as Error).message}). ` +
        'Fix its permissions, or choose another folder with QA_DATA_DIR=/path/to/folder.',
    );
  }
}

export interface ServerOptions {
  port: number;
  dataDir: string;
  publicDir?: string;
  demo?: boolean;
  hooksWatch?: boolean;
  /** forward the server's output to this process's stdout (default: only errors) */
  verbose?: boolean;
  env?: Record<string, string>;
  /**
   * Multiplies every rate limit (src/lib/security/rate-limits.ts). Only automated test servers raise it: their
   * suites sign in hundreds of times from 127.0.0.1. Default 1 (the production values).
   */
  rateLimitFactor?: number;
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new StartError(`PocketBase exited with code ${child.exitCode} before it was ready.`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new StartError(`PocketBase did not answer on ${url} within ${timeoutMs / 1000} s.`);
}

export async function startPocketBase(options: ServerOptions): Promise<RunningServer> {
  ensureWritableDir(options.dataDir);
  if (!(await portIsFree(options.port))) {
    throw new StartError(
      `端口 ${options.port} 已被占用。\nPort ${options.port} is already in use: stop the program using it, ` +
        `or choose another port, e.g. PORT=${options.port + 1} npm start`,
    );
  }
  const url = `http://127.0.0.1:${options.port}`;
  const args = [
    'serve',
    `--http=127.0.0.1:${options.port}`,
    `--dir=${options.dataDir}`,
    `--hooksDir=${join(ROOT, 'pb_hooks')}`,
    `--migrationsDir=${join(ROOT, 'pb_migrations')}`,
    `--publicDir=${options.publicDir ?? join(ROOT, 'dist')}`,
  ];
  // CORS: only the site's own origin (PocketBase allows any origin by default). Same-origin pages need no CORS at
  // all; QA_ORIGINS=https://a.example,https://b.example allows other front ends.
  args.push(`--origins=${process.env.QA_ORIGINS || url}`);
  if (options.hooksWatch) args.push('--hooksWatch');
  // JS VMs kept warm for hooks and routes (default: 5 per core, 10 to 25); also bounds the /api/qa requests run at once.
  if (process.env.QA_HOOKS_POOL) args.push(`--hooksPool=${Number(process.env.QA_HOOKS_POOL)}`);
  const child = spawn(PB_BIN, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      QA_DEMO_SEED: options.demo ? '1' : '0',
      QA_RATE_LIMIT_FACTOR: String(options.rateLimitFactor ?? 1),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) => {
    const text = chunk.toString();
    // The superuser install link is noise here: the demo superuser exists, and production sets one up with `superuser upsert`.
    const filtered = text
      .split('\n')
      .filter((line) => !/pbinstall|Launch the URL below|create your first superuser/.test(line))
      .join('\n');
    if (options.verbose && filtered.trim()) process.stdout.write(filtered.endsWith('\n') ? filtered : `${filtered}\n`);
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  try {
    await waitForHealth(url, child);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, process: child, stop };
}

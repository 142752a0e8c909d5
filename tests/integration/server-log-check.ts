/**
 * Reads the error-level entries the integration test server wrote to its log table (`_logs` in
 * `auxiliary.db`) and sorts them into expected ones (a test deliberately sending a bad request to PocketBase's
 * own record or auth API, which PocketBase logs at error level with the 4xx status) and everything else (a
 * 5xx, a failed route, an error logged by a hook, migration or cron job), which fails the run.
 *
 * Read after the server has stopped: PocketBase writes its log entries in batches and flushes the last batch
 * when it terminates, so the file is complete then and the check cannot race the writer.
 */
import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';

/** slog's levels as PocketBase stores them: -4 debug, 0 info, 4 warn, 8 error. */
export const ERROR_LEVEL = 8;

export interface LogEntry {
  level: number;
  message: string;
  data: Record<string, unknown>;
}

export interface LogGroup {
  key: string;
  count: number;
  expected: boolean;
  /** the first entry's error text, to read the cause without opening the database */
  sample: string;
}

/** Record ids, tokens and numbers in a URL would split one route into many groups. */
export function routeOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path
    .split('/')
    .map((part) => (/^[a-z0-9]{15}$/.test(part) || /^\d+$/.test(part) || part.length > 24 ? ':id' : part))
    .join('/');
}

/** The client went away before an answer was written (an aborted fetch, a closed tab): no status, no fault. */
const CLIENT_GONE = /context canceled|broken pipe|connection reset by peer/i;

/**
 * A request refused with a 4xx by PocketBase's own API (the client's mistake, logged by PocketBase as an
 * error), or one whose client left before the answer (status 0, 'context canceled').
 */
export function isExpected(entry: LogEntry): boolean {
  if (entry.data.type !== 'request') return false;
  const status = Number(entry.data.status ?? 0);
  if (status === 0) return CLIENT_GONE.test(String(entry.data.error ?? ''));
  return status >= 400 && status < 500;
}

export function groupKey(entry: LogEntry): string {
  if (entry.data.type === 'request') return `${entry.data.status} ${entry.data.method} ${routeOf(String(entry.data.url ?? ''))}`;
  return entry.message;
}

export function groupEntries(entries: LogEntry[]): LogGroup[] {
  const groups = new Map<string, LogGroup>();
  for (const entry of entries) {
    const key = groupKey(entry);
    const group = groups.get(key) ?? { key, count: 0, expected: isExpected(entry), sample: String(entry.data.error ?? '').slice(0, 300) };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/**
 * Error-level entries, and 5xx answers at any level: a /api/qa route that fails answers 500 through e.json (so
 * PocketBase logs the request at info level) and logs the cause separately as 'qa route failed'.
 */
const SELECT_ENTRIES = `SELECT level, message, data FROM _logs
  WHERE level >= ${ERROR_LEVEL} OR (json_extract(data, '$.type') = 'request' AND json_extract(data, '$.status') >= 500)
  ORDER BY created`;

/** The error-level entries (and 5xx answers) of a stopped server's data dir. */
export function readErrorEntries(dataDir: string): LogEntry[] {
  const path = join(dataDir, 'auxiliary.db');
  if (!existsSync(path)) throw new Error(`server log check: ${path} does not exist`);
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const rows = db.prepare(SELECT_ENTRIES).all() as { level: number; message: string; data: string }[];
    return rows.map((row) => ({
      level: Number(row.level),
      message: String(row.message),
      data: JSON.parse(row.data || '{}') as Record<string, unknown>,
    }));
  } finally {
    db.close();
  }
}

/** A readable table of the groups, unexpected ones first. */
export function formatGroups(groups: LogGroup[]): string {
  const ordered = [...groups.filter((g) => !g.expected), ...groups.filter((g) => g.expected)];
  return ordered
    .map(
      (g) =>
        `${String(g.count).padStart(6)}  ${g.expected ? 'expected  ' : 'UNEXPECTED'}  ${g.key}${g.sample ? `\n${' '.repeat(20)}${g.sample.split('\n')[0]}` : ''}`,
    )
    .join('\n');
}

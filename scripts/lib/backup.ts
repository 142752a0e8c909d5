/**
 * Online backup and offline restore of a PocketBase data folder (docs/backup.md). Used by `npm run backup` and
 * `npm run restore` and by tests/integration/backup-restore.test.ts.
 *
 * Backup, while the server runs: each SQLite database (data.db, auxiliary.db) is copied with `VACUUM INTO`,
 * which reads inside one read transaction (WAL mode: writers go on meanwhile), so each copy is a consistent
 * snapshot: a completion and its counters are in it together or not at all. Uploaded files (storage/) are
 * copied after the databases: files are never rewritten in place, so a file the snapshot refers to is there
 * unless it was deleted in between. A manifest lists every file with its size and SHA-256.
 *
 * Restore, with the server stopped: checks every checksum, copies into a temporary folder next to the target,
 * then swaps folders by rename; the previous folder is kept as <dir>.before-restore-<time>.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export const MANIFEST = 'manifest.json';
export const DATABASES = ['data.db', 'auxiliary.db'] as const;

export class BackupError extends Error {}

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}
export interface Manifest {
  format: 'quality-academy-backup/1';
  created: string;
  source: string;
  /** the last migration applied to data.db: a restore onto older code would lack it */
  lastMigration: string;
  counts: Record<string, number>;
  files: ManifestFile[];
}

const stamp = (d = new Date()) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .replace('T', '-');

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function backup(dataDir: string, outParent: string, now = new Date()): { dir: string; manifest: Manifest } {
  const source = resolve(dataDir);
  if (!existsSync(join(source, 'data.db')))
    throw new BackupError(`${join(source, 'data.db')} not found: is ${source} a PocketBase data folder? (set --data-dir)`);
  const dir = resolve(outParent, `qa-backup-${stamp(now)}`);
  if (existsSync(dir)) throw new BackupError(`${dir} already exists`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  let lastMigration = '';
  const counts: Record<string, number> = {};
  for (const name of DATABASES) {
    const from = join(source, name);
    if (!existsSync(from)) continue;
    const db = new DatabaseSync(from, { readOnly: true, timeout: 30_000 });
    try {
      db.exec(`VACUUM INTO ${sqlString(join(partial, name))}`);
    } finally {
      db.close();
    }
    const copy = new DatabaseSync(join(partial, name), { readOnly: true });
    try {
      const check = copy.prepare('PRAGMA quick_check').get() as Record<string, string>;
      if (Object.values(check)[0] !== 'ok') throw new BackupError(`${name}: the copy fails SQLite's quick_check: ${JSON.stringify(check)}`);
      if (name === 'data.db') {
        lastMigration = String(
          (copy.prepare('SELECT file FROM _migrations ORDER BY applied DESC, file DESC LIMIT 1').get() as { file?: string } | undefined)
            ?.file ?? '',
        );
        for (const table of ['users', 'completions', 'stat_counts']) {
          const exists = copy.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
          if (exists) counts[table] = Number((copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
        }
      }
    } finally {
      copy.close();
    }
  }
  for (const file of filesUnder(join(source, 'storage'))) {
    const target = join(partial, relative(source, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  const files = filesUnder(partial)
    .map((path) => ({ path: relative(partial, path), bytes: statSync(path).size, sha256: sha256File(path) }))
    .sort((a, b) => a.path.localeCompare(b.path));
  const manifest: Manifest = { format: 'quality-academy-backup/1', created: now.toISOString(), source, lastMigration, counts, files };
  writeFileSync(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(partial, dir);
  return { dir, manifest };
}

/** Checks a backup folder against its manifest; returns the manifest or throws naming the first bad file. */
export function verify(backupDir: string): Manifest {
  const path = join(backupDir, MANIFEST);
  if (!existsSync(path)) throw new BackupError(`${path} not found: not a backup made by npm run backup`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new BackupError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (manifest.format !== 'quality-academy-backup/1' || !Array.isArray(manifest.files))
    throw new BackupError(`${path}: unknown format "${manifest.format}"`);
  if (!manifest.files.some((f) => f.path === 'data.db')) throw new BackupError(`${path}: lists no data.db`);
  for (const f of manifest.files) {
    const file = join(backupDir, f.path);
    if (!existsSync(file)) throw new BackupError(`${file}: missing (listed in the manifest)`);
    const bytes = statSync(file).size;
    if (bytes !== f.bytes) throw new BackupError(`${file}: ${bytes} bytes, the manifest says ${f.bytes}`);
    if (sha256File(file) !== f.sha256) throw new BackupError(`${file}: checksum differs from the manifest (damaged or changed)`);
  }
  return manifest;
}

/** PocketBase processes (Linux /proc) serving this data folder. */
export function serversUsing(dataDir: string): number[] {
  const target = resolve(dataDir);
  if (!existsSync('/proc')) return [];
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (!args.includes('serve')) continue;
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      let dir = join(dirname(resolve(cwd, args[0])), 'pb_data'); // PocketBase's default: next to the binary
      args.forEach((arg, i) => {
        if (arg.startsWith('--dir=')) dir = resolve(cwd, arg.slice(6));
        else if (arg === '--dir' && args[i + 1]) dir = resolve(cwd, args[i + 1]);
      });
      if (dir === target && /pocketbase/i.test(basename(args[0]))) found.push(Number(pid));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

export function restore(
  backupDir: string,
  dataDir: string,
  now = new Date(),
): { restored: string; previous: string | null; manifest: Manifest } {
  const target = resolve(dataDir);
  const running = serversUsing(target);
  if (running.length)
    throw new BackupError(
      `PocketBase is running on ${target} (process ${running.join(', ')}): stop it first (systemctl stop quality-academy), then restore.`,
    );
  const manifest = verify(resolve(backupDir));
  const temp = join(dirname(target), `.${basename(target)}.restore-${stamp(now)}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  for (const f of manifest.files) {
    const to = join(temp, f.path);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(backupDir, f.path), to);
    if (sha256File(to) !== f.sha256)
      throw new BackupError(`${to}: copy differs from the backup (disk full or failing?); nothing was changed`);
  }
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${stamp(now)}`;
    renameSync(target, previous);
  }
  renameSync(temp, target);
  return { restored: target, previous, manifest };
}

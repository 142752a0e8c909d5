/**
 * `npm run backup -- --out <folder> [--data-dir pb_data]`: a consistent copy of the data folder while the
 * server runs (docs/backup.md). Prints the backup folder; exit code 1 on failure.
 */
import { join } from 'node:path';
import { backup, BackupError } from './lib/backup.ts';
import { ROOT } from './lib/pocketbase.ts';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
}

try {
  const out = option('out');
  if (!out) throw new BackupError('usage: npm run backup -- --out <folder> [--data-dir <pb_data>]');
  const dataDir = option('data-dir') ?? process.env.QA_DATA_DIR ?? join(ROOT, 'pb_data');
  const started = Date.now();
  const { dir, manifest } = backup(dataDir, out);
  const bytes = manifest.files.reduce((s, f) => s + f.bytes, 0);
  console.log(`backup written: ${dir}`);
  console.log(
    `  ${manifest.files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s; last migration ${manifest.lastMigration || '(none)'}`,
  );
  console.log(
    `  records: ${Object.entries(manifest.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
} catch (err) {
  console.error(err instanceof BackupError ? `backup failed: ${err.message}` : err);
  process.exit(1);
}

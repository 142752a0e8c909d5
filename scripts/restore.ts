/**
 * `npm run restore -- <backup folder> [--data-dir pb_data]`: with the server stopped, checks the backup's
 * checksums and swaps it in; the previous data folder is kept as <dir>.before-restore-<time> (docs/backup.md).
 */
import { join } from 'node:path';
import { BackupError, restore } from './lib/backup.ts';
import { ROOT } from './lib/pocketbase.ts';

const args = process.argv.slice(2);
const at = args.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
const dataDir = at < 0 ? (process.env.QA_DATA_DIR ?? join(ROOT, 'pb_data')) : args[at].includes('=') ? args[at].slice(11) : args[at + 1];
const positional = args.filter((a, i) => !a.startsWith('--') && !(at >= 0 && i === at + 1 && !args[at].includes('=')));

try {
  if (positional.length !== 1) throw new BackupError('usage: npm run restore -- <backup folder> [--data-dir <pb_data>]');
  const { restored, previous, manifest } = restore(positional[0], dataDir);
  console.log(`restored ${positional[0]} (made ${manifest.created}) into ${restored}`);
  if (previous) console.log(`  the previous data folder is kept as ${previous} (delete it once the restored server works)`);
  console.log(`  start the server; migrations newer than ${manifest.lastMigration || '(none)'} run at start.`);
} catch (err) {
  console.error(err instanceof BackupError ? `restore refused: ${err.message}` : err);
  process.exit(1);
}

/**
 * The collections as the migrations leave them: `pocketbase migrate up` into a throw-away data dir, then the
 * `_collections` table read with node:sqlite. No server, no superuser, nothing from a developer's pb_data.
 * Needs the server bundle (some migrations require pb_hooks/lib/qa.js).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { PB_BIN, ROOT } from './pocketbase.ts';
import type { PbCollection, PbField } from './pb-types.ts';

export function collectionsFromMigrations(): PbCollection[] {
  const dir = mkdtempSync(join(tmpdir(), 'qa-pb-types-'));
  try {
    const run = spawnSync(
      PB_BIN,
      ['migrate', 'up', `--dir=${dir}`, `--migrationsDir=${join(ROOT, 'pb_migrations')}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`],
      { encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`pocketbase migrate up failed:\n${run.stderr || run.stdout}`);
    const db = new DatabaseSync(join(dir, 'data.db'), { readOnly: true });
    try {
      const rows = db.prepare('SELECT name, type, system, fields FROM _collections ORDER BY name').all() as {
        name: string;
        type: string;
        system: number;
        fields: string;
      }[];
      return rows.map((r) => ({ name: r.name, type: r.type, system: Boolean(r.system), fields: JSON.parse(r.fields) as PbField[] }));
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `npm run gen:types`: writes src/server/pb-types.ts, the record types of every collection, from the schema
 * the migrations build. Run it after adding or changing a migration; the integration test
 * tests/integration/pb-types.test.ts fails while the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from './build-server.ts';
import { collectionsFromMigrations } from './lib/pb-collections.ts';
import { ensurePocketBase, ROOT } from './lib/pocketbase.ts';
import { renderPbTypes } from './lib/pb-types.ts';

export const PB_TYPES_FILE = join(ROOT, 'src', 'server', 'pb-types.ts');

async function main() {
  ensurePocketBase();
  await buildServer(); // migrations require the hooks bundle
  const collections = collectionsFromMigrations();
  writeFileSync(PB_TYPES_FILE, renderPbTypes(collections));
  console.log(`src/server/pb-types.ts: ${collections.filter((c) => !c.system).length} collections`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

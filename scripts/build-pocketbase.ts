/**
 * `npm run build:pocketbase`: builds bin/pocketbase from main.go and vmpool.go (the pinned PocketBase in go.mod)
 * when it is missing or older than the Go sources; `npm run build` and `npm start` do the same on their own.
 */
import { ensurePocketBase, StartError } from './lib/pocketbase.ts';

try {
  ensurePocketBase();
} catch (err) {
  console.error(err instanceof StartError ? err.message : err);
  process.exit(1);
}

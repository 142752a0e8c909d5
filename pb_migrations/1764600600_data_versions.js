/// <reference path="../pb_data/types.d.ts" />
// Data versions for the memoised programme answers (the 32-province assessment, its regional breakdown, the
// province table and the public page, the policy library): one counter per table they are computed from,
// raised by a trigger in the same transaction as every insert, update and delete of that table, whoever
// writes (a route, the admin UI, a migration, a maintenance script). A memo keyed by the counters is never
// stale, and reading them is one look-up, where the previous fingerprint (COUNT and MAX over six tables)
// scanned every session and assistance on each request (src/server/programme/cache.ts, docs/statistics.md).
// Training figures are not versioned: they are read from stat_counts by key on every request.
//
// A plain table, not a collection: nothing outside the server reads it, and PocketBase changes collection
// tables with ALTER TABLE, which keeps these triggers.

const TABLES = ['policies', 'programme_records', 'case_submissions', 'sessions', 'assistances', 'surveys'];
const OPERATIONS = ['insert', 'update', 'delete'];

migrate(
  (app) => {
    const db = app.db();
    db.newQuery(
      'CREATE TABLE qa_data_versions (name TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID',
    ).execute();
    for (const table of TABLES) {
      db.newQuery('INSERT INTO qa_data_versions (name, version) VALUES ({:name}, 1)').bind({ name: table }).execute();
      for (const op of OPERATIONS) {
        db.newQuery(
          `CREATE TRIGGER qa_version_${table}_${op} AFTER ${op.toUpperCase()} ON ${table} FOR EACH ROW
           BEGIN UPDATE qa_data_versions SET version = version + 1 WHERE name = '${table}'; END`,
        ).execute();
      }
    }
  },
  (app) => {
    const db = app.db();
    for (const table of TABLES) for (const op of OPERATIONS) db.newQuery(`DROP TRIGGER IF EXISTS qa_version_${table}_${op}`).execute();
    db.newQuery('DROP TABLE IF EXISTS qa_data_versions').execute();
  },
);

/**
 * Plain SQL for the hot routes through the server's prepared statements (qasql.go, the __qaSql global): each
 * SQL text is parsed once per connection instead of on every request, and the rows come back as one JSON text,
 * one call from the JS VM into Go per query instead of a reflective read per field. Placeholders are dbx's
 * {:name}. Columns come back as SQLite stores them: text, numbers, and booleans as 0/1.
 */

/** A query builder: app.db() (the writer), tx.db() inside a transaction, or app.concurrentDB() (the read pool). */
export type Db = ReturnType<PbApp['db']> | ReturnType<PbApp['concurrentDB']>;

export function sqlRows<T>(db: Db, sql: string, params: Record<string, unknown> = {}): T[] {
  return JSON.parse(sqlRowsText(db, sql, params)) as T[];
}

/** The rows as the JSON text Go made of them, unparsed: for a caller that may not need them parsed (a memo key). */
export function sqlRowsText(db: Db, sql: string, params: Record<string, unknown> = {}): string {
  return __qaSql.rows(db, sql, params);
}

/** Runs a statement; returns how many rows it changed. Throws on a constraint violation, as a record save would. */
export function sqlExec(db: Db, sql: string, params: Record<string, unknown> = {}): number {
  return Number(__qaSql.exec(db, sql, params));
}

/**
 * app.db(): the writer, or the transaction inside one. Through the server's native (jsfast.go): asking a Go app
 * for it by method is a reflective call from the JS VM (15-25 µs each in a probe build), about ten of them inside
 * each completing submit's transaction (docs/quiz-load.md, seventh pass).
 */
export function writerDb(app: PbApp): Db {
  return typeof __qaApp === 'undefined' ? app.db() : (__qaApp.db(app) as Db);
}

/** app.concurrentDB(): the read pool (the transaction inside one), as writerDb. */
export function readDb(app: PbApp): Db {
  return typeof __qaApp === 'undefined' ? app.concurrentDB() : (__qaApp.readDb(app) as Db);
}

/** Whether app runs inside a transaction, as writerDb. */
export function isTransactional(app: PbApp): boolean {
  return typeof __qaApp === 'undefined' ? app.isTransactional() : __qaApp.isTransactional(app);
}

/** A query builder as it is, or an app's writer (writerDb): for helpers that take either. */
export function dbOf(from: PbApp | Db): Db {
  if (typeof __qaApp !== 'undefined') return __qaApp.isApp(from) ? writerDb(from as PbApp) : (from as Db);
  return typeof (from as PbApp).runInTransaction === 'function' ? (from as PbApp).db() : (from as Db);
}

/** record.getString() of several fields in one call (jsfast.go), as writerDb. */
export function recordStrings<K extends string>(record: PbRecord, names: readonly K[]): Record<K, string> {
  if (typeof __qaApp !== 'undefined') return __qaApp.strings(record, names);
  const out = {} as Record<K, string>;
  for (const name of names) out[name] = record.getString(name);
  return out;
}

/** $security.randomStringWithAlphabet through the native (jsfast.go), as writerDb: record ids and certificate codes. */
export function randomString(length: number, alphabet: string): string {
  return typeof __qaApp === 'undefined' ? $security.randomStringWithAlphabet(length, alphabet) : __qaApp.random(length, alphabet);
}

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

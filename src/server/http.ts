/** Request plumbing shared by the routes: typed errors with field messages, and the JSON error shape. */

export interface FieldError { code: string; message: string }

/** A refusal with a message for the person, thrown anywhere in a route and answered as JSON. */
export class QaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, FieldError> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields: Record<string, FieldError> = {}) => new QaError(400, 'invalid', message, fields);
export const forbidden = (message: string) => new QaError(403, 'forbidden', message);
export const notFound = (message: string) => new QaError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new QaError(409, code, message);

/** Same shape as PocketBase's own errors, so the JS SDK's ClientResponseError exposes `data`. */
export function respondError(e: PbRequestEvent, err: unknown): void {
  if (err instanceof QaError) {
    e.json(err.status, { status: err.status, code: err.code, message: err.message, data: err.fields });
    return;
  }
  const detail = String((err as Error)?.stack ?? (err as Error)?.message ?? err);
  e.app.logger().error('qa route failed', 'error', detail);
  console.error('qa route failed: ' + detail);
  e.json(500, { status: 500, code: 'server_error', message: '服务器出错了，请稍后再试。您已保存的内容不受影响。', data: {} });
}

export function route(handler: (e: PbRequestEvent) => unknown) {
  return (e: PbRequestEvent) => {
    try {
      const body = handler(e);
      if (body !== undefined) e.json(200, body);
    } catch (err) {
      respondError(e, err);
    }
  };
}

export function requireAuth(e: PbRequestEvent): PbRecord {
  const auth = e.auth;
  if (!auth || auth.collection().name !== 'users') throw new QaError(401, 'unauthorized', '请先登录');
  return auth;
}

export function body(e: PbRequestEvent): Record<string, unknown> {
  const b = e.requestInfo().body;
  return b && typeof b === 'object' ? b : {};
}

/**
 * Runs fn in a transaction. Errors thrown inside cross the Go boundary and lose their type, so the original
 * is kept and rethrown after the rollback.
 */
export function inTransaction<T>(app: PbApp, fn: (tx: PbApp) => T): T {
  let result: T | undefined;
  let failure: unknown;
  try {
    app.runInTransaction((tx) => {
      try {
        result = fn(tx);
      } catch (err) {
        failure = err;
        throw err;
      }
    });
  } catch (err) {
    throw failure ?? err;
  }
  return result as T;
}

export const isNotFound = (err: unknown) => /no rows|not found/i.test(String((err as Error)?.message ?? err));

export function findOne(app: PbApp, collection: string, filter: string, params: Record<string, unknown>): PbRecord | null {
  try {
    return app.findFirstRecordByFilter(collection, filter, params);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** JSON fields come back from records as raw bytes in the JS VM; this parses them. */
export function getJson<T>(record: PbRecord, field: string, fallback: T): T {
  const raw = record.getString(field);
  if (!raw || raw === 'null') return fallback;
  return JSON.parse(raw) as T;
}

export function findById(app: PbApp, collection: string, id: string): PbRecord | null {
  try {
    return app.findRecordById(collection, id);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

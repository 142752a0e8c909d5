/** Request plumbing shared by the routes: typed errors with field messages, and the JSON error shape. */
import { BODY_MESSAGES, isJsonContentType, LOGIN_MESSAGE, SERVER_ERROR_MESSAGE } from '../lib/request-messages.ts';
import { isTransactional } from './sql.ts';

export interface FieldError {
  code: string;
  message: string;
}

/**
 * A refusal with a message for the person, thrown anywhere in a route and answered as JSON.
 *
 * Why not PocketBase's own BadRequestError / ForbiddenError / NotFoundError / ApiError: their answer is
 * `{status, message, data}` with no `code`, and the pages branch on the code (`time_expired`, `rate_limited`,
 * `too_large`, the conflict codes); an error thrown inside runInTransaction crosses the Go boundary and comes
 * back as a plain Go error, its type lost (inTransaction below keeps the original); and anything unexpected
 * must become the Chinese 500 answer, not PocketBase's English one. The answer keeps PocketBase's shape
 * (status, message, data with {code, message} per field), so the JS SDK's ClientResponseError reads both
 * alike. Likewise requireAuth instead of $apis.requireAuth(): it answers in Chinese and admits only `users`.
 */
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
export const tooMany = (message: string) => new QaError(429, 'rate_limited', message);

export { BODY_MESSAGES } from '../lib/request-messages.ts';

/** Same shape as PocketBase's own errors, so the JS SDK's ClientResponseError exposes `data`. */
export function respondError(e: PbRequestEvent, err: unknown): void {
  if (err instanceof QaError) {
    e.json(err.status, { status: err.status, code: err.code, message: err.message, data: err.fields });
    return;
  }
  const detail = String((err as Error)?.stack ?? (err as Error)?.message ?? err);
  // The client went away before the answer was written (a page left mid-request): not a server failure.
  if (/broken pipe|connection reset by peer/i.test(detail)) {
    e.app.logger().info('qa route: client gone before the answer', 'error', detail.split('\n')[0]);
    return;
  }
  e.app.logger().error('qa route failed', 'error', detail);
  console.error(`qa route failed: ${detail}`);
  e.json(500, { status: 500, code: 'server_error', message: SERVER_ERROR_MESSAGE, data: {} });
}

/**
 * Wraps a route: the request body is read and checked before the handler runs (so a malformed body is a 400
 * with a clear message on every route, never a server error), and errors are answered as JSON.
 */
export function route(handler: (e: PbRequestEvent) => unknown) {
  return (e: PbRequestEvent) => {
    try {
      checkedRequestInfo(e);
      const body = handler(e);
      if (body !== undefined) e.json(200, body);
    } catch (err) {
      respondError(e, err);
    }
  };
}

/**
 * route() for the hot paths whose answers are plain JS data (no Go values): the body is serialised by the
 * VM's JSON.stringify and written as one string, instead of PocketBase exporting the object graph to Go maps
 * and encoding those by reflection (a quiz start answers with ten questions and their options).
 */
export function jsonRoute(handler: (e: PbRequestEvent) => unknown) {
  return (e: PbRequestEvent) => {
    try {
      checkedRequestInfo(e);
      const body = handler(e);
      if (body === undefined) return;
      const text = stringifyWithRaw(body);
      if (typeof __qaRequest !== 'undefined')
        __qaRequest.respond(e, 200, text); // jsfast.go: one call, not three
      else {
        e.response.header().set('Content-Type', 'application/json');
        e.string(200, text);
      }
    } catch (err) {
      respondError(e, err);
    }
  };
}

/**
 * A value that is already JSON text (a quiz's presented questions, serialised once per VM): jsonRoute writes it
 * as it is instead of serialising the same Chinese text again on every request. Meant for one per answer;
 * with more, or when another string of the answer equals the placeholder, the answer is serialised in full.
 */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON() {
    rawPending = this.text;
    return RAW_MARK;
  }
}
const RAW_MARK = '\u0001raw\u0001';
const RAW_PLACEHOLDER = JSON.stringify(RAW_MARK);
let rawPending: string | null = null;

/** JSON.stringify, with a RawJson's text put in its place as it is. */
export function stringifyWithRaw(body: unknown): string {
  rawPending = null;
  const out = JSON.stringify(body);
  const text = rawPending as string | null;
  rawPending = null;
  if (text === null) return out;
  const at = out.indexOf(RAW_PLACEHOLDER);
  if (at >= 0 && out.lastIndexOf(RAW_PLACEHOLDER) === at) return out.slice(0, at) + text + out.slice(at + RAW_PLACEHOLDER.length);
  // Some other string of the answer is the placeholder itself: serialise the raw value as a value instead.
  return JSON.stringify(body, function (this: Record<string, unknown>, key, value) {
    return this[key] instanceof RawJson ? JSON.parse((this[key] as RawJson).text) : value;
  });
}

export function requireAuth(e: PbRequestEvent): PbRecord {
  // jsfast.go checks the collection in Go: record.collection().name is two reflective calls from the VM
  const auth = typeof __qaRequest !== 'undefined' ? __qaRequest.user(e) : e.auth?.collection().name === 'users' ? e.auth : null;
  if (!auth) throw new QaError(401, 'unauthorized', LOGIN_MESSAGE);
  return auth;
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * e.requestInfo() parses the body on first use and throws a Go error on a truncated or invalid document
 * (NaN, 1e999, a body over the size limit). Every route reads the request through here.
 */
export function checkedRequestInfo(e: PbRequestEvent): ReturnType<PbRequestEvent['requestInfo']> {
  // A route reads the request two or three times (the wrapper's check, body(), query()): each read crosses from
  // the VM into Go and exports the body again, so the checked answer is kept for the event being handled. A VM
  // handles one request at a time; a new event is a new object.
  if (checked.event === e) return checked.info!;
  const info = readRequestInfo(e);
  checked.event = e;
  checked.info = info;
  return info;
}

const checked: { event: PbRequestEvent | null; info: ReturnType<PbRequestEvent['requestInfo']> | null } = { event: null, info: null };

type RequestInfo = ReturnType<PbRequestEvent['requestInfo']>;

// The request's method, content type and length, then e.requestInfo()'s body and query (or its error's text),
// through the server's natives (jsfast.go), which hand the VM plain objects: reading them from the Go event took
// a reflective call per property (0.24 ms a request in a probe build, docs/quiz-load.md). The old way without them.
const requestHead = (e: PbRequestEvent): { method: string; type: string; length: number } =>
  typeof __qaRequest !== 'undefined'
    ? __qaRequest.head(e)
    : {
        method: String(e.request.method ?? 'GET'),
        type: String(e.request.header.get('Content-Type') ?? ''),
        length: Number(e.request.contentLength ?? 0),
      };

function requestInfoOrError(e: PbRequestEvent): RequestInfo | string {
  if (typeof __qaRequest !== 'undefined') {
    const r = __qaRequest.info(e);
    return r.error === undefined ? { body: r.body as RequestInfo['body'], query: r.query, auth: null } : r.error;
  }
  try {
    return e.requestInfo();
  } catch (err) {
    return String((err as Error)?.message ?? err);
  }
}

function readRequestInfo(e: PbRequestEvent): RequestInfo {
  const head = requestHead(e);
  const method = head.method.toUpperCase();
  const type = head.type.toLowerCase();
  const length = head.length;
  if (WITH_BODY.has(method) && length !== 0 && !isJsonContentType(type)) {
    throw badRequest(BODY_MESSAGES.contentType, { body: { code: 'content_type', message: BODY_MESSAGES.contentType } });
  }
  const info = requestInfoOrError(e);
  if (typeof info === 'string') {
    if (/too large/i.test(info)) throw new QaError(413, 'too_large', BODY_MESSAGES.tooLarge);
    throw badRequest(BODY_MESSAGES.malformed, { body: { code: 'malformed_json', message: BODY_MESSAGES.malformed } });
  }
  if (WITH_BODY.has(method) && length !== 0 && (info.body === null || typeof info.body !== 'object' || Array.isArray(info.body))) {
    throw badRequest(BODY_MESSAGES.notObject, { body: { code: 'not_object', message: BODY_MESSAGES.notObject } });
  }
  return info;
}

export function body(e: PbRequestEvent): Record<string, unknown> {
  const b = checkedRequestInfo(e).body;
  return b && typeof b === 'object' && !Array.isArray(b) ? b : {};
}

/** The query string, read through the same checks as the body. */
export const query = (e: PbRequestEvent): Record<string, string> => checkedRequestInfo(e).query;

/** inTransaction calls under way in this VM (a VM runs one request at a time). */
let turnsHeld = 0;

/**
 * Runs fn in a transaction. Errors thrown inside cross the Go boundary and lose their type, so the original
 * is kept and rethrown after the rollback.
 */
export function inTransaction<T>(app: PbApp, fn: (tx: PbApp) => T): T {
  // The routes take SQLite's single writer in turn, behind the video-progress batcher (writerturn.go); a
  // transaction inside another one is part of it and takes no turn.
  const turn = turnsHeld === 0 && typeof __qaWriterTurn !== 'undefined' && !isTransactional(app) ? __qaWriterTurn : null;
  const ticket = turn ? turn.enter() : 0;
  turnsHeld++;
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
  } finally {
    turnsHeld--;
    if (turn) turn.leave(ticket);
  }
  return result as T;
}

/**
 * Like inTransaction, but the transaction may be shared with other requests' writes (group commit,
 * groupcommit.go): fn runs inside a savepoint of a transaction that also runs the writes queued meanwhile, and
 * this returns once that transaction has committed. If fn throws, only its own writes are undone and the error
 * is thrown here; if the commit fails, every request of the batch gets the error. fn must write with plain SQL on
 * tx (src/server/sql.ts), never with tx.save() (a saved record's after-commit hooks would run even if fn's
 * savepoint was undone), and must not use the app outside tx. Without the Go side (other builds), inTransaction.
 */
export function groupCommit<T>(app: PbApp, fn: (tx: PbApp) => T): T {
  // inside a transaction already (this VM's or the app's), fn is part of it: queueing it would wait for the writer
  // this request holds
  if (typeof __qaGroupCommit !== 'function' || turnsHeld > 0 || isTransactional(app)) return inTransaction(app, fn);
  let result: T | undefined;
  let failure: unknown;
  try {
    __qaGroupCommit((tx: PbApp) => {
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

/**
 * The browser's only door to the server: PocketBase's password sign-in and the /api/qa routes, over fetch.
 * Errors come back as ApiFailure with a Chinese message and per-field messages for forms.
 *
 * Not the PocketBase JS SDK: the pages use four things of it (a stored session, sign-in, a JSON request,
 * its error shape), and the SDK was 11 KB (gzip) in every page's script (docs/performance.md). The session is
 * kept where and as the SDK keeps it (localStorage "pocketbase_auth", {token, record}), so sessions survive
 * the change and the admin tools that use the SDK interoperate.
 */
import { t } from '../i18n/index.ts';
import type { Role } from '../lib/roles.ts';
import type { QaMethod, QaResponse } from '../server/api-contract.ts';

export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
}

/** A non-2xx answer from the server, with its JSON body ({code, message, data}) when it had one. */
export class ResponseError extends Error {
  constructor(
    readonly status: number,
    readonly response: Record<string, unknown> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

const AUTH_KEY = 'pocketbase_auth';
type AuthRecord = Record<string, unknown> & { collectionName?: string };
type Listener = () => void;
const listeners = new Set<Listener>();

function readAuth(): { token: string; record: AuthRecord | null } {
  try {
    const raw = JSON.parse(localStorage.getItem(AUTH_KEY) ?? 'null') as { token?: unknown; record?: unknown } | null;
    if (raw && typeof raw.token === 'string') return { token: raw.token, record: (raw.record as AuthRecord) ?? null };
  } catch {
    /* unreadable or blocked storage: signed out */
  }
  return { token: '', record: null };
}

function writeAuth(token: string, record: AuthRecord | null): void {
  try {
    if (token) localStorage.setItem(AUTH_KEY, JSON.stringify({ token, record }));
    else localStorage.removeItem(AUTH_KEY);
  } catch {
    /* private mode without storage: the session lasts this page */
  }
  listeners.forEach((fn) => fn());
}

/** Whether a JWT's exp is still ahead (PocketBase's tokens carry it in seconds). */
function tokenLive(token: string): boolean {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' && payload.exp * 1000 > Date.now();
  } catch {
    return false;
  }
}

/** The stored session token, '' when signed out or expired (for downloads that need it in a header). */
export function authToken(): string {
  const { token } = readAuth();
  return token && tokenLive(token) ? token : '';
}

/** Calls `fn` when the session changes, here or in another tab; returns the unsubscribe function. */
export function onAuthChange(fn: Listener): () => void {
  listeners.add(fn);
  const onStorage = (event: StorageEvent) => {
    if (event.key === AUTH_KEY || event.key === null) fn();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('storage', onStorage);
  };
}

/** A JSON request to the server with the session's token; non-2xx answers throw ResponseError, no answer status 0. */
async function send<T>(path: string, init: { method?: string; body?: unknown; query?: Record<string, string> } = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  const token = authToken();
  if (token) headers.Authorization = token;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ResponseError(0);
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ResponseError(res.status, data);
  return data as T;
}

export function toFailure(err: unknown): ApiFailure {
  if (err instanceof ResponseError) {
    if (err.status === 0) return { status: 0, code: 'network', message: t('error.network'), fields: {} };
    const data = (err.response ?? {}) as { message?: string; code?: string; data?: Record<string, { message?: string }> };
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(data.data ?? {})) if (value?.message) fields[name] = value.message;
    // PocketBase's own 429 and 413 answers are in English; the platform's own (code set) are already Chinese.
    if (err.status === 429 && data.code !== 'rate_limited')
      return { status: 429, code: 'rate_limited', message: t('error.rateLimited'), fields };
    if (err.status === 413 && data.code !== 'too_large') return { status: 413, code: 'too_large', message: t('error.tooLarge'), fields };
    return { status: err.status, code: data.code ?? 'error', message: data.message || t('error.generic'), fields };
  }
  return { status: 0, code: 'network', message: t('error.network'), fields: {} };
}

export interface QaInit<M extends QaMethod> {
  method?: M;
  body?: unknown;
  query?: Record<string, string>;
}

/**
 * Calls /api/qa/<path>. The answer's type comes from the route map in src/server/api-contract.ts, found by the
 * method and the path (a template string such as `assessments/${id}` matches 'assessments/{id}'): no page
 * declares a server shape of its own. A path no route answers gives `unknown`.
 */
export function qa<P extends string, M extends QaMethod = 'GET'>(path: P, init: QaInit<M> = {}): Promise<QaResponse<M, P>> {
  return qaSend<QaResponse<M, P>>(path, init);
}

/** For a path only known at run time (the outbox replays stored requests): the caller names the answer. */
export async function qaSend<T>(path: string, init: QaInit<QaMethod> = {}): Promise<T> {
  try {
    return await send<T>(`/api/qa/${path}`, init);
  } catch (err) {
    throw toFailure(err);
  }
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  jurisdiction?: string;
}

export function currentUser(): SessionUser | null {
  const { token, record } = readAuth();
  if (!token || !tokenLive(token) || !record || record.collectionName !== 'users') return null;
  return record as unknown as SessionUser;
}

export async function login(email: string, password: string): Promise<SessionUser> {
  try {
    const auth = await send<{ token: string; record: AuthRecord }>('/api/collections/users/auth-with-password', {
      method: 'POST',
      body: { identity: email, password },
    });
    writeAuth(auth.token, auth.record);
    return auth.record as unknown as SessionUser;
  } catch (err) {
    const failure = toFailure(err);
    throw failure.status === 400 ? { ...failure, message: t('auth.loginFailed') } : failure;
  }
}

/** PocketBase's own e-mail reset (same answer whether or not the address has an account). Throws ResponseError. */
export async function requestPasswordReset(email: string): Promise<void> {
  await send('/api/collections/users/request-password-reset', { method: 'POST', body: { email } });
}

/** Sets a new password with the token from the reset mail. Throws ResponseError (a bad token: field "token"). */
export async function confirmPasswordReset(token: string, password: string, passwordConfirm: string): Promise<void> {
  await send('/api/collections/users/confirm-password-reset', { method: 'POST', body: { token, password, passwordConfirm } });
}

export function logout(): void {
  writeAuth('', null);
}

/** A random key for idempotent requests (a retried or doubled request is recognised by the server). */
export function newKey(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

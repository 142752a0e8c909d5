/**
 * The browser's only door to the server: the PocketBase SDK for auth and records, and the /api/qa routes.
 * Errors come back as ApiFailure with a Chinese message and per-field messages for forms.
 */
import PocketBase, { ClientResponseError } from 'pocketbase';
import { t } from '../i18n/index.ts';
import type { Role } from '../lib/roles.ts';
import type { QaMethod, QaResponse } from '../server/api-contract.ts';

export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
}

let client: PocketBase | null = null;

export function pb(): PocketBase {
  if (!client) {
    client = new PocketBase(window.location.origin);
    client.autoCancellation(false);
  }
  return client;
}

export function toFailure(err: unknown): ApiFailure {
  if (err instanceof ClientResponseError) {
    if (err.status === 0) return { status: 0, code: 'network', message: t('error.network'), fields: {} };
    const data = (err.response ?? {}) as { message?: string; code?: string; data?: Record<string, { message?: string }> };
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(data.data ?? {})) if (value?.message) fields[name] = value.message;
    // PocketBase's own 429 and 413 answers are in English; the platform's own (code set) are already Chinese.
    if (err.status === 429 && data.code !== 'rate_limited') return { status: 429, code: 'rate_limited', message: t('error.rateLimited'), fields };
    if (err.status === 413 && data.code !== 'too_large') return { status: 413, code: 'too_large', message: t('error.tooLarge'), fields };
    return { status: err.status, code: data.code ?? 'error', message: data.message || t('error.generic'), fields };
  }
  return { status: 0, code: 'network', message: t('error.network'), fields: {} };
}

export interface QaInit<M extends QaMethod> { method?: M; body?: unknown; query?: Record<string, string> }

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
    return await pb().send<T>(`/api/qa/${path}`, { method: init.method ?? 'GET', body: init.body, query: init.query });
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
  const store = pb().authStore;
  if (!store.isValid || !store.record || store.record.collectionName !== 'users') return null;
  return store.record as unknown as SessionUser;
}

export async function login(email: string, password: string): Promise<SessionUser> {
  try {
    const auth = await pb().collection('users').authWithPassword(email, password);
    return auth.record as unknown as SessionUser;
  } catch (err) {
    const failure = toFailure(err);
    throw failure.status === 400 ? { ...failure, message: t('auth.loginFailed') } : failure;
  }
}

export function logout(): void {
  pb().authStore.clear();
}

/** A random key for idempotent requests (a retried or doubled request is recognised by the server). */
export function newKey(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

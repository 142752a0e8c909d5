/**
 * Sends progress and quiz answers, and keeps them on the device while the network is down. Every entry has
 * an idempotency key; the server recognises a repeat, so nothing is lost and nothing is counted twice.
 */
import { enqueue, parseQueue, remove, type OutboxEntry } from '../lib/outbox-queue.ts';
import { qaSend, type ApiFailure } from './api.ts';
import type { QaResponse } from '../server/api-contract.ts';

const STORAGE_KEY = 'qa.outbox.v1';
export const OUTBOX_EVENT = 'qa:outbox';

export interface OutboxState {
  online: boolean;
  pending: number;
  sending: boolean;
}
export interface Delivered {
  key: string;
  path: string;
  response?: unknown;
  failure?: ApiFailure;
}

function load(): OutboxEntry[] {
  try {
    return parseQueue(localStorage.getItem(STORAGE_KEY));
  } catch {
    return [];
  }
}
function save(queue: OutboxEntry[]) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(queue));
  } catch {
    /* storage full or disabled: the request still goes out when online */
  }
}

let sending = false;
function announce() {
  const state: OutboxState = { online: navigator.onLine, pending: load().length, sending };
  window.dispatchEvent(new CustomEvent(OUTBOX_EVENT, { detail: state }));
}
function delivered(detail: Delivered) {
  window.dispatchEvent(new CustomEvent(`${OUTBOX_EVENT}:delivered`, { detail }));
}

/**
 * Sends now if possible. Returns the server's response, or `{ queued: true }` when the device is offline or
 * the request could not reach the server (it will be retried). Refusals (4xx) are thrown, not queued.
 */
export async function send<P extends string>(
  entry: Omit<OutboxEntry, 'createdAt'> & { path: P },
): Promise<QaResponse<'POST', P> | { queued: true }> {
  const full: OutboxEntry = { ...entry, createdAt: Date.now() };
  save(enqueue(load(), full));
  announce();
  if (!navigator.onLine) return { queued: true };
  try {
    const response = await qaSend<QaResponse<'POST', P>>(full.path, { method: 'POST', body: { ...full.body, key: full.key } });
    save(remove(load(), full.key));
    return response;
  } catch (err) {
    const failure = err as ApiFailure;
    if (failure.status === 0 || failure.status >= 500) return { queued: true };
    save(remove(load(), full.key));
    throw failure;
  } finally {
    announce();
  }
}

export async function flush(): Promise<void> {
  if (sending || !navigator.onLine) return;
  sending = true;
  announce();
  try {
    for (const entry of load()) {
      try {
        const response = await qaSend<unknown>(entry.path, { method: 'POST', body: { ...entry.body, key: entry.key } });
        save(remove(load(), entry.key));
        delivered({ key: entry.key, path: entry.path, response });
      } catch (err) {
        const failure = err as ApiFailure;
        if (failure.status === 0 || failure.status >= 500) break; // still offline: keep the rest in order
        save(remove(load(), entry.key));
        delivered({ key: entry.key, path: entry.path, failure });
      }
    }
  } finally {
    sending = false;
    announce();
  }
}

export const pendingCount = () => load().length;

let started = false;
export function startOutbox(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void flush());
  window.addEventListener('offline', announce);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flush();
  });
  void flush();
}

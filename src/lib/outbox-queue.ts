/**
 * The offline outbox as plain data: requests waiting for the network, each with an idempotency key so that
 * sending one twice is harmless. Storage and network live in src/client/outbox.ts.
 */
export interface OutboxEntry {
  key: string;
  path: string;
  body: Record<string, unknown>;
  createdAt: number;
  /** entries with the same coalesce id replace each other (e.g. the latest video report per lesson) */
  coalesce?: string;
}

export function enqueue(queue: readonly OutboxEntry[], entry: OutboxEntry): OutboxEntry[] {
  if (queue.some((e) => e.key === entry.key)) return [...queue];
  const kept = entry.coalesce ? queue.filter((e) => e.coalesce !== entry.coalesce) : [...queue];
  return [...kept, entry];
}

export const remove = (queue: readonly OutboxEntry[], key: string) => queue.filter((e) => e.key !== key);

const isEntry = (v: unknown): v is OutboxEntry =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as OutboxEntry).key === 'string' &&
  typeof (v as OutboxEntry).path === 'string' &&
  typeof (v as OutboxEntry).body === 'object' &&
  (v as OutboxEntry).body !== null &&
  typeof (v as OutboxEntry).createdAt === 'number';

/** Reads a stored queue; anything corrupted is dropped rather than breaking the page. */
export function parseQueue(raw: string | null): OutboxEntry[] {
  if (!raw) return [];
  try {
    const value = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isEntry) : [];
  } catch {
    return [];
  }
}

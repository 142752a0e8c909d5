/**
 * Self-assessment answers not yet confirmed by the server, kept on the device per draft: a reload, a dropped
 * connection or a closed tab loses nothing, and they are sent again when the network returns.
 */
export type Pending = Record<string, number | null>;
interface Stored {
  pending: Pending;
  screen: number;
}

const keyOf = (id: string) => `qa.assessment.${id}`;

export function loadLocal(id: string): Stored {
  try {
    const value = JSON.parse(localStorage.getItem(keyOf(id)) ?? 'null');
    if (value && typeof value === 'object' && typeof value.pending === 'object' && value.pending) {
      return { pending: value.pending as Pending, screen: Number.isInteger(value.screen) ? value.screen : 0 };
    }
  } catch {
    /* corrupted: nothing pending */
  }
  return { pending: {}, screen: 0 };
}

export function saveLocal(id: string, stored: Stored): void {
  try {
    localStorage.setItem(keyOf(id), JSON.stringify(stored));
  } catch {
    /* storage unavailable: pending answers stay in memory */
  }
}

export function clearLocal(id: string): void {
  try {
    localStorage.removeItem(keyOf(id));
  } catch {
    /* nothing to clear */
  }
}

/** What is still pending after the server confirmed `sent`: answers changed meanwhile stay pending. */
export function afterSent(pending: Pending, sent: Pending): Pending {
  const out: Pending = {};
  for (const [id, level] of Object.entries(pending)) if (!(id in sent) || sent[id] !== level) out[id] = level;
  return out;
}

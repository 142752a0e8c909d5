import { useEffect, useState } from 'preact/hooks';

/**
 * Renders a long page in steps: returns how many of `count` stages may be shown, 0 until `ready`, then one
 * more per browser task (when the main thread is idle, or after at most 200 ms), so the first screen
 * (the figures) is painted before the sections below it are built, and no single task blocks a slow phone for
 * long (docs/performance.md). Once every stage is shown it stays so: later views render in one go.
 */
export function useStages(ready: boolean, count: number): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (!ready || shown >= count) return;
    const next = () => setShown((n) => Math.min(count, n + 1));
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(next, { timeout: 200 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(next, 16);
    return () => clearTimeout(id);
  }, [ready, shown, count]);
  return shown;
}

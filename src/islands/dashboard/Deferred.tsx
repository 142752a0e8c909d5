/**
 * A section of the dashboard that is built when it comes near the screen (docs/performance.md). Until then it
 * is its heading (the page's outline stays whole: a screen reader's list of headings, a scroll to 按省份 ...) in a
 * box of about the section's height, so the page does not jump when it is built. Building all of the dashboard's
 * sections at load was its whole blocking time on a slow phone: some 1,700 elements that nobody sees before
 * scrolling.
 *
 * Everything is built, section by section in idle moments, as soon as a key is pressed anywhere (Tab must reach
 * every table and link in page order; Ctrl+F must find a province), and at once before printing.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';

/** Built when its top is within this distance of the screen (half a screen ahead: ready before it is seen). */
const AHEAD = '50% 0px 50% 0px';

type Wake = (now: boolean) => void;
const sleepers = new Set<Wake>();
let everything: 'idle' | 'now' | null = null;

function buildEverything(mode: 'idle' | 'now') {
  if (everything === 'now' || everything === mode) return;
  everything = mode;
  for (const wake of [...sleepers]) wake(mode === 'now');
}

let listening = false;
function listen() {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  document.addEventListener('keydown', () => buildEverything('idle'), { once: true, capture: true });
  // printing lays the page out right after this event: the sections are rendered in its microtasks
  window.addEventListener('beforeprint', () => buildEverything('now'));
}

/** One idle moment of the browser (at most 200 ms away): each section is built in its own task. */
export function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 200 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 16);
  return () => clearTimeout(id);
}

/**
 * Code a section needs that is not in the page's first script (a dynamic import), loaded once; `loaded` holds it
 * when it is there, so a section can be built at once (before printing) without waiting for a promise.
 */
export interface LazyModule<M> {
  loaded: M | null;
  load: () => Promise<M>;
}
export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let pending: Promise<M> | null = null;
  const lazy: LazyModule<M> = {
    loaded: null,
    load: () =>
      (pending ??= importer().then(
        (module) => (lazy.loaded = module),
        (err) => {
          pending = null; // a later try fetches again
          throw err;
        },
      )),
  };
  return lazy;
}

interface Props<M> {
  /** The section's heading while it is not built (the built section has its own). */
  title: string;
  level?: 2 | 3;
  /** The box held for it until built, in CSS px: about its height on a phone. */
  estimate: number;
  /** Code the section needs that is not in the page's first script. */
  code?: LazyModule<M>;
  /** Renders the section; called only once it is to be built (with the loaded module, when `load` is given). */
  children: (module: M) => ComponentChildren;
}

export function Deferred<M = undefined>({ title, level = 2, estimate, code, children }: Props<M>) {
  const box = useRef<HTMLDivElement>(null);
  const [wanted, setWanted] = useState(false);
  const [failed, setFailed] = useState(false);
  const [, loaded] = useState(0);
  const module = code ? code.loaded : (undefined as M);

  // wanted: when near the screen, or when everything is asked for
  useEffect(() => {
    if (wanted) return;
    listen();
    let cancelIdle: (() => void) | null = null;
    const wake: Wake = (now) => {
      cancelIdle?.();
      if (now) setWanted(true);
      else cancelIdle = whenIdle(() => setWanted(true));
    };
    if (everything) {
      wake(everything === 'now');
      return () => cancelIdle?.();
    }
    sleepers.add(wake);
    let observer: IntersectionObserver | null = null;
    if (typeof IntersectionObserver === 'undefined') wake(false);
    else if (box.current) {
      observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setWanted(true), { rootMargin: AHEAD });
      observer.observe(box.current);
    }
    return () => {
      sleepers.delete(wake);
      observer?.disconnect();
      cancelIdle?.();
    };
  }, [wanted]);

  // its code, when it has its own and that is not loaded yet
  useEffect(() => {
    if (!wanted || !code || code.loaded) return;
    let alive = true;
    code
      .load()
      .then(() => alive && loaded((n) => n + 1))
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
    };
  }, [wanted]);

  if (wanted && (!code || code.loaded)) return <>{children(module as M)}</>;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div
      class="dash-section dash-deferred"
      data-deferred=""
      aria-busy={failed ? undefined : 'true'}
      ref={box}
      style={{ minHeight: `${estimate}px` }}
    >
      <Heading>{title}</Heading>
      {failed ? (
        <p class="notice bad" role="alert">
          {t('regulator.sectionFailed')}{' '}
          <button type="button" class="btn secondary small" onClick={() => window.location.reload()}>
            {t('regulator.reload')}
          </button>
        </p>
      ) : (
        <p class="status-line">{t('regulator.sectionLoading')}</p>
      )}
    </div>
  );
}

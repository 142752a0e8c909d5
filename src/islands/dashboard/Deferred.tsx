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
function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 200 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 16);
  return () => clearTimeout(id);
}

interface Props {
  /** The section's heading while it is not built (the built section has its own). */
  title: string;
  level?: 2 | 3;
  /** The box held for it until built, in CSS px: about its height on a phone. */
  estimate: number;
  /** Renders the section; called only once it is to be built. */
  children: () => ComponentChildren;
}

export function Deferred({ title, level = 2, estimate, children }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [wanted, setWanted] = useState(false);

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

  if (wanted) return <>{children()}</>;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div class="dash-section dash-deferred" data-deferred="" aria-busy="true" ref={box} style={{ minHeight: `${estimate}px` }}>
      <Heading>{title}</Heading>
      <p class="status-line">{t('regulator.sectionLoading')}</p>
    </div>
  );
}

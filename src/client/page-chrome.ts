/** Behaviour shared by every page: the mobile menu and glossary term pop-ups (tap to open, Esc to close). */
const toggle = document.querySelector<HTMLButtonElement>('[data-menu-toggle]');
const mobileNav = document.getElementById('mobile-nav');
toggle?.addEventListener('click', () => {
  const open = toggle.getAttribute('aria-expanded') !== 'true';
  toggle.setAttribute('aria-expanded', String(open));
  if (mobileNav) mobileNav.hidden = !open;
});

function closeTerms(except?: Element) {
  document.querySelectorAll('.term[data-open]').forEach((el) => {
    if (el !== except) {
      el.removeAttribute('data-open');
      el.querySelector('.term-button')?.setAttribute('aria-expanded', 'false');
    }
  });
}
document.addEventListener('click', (event) => {
  const button = (event.target as Element).closest('.term-button');
  if (!button) {
    if (!(event.target as Element).closest('.term-tip')) closeTerms();
    return;
  }
  const term = button.closest('.term')!;
  term.removeAttribute('data-dismissed');
  // Enter on a tip that Tab already opened keeps it open (as if tapped open) rather than closing it
  const open = !term.hasAttribute('data-open') || term.hasAttribute('data-keyboard-open');
  term.removeAttribute('data-keyboard-open');
  closeTerms(term);
  term.toggleAttribute('data-open', open);
  button.setAttribute('aria-expanded', String(open));
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  closeTerms();
  // Escape hides the tip even while the term keeps focus or the pointer rests on it.
  document.querySelectorAll('.term:focus-within, .term:hover').forEach((el) => el.setAttribute('data-dismissed', ''));
});
document.addEventListener('focusout', (event) => {
  const term = (event.target as Element).closest?.('.term');
  term?.removeAttribute('data-dismissed');
  // Focus left the term altogether (not just moved from the term to its 术语表 link): close a tip opened from the keyboard.
  if (term?.hasAttribute('data-keyboard-open') && !term.contains(event.relatedTarget as Node | null)) {
    term.removeAttribute('data-keyboard-open');
    term.removeAttribute('data-open');
    term.querySelector('.term-button')?.setAttribute('aria-expanded', 'false');
  }
});
// Reached with Tab, the tip opens and stays open while focus moves on to its link: CSS alone (:focus-visible)
// would hide it for the instant in between, and the link would then not take focus (focus fell to <body>).
document.addEventListener('focusin', (event) => {
  const button = (event.target as Element).closest?.('.term-button');
  if (!button?.matches(':focus-visible')) return;
  const term = button.closest('.term')!;
  if (term.hasAttribute('data-dismissed')) return;
  term.setAttribute('data-open', '');
  term.setAttribute('data-keyboard-open', '');
  button.setAttribute('aria-expanded', 'true');
});

// The course outline is collapsed on phones (it would push the lesson down) and open on wide screens.
if (window.matchMedia('(min-width: 64rem)').matches) {
  document.querySelectorAll<HTMLDetailsElement>('.outline details').forEach((d) => (d.open = true));
}

/*
 * Tables scroll sideways inside themselves when wider than the screen (global.css). Keyboard users can only
 * scroll one that takes focus, so a table that overflows gets tabindex="0" (its caption names it) and loses
 * it when it fits again. Islands render tables after load, hence the observer.
 */
function markScrollableTables() {
  // All sizes are read first, then the attributes written: a write between two reads would make the browser lay
  // out the page again for every table (on the dashboard, a dozen tables and 1,700 elements: seconds of main
  // thread on a slow phone, Lighthouse's longest task before this).
  const tables = [...document.querySelectorAll<HTMLTableElement>('table')];
  const scrolls = tables.map((table) => table.scrollWidth > table.clientWidth + 1);
  tables.forEach((table, i) => {
    if (scrolls[i] && !table.hasAttribute('tabindex')) {
      table.tabIndex = 0;
      table.dataset.scrollFocus = '';
    } else if (!scrolls[i] && table.dataset.scrollFocus !== undefined) {
      table.removeAttribute('tabindex');
      delete table.dataset.scrollFocus;
    }
  });
}
let tablesPending = false;
const scheduleTables = () => {
  if (tablesPending) return;
  tablesPending = true;
  requestAnimationFrame(() => {
    tablesPending = false;
    markScrollableTables();
  });
};
new MutationObserver(scheduleTables).observe(document.body, { childList: true, subtree: true });
// the page's box changes with the window, zoom and larger text (browser setting), without any DOM change
new ResizeObserver(scheduleTables).observe(document.documentElement);
scheduleTables();

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
  const open = !term.hasAttribute('data-open');
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
  (event.target as Element).closest?.('.term')?.removeAttribute('data-dismissed');
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
  document.querySelectorAll<HTMLTableElement>('table').forEach((table) => {
    const scrolls = table.scrollWidth > table.clientWidth + 1;
    if (scrolls && !table.hasAttribute('tabindex')) {
      table.setAttribute('tabindex', '0');
      table.dataset.scrollFocus = '';
    } else if (!scrolls && table.dataset.scrollFocus !== undefined) {
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
window.addEventListener('resize', scheduleTables);
scheduleTables();

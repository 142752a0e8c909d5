/**
 * Filters a server-rendered list of cards by a form of <select>s. Without JavaScript every card stays
 * visible. The chosen filters are kept in the URL so a filtered list can be shared.
 */
export function filterCards(options: {
  form: string;
  cards: string;
  matches: (card: HTMLElement, filters: Record<string, string>) => boolean;
}): void {
  const form = document.querySelector<HTMLFormElement>(options.form);
  if (!form) return;
  const status = document.querySelector<HTMLElement>('[data-count-template]');
  const empty = document.querySelector<HTMLElement>('[data-empty]');
  const params = new URLSearchParams(window.location.search);
  for (const select of form.querySelectorAll('select')) {
    const wanted = params.get(select.name);
    if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  }
  const apply = () => {
    const filters = Object.fromEntries(new FormData(form)) as Record<string, string>;
    let shown = 0;
    for (const card of document.querySelectorAll<HTMLElement>(options.cards)) {
      const ok = options.matches(card, filters);
      card.hidden = !ok;
      if (ok) shown++;
    }
    if (status) status.textContent = (status.dataset.countTemplate ?? '{n}').replace('{n}', String(shown));
    if (empty) empty.hidden = shown > 0;
    const url = new URL(window.location.href);
    for (const [key, value] of Object.entries(filters)) {
      if (value) url.searchParams.set(key, value);
      else url.searchParams.delete(key);
    }
    history.replaceState(null, '', url);
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => event.preventDefault());
  apply();
}

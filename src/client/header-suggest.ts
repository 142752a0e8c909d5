/**
 * Suggestions under the header's search box as you type (wider screens, where the box shows; a phone's
 * search button opens the search page, which searches as you type). The index loads on the first focus of
 * the box, never with the page. ARIA combobox: ↓ ↑ move through the suggestions, Enter opens the one
 * chosen (or searches as before), Esc closes. The suggestions are links, so a tap or click opens them.
 */
import { t, type UiKey } from '../i18n/index.ts';
import type { Searcher } from '../lib/search/engine.ts';
import { loadSearcher } from './search-loader.ts';

const MAX = 6;

export function attachHeaderSuggest(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>('input[name="q"]');
  if (!input) return;
  const list = document.createElement('ul');
  list.id = 'header-suggest';
  list.className = 'header-suggest';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', t('search.suggestLabel'));
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  let searcher: Searcher | null = null;
  let active = -1;
  let timer = 0;

  const options = () => Array.from(list.querySelectorAll<HTMLAnchorElement>('a'));
  function close() {
    list.hidden = true;
    input!.setAttribute('aria-expanded', 'false');
    input!.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function setActive(i: number) {
    const all = options();
    active = all.length ? (i + all.length) % all.length : -1;
    all.forEach((a, j) => a.parentElement!.setAttribute('aria-selected', String(j === active)));
    if (active >= 0) input!.setAttribute('aria-activedescendant', all[active].parentElement!.id);
  }
  function render() {
    const q = input!.value.trim();
    if (!searcher || !q) return close();
    const hits = searcher.search(q).hits.slice(0, MAX);
    list.replaceChildren();
    hits.forEach((hit, i) => {
      const li = document.createElement('li');
      li.id = `header-suggest-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      const a = document.createElement('a');
      a.href = hit.doc.url;
      a.tabIndex = -1;
      const title = document.createElement('span');
      title.textContent = hit.doc.title;
      const kind = document.createElement('span');
      kind.className = 'header-suggest-kind';
      kind.textContent = t(`search.kind.${hit.doc.kind}` as UiKey);
      a.append(title, kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    const all = document.createElement('li');
    all.setAttribute('role', 'option');
    all.id = `header-suggest-${hits.length}`;
    all.setAttribute('aria-selected', 'false');
    const more = document.createElement('a');
    more.href = `${form.action}?q=${encodeURIComponent(q)}`;
    more.tabIndex = -1;
    more.className = 'header-suggest-all';
    more.textContent = hits.length ? t('search.suggestAll', { q }) : t('search.suggestNone', { q });
    all.appendChild(more);
    list.appendChild(all);
    list.hidden = false;
    input!.setAttribute('aria-expanded', 'true');
    active = -1;
  }

  input.addEventListener(
    'focus',
    () => {
      if (!searcher)
        loadSearcher()
          .then((s) => {
            searcher = s;
            if (document.activeElement === input) render();
          })
          .catch(() => {
            /* the form still submits */
          });
    },
    { once: false },
  );
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(render, 80);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(active + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(active - 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      options()[active].click();
    }
  });
  form.addEventListener('focusout', (e) => {
    if (!form.contains(e.relatedTarget as Node | null)) close();
  });
  // a pointer press on a suggestion must not blur the box first (which would close the list under it)
  list.addEventListener('mousedown', (e) => e.preventDefault());
}

/**
 * The search page: a search box with results as you type. The index (/search-index.json) and the engine
 * (lunr) are loaded on first use of the box, or at once when the URL has ?q=. All text logic lives in
 * src/lib/search/ and is shared with the index builder.
 *
 * Keyboard: ↓ from the box moves into the results, ↑ ↓ Home End move, Enter opens, Esc returns to the box.
 * The URL (/search/?q=…&kind=…&industry=…) follows the query, so a search can be shared.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { t, type UiKey } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import type { Searcher, SearchResult } from '../lib/search/engine.ts';
import { answerOf, countByIndustry, countByKind, filterHits, present } from '../lib/search/results.ts';
import type { Segment } from '../lib/search/snippet.ts';
import { POPULAR_QUERIES, suggest } from '../lib/search/suggest.ts';
import { KINDS, type Kind } from '../lib/search/types.ts';
import { loadSearcher } from '../client/search-loader.ts';

const PAGE_SIZE = 20;

const kindLabel = (kind: Kind) => t(`search.kind.${kind}` as UiKey);

function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.hit ? <mark>{s.text}</mark> : s.text))}</>;
}

interface UrlState {
  q: string;
  kind: Kind | '';
  industry: string;
}

function readUrl(): UrlState {
  const params = new URLSearchParams(window.location.search);
  const kind = params.get('kind') ?? '';
  return {
    q: (params.get('q') ?? '').slice(0, 64),
    kind: (KINDS as readonly string[]).includes(kind) ? (kind as Kind) : '',
    industry: /^\d{2}$/.test(params.get('industry') ?? '') ? params.get('industry')! : '',
  };
}

function urlOf({ q, kind, industry }: UrlState): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (kind) params.set('kind', kind);
  if (industry) params.set('industry', industry);
  const search = params.toString();
  return search ? `${routes.search()}?${search}` : routes.search();
}

export default function Search() {
  const [query, setQuery] = useState('');
  /** what is searched: the box's text, except while an input method is still composing */
  const [searched, setSearched] = useState('');
  const [kind, setKind] = useState<Kind | ''>('');
  const [industry, setIndustry] = useState('');
  const [searcher, setSearcher] = useState<Searcher | null>(null);
  const [status, setStatus] = useState<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const [shown, setShown] = useState(PAGE_SIZE);
  const [hydrated, setHydrated] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const composing = useRef(false);
  /** true while the page itself puts the cursor in the box: that focus is not a wish to search yet */
  const autoFocusing = useRef(false);

  const ensureLoaded = () => {
    if (searcher || status === 'loading') return;
    setStatus('loading');
    loadSearcher().then(
      (s) => {
        setSearcher(s);
        setStatus('ready');
      },
      () => setStatus('error'),
    );
  };

  // first render in the browser: take the query from the URL and run it
  useEffect(() => {
    const state = readUrl();
    setQuery(state.q);
    setSearched(state.q);
    setKind(state.kind);
    setIndustry(state.industry);
    setHydrated(true);
    if (state.q) ensureLoaded();
    else {
      // The index is the heaviest file of the site (docs/performance.md): it loads when the learner touches
      // the box or types, not because the page focused it.
      autoFocusing.current = true;
      input.current?.focus();
      autoFocusing.current = false;
    }
    const onPop = () => {
      const s = readUrl();
      setQuery(s.q);
      setSearched(s.q);
      setKind(s.kind);
      setIndustry(s.industry);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // keep the address shareable (replaceState is throttled by browsers: wait for a pause in typing)
  useEffect(() => {
    if (!hydrated) return;
    const timer = window.setTimeout(() => {
      const url = urlOf({ q: searched, kind, industry });
      if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
      document.title = searched.trim()
        ? `${searched.trim()} · ${t('search.title')} · ${t('site.name')}`
        : `${t('search.title')} · ${t('site.name')}`;
    }, 300);
    return () => window.clearTimeout(timer);
  }, [searched, kind, industry, hydrated]);

  useEffect(() => setShown(PAGE_SIZE), [searched, kind, industry]);

  const result: SearchResult | null = useMemo(() => (searcher && searched.trim() ? searcher.search(searched) : null), [searcher, searched]);
  const hits = result?.hits ?? [];
  const answer = kind === '' && !industry ? answerOf(hits) : undefined;
  const filtered = filterHits(hits, { kind, industry }).filter((h) => h !== answer);
  const visible = filtered.slice(0, shown);
  const kindCounts = countByKind(hits, industry);
  const industries = countByIndustry(hits, kind);
  if (industry && !industries.some(([code]) => code === industry)) industries.push([industry, 0]);
  const found = filtered.length + (answer ? 1 : 0);
  const noResults = Boolean(result?.query.text && found === 0);
  const suggestions = noResults && searcher ? suggest(searched, searcher.vocabulary) : [];

  const runNow = (text: string) => {
    setQuery(text);
    setSearched(text);
    ensureLoaded();
  };

  const onInput = (e: JSX.TargetedEvent<HTMLInputElement, Event>) => {
    const value = e.currentTarget.value;
    setQuery(value);
    ensureLoaded();
    if (!composing.current && !(e as unknown as InputEvent).isComposing) setSearched(value);
  };

  const links = () => Array.from(list.current?.querySelectorAll<HTMLAnchorElement>('a[data-result]') ?? []);
  const focusResult = (i: number) => {
    const all = links();
    if (all.length) all[Math.max(0, Math.min(all.length - 1, i))].focus();
  };

  const onInputKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && links().length) {
      e.preventDefault();
      focusResult(0);
    }
  };

  const onListKey = (e: KeyboardEvent) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusResult(at + 1),
      ArrowUp: () => (at === 0 ? input.current?.focus() : focusResult(at - 1)),
      Home: () => focusResult(0),
      End: () => focusResult(all.length - 1),
      Escape: () => input.current?.focus(),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      move();
    }
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    runNow(query);
    // on a phone, close the keyboard so the results can be seen
    if (window.matchMedia('(pointer: coarse)').matches) input.current?.blur();
  };

  const searchLink = (text: string) => (
    <a
      href={routes.search(text)}
      onClick={(e) => {
        e.preventDefault();
        runNow(text);
        input.current?.focus();
      }}
    >
      {text}
    </a>
  );

  let statusText = '';
  if (status === 'loading' && searched.trim()) statusText = t('search.loading');
  else if (result?.query.text) {
    if (found > 0)
      statusText = kind || industry ? t('search.countFiltered', { n: found, total: hits.length }) : t('search.count', { n: found });
    else if (hits.length > 0) statusText = t('search.noneFiltered', { total: hits.length });
    else statusText = t('search.none', { q: searched.trim() });
  }

  return (
    <div class="search">
      <form class="search-form" role="search" aria-label={t('search.formLabel')} action={routes.search()} method="get" onSubmit={onSubmit}>
        <input
          ref={input}
          id="search-q"
          type="search"
          name="q"
          value={query}
          aria-label={t('search.label')}
          aria-describedby="search-keys"
          aria-controls={visible.length > 0 ? 'search-results' : undefined}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          enterKeyHint="search"
          maxLength={64}
          onInput={onInput}
          onFocus={() => autoFocusing.current || ensureLoaded()}
          onPointerDown={ensureLoaded}
          onKeyDown={onInputKey}
          onCompositionStart={() => (composing.current = true)}
          onCompositionEnd={(e) => {
            composing.current = false;
            setSearched(e.currentTarget.value);
          }}
        />
        <button class="btn" type="submit">
          {t('search.submit')}
        </button>
      </form>
      <p id="search-keys" class="search-keys">
        {t('search.keyboardHint')}
      </p>

      {result && hits.length > 0 && (
        <div class="search-filters" role="group" aria-label={t('search.filters')}>
          <fieldset class="search-kinds">
            <legend>{t('search.filterKind')}</legend>
            {(['', ...KINDS] as (Kind | '')[]).map((k) => (
              <label class="search-chip">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                <span>
                  {k ? kindLabel(k) : t('search.all')}{' '}
                  <span class="search-chip-count">{k ? kindCounts[k] : KINDS.reduce((n, x) => n + kindCounts[x], 0)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {industries.length > 0 && searcher && (
            <label class="search-industry">
              {t('search.filterIndustry')}
              <select value={industry} onChange={(e) => setIndustry(e.currentTarget.value)}>
                <option value="">{t('search.allIndustries')}</option>
                {industries.map(([code, n]) => (
                  <option value={code}>
                    {searcher.industries[code] ?? code}（{n}）
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}

      <p class={`status-line search-status${noResults ? ' search-status-none' : ''}`} role="status" aria-live="polite">
        {statusText}
      </p>
      {status === 'error' && (
        <p class="notice bad" role="alert">
          {t('search.loadFailed')}{' '}
          <button class="btn small secondary" type="button" onClick={ensureLoaded}>
            {t('search.retry')}
          </button>
        </p>
      )}

      {answer && result && (
        <aside class="search-answer" aria-label={t('search.answer')}>
          <p class="search-answer-kind">
            <span class="badge">{kindLabel('term')}</span>
          </p>
          <h2>
            <a href={answer.doc.url}>
              <Marked segments={present(answer, result.query).title} />
            </a>
          </h2>
          {answer.doc.aliases && answer.doc.aliases.length > 0 && (
            <p class="meta">{t('search.aliases', { list: answer.doc.aliases.join('、') })}</p>
          )}
          <p>{answer.doc.text}</p>
          <p>
            <a href={answer.doc.url}>{t('search.openTerm')} →</a>
          </p>
        </aside>
      )}

      {result && visible.length > 0 && (
        <ol class="search-results" id="search-results" ref={list} aria-label={t('search.results')} onKeyDown={onListKey}>
          {visible.map((hit) => {
            const shownHit = present(hit, result.query);
            return (
              <li class={`search-hit kind-${hit.doc.kind}`}>
                <div class="search-hit-meta">
                  <span class="badge">{kindLabel(hit.doc.kind)}</span>
                  {hit.doc.parent && <span>{hit.doc.parent}</span>}
                </div>
                <a class="search-hit-title" href={hit.doc.url} data-result>
                  <Marked segments={shownHit.title} />
                </a>
                <p class="search-hit-snippet">
                  <Marked segments={shownHit.snippet} />
                </p>
                {hit.doc.clauses.length > 0 && (
                  <p class="search-hit-clauses">
                    {t('search.clauses', { list: hit.doc.clauses.slice(0, 6).join('、') + (hit.doc.clauses.length > 6 ? '…' : '') })}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {filtered.length > visible.length && (
        <button class="btn secondary search-more" type="button" onClick={() => setShown((n) => n + PAGE_SIZE)}>
          {t('search.more')}
        </button>
      )}

      {result?.query.text && found === 0 && (
        <div class="search-empty">
          {hits.length > 0 && (
            <p>
              <button
                class="btn small secondary"
                type="button"
                onClick={() => {
                  setKind('');
                  setIndustry('');
                }}
              >
                {t('search.clearFilters')}
              </button>
            </p>
          )}
          {hits.length === 0 && suggestions.length > 0 && (
            <p>
              {t('search.didYouMean')}
              <span class="search-words">{suggestions.map(searchLink)}</span>
            </p>
          )}
          {hits.length === 0 && (
            <>
              <p>
                {t('search.tryThese')}
                <span class="search-words">{POPULAR_QUERIES.filter((w) => !suggestions.includes(w)).map(searchLink)}</span>
              </p>
              <p class="status-line">{t('search.noneTips')}</p>
            </>
          )}
        </div>
      )}
    </div>
  );
}

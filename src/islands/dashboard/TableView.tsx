import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isPercentage, type Cell, type DataTable, type SortState } from '../../lib/stats/export.ts';
import { formatInt } from '../../lib/format.ts';
import { t } from '../../i18n/index.ts';

export interface RowLink {
  href: string;
  onClick?: (e: MouseEvent) => void;
}

interface Props {
  table: DataTable;
  /** Sortable headers when given: the parent keeps the order so that exports follow the screen. */
  sort?: SortState | null;
  onSort?: (column: number) => void;
  /** A link on one column of each row (drill-down). */
  linkColumn?: number;
  link?: (row: Cell[], index: number) => RowLink | null;
  highlight?: (row: Cell[]) => boolean;
  /** Show the table's note under it (default true). */
  showNote?: boolean;
  /** Which columns get a sort button (default: all, when onSort is given). */
  sortable?: (column: number) => boolean;
  /** The row header column (default: the last text column). */
  rowHeaderColumn?: number;
}

export function Pct({ value, long = false }: { value: Cell; long?: boolean }) {
  if (!isPercentage(value)) return <span>—</span>;
  const basis = long
    ? t('stats.percentBasisLong', { n: value.numerator, d: value.denominator })
    : t('stats.percentBasis', { n: value.numerator, d: value.denominator });
  return (
    <span class="pct">
      <span class="pct-value">{value.text}</span>
      <span class="pct-basis">{basis}</span>
    </span>
  );
}

/**
 * A percentage in a table cell: the figure, and under it its numerator and denominator, as text in the cell and one
 * small element (the province comparison has 68 of them: three nested elements each made it the heaviest part of
 * the dashboard to build).
 */
function percentCell(value: Cell): ComponentChildren {
  if (!isPercentage(value)) return '—';
  return (
    <>
      {value.text}
      <small class="pct-basis">{t('stats.percentBasis', { n: value.numerator, d: value.denominator })}</small>
    </>
  );
}

function CellView({ value, kind }: { value: Cell; kind: string }): ComponentChildren {
  if (kind === 'percent') return percentCell(value);
  if (typeof value === 'number') return formatInt(value);
  if (value === null || value === '') return '—';
  return String(value);
}

/**
 * The names of the columns a table that scrolls sideways does not show right now (a phone shows two or three
 * of five): said above the table, so nobody misses 培训人数 off to the right.
 */
function useHiddenColumns(deps: unknown[]) {
  const ref = useRef<HTMLTableElement>(null);
  const [hidden, setHidden] = useState<string[]>([]);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const left = el.scrollLeft;
      const right = left + el.clientWidth;
      const off = Array.from(el.querySelectorAll<HTMLElement>('thead th')).filter(
        (th) => th.offsetLeft + th.offsetWidth * 0.6 > right || th.offsetLeft + th.offsetWidth * 0.4 < left,
      );
      const names = off.map((th) => (th.textContent ?? '').replace(/[↕▲▼]/g, '').trim());
      setHidden((prev) => (prev.join('|') === names.join('|') ? prev : names));
      // wider than its box but no column mostly out of view (large text, a long cell): still say it scrolls
      setScrolls(el.scrollWidth > el.clientWidth + 1);
    };
    el.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    // Also the first measure: a ResizeObserver reports a shown element once right after its layout (no forced
    // layout of its own), and a table in a closed <details> when it opens. Larger text widens the columns
    // without resizing the window.
    const sized = new ResizeObserver(measure);
    sized.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
      sized.disconnect();
    };
  }, deps);
  return { ref, hidden, scrolls };
}

/** An accessible HTML table for a DataTable: caption, column headers, row headers, numbers right-aligned. */
export function TableView({ table, sort, onSort, linkColumn, link, highlight, showNote = true, sortable, rowHeaderColumn }: Props) {
  const { ref, hidden, scrolls } = useHiddenColumns([table]);
  // The row header is the name column: the last text column (codes come before names).
  const rowHeader = rowHeaderColumn ?? table.columns.map((c) => c.kind).lastIndexOf('text');
  return (
    <div class={`dash-table-wrap${hidden.length ? ' is-clipped' : ''}`}>
      {(hidden.length > 0 || scrolls) && (
        <p class="dash-scroll-hint" data-testid={`scroll-hint-${table.id}`}>
          <span aria-hidden="true">⇆ </span>
          {hidden.length > 0 ? t('regulator.scrollHint', { columns: hidden.join('、') }) : t('regulator.scrollHintPlain')}
        </p>
      )}
      <table class="dash-table" data-testid={`table-${table.id}`} ref={ref}>
        <caption class="visually-hidden">{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => {
              const active = sort?.column === i;
              const canSort = Boolean(onSort) && (sortable?.(i) ?? true);
              const ariaSort = active ? (sort!.descending ? 'descending' : 'ascending') : canSort ? 'none' : undefined;
              return (
                <th scope="col" class={c.kind === 'text' ? '' : 'num'} aria-sort={ariaSort}>
                  {canSort ? (
                    <button type="button" class="sort-btn" onClick={() => onSort!(i)} title={t('regulator.sortBy', { column: c.label })}>
                      {c.label}
                      <span aria-hidden="true">{active ? (sort!.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => {
            const target = link?.(row, r) ?? null;
            return (
              <tr class={highlight?.(row) ? 'is-focus' : undefined}>
                {row.map((value, i) => {
                  const kind = table.columns[i]?.kind ?? 'text';
                  const content =
                    i === linkColumn && target ? (
                      <a href={target.href} onClick={target.onClick}>
                        {CellView({ value, kind })}
                      </a>
                    ) : (
                      CellView({ value, kind })
                    );
                  const cls = kind === 'text' ? undefined : kind === 'percent' ? 'num pct-cell' : 'num';
                  return i === rowHeader ? <th scope="row">{content}</th> : <td class={cls}>{content}</td>;
                })}
              </tr>
            );
          })}
          {table.rows.length === 0 && (
            <tr>
              <td colSpan={table.columns.length}>{t('regulator.noData')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {showNote && table.note && <p class="dash-note">{table.note}</p>}
    </div>
  );
}

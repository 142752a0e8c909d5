import { useMemo, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { filterSectors, SECTOR_OPTIONS } from '../lib/iaf-sectors.ts';

interface Props {
  /** id of the <select>; the filter box is `${id}-filter` */
  id: string;
  name?: string;
  value: string;
  onChange: (code: string) => void;
  /** the empty option's text ("请选择" / "全部行业") */
  emptyLabel: string;
  invalid?: boolean;
  describedBy?: string;
}

/**
 * The industry (IAF/EA sector) picker: everyday words first, in code order, and a box to type a word
 * ("餐馆", "服装") that narrows the list. One match is chosen at once. Used by registration and the
 * regulator's sector filter. The caller labels the <select> (for={id}).
 */
export default function SectorPicker(props: Props) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => filterSectors(query), [query]);
  // the chosen sector stays in the list even when the filter would hide it, so the select never lies
  const shown =
    props.value && !matches.some((s) => s.code === props.value)
      ? [...SECTOR_OPTIONS.filter((s) => s.code === props.value), ...matches]
      : matches;

  function onFilter(value: string) {
    setQuery(value);
    const found = filterSectors(value);
    if (value.trim() && found.length === 1 && found[0].code !== props.value) props.onChange(found[0].code);
  }

  return (
    <div class="sector-picker">
      <input
        type="search"
        id={`${props.id}-filter`}
        value={query}
        onInput={(e) => onFilter(e.currentTarget.value)}
        placeholder={t('sector.filterPlaceholder')}
        aria-label={t('sector.filterLabel')}
        aria-controls={props.id}
        autocomplete="off"
        enterkeyhint="done"
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
      />
      <select
        id={props.id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
      >
        <option value="">{query.trim() ? t('sector.matches', { n: matches.length }) : props.emptyLabel}</option>
        {shown.map((s) => (
          <option value={s.code}>{s.label}</option>
        ))}
      </select>
      {query.trim() !== '' && matches.length === 0 && (
        <span class="hint" role="status">
          {t('sector.noMatch')}
        </span>
      )}
    </div>
  );
}

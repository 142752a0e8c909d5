import type { PeriodKind } from '../../lib/stats/keys.ts';
import { t } from '../../i18n/index.ts';
import { periodKey, periodParts, pickerYears } from './period.ts';

const KINDS: PeriodKind[] = ['year', 'quarter', 'month', 'all'];

/** Year / quarter / month / whole programme; every change is applied at once. */
export function PeriodPicker({
  value,
  onChange,
  idPrefix = 'period',
}: {
  value: string;
  onChange: (key: string) => void;
  idPrefix?: string;
}) {
  const parts = periodParts(value);
  const set = (patch: Partial<typeof parts>) => onChange(periodKey({ ...parts, ...patch }));
  return (
    <fieldset class="dash-period filters">
      <legend>{t('stats.period.legend')}</legend>
      <div class="dash-field">
        <label for={`${idPrefix}-kind`}>{t('stats.period.kind')}</label>
        <select id={`${idPrefix}-kind`} value={parts.kind} onChange={(e) => set({ kind: e.currentTarget.value as PeriodKind })}>
          {KINDS.map((k) => (
            <option value={k}>{t(`stats.period.kind.${k}` as 'stats.period.kind.year')}</option>
          ))}
        </select>
      </div>
      {parts.kind !== 'all' && (
        <div class="dash-field">
          <label for={`${idPrefix}-year`}>{t('stats.period.year')}</label>
          <select id={`${idPrefix}-year`} value={String(parts.year)} onChange={(e) => set({ year: Number(e.currentTarget.value) })}>
            {pickerYears(parts.year).map((y) => (
              <option value={String(y)}>{t('stats.period.yearOption', { year: y })}</option>
            ))}
          </select>
        </div>
      )}
      {parts.kind === 'quarter' && (
        <div class="dash-field">
          <label for={`${idPrefix}-quarter`}>{t('stats.period.quarter')}</label>
          <select
            id={`${idPrefix}-quarter`}
            value={String(parts.quarter)}
            onChange={(e) => set({ quarter: Number(e.currentTarget.value) })}
          >
            {[1, 2, 3, 4].map((q) => (
              <option value={String(q)}>{t(`stats.period.q${q}` as 'stats.period.q1')}</option>
            ))}
          </select>
        </div>
      )}
      {parts.kind === 'month' && (
        <div class="dash-field">
          <label for={`${idPrefix}-month`}>{t('stats.period.month')}</label>
          <select id={`${idPrefix}-month`} value={String(parts.month)} onChange={(e) => set({ month: Number(e.currentTarget.value) })}>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option value={String(m)}>{t('stats.period.monthOption', { month: m })}</option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}

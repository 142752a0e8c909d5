/**
 * Readiness per area as horizontal bars (plain CSS, no chart library), with an optional second bar for the
 * "before" of a comparison. The bars are decoration for sighted readers: the table beside them carries the
 * numbers for everyone, so the chart is aria-hidden.
 */
export interface Bar {
  label: string;
  value: number | null;
  before?: number | null;
}

export function ScoreBars({ bars, beforeLabel, afterLabel }: { bars: Bar[]; beforeLabel?: string; afterLabel?: string }) {
  const pair = bars.some((b) => b.before !== undefined);
  return (
    <div class="score-bars" aria-hidden="true">
      {pair && (
        <p class="score-legend">
          <span class="swatch before" /> {beforeLabel} <span class="swatch" /> {afterLabel}
        </p>
      )}
      {bars.map((b) => (
        <div class="score-bar-row">
          <span class="score-bar-label">{b.label}</span>
          <span class="score-bar-track">
            {pair && <span class="score-bar before" style={{ width: `${b.before ?? 0}%` }} />}
            <span class={`score-bar ${b.value !== null && b.value < 50 ? 'low' : ''}`} style={{ width: `${b.value ?? 0}%` }} />
          </span>
          <span class="score-bar-value">{b.value ?? '—'}</span>
        </div>
      ))}
    </div>
  );
}

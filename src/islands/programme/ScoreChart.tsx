/** A plain SVG bar chart of provincial totals (no chart library: 32 bars, light on a weak network). */
export function ScoreChart({
  rows,
  median,
  max,
  label,
}: {
  rows: { name: string; total: number }[];
  median: number;
  max: number;
  label: string;
}) {
  const barH = 18;
  const gap = 6;
  const left = 96;
  const width = 360;
  const inner = width - left - 40;
  const height = rows.length * (barH + gap) + 24;
  const x = (v: number) => left + (max > 0 ? (v / max) * inner : 0);
  return (
    <svg class="score-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="score-chart">
      {rows.map((r, i) => {
        const y = i * (barH + gap);
        return (
          <g>
            <text x={left - 6} y={y + barH - 5} text-anchor="end" font-size="11">
              {r.name.length > 7 ? `${r.name.slice(0, 7)}…` : r.name}
            </text>
            <rect x={left} y={y} width={Math.max(1, x(r.total) - left)} height={barH} fill="#0b6bcb" rx="2" />
            <text x={x(r.total) + 4} y={y + barH - 5} font-size="11">
              {r.total}
            </text>
          </g>
        );
      })}
      <line x1={x(median)} x2={x(median)} y1={0} y2={height - 20} stroke="#e8833a" stroke-width="2" stroke-dasharray="4 3" />
      <text x={x(median)} y={height - 6} font-size="11" text-anchor="middle" fill="#b45309">
        中位数 {median}
      </text>
    </svg>
  );
}

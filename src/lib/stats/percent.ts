/** A percentage as published: numerator, denominator, and the value rounded half up to two decimals. */
export interface Percentage { numerator: number; denominator: number; percent: number | null; text: string }

export function roundHalfUp(value: number, decimals = 2): number {
  // Shift through the decimal string so that 1.005 rounds to 1.01 (binary floating point would give 1.00).
  const shifted = Number(`${Math.abs(value).toFixed(12)}e${decimals}`);
  return (Math.sign(value) * Math.round(shifted)) / 10 ** decimals;
}

export function percentage(numerator: number, denominator: number): Percentage {
  if (denominator <= 0) return { numerator, denominator, percent: null, text: '—' };
  const percent = roundHalfUp((numerator / denominator) * 100);
  return { numerator, denominator, percent, text: `${percent.toFixed(2)}%` };
}

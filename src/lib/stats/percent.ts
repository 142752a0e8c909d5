import { roundHalfUp } from '../rounding.ts';

/** A percentage as published: numerator, denominator, and the value rounded half up to two decimals. */
export interface Percentage {
  numerator: number;
  denominator: number;
  percent: number | null;
  text: string;
}

export { roundHalfUp };

export function percentage(numerator: number, denominator: number): Percentage {
  if (denominator <= 0) return { numerator, denominator, percent: null, text: '—' };
  const percent = roundHalfUp((numerator / denominator) * 100);
  return { numerator, denominator, percent, text: `${percent.toFixed(2)}%` };
}

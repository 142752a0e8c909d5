/**
 * Rounding half up (half away from zero) to a number of decimals: quiz scores, published percentages, video
 * positions. Shifting through the decimal string makes 1.005 round to 1.01 (binary floating point: 1.00).
 */
export function roundHalfUp(value: number, decimals = 2): number {
  const shifted = Number(`${Math.abs(value).toFixed(12)}e${decimals}`);
  return (Math.sign(value) * Math.round(shifted)) / 10 ** decimals;
}

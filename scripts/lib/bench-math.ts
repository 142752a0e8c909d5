/**
 * The benchmarks' pure helpers (unit-tested in tests/unit/bench-math.test.ts): latency percentiles, a
 * seeded random sequence so every run generates the same data, and the synthetic ids and USCC codes.
 */
import { USCC_ALPHABET, usccCheckCharacter } from '../../src/lib/uscc.ts';

/** Nearest-rank percentile (p in 0..100) of ascending values; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Lehmer (Park–Miller) generator: the same sequence of numbers in [0, 1) for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** A 15-character PocketBase record id: prefix and n in base 36. */
export const benchId = (prefix: string, n: number) => prefix + n.toString(36).padStart(14, '0');

/** A valid USCC for enterprise n in a county: 91 + county + n as a 9-character organisation code + check character. */
export function benchUscc(county: string, n: number): string {
  let org = '';
  for (let i = 0; i < 9; i++) {
    org = USCC_ALPHABET[n % 31] + org;
    n = Math.floor(n / 31);
  }
  const first17 = `91${county}${org}`;
  return first17 + usccCheckCharacter(first17);
}

import { describe, expect, it } from 'vitest';
import { benchId, benchUscc, percentile, seededRandom } from '../../scripts/lib/bench-math.ts';
import { validateUscc } from '../../src/lib/uscc.ts';

describe('benchmark helpers', () => {
  it('percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBe(0);
  });
  it('repeats the same random sequence for the same seed', () => {
    const a = seededRandom(20261128);
    const b = seededRandom(20261128);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('makes distinct record ids and valid USCC codes', () => {
    expect(benchId('e', 35)).toBe('e0000000000000z');
    expect(benchId('e', 35)).toHaveLength(15);
    const codes = [0, 1, 961, 999_999].map((n) => benchUscc('330502', n));
    expect(new Set(codes).size).toBe(4);
    for (const code of codes) expect(validateUscc(code).ok).toBe(true);
  });
});

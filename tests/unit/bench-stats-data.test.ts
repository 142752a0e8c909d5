import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { hashSql } from '../../scripts/lib/bench-stats-data.ts';

// The national bench's data are drawn by this SQL hash of row numbers: if it were constant, linear or
// correlated between streams, enterprises would pile into a few counties or every sector would follow the county.
describe('bench data hash (SQL)', () => {
  const db = new DatabaseSync(':memory:');
  const draw = (stream: number, n: number, buckets: number) =>
    (
      db
        .prepare(
          `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${n - 1}) SELECT ${hashSql('i', stream)} % ${buckets} AS b FROM s`,
        )
        .all() as { b: number }[]
    ).map((r) => r.b);

  it('is deterministic, within 64-bit integers and in range', () => {
    expect(draw(1, 1000, 1 << 30)).toEqual(draw(1, 1000, 1 << 30));
    for (const v of draw(3, 10_000, 2147483647)) {
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
    // the largest row numbers of the national bench stay exact integers (no overflow to floating point)
    const big = db.prepare(`SELECT typeof(${hashSql('9999999', 9)}) AS t, ${hashSql('9999999', 9)} AS v`).get() as { t: string; v: number };
    expect(big.t).toBe('integer');
  });

  it('spreads rows evenly over buckets', () => {
    const counts = new Array(50).fill(0);
    for (const b of draw(1, 50_000, 50)) counts[b]++;
    // 1,000 expected per bucket; a fair draw stays well within ±20 %
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });

  it('gives independent draws for two streams of the same row', () => {
    const a = draw(1, 40_000, 20);
    const b = draw(2, 40_000, 20);
    const pairs = new Map<string, number>();
    a.forEach((x, i) => pairs.set(`${x},${b[i]}`, (pairs.get(`${x},${b[i]}`) ?? 0) + 1));
    // 400 combinations, 100 expected each: every one occurs and none dominates
    expect(pairs.size).toBe(400);
    expect(Math.max(...pairs.values())).toBeLessThan(160);
  });
});

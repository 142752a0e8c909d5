/**
 * The SQL form of "helped in the period" (helpedInPeriodSql, used to count helped enterprises per province in
 * one query) must agree with helpedInPeriod, the definition, on every boundary: accepted at the very end of a
 * period, finished at its very start, never accepted, still active, and the whole programme ("all").
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { helpedInPeriod, helpedInPeriodSql, helpedRangeParams, periodRange } from '../../src/lib/assistance/helped.ts';
import { parsePeriod } from '../../src/lib/stats/keys.ts';
import { toPbDate } from '../../src/lib/beijing-time.ts';

describe('helpedInPeriodSql', () => {
  it('agrees with helpedInPeriod for instants around every period boundary', () => {
    const db = new DatabaseSync(':memory:');
    db.exec("CREATE TABLE a (accepted_at TEXT DEFAULT '', finished_at TEXT DEFAULT '')");
    const periods = ['2026', '2026-Q1', '2026-02', '2025-12', 'all'].map((p) => parsePeriod(p)!);
    // Instants: each boundary (Beijing midnight) and one millisecond either side, plus unset.
    const edges = periods.flatMap((p) => {
      const r = periodRange(p);
      return r ? [r.start, r.end].flatMap((d) => [d.getTime() - 1, d.getTime(), d.getTime() + 1]) : [];
    });
    const instants: (number | null)[] = [null, ...edges];
    const stmt = (_p: (typeof periods)[number]) =>
      db.prepare(`SELECT ${helpedInPeriodSql().replace(/\{:(\w+)\}/g, ':$1')} AS x FROM a WHERE rowid = ?`);
    let checked = 0;
    for (const accepted of instants) {
      for (const finished of instants) {
        if (accepted !== null && finished !== null && finished < accepted) continue;
        db.exec('DELETE FROM a');
        db.prepare('INSERT INTO a (rowid, accepted_at, finished_at) VALUES (1, ?, ?)').run(
          accepted === null ? '' : toPbDate(accepted),
          finished === null ? '' : toPbDate(finished),
        );
        for (const p of periods) {
          const range = periodRange(p);
          const expected = helpedInPeriod(
            {
              enterprise: 'e',
              acceptedAt: accepted === null ? null : new Date(accepted).toISOString(),
              finishedAt: finished === null ? null : new Date(finished).toISOString(),
            },
            range,
          );
          const got = (stmt(p).get({ ...helpedRangeParams(range) }, 1) as { x: number }).x;
          expect(Boolean(got), `accepted ${accepted}, finished ${finished}, ${p.key}`).toBe(expected);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

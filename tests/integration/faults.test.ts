/**
 * The crash test of `npm run bench:faults` at a small size (scripts/lib/faults.ts, docs/faults.md): learners
 * and a trainer write while PocketBase is killed with SIGKILL and restarted on the same data directory; every
 * acknowledged write must be there once, and every counter must equal the recount. It runs its own server
 * (the suite's shared one is not killed). About 15 s on a quiet machine: two server starts and 6 s of load.
 */
import { describe, expect, it } from 'vitest';
import { runFaults } from '../../scripts/lib/faults.ts';

describe('a server killed mid-write loses and duplicates nothing that was acknowledged', () => {
  it('SIGKILL under load, restart, clients retry: acknowledged writes present once, counters equal a recount', async () => {
    const r = await runFaults({ learners: 8, trainers: 1, durationS: 6, kills: 1, history: 300, resend: 0.3 });
    expect(r.errors).toEqual([]);
    expect(r.inFlightAtKill[0]).toBeGreaterThan(0); // the kill landed while requests were under way
    expect(r.acknowledged).toBeGreaterThan(20);
    expect(r.resent).toBeGreaterThan(0);
    expect({ lost: r.lost, duplicated: r.duplicated, mismatches: r.mismatches }).toEqual({ lost: 0, duplicated: 0, mismatches: [] });
    expect(r.aggregates_match).toBe(true);
    expect(r.byKind['course completed'].acknowledged).toBeGreaterThan(0);
    expect(r.byKind['session recorded'].acknowledged).toBeGreaterThan(0);
  }, 120_000);
});

/**
 * The trained-enterprise summaries (src/lib/stats/enterprise-periods.ts): hand-computed rows, the rows kept one
 * completion at a time (in any recording order) and after revocations equal the recount, and which ranges of the
 * list a summary period answers.
 */
import { describe, expect, it } from 'vitest';
import {
  enterpriseInsertRows,
  enterpriseRowsOfKeys,
  listKeysOf,
  listPeriodOf,
  listPeriodsOf,
  recountEnterpriseRows,
  summaryKey,
  type EnterpriseTotals,
  type ListFacts,
} from '../../src/lib/stats/enterprise-periods.ts';
import { monthOf } from '../../src/lib/stats/keys.ts';
import { parsePbDate } from '../../src/lib/beijing-time.ts';

const HUZHOU = { province: '33', prefecture: '3305', county: '330502' };
const HANGZHOU = { province: '33', prefecture: '3301', county: '330106' };
const CORPS = { province: '66', prefecture: '6590', county: '659001' };

function completion(user: string, enterprise: string, at: string, place = HUZHOU, month?: string): ListFacts {
  return { user, enterprise, ...place, month: month ?? monthOf(parsePbDate(at)!), completedAt: at };
}

/** Applies rows as the server's upsert does (completions and people added, last the later). */
function applyInserts(store: Map<string, EnterpriseTotals>, f: ListFacts, counted: readonly ListFacts[]) {
  const same = counted.filter((o) => o.user === f.user && o.enterprise === f.enterprise);
  for (const r of enterpriseInsertRows(f, same)) {
    const key = summaryKey(r.region, r.period, r.enterprise);
    const row = store.get(key) ?? { attendeeTimes: 0, attendees: 0, lastCompletion: '' };
    store.set(key, {
      attendeeTimes: row.attendeeTimes + r.attendeeTimes,
      attendees: row.attendees + r.attendees,
      lastCompletion: [row.lastCompletion, r.lastCompletion].sort()[1], // the later instant (text sorts as time)
    });
  }
}

/** Applies a refresh as the server does (absolute values, rows without completions deleted). */
function applyRefresh(store: Map<string, EnterpriseTotals>, enterpriseCompletions: readonly ListFacts[], keys: Iterable<string>) {
  for (const r of enterpriseRowsOfKeys(enterpriseCompletions, keys)) {
    const key = summaryKey(r.region, r.period, r.enterprise);
    if (r.attendeeTimes === 0) store.delete(key);
    else store.set(key, { attendeeTimes: r.attendeeTimes, attendees: r.attendees, lastCompletion: r.lastCompletion });
  }
}

describe('trained-enterprise summaries', () => {
  it('counts completions, distinct people and the last completion per region level and period (hand-computed)', () => {
    const rows = recountEnterpriseRows([
      completion('u1', 'e1', '2026-03-01 02:00:00.000Z'),
      completion('u1', 'e1', '2026-05-01 02:00:00.000Z'),
      completion('u2', 'e1', '2026-05-02 02:00:00.000Z'),
      // 23:30 UTC on 31 December 2025 is 1 January 2026 in Beijing: year 2026
      completion('u3', 'e1', '2025-12-31 23:30:00.000Z'),
      completion('u4', 'e1', '2025-06-01 02:00:00.000Z'),
      // the enterprise moved to Hangzhou: same province, another prefecture and county
      completion('u1', 'e1', '2026-07-01 02:00:00.000Z', HANGZHOU),
      completion('u5', 'e2', '2026-07-01 03:00:00.000Z', CORPS),
    ]);
    expect(rows.get('33|2026|e1')).toEqual({ attendeeTimes: 5, attendees: 3, lastCompletion: '2026-07-01 02:00:00.000Z' });
    expect(rows.get('3305|2026|e1')).toEqual({ attendeeTimes: 4, attendees: 3, lastCompletion: '2026-05-02 02:00:00.000Z' });
    expect(rows.get('330106|2026|e1')).toEqual({ attendeeTimes: 1, attendees: 1, lastCompletion: '2026-07-01 02:00:00.000Z' });
    expect(rows.get('33|2025|e1')).toEqual({ attendeeTimes: 1, attendees: 1, lastCompletion: '2025-06-01 02:00:00.000Z' });
    expect(rows.get('33|all|e1')).toEqual({ attendeeTimes: 6, attendees: 4, lastCompletion: '2026-07-01 02:00:00.000Z' });
    expect(rows.get('66|2026|e2')).toEqual({ attendeeTimes: 1, attendees: 1, lastCompletion: '2026-07-01 03:00:00.000Z' });
    expect(rows.has('|2026|e1')).toBe(false); // no national rows
    // e1: 33, 3305, 330502 x (2025, 2026, all); 3301, 330106 x (2026, all); e2: 66, 6590, 659001 x (2026, all)
    expect(rows.size).toBe(9 + 4 + 6);
  });

  it('leaves a completion whose stored month disagrees with its instant out of every year', () => {
    const edited = completion('u1', 'e1', '2026-03-01 02:00:00.000Z', HUZHOU, '2025-12');
    expect(listPeriodsOf(edited)).toEqual(['all']);
    expect(listKeysOf(edited)).toEqual(['33|all|e1', '3305|all|e1', '330502|all|e1']);
    expect(listPeriodsOf(completion('u1', 'e1', '2025-12-31 23:30:00.000Z'))).toEqual(['2026', 'all']);
  });

  it('a session recorded late, a revocation of someone’s only completion and its reinstatement stay exact', () => {
    const store = new Map<string, EnterpriseTotals>();
    const counted: ListFacts[] = [];
    const add = (f: ListFacts) => {
      applyInserts(store, f, counted);
      counted.push(f);
    };
    add(completion('u1', 'e1', '2026-05-01 02:00:00.000Z'));
    add(completion('u2', 'e1', '2026-05-02 02:00:00.000Z'));
    // recorded afterwards, dated earlier: the last completion stays 2 May
    add(completion('u2', 'e1', '2026-03-01 02:00:00.000Z'));
    expect(store.get('33|2026|e1')).toEqual({ attendeeTimes: 3, attendees: 2, lastCompletion: '2026-05-02 02:00:00.000Z' });
    // u1's only completion revoked: one person and one completion fewer
    const revoked = counted.splice(0, 1)[0];
    applyRefresh(store, counted, listKeysOf(revoked));
    expect(store.get('33|2026|e1')).toEqual({ attendeeTimes: 2, attendees: 1, lastCompletion: '2026-05-02 02:00:00.000Z' });
    // u2's latest revoked: the last completion moves back
    const latest = counted.splice(0, 1)[0];
    applyRefresh(store, counted, listKeysOf(latest));
    expect(store.get('33|2026|e1')).toEqual({ attendeeTimes: 1, attendees: 1, lastCompletion: '2026-03-01 02:00:00.000Z' });
    // every completion gone: the rows go
    const last = counted.splice(0, 1)[0];
    applyRefresh(store, counted, listKeysOf(last));
    expect(store.size).toBe(0);
    // reinstated
    counted.push(revoked);
    applyRefresh(store, counted, listKeysOf(revoked));
    expect(store).toEqual(recountEnterpriseRows(counted));
  });

  it('kept one completion at a time in random recording order, with revocations and edits, equals the recount', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const places = [HUZHOU, HANGZHOU, CORPS, { province: '33', prefecture: '3305', county: '330523' }];
    const pad = (n: number) => String(n).padStart(2, '0');
    for (let trial = 0; trial < 150; trial++) {
      const store = new Map<string, EnterpriseTotals>();
      const counted: ListFacts[] = [];
      for (let step = 0; step < 40; step++) {
        const action = random(10);
        if (action < 7 || counted.length === 0) {
          const year = 2025 + random(2);
          const at = `${year}-${pad(1 + random(12))}-${pad(1 + random(28))} ${pad([0, 15, 16, 23][random(4)])}:${pad(random(60))}:00.000Z`;
          const f = completion(
            `u${random(6)}`,
            `e${random(3)}`,
            at,
            places[random(places.length)],
            random(20) === 0 ? '2024-01' : undefined,
          );
          applyInserts(store, f, counted);
          counted.push(f);
        } else if (action < 9) {
          // revoked or deleted: leaves, its enterprise's rows recounted
          const [gone] = counted.splice(random(counted.length), 1);
          applyRefresh(
            store,
            counted.filter((o) => o.enterprise === gone.enterprise),
            listKeysOf(gone),
          );
        } else {
          // an admin edit of the date and region: leaves with its old facts, re-enters with the new ones
          const i = random(counted.length);
          const old = counted[i];
          const moved = completion(old.user, old.enterprise, `2026-${pad(1 + random(12))}-10 08:00:00.000Z`, places[random(places.length)]);
          counted[i] = moved;
          const mine = counted.filter((o) => o.enterprise === old.enterprise);
          applyRefresh(store, mine, listKeysOf(old));
          applyRefresh(store, mine, listKeysOf(moved));
        }
      }
      expect(store, `trial ${trial}`).toEqual(recountEnterpriseRows(counted));
    }
  });

  it('answers the list from a summary period only for whole years, the year so far and all time', () => {
    expect(listPeriodOf(null)).toEqual({ kind: 'all', period: 'all', complete: true });
    expect(listPeriodOf({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ kind: 'year', period: '2025', complete: true });
    expect(listPeriodOf({ from: '2026-01-01', to: '2026-12-01' })).toEqual({ kind: 'year', period: '2026', complete: false });
    expect(listPeriodOf({ from: '2026-01-01', to: '2026-01-01' })).toEqual({ kind: 'year', period: '2026', complete: false });
    expect(listPeriodOf({ from: '2026-01-02', to: '2026-12-01' })).toBeNull();
    expect(listPeriodOf({ from: '2025-01-01', to: '2026-03-31' })).toBeNull();
    expect(listPeriodOf({ from: '2026-04-01', to: '2026-06-30' })).toBeNull(); // a quarter: the scan
    expect(listPeriodOf({ from: '2026-03-01', to: '2026-03-31' })).toBeNull(); // a month: the scan
  });
});

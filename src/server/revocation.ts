import { dayDifference } from '../lib/stats/day-firsts.ts';
import { revocationDeltas } from '../lib/stats/keys.ts';
import { addDeltas, factsOf } from './stats-aggregates.ts';
import { addDayDeltas, dayFactsOf } from './stats-days.ts';

/**
 * The counters change by the difference one completion makes among the completions that share its person or
 * enterprise (see revocationDeltas), so distinct counts stay exact without recomputing whole periods.
 * `leaving`: the completion leaves the statistics (revoked or deleted) rather than re-entering them.
 */
function applyDifference(tx: PbApp, record: PbRecord, leaving: boolean): void {
  // In the order of a rebuild's "first in the period": completion time, then id.
  const related = tx.findRecordsByFilter(
    'completions',
    '(user = {:user} || enterprise = {:enterprise}) && (revoked = false || id = {:id})',
    '+completed_at,+id',
    0,
    0,
    { user: record.getString('user'), enterprise: record.getString('enterprise'), id: record.id },
  );
  const target = related.findIndex((r) => r.id === record.id);
  if (target < 0) return;
  addDeltas(tx, revocationDeltas(related.map(factsOf), target, leaving));
  // The per-day firsts of the custom ranges move by the same kind of difference (src/lib/stats/day-firsts.ts).
  addDayDeltas(tx, dayDifference(related.map(dayFactsOf), target, leaving));
}

/**
 * A revoked (or reinstated) completion leaves (or re-enters) the statistics. Called by the update hook after
 * the record is saved, with the transaction that saves it, so the change and the counters commit together.
 */
export function onCompletionRevoked(tx: PbApp, record: PbRecord, wasRevoked: boolean): void {
  const leaving = record.getBool('revoked');
  if (leaving === wasRevoked) return;
  applyDifference(tx, record, leaving);
}

/**
 * A deleted completion leaves the statistics (a revoked one has already left). Called by the delete hook
 * before the row goes, in the transaction that deletes it.
 */
export function onCompletionDeleted(tx: PbApp, record: PbRecord): void {
  if (record.getBool('revoked')) return;
  applyDifference(tx, record, true);
}

import { revocationDeltas } from '../lib/stats/keys.ts';
import { addDeltas, factsOf } from './stats-aggregates.ts';

/**
 * A revoked (or reinstated) completion leaves (or re-enters) the statistics at once: the counters change by
 * the difference it makes among the completions that share its person or enterprise (see revocationDeltas),
 * so distinct counts stay exact without recomputing whole periods.
 */
export function onCompletionRevoked(app: PbApp, record: PbRecord, wasRevoked: boolean): void {
  const leaving = record.getBool('revoked');
  if (leaving === wasRevoked) return;
  app.runInTransaction((tx) => {
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
    addDeltas(tx, revocationDeltas(related.map(factsOf), target, leaving));
  });
}

import { periodsOfMonth } from '../lib/stats/keys.ts';
import { rebuildStats } from './stats-aggregates.ts';

/**
 * A revoked (or reinstated) completion leaves the statistics: the periods it belonged to are recomputed
 * from raw completions, so distinct counts stay exact.
 */
export function onCompletionRevoked(app: PbApp, record: PbRecord, wasRevoked: boolean): void {
  if (record.getBool('revoked') === wasRevoked) return;
  rebuildStats(app, periodsOfMonth(record.getString('month')));
}

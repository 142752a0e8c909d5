import { dayDifference, type DayFacts } from '../lib/stats/day-firsts.ts';
import { revocationDeltas, type CompletionFacts } from '../lib/stats/keys.ts';
import { addDeltas, factsOf } from './stats-aggregates.ts';
import { addDayDeltas, dayFactsOf } from './stats-days.ts';
import { listKeysOf, type ListFacts } from '../lib/stats/enterprise-periods.ts';
import { listFactsOf, refreshEnterpriseRows } from './stats-enterprises.ts';

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
  // The trained-enterprise summaries of its rows, recounted over the enterprise's counted completions as they
  // now are (`related` holds every one of them, and the target, which counts unless it is leaving).
  const enterprise = record.getString('enterprise');
  const counted = related.filter((r, i) => r.getString('enterprise') === enterprise && (i !== target || !leaving)).map(listFactsOf);
  refreshEnterpriseRows(tx, counted, listKeysOf(listFactsOf(record)));
}

/**
 * A revoked (or reinstated) completion leaves (or re-enters) the statistics. Called by the update hook after
 * the record is saved, with the transaction that saves it, so the change and the counters commit together.
 * `before`: the record's statistics facts as they were before the update (read by the hook before saving);
 * when an edit changes them (a superuser corrects the date or the region in the admin UI), the completion
 * leaves with its old facts and re-enters with its new ones, so counters and day rows stay exact.
 */
export function onCompletionRevoked(tx: PbApp, record: PbRecord, wasRevoked: boolean, before?: CompletionSnapshot): void {
  const counted = !record.getBool('revoked');
  if (before && factsChanged(before, record)) {
    if (!wasRevoked) leaveWithOldFacts(tx, record.id, before);
    if (counted) applyDifference(tx, record, false);
    return;
  }
  if (counted !== wasRevoked) return;
  applyDifference(tx, record, !counted);
}

/** What the statistics read from a completion, as it was before an update. */
export interface CompletionSnapshot {
  facts: CompletionFacts;
  day: DayFacts;
}

/** The statistics facts of a record (call on e.record.original() before the save). */
export function completionSnapshot(record: PbRecord): CompletionSnapshot {
  return { facts: factsOf(record), day: dayFactsOf(record) };
}

function factsChanged(before: CompletionSnapshot, record: PbRecord): boolean {
  const now = completionSnapshot(record);
  return JSON.stringify([before.facts, before.day]) !== JSON.stringify([now.facts, now.day]);
}

/**
 * The completion leaves with the facts it had: the difference it made among the completions that shared its
 * old person or enterprise (as stored now, without it), computed from its old facts at its old place in
 * completion order.
 */
function leaveWithOldFacts(tx: PbApp, id: string, before: CompletionSnapshot): void {
  const others = tx.findRecordsByFilter(
    'completions',
    '(user = {:user} || enterprise = {:enterprise}) && revoked = false && id != {:id}',
    '+completed_at,+id',
    0,
    0,
    { user: before.facts.user, enterprise: before.facts.enterprise, id },
  );
  const key = (at: string, rid: string) => `${at}|${rid}`;
  const mine = key(before.day.completedAt, id);
  let target = others.findIndex((r) => key(r.getString('completed_at'), r.id) > mine);
  if (target < 0) target = others.length;
  const facts = others.map(factsOf);
  const days = others.map(dayFactsOf);
  facts.splice(target, 0, before.facts);
  days.splice(target, 0, before.day);
  addDeltas(tx, revocationDeltas(facts, target, true));
  addDayDeltas(tx, dayDifference(days, target, true));
  // Its old rows, recounted without it (others holds every counted completion of its old enterprise).
  const old = listFactsOfSnapshot(before);
  refreshEnterpriseRows(tx, others.filter((r) => r.getString('enterprise') === old.enterprise).map(listFactsOf), listKeysOf(old));
}

/** The trained-enterprise summaries' facts of a snapshot (the month from the counters' facts, the instant from the day's). */
function listFactsOfSnapshot(s: CompletionSnapshot): ListFacts {
  const { user, enterprise, province, prefecture, county } = s.day;
  return { user, enterprise, province, prefecture, county, month: s.facts.month, completedAt: s.day.completedAt };
}

/**
 * A deleted completion leaves the statistics (a revoked one has already left). Called by the delete hook
 * before the row goes, in the transaction that deletes it.
 */
export function onCompletionDeleted(tx: PbApp, record: PbRecord): void {
  if (record.getBool('revoked')) return;
  applyDifference(tx, record, true);
}

/**
 * A memo of the programme's heavier answers (the policy library, the 32-province assessment) in
 * PocketBase's app store, which every pooled JS VM shares, keyed by a fingerprint of the data they are
 * computed from: a changed record is seen at once, an unchanged one is not recomputed. PocketBase's JS
 * VM is an interpreter (per-row work that V8 does in a millisecond takes a hundred here), and these
 * answers are the same for every reader. Stored as JSON text, so no VM shares objects with another.
 */
export function cachedJson(app: PbApp, name: string, key: string, compute: () => unknown): string {
  const store = app.store();
  const hit = store.get(`qa.programme.${name}`) as { key: string; json: string } | null | undefined;
  if (hit && hit.key === key) return hit.json;
  const json = JSON.stringify(compute());
  store.set(`qa.programme.${name}`, { key, json });
  return json;
}

export function cached<T>(app: PbApp, name: string, key: string, compute: () => T): T {
  return JSON.parse(cachedJson(app, name, key, compute)) as T;
}

/**
 * An answer that is already JSON text: jsonRoute sends it as it is (no parse, no stringify). T is the shape
 * the text encodes, so the API contract (src/server/api-contract.ts) still knows what the page receives.
 */
export class RawJson<T = unknown> {
  declare readonly shape?: T;
  constructor(readonly json: string) {}
}

function scalar(app: PbApp, sql: string, params: Record<string, unknown> = {}): string {
  const out = new DynamicModel({ v: '' });
  app.db().newQuery(sql).bind(params).one(out);
  return String(out.v);
}

export function policiesVersion(app: PbApp): string {
  return scalar(app, "SELECT COUNT(*) || ':' || COALESCE(MAX(updated), '') AS v FROM policies");
}

/**
 * Changes whenever anything an assessment of `year` counts changes: policies, organising records, cases,
 * sessions, and the year's national training counters (any completion or revocation in the year moves
 * them), the assistance records and the survey answers (indicators 4 to 6).
 */
export function assessmentVersion(app: PbApp, year: string): string {
  return scalar(
    app,
    `SELECT
      (SELECT COUNT(*) || ':' || COALESCE(MAX(updated), '') FROM policies) || '|' ||
      (SELECT COUNT(*) || ':' || COALESCE(MAX(created), '') FROM programme_records) || '|' ||
      (SELECT COUNT(*) || ':' || COALESCE(MAX(updated), '') FROM case_submissions) || '|' ||
      (SELECT COUNT(*) || ':' || COALESCE(MAX(created), '') FROM sessions) || '|' ||
      (SELECT COUNT(*) || ':' || COALESCE(MAX(updated), '') FROM assistances) || '|' ||
      (SELECT COUNT(*) || ':' || COALESCE(MAX(updated), '') FROM surveys) || '|' ||
      COALESCE((SELECT attendee_times || ':' || attendees || ':' || enterprises FROM stat_counts WHERE period = {:year} AND region = '' AND dim = 'total'), '') AS v`,
    { year },
  );
}

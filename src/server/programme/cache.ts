/**
 * A memo of the programme's heavier answers (the policy library, the 32-province assessment) in
 * PocketBase's app store, which every pooled JS VM shares, keyed by the versions of the data they are
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

/** The version of each table the memoised answers are computed from (migration 1764600600): table -> counter. */
export type DataVersions = Record<string, number>;

/**
 * One look-up of six rows. A trigger raises a table's counter in the same transaction as every write to it, so
 * an answer memoised under the counters it was computed from is current exactly as long as they are equal.
 */
export function dataVersions(app: PbApp): DataVersions {
  const out = new DynamicModel({ v: '' });
  app.db().newQuery("SELECT COALESCE(json_group_object(name, version), '{}') AS v FROM qa_data_versions").one(out);
  return JSON.parse(String(out.v) || '{}') as DataVersions;
}

export const versionKey = (versions: DataVersions, tables: readonly string[]) => tables.map((t) => `${t}:${versions[t] ?? 0}`).join('|');

export function policiesVersion(app: PbApp): string {
  return versionKey(dataVersions(app), ['policies']);
}

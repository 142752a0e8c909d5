/**
 * Checks stored counters against `recount` (src/lib/stats/keys.ts), the reference the tests use, for one
 * region: every period and dimension of that region. Run after a rebuild (`pocketbase stats-rebuild`) and by
 * `npm run bench:stats`, so that the fast SQL and the definitions cannot drift apart unnoticed.
 */
import { countersOfRegion, counterMismatches, recount, type Channel, type CompletionFacts, type Counts } from '../lib/stats/keys.ts';

const COLUMN: Record<number, string> = { 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' };

/**
 * One JSON array of the completions that decide a region's counters (those of every person and enterprise
 * with a completion in the region), in completion order; each [user, enterprise, course, month, province,
 * prefecture, county, sector, channel]. Bind {:region}.
 */
export function relatedCompletionsSql(region: string): string {
  const column = COLUMN[region.length];
  if (!column) throw new Error(`region "${region}" must be a province, prefecture or county code`);
  return `SELECT COALESCE(json_group_array(json_array(user, enterprise, course, month, province_code, prefecture_code, county_code, sector, channel)), '[]') AS data
    FROM (SELECT * FROM completions WHERE revoked = FALSE AND (
      user IN (SELECT user FROM completions WHERE ${column} = {:region} AND revoked = FALSE)
      OR enterprise IN (SELECT enterprise FROM completions WHERE ${column} = {:region} AND revoked = FALSE))
    ORDER BY completed_at, id)`;
}

/** The stored counters of one region, as JSON rows [period, dim, attendee_times, attendees, enterprises]. Bind {:region}. */
export const storedCountersSql = `SELECT COALESCE(json_group_array(json_array(period, dim, attendee_times, attendees, enterprises)), '[]') AS data
  FROM stat_counts WHERE region = {:region} AND attendee_times > 0`;

export function factsFromJson(data: string): CompletionFacts[] {
  return (JSON.parse(data || '[]') as string[][]).map(
    ([user, enterprise, course, month, province, prefecture, county, sector, channel]) => ({
      user,
      enterprise,
      course,
      month,
      province,
      prefecture,
      county,
      sector,
      channel: channel as Channel,
    }),
  );
}

export function storedFromJson(data: string, region: string): Map<string, Counts> {
  return new Map(
    (JSON.parse(data || '[]') as [string, string, number, number, number][]).map(([period, dim, t, a, e]) => [
      `${period}|${region}|${dim}`,
      { attendeeTimes: t, attendees: a, enterprises: e },
    ]),
  );
}

/** Compares a region's stored counters with a recount; returns the mismatches (empty when exact) and how many were compared. */
export function compareWithRecount(related: CompletionFacts[], stored: Map<string, Counts>, region: string) {
  const expected = countersOfRegion(recount(related), region);
  return { compared: expected.size, completions: related.length, mismatches: counterMismatches(expected, stored) };
}

/** The check inside PocketBase: reads with the app's connection. */
export function checkRegionCounters(app: PbApp, region: string) {
  const read = (sql: string) => {
    const out = new DynamicModel({ data: '' });
    app.db().newQuery(sql).bind({ region }).one(out);
    return out.data as string;
  };
  return compareWithRecount(factsFromJson(read(relatedCompletionsSql(region))), storedFromJson(read(storedCountersSql), region), region);
}

/** The county with the most completions: the sample the rebuild command checks. */
export function busiestCounty(app: PbApp): string | null {
  const out = new DynamicModel({ county: '' });
  try {
    app
      .db()
      .newQuery('SELECT county_code AS county FROM completions WHERE revoked = FALSE GROUP BY county_code ORDER BY COUNT(*) DESC LIMIT 1')
      .one(out);
  } catch {
    return null; // no completions
  }
  return out.county || null;
}

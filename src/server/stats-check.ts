/**
 * Checks stored counters against `recount` (src/lib/stats/keys.ts), the reference the tests use, for one
 * region: every period and dimension of that region; likewise the day rows (recountDays) and the
 * trained-enterprise summaries (recountEnterpriseRows). Run after a rebuild (`pocketbase stats-rebuild`) and by
 * `npm run bench:stats`, so that the fast SQL and the definitions cannot drift apart unnoticed.
 */
import { DAY_FIELDS, recountDays, type DayCounts, type DayFacts } from '../lib/stats/day-firsts.ts';
import { recountEnterpriseRows, summaryKey, type EnterpriseTotals, type ListFacts } from '../lib/stats/enterprise-periods.ts';
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

/**
 * The day rows of a region (stat_days) against recountDays over the region's counted completions: a region's
 * firsts depend only on the completions inside it (the member is the person or enterprise in that region).
 * Bind {:region}; one JSON array of [user, enterprise, province, prefecture, county, completed_at].
 */
export function regionDayFactsSql(region: string): string {
  const column = COLUMN[region.length];
  if (!column) throw new Error(`region "${region}" must be a province, prefecture or county code`);
  return `SELECT COALESCE(json_group_array(json_array(user, enterprise, province_code, prefecture_code, county_code, completed_at)), '[]') AS data
    FROM completions WHERE ${column} = {:region} AND revoked = FALSE`;
}

/** The stored day rows of one region, as JSON [day, attendee_times, attendees_year, …, enterprises_month]. Bind {:region}. */
export const storedDaysSql = `SELECT COALESCE(json_group_array(json_array(day, attendee_times, attendees_year, attendees_quarter, attendees_month,
    enterprises_year, enterprises_quarter, enterprises_month)), '[]') AS data FROM stat_days WHERE region = {:region}`;

/** Compares a region's stored day rows with recountDays; mismatches (empty when exact) and how many rows were compared. */
export function compareDaysWithRecount(factsData: string, storedData: string, region: string) {
  const facts: DayFacts[] = (JSON.parse(factsData || '[]') as string[][]).map(
    ([user, enterprise, province, prefecture, county, completedAt]) => ({
      user,
      enterprise,
      province,
      prefecture,
      county,
      completedAt,
    }),
  );
  const expected = new Map([...recountDays(facts)].filter(([key]) => key.startsWith(`${region}|`)));
  const stored = new Map<string, DayCounts>();
  for (const [day, ...values] of JSON.parse(storedData || '[]') as [string, ...number[]][]) {
    if (values.every((v) => v === 0)) continue;
    stored.set(`${region}|${day}`, Object.fromEntries(DAY_FIELDS.map((k, i) => [k, values[i]])) as unknown as DayCounts);
  }
  const text = (c?: DayCounts) => (c ? DAY_FIELDS.map((k) => c[k]).join('/') : 'none');
  const mismatches: string[] = [];
  for (const key of new Set([...expected.keys(), ...stored.keys()])) {
    const [a, b] = [text(expected.get(key)), text(stored.get(key))];
    if (a !== b && mismatches.push(`${key}: expected ${a}, stored ${b}`) >= 10) break;
  }
  return { compared: expected.size, completions: facts.length, mismatches };
}

/** The day-row check inside PocketBase (the rebuild command). */
export function checkRegionDays(app: PbApp, region: string) {
  const read = (sql: string) => {
    const out = new DynamicModel({ data: '' });
    app.db().newQuery(sql).bind({ region }).one(out);
    return out.data as string;
  };
  // Before migration 1764700200 (an older schema being upgraded) there are no day rows to check.
  const exists = new DynamicModel({ n: 0 });
  app.db().newQuery("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'stat_days'").one(exists);
  if (!Number(exists.n)) return { compared: 0, completions: 0, mismatches: [] as string[] };
  return compareDaysWithRecount(read(regionDayFactsSql(region)), read(storedDaysSql), region);
}

/**
 * The trained-enterprise summaries of a region (stat_enterprises) against recountEnterpriseRows over the region's
 * counted completions (a region's rows depend only on the completions inside it). Bind {:region}; one JSON array
 * of [user, enterprise, province, prefecture, county, month, completed_at].
 */
export function regionListFactsSql(region: string): string {
  const column = COLUMN[region.length];
  if (!column) throw new Error(`region "${region}" must be a province, prefecture or county code`);
  return `SELECT COALESCE(json_group_array(json_array(user, enterprise, province_code, prefecture_code, county_code, month, completed_at)), '[]') AS data
    FROM completions WHERE ${column} = {:region} AND revoked = FALSE`;
}

/** The stored summaries of one region, as JSON [period, enterprise, attendee_times, attendees, last_completed]. Bind {:region}. */
export const storedEnterprisesSql = `SELECT COALESCE(json_group_array(json_array(period, enterprise, attendee_times, attendees, last_completed)), '[]') AS data
  FROM stat_enterprises WHERE region = {:region}`;

/** Compares a region's stored summaries with recountEnterpriseRows; mismatches (empty when exact) and how many rows were compared. */
export function compareEnterprisesWithRecount(factsData: string, storedData: string, region: string) {
  const facts: ListFacts[] = (JSON.parse(factsData || '[]') as string[][]).map(
    ([user, enterprise, province, prefecture, county, month, completedAt]) => ({
      user,
      enterprise,
      province,
      prefecture,
      county,
      month,
      completedAt,
    }),
  );
  const expected = new Map([...recountEnterpriseRows(facts)].filter(([key]) => key.startsWith(`${region}|`)));
  const stored = new Map<string, EnterpriseTotals>();
  for (const [period, enterprise, t, a, last] of JSON.parse(storedData || '[]') as [string, string, number, number, string][])
    stored.set(summaryKey(region, period, enterprise), { attendeeTimes: t, attendees: a, lastCompletion: last });
  const text = (c?: EnterpriseTotals) => (c ? `${c.attendeeTimes}/${c.attendees}/${c.lastCompletion}` : 'none');
  const mismatches: string[] = [];
  for (const key of new Set([...expected.keys(), ...stored.keys()])) {
    const [a, b] = [text(expected.get(key)), text(stored.get(key))];
    if (a !== b && mismatches.push(`${key}: expected ${a}, stored ${b}`) >= 10) break;
  }
  return { compared: expected.size, completions: facts.length, mismatches };
}

/** The summaries' check inside PocketBase (the rebuild command). */
export function checkRegionEnterprises(app: PbApp, region: string) {
  const read = (sql: string) => {
    const out = new DynamicModel({ data: '' });
    app.db().newQuery(sql).bind({ region }).one(out);
    return out.data as string;
  };
  const exists = new DynamicModel({ n: 0 });
  app.db().newQuery("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'stat_enterprises'").one(exists);
  if (!Number(exists.n)) return { compared: 0, completions: 0, mismatches: [] as string[] };
  return compareEnterprisesWithRecount(read(regionListFactsSql(region)), read(storedEnterprisesSql), region);
}

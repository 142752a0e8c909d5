/**
 * Per-day firsts (stat_days, src/server/stats-days.ts): the range route's answers equal a count over the
 * completions themselves (the scan the route used before) for ranges that start a year, quarter or month and
 * for others, at every region level (the Corps included), and the stored day rows equal recountDays over every
 * counted completion: after online completions, an in-person session recorded afterwards for an earlier day
 * (it moves people's and enterprises' firsts back), an admin edit of a date to 23:30 UTC (the next Beijing day),
 * a revocation of someone's first completion, its reinstatement, a deletion, and colleagues' online completions after
 * the enterprise moved to another district.
 */
import { describe, expect, it } from 'vitest';
import {
  api,
  completeCourse,
  content,
  login,
  registerLearner,
  superuserToken,
  makeNationalRegulator,
  readDataDb,
  beijingDaysAgo,
} from './helpers.ts';
import { beijingDateKey, toPbDate, fromBeijing } from '../../src/lib/beijing-time.ts';
import { rangeBounds, sameRangeLastYear, type DateRange } from '../../src/lib/stats/date-range.ts';
import {
  dayCountsOfRow,
  dayFactsOfRow,
  DAY_FIELDS,
  firstsKindOf,
  recountDays,
  type DayCounts,
  type StoredDayRow,
} from '../../src/lib/stats/day-firsts.ts';
import { monthOf } from '../../src/lib/stats/keys.ts';

const db = readDataDb;
const courses = Object.keys(content.courses);
const sessionCourse = courses[2]; // a course trainer@example.com looks after (tests/integration/sessions.test.ts)
const today = beijingDaysAgo(0);
const dayBefore = beijingDaysAgo;
const REGIONS = ['', '33', '3305', '330502', '3301', '330106', '66', '6590', '659001'];
const COLUMN: Record<number, string> = { 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' };

/** The range's figures counted from the completions, exactly as the route counted every range before. */
function scan(region: string, range: DateRange) {
  const b = rangeBounds(range);
  const d = db();
  try {
    const where = region ? `${COLUMN[region.length]} = :region AND` : '';
    const row = d
      .prepare(
        `SELECT COUNT(*) AS t, COUNT(DISTINCT user) AS a, COUNT(DISTINCT enterprise) AS e FROM completions
         WHERE ${where} revoked = FALSE AND completed_at >= :start AND completed_at < :end`,
      )
      .get({ ...(region ? { region } : {}), start: b.start, end: b.end }) as { t: number; a: number; e: number };
    return { attendeeTimes: row.t, attendees: row.a, enterprises: row.e };
  } finally {
    d.close();
  }
}

/** Every stored day row against the reference recount over every counted completion. */
function daysAgreeWithRecount() {
  const d = db();
  try {
    const facts = (
      d
        .prepare(
          'SELECT user, enterprise, province_code, prefecture_code, county_code, completed_at FROM completions WHERE revoked = FALSE',
        )
        .all() as unknown as StoredDayRow[]
    ).map(dayFactsOfRow);
    const stored = new Map<string, DayCounts>();
    for (const r of d.prepare('SELECT * FROM stat_days').all() as Record<string, string | number>[]) {
      const c = dayCountsOfRow(r);
      if (DAY_FIELDS.some((k) => c[k] !== 0)) stored.set(`${r.region}|${r.day}`, c);
    }
    expect(stored).toEqual(recountDays(facts));
  } finally {
    d.close();
  }
}

describe('per-day firsts answer ranges exactly', () => {
  it('equal the count from the completions at every level, through late sessions, edits, revocations and deletions', async () => {
    const national = await makeNationalRegulator();
    const trainer = await login('trainer@example.com');
    const admin = await superuserToken();
    const earlier = dayBefore(40); // the session's day, before the learners' online completions
    const first = (day: string) => `${day.slice(0, 7)}-01`;
    const ranges: DateRange[] = [
      { from: `${today.slice(0, 4)}-01-01`, to: today }, // the default view
      { from: first(today), to: today }, // month to date
      { from: `${today.slice(0, 4)}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`, to: today },
      { from: first(earlier), to: earlier },
      { from: `${earlier.slice(0, 4)}-01-01`, to: earlier },
      sameRangeLastYear({ from: `${today.slice(0, 4)}-01-01`, to: today }),
      { from: dayBefore(45), to: today }, // not a period start: counted from the completions
      { from: earlier, to: earlier },
    ];
    expect(ranges.filter((r) => firstsKindOf(r)).length).toBeGreaterThanOrEqual(5);

    async function routeEqualsScan(step: string) {
      for (const region of REGIONS) {
        for (const range of ranges) {
          const reply = await api(`/api/qa/stats/range?from=${range.from}&to=${range.to}&region=${region || 'national'}`, {
            token: national,
          });
          expect(reply.status, `${step} ${region} ${range.from}`).toBe(200);
          expect(reply.body.current.counts, `${step}: region "${region}", ${range.from}–${range.to}`).toEqual(scan(region, range));
          expect(reply.body.lastYear.counts, `${step}: last year, region "${region}", ${range.from}`).toEqual(
            scan(region, sameRangeLastYear(range)),
          );
        }
      }
      daysAgreeWithRecount();
    }

    // Two colleagues in Huzhou's Wuxing, one learner in the Corps, one in Hangzhou; online completions today.
    const wuxing = await registerLearner({ county: '330502' });
    const colleague = await registerLearner({ uscc: wuxing.uscc });
    const corps = await registerLearner({ county: '659001' });
    const hangzhou = await registerLearner({ county: '330106' });
    for (const learner of [wuxing, colleague, corps, hangzhou]) await completeCourse(learner, courses[0]);
    await routeEqualsScan('online');

    // A session held 40 days ago, recorded now: their firsts of the year (quarter, month) move back to that day.
    const before = (await api(`/api/qa/stats/range?from=${earlier}&to=${earlier}&region=330502`, { token: national })).body.current.counts;
    const session = await api('/api/qa/sessions', {
      token: trainer,
      body: {
        course: sessionCourse,
        title: '补录的线下培训',
        heldOn: earlier,
        location: '吴兴区',
        attendees: [wuxing.email, colleague.email, corps.email],
      },
    });
    expect(session.status, JSON.stringify(session.body)).toBe(200);
    expect(session.body.created).toHaveLength(3);
    const after = (await api(`/api/qa/stats/range?from=${earlier}&to=${earlier}&region=330502`, { token: national })).body.current.counts;
    expect(after.attendeeTimes).toBe(before.attendeeTimes + 2);
    await routeEqualsScan('late session');

    // An admin moves the Hangzhou completion to 23:30 UTC on the day before `earlier` (Beijing: `earlier` itself).
    const completionOf = async (learner: { id: string }, course: string) =>
      (
        await api(`/api/collections/completions/records?filter=${encodeURIComponent(`user = '${learner.id}' && course = '${course}'`)}`, {
          token: admin,
        })
      ).body.items[0];
    const [y, m, d] = earlier.split('-').map(Number);
    const late = fromBeijing(y, m, d, 7, 30); // 23:30 UTC the previous day
    expect(beijingDateKey(late)).toBe(earlier);
    const moved = await completionOf(hangzhou, courses[0]);
    const edit = await api(`/api/collections/completions/records/${moved.id}`, {
      method: 'PATCH',
      token: admin,
      body: { completed_at: toPbDate(late), month: monthOf(late) },
    });
    expect(edit.status).toBe(200);
    await routeEqualsScan('edited date');

    // Revoking Wuxing's first completion (the session's) moves the first to today; reinstating moves it back.
    const sessionCompletion = await completionOf(wuxing, sessionCourse);
    const patch = (body: object) =>
      api(`/api/collections/completions/records/${sessionCompletion.id}`, { method: 'PATCH', token: admin, body });
    expect((await patch({ revoked: true, revoked_reason: '测试撤销' })).status).toBe(200);
    await routeEqualsScan('revoked');
    expect((await patch({ revoked: false, revoked_reason: '' })).status).toBe(200);
    await routeEqualsScan('reinstated');

    // Deleting the Corps learner's session completion.
    const corpsCompletion = await completionOf(corps, sessionCourse);
    expect((await api(`/api/collections/completions/records/${corpsCompletion.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    await routeEqualsScan('deleted');

    // The Wuxing enterprise moves to Hangzhou's Xihu district and new colleagues complete online there: the
    // enterprise's firsts of today's year, quarter and month lie in Wuxing, elsewhere than the new completions.
    const enterpriseId = (await api(`/api/collections/users/records/${wuxing.id}`, { token: admin })).body.enterprise;
    const move = await api(`/api/collections/enterprises/records/${enterpriseId}`, {
      method: 'PATCH',
      token: admin,
      body: { county_code: '330106', prefecture_code: '3301', province_code: '33' },
    });
    expect(move.status, JSON.stringify(move.body)).toBe(200);
    // Two of them: the second is not the enterprise's first in Xihu, which only the second query (by region level) sees.
    for (const newcomer of [await registerLearner({ uscc: wuxing.uscc }), await registerLearner({ uscc: wuxing.uscc })]) {
      await completeCourse(newcomer, courses[0]);
      expect((await completionOf(newcomer, courses[0])).county_code).toBe('330106');
    }
    await routeEqualsScan('moved enterprise');

    // A rebuild recomputes the same rows.
    expect((await api('/api/qa/admin/stats/rebuild', { token: admin, body: {} })).status).toBe(200);
    await routeEqualsScan('rebuilt');
  });
});

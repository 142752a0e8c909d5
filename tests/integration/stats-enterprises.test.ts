/**
 * Trained-enterprise summaries (stat_enterprises, src/server/stats-enterprises.ts): the list route's answers
 * (rows, order, total, and the CSV export) equal the grouping of the completions (the scan the route used before)
 * for whole years, the year so far, all time and ranges the summaries do not answer, at province, prefecture and
 * county level (the Corps included), in every order and with a name search; and the stored summaries equal
 * recountEnterpriseRows over every counted completion: after online completions, an in-person session recorded
 * afterwards for an earlier day, an admin edit of a date and region, an edit that makes a month disagree with its
 * instant, a revocation of someone's only completion, its reinstatement, a deletion and a rebuild.
 */
import { describe, expect, it } from 'vitest';
import {
  api,
  baseUrl,
  completeCourse,
  content,
  login,
  registerLearner,
  superuserToken,
  makeNationalRegulator,
  readDataDb,
  beijingDaysAgo,
} from './helpers.ts';
import { fromBeijing, toPbDate } from '../../src/lib/beijing-time.ts';
import { rangeBounds, type DateRange } from '../../src/lib/stats/date-range.ts';
import {
  listFactsOfRow,
  listPeriodOf,
  recountEnterpriseRows,
  type EnterpriseTotals,
  type StoredListRow,
} from '../../src/lib/stats/enterprise-periods.ts';
import { monthOf } from '../../src/lib/stats/keys.ts';

const db = readDataDb;
const courses = Object.keys(content.courses);
const sessionCourse = courses[2]; // a course trainer@example.com looks after (tests/integration/sessions.test.ts)
const today = beijingDaysAgo(0);
const dayBefore = beijingDaysAgo;
const QUIET_COUNTY = '330727'; // 磐安县: used by no other test, so the year-so-far check can be exercised there
const REGIONS = ['33', '3305', '330502', '3301', '330106', '66', '6590', '659001', '3307', QUIET_COUNTY];
const COLUMN: Record<number, string> = { 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' };
const ORDER: Record<string, string> = { name: 'name', times: 't', people: 'a', last: 'last' };

interface Listed {
  total: number;
  rows: [string, string, string, number, number, string][];
}

/** The list as the route computed it before the summaries: the range's completions grouped by enterprise. */
function scan(region: string, range: DateRange | null, sort: string, dir: string, q: string, page: number, perPage = 20): Listed {
  const where = [`c.${COLUMN[region.length]} = :region`, 'c.revoked = FALSE'];
  const params: Record<string, string | number> = { region, offset: (page - 1) * perPage };
  if (range) {
    where.push('c.month >= :firstMonth AND c.month <= :lastMonth AND c.completed_at >= :start AND c.completed_at < :end');
    Object.assign(params, rangeBounds(range));
  }
  if (q) params.like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const named = `SELECT g.enterprise AS id, COALESCE(en.name, '') AS name, COALESCE(en.county_code, '') AS county, g.t AS t, g.a AS a, g.last AS last
    FROM (SELECT c.enterprise, COUNT(*) AS t, COUNT(DISTINCT c.user) AS a, MAX(c.completed_at) AS last FROM completions c
          WHERE ${where.join(' AND ')} GROUP BY c.enterprise) g
    LEFT JOIN enterprises en ON en.id = g.enterprise ${q ? "WHERE en.name LIKE :like ESCAPE '\\'" : ''}`;
  const d = db();
  try {
    const rows = d
      .prepare(`SELECT * FROM (${named}) ORDER BY ${ORDER[sort]} ${dir.toUpperCase()}, id LIMIT ${perPage} OFFSET :offset`)
      .all(params) as Record<string, string | number>[];
    const { offset: _, ...countParams } = params;
    const total = (d.prepare(`SELECT COUNT(*) AS n FROM (${named})`).get(countParams) as { n: number }).n;
    return {
      total,
      rows: rows.map((r) => [String(r.id), String(r.name), String(r.county), Number(r.t), Number(r.a), String(r.last)]),
    };
  } finally {
    d.close();
  }
}

/** Every stored summary against the reference recount over every counted completion. */
function summariesAgreeWithRecount(step: string) {
  const d = db();
  try {
    const facts = (
      d
        .prepare(
          'SELECT user, enterprise, province_code, prefecture_code, county_code, month, completed_at FROM completions WHERE revoked = FALSE',
        )
        .all() as unknown as StoredListRow[]
    ).map(listFactsOfRow);
    const stored = new Map<string, EnterpriseTotals>();
    for (const r of d.prepare('SELECT * FROM stat_enterprises').all() as Record<string, string | number>[])
      stored.set(`${r.region}|${r.period}|${r.enterprise}`, {
        attendeeTimes: Number(r.attendee_times),
        attendees: Number(r.attendees),
        lastCompletion: String(r.last_completed),
      });
    expect(stored, step).toEqual(recountEnterpriseRows(facts));
  } finally {
    d.close();
  }
}

describe('trained-enterprise summaries answer the list exactly', () => {
  it('equal the grouping of the completions through late sessions, edits, revocations, deletions and a rebuild', async () => {
    const national = await makeNationalRegulator();
    const trainer = await login('trainer@example.com');
    const admin = await superuserToken();
    const earlier = dayBefore(40);
    const thisYear = today.slice(0, 4);
    const lastYear = String(Number(thisYear) - 1);
    const ranges: (DateRange | null)[] = [
      { from: `${thisYear}-01-01`, to: today }, // the default view: the year so far (summaries)
      { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` }, // a whole year (summaries)
      null, // all time (summaries)
      { from: `${earlier.slice(0, 4)}-01-01`, to: earlier }, // a year so far with later completions: the scan
      { from: `${today.slice(0, 7)}-01`, to: today }, // month to date: the scan
      { from: dayBefore(45), to: today }, // not a period: the scan
    ];
    expect(ranges.filter((r) => listPeriodOf(r)).length).toBe(4);
    const views: [string, string, string, number][] = [
      ['times', 'desc', '', 1],
      ['times', 'asc', '', 1],
      ['people', 'desc', '', 1],
      ['last', 'asc', '', 1],
      ['name', 'asc', '', 1],
      ['times', 'desc', '', 2],
      ['times', 'desc', '企业', 1],
    ];

    async function routeEqualsScan(step: string) {
      for (const region of REGIONS) {
        for (const range of ranges) {
          for (const [sort, dir, q, page] of views) {
            const query = new URLSearchParams({ region, sort, dir, page: String(page), ...(q ? { q } : {}), ...(range ?? {}) });
            const reply = await api(`/api/qa/stats/enterprises?${query}`, { token: national });
            expect(reply.status, `${step} ${query}`).toBe(200);
            const got: Listed = {
              total: reply.body.total,
              rows: reply.body.rows.map((r: Record<string, string | number>) => [
                r.id,
                r.name,
                r.region,
                r.attendeeTimes,
                r.attendees,
                r.lastCompletion,
              ]),
            };
            expect(got, `${step}: ${query}`).toEqual(scan(region, range, sort, dir, q, page));
          }
        }
      }
      summariesAgreeWithRecount(step);
    }

    // Two colleagues in Huzhou's Wuxing, one learner in the Corps, one in Hangzhou; online completions today.
    const wuxing = await registerLearner({ county: '330502' });
    const colleague = await registerLearner({ uscc: wuxing.uscc });
    const corps = await registerLearner({ county: '659001' });
    const hangzhou = await registerLearner({ county: '330106' });
    const quiet = await registerLearner({ county: QUIET_COUNTY });
    for (const learner of [wuxing, colleague, corps, hangzhou]) await completeCourse(learner, courses[0]);
    await completeCourse(wuxing, courses[1]); // a second completion of one person: 2 completions, 1 person
    await routeEqualsScan('online');

    // A session held 40 days ago, recorded now (the quiet county's learner's only completion).
    const session = await api('/api/qa/sessions', {
      token: trainer,
      body: {
        course: sessionCourse,
        title: '补录的线下培训',
        heldOn: earlier,
        location: '吴兴区',
        attendees: [wuxing.email, colleague.email, corps.email, quiet.email],
      },
    });
    expect(session.status, JSON.stringify(session.body)).toBe(200);
    expect(session.body.created).toHaveLength(4);
    await routeEqualsScan('late session');

    const completionOf = async (learner: { id: string }, course: string) =>
      (
        await api(`/api/collections/completions/records?filter=${encodeURIComponent(`user = '${learner.id}' && course = '${course}'`)}`, {
          token: admin,
        })
      ).body.items[0];
    const patch = (id: string, body: object) => api(`/api/collections/completions/records/${id}`, { method: 'PATCH', token: admin, body });

    // In the quiet county the year so far up to the session's day is the year's summary (nothing later there) …
    const quietCompletion = await completionOf(quiet, sessionCourse);
    const quietLater = () => {
      const d = db();
      try {
        return (
          d
            .prepare('SELECT COUNT(*) AS n FROM completions WHERE county_code = ? AND revoked = FALSE AND completed_at >= ?')
            .get(QUIET_COUNTY, rangeBounds({ from: earlier, to: earlier }).end) as { n: number }
        ).n;
      } finally {
        d.close();
      }
    };
    expect(quietLater()).toBe(0);
    // … until an edit gives that completion a later month of the same year than its instant: the scan leaves it out
    // of "1 January to that day", so must the route (it falls back to the scan).
    const laterMonth = `${earlier.slice(0, 4)}-12`;
    if (laterMonth > earlier.slice(0, 7)) {
      expect((await patch(quietCompletion.id, { month: laterMonth })).status).toBe(200);
      await routeEqualsScan('month edited to disagree');
      expect((await patch(quietCompletion.id, { month: earlier.slice(0, 7) })).status).toBe(200);
    }

    // An admin moves the Hangzhou completion to 23:30 UTC the day before `earlier` and to Wuxing's county.
    const [y, m, d] = earlier.split('-').map(Number);
    const late = fromBeijing(y, m, d, 7, 30);
    const moved = await completionOf(hangzhou, courses[0]);
    const edit = await patch(moved.id, {
      completed_at: toPbDate(late),
      month: monthOf(late),
      county_code: '330502',
      prefecture_code: '3305',
    });
    expect(edit.status).toBe(200);
    await routeEqualsScan('edited date and region');

    // Revoking the colleague's only completion in Wuxing's session … and reinstating it.
    const colleagueSession = await completionOf(colleague, sessionCourse);
    expect((await patch(colleagueSession.id, { revoked: true, revoked_reason: '测试撤销' })).status).toBe(200);
    await routeEqualsScan('revoked');
    expect((await patch(colleagueSession.id, { revoked: false, revoked_reason: '' })).status).toBe(200);
    await routeEqualsScan('reinstated');

    // Deleting the Corps learner's session completion.
    const corpsCompletion = await completionOf(corps, sessionCourse);
    expect((await api(`/api/collections/completions/records/${corpsCompletion.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    await routeEqualsScan('deleted');

    // A rebuild recomputes the same rows.
    expect((await api('/api/qa/admin/stats/rebuild', { token: admin, body: {} })).status).toBe(200);
    await routeEqualsScan('rebuilt');

    // The CSV export of the default view holds every enterprise in the scan's order (completions and people of each line).
    const range = ranges[0]!;
    const res = await fetch(`${baseUrl()}/api/qa/stats/enterprises/export?region=33&from=${range.from}&to=${range.to}`, {
      headers: { authorization: national },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .split('\r\n')
      .map((line) => /,(\d+),(\d+),[^,]*$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => `${m[1]}/${m[2]}`);
    const expected = scan('33', range, 'times', 'desc', '', 1, 100_000);
    expect(expected.rows.length).toBeGreaterThan(3);
    expect(lines).toEqual(expected.rows.map(([, , , t, a]) => `${t}/${a}`));
  }, 120_000); // 420 list requests per step, eight steps: 20-30 s on the 2-core CI machine, past the default 30 s when slow
});

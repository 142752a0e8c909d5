import { describe, expect, it } from 'vitest';
import { factsOfRows, recount } from '../../src/lib/stats/keys.ts';
import { allRecords, answersFor, api, completeCourse, content, login, registerLearner, superuserToken } from './helpers.ts';

async function snapshot(token: string) {
  const rows = await allRecords('stat_counts', token, 'period,region,dim');
  return new Map(
    rows
      .filter((r) => r.attendee_times > 0)
      .map((r) => [
        `${r.period}|${r.region}|${r.dim}`,
        { attendeeTimes: r.attendee_times, attendees: r.attendees, enterprises: r.enterprises },
      ]),
  );
}

async function reference(token: string) {
  const raw = await allRecords('completions', token, 'completed_at,id');
  const facts = factsOfRows(raw);
  return { completions: raw, counts: recount(facts) };
}

describe('statistics aggregates agree with a recount from raw records', () => {
  it('after random completions, after a rebuild, and after a revocation', async () => {
    const admin = await superuserToken();
    const courses = Object.keys(content.courses);
    const counties = ['330502', '330106', '440305', '659001', '650102'];
    // Two enterprises with several staff each, plus single-person enterprises: distinct counts matter.
    const anchor = await registerLearner({ county: '330502', sector: '04' });
    const learners = [anchor, await registerLearner({ uscc: anchor.uscc })];
    for (let i = 0; i < 5; i++) learners.push(await registerLearner({ county: counties[i], sector: i % 2 ? '18' : '03' }));
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const done = new Set<string>();
    while (done.size < 14) {
      const learner = learners[random(learners.length)];
      const course = courses[random(courses.length)];
      if (done.has(`${learner.id}/${course}`)) continue;
      done.add(`${learner.id}/${course}`);
      await completeCourse(learner, course);
    }

    const incremental = await snapshot(admin);
    const ref = await reference(admin);
    expect(incremental).toEqual(ref.counts);

    const rebuilt = await api('/api/qa/admin/stats/rebuild', { token: admin, body: {} });
    expect(rebuilt.status).toBe(200);
    expect(await snapshot(admin)).toEqual(ref.counts);

    const victim = ref.completions.find((c) => c.user === anchor.id) ?? ref.completions[0];
    await api(`/api/collections/completions/records/${victim.id}`, {
      method: 'PATCH',
      token: admin,
      body: { revoked: true, revoked_reason: '测试撤销' },
    });
    const afterRevoke = await reference(admin);
    expect(await snapshot(admin)).toEqual(afterRevoke.counts);
    expect(afterRevoke.counts.get(`all||total`)!.attendeeTimes).toBe(ref.counts.get(`all||total`)!.attendeeTimes - 1);

    // Reinstated, it counts again exactly as before; a second revocation of a colleague's completion too.
    await api(`/api/collections/completions/records/${victim.id}`, {
      method: 'PATCH',
      token: admin,
      body: { revoked: false, revoked_reason: '' },
    });
    expect(await snapshot(admin)).toEqual(ref.counts);
    const colleague = ref.completions.find((c) => c.enterprise === victim.enterprise && c.user !== victim.user);
    expect(colleague).toBeTruthy();
    await api(`/api/collections/completions/records/${colleague.id}`, {
      method: 'PATCH',
      token: admin,
      body: { revoked: true, revoked_reason: '测试撤销' },
    });
    expect(await snapshot(admin)).toEqual((await reference(admin)).counts);

    // A deleted completion leaves the counts (in the transaction that deletes it); deleting a revoked one
    // changes nothing more.
    const beforeDelete = await reference(admin);
    const doomed =
      beforeDelete.completions.find((c) => !c.revoked && c.user === anchor.id) ?? beforeDelete.completions.find((c) => !c.revoked);
    expect((await api(`/api/collections/completions/records/${doomed.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    const afterDelete = await reference(admin);
    expect(await snapshot(admin)).toEqual(afterDelete.counts);
    expect(afterDelete.counts.get('all||total')!.attendeeTimes).toBe(beforeDelete.counts.get('all||total')!.attendeeTimes - 1);
    expect((await api(`/api/collections/completions/records/${colleague.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    expect(await snapshot(admin)).toEqual(afterDelete.counts);
  });

  it('a completion recorded after the fact takes over the first of the period where it was made', async () => {
    // A learner finishes a course online in Huzhou, then moves to a Shenzhen enterprise of another sector; a
    // trainer then records a session held 40 days ago that this learner attended (the completion snapshots the
    // Shenzhen enterprise). Counted in completion order, the learner's first completion of the year, quarter and
    // overall is the session's: the learner counts in Shenzhen and its sector, no longer in Huzhou.
    const admin = await superuserToken();
    const trainer = await login('trainer@example.com');
    const sessionCourse = Object.keys(content.courses)[2]; // a course trainer@example.com looks after
    const learner = await registerLearner({ county: '330502', sector: '04' });
    const shenzhen = await registerLearner({ county: '440305', sector: '18' });
    await completeCourse(learner, Object.keys(content.courses)[0]);
    const moved = await api(`/api/collections/users/records/${learner.id}`, {
      method: 'PATCH',
      token: admin,
      body: { enterprise: shenzhen.enterpriseId },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const attendeesIn = (counts: Map<string, { attendees: number }>, region: string) => counts.get(`all|${region}|total`)?.attendees ?? 0;
    const before = (await reference(admin)).counts;
    const heldOn = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    const session = await api('/api/qa/sessions', {
      token: trainer,
      body: { course: sessionCourse, title: '补录的线下培训', heldOn, location: '南山区', attendees: [learner.email] },
    });
    expect(session.status, JSON.stringify(session.body)).toBe(200);
    expect(session.body.created).toHaveLength(1);

    const ref = await reference(admin);
    expect(attendeesIn(ref.counts, '330502')).toBe(attendeesIn(before, '330502') - 1);
    expect(attendeesIn(ref.counts, '440305')).toBe(attendeesIn(before, '440305') + 1);
    expect(await snapshot(admin)).toEqual(ref.counts);
  });

  it("a live completion is dated just after a colleague's completed within the same second, and counted exactly", async () => {
    // Colleagues finishing an exam together complete within one millisecond; the later one is dated 1 ms after the
    // earlier so that it sorts last (src/lib/completion.ts liveCompletionInstant). Here the colleague's completion
    // is moved 900 ms ahead of now, then the learner's final quiz is submitted at once.
    const admin = await superuserToken();
    const course = Object.keys(content.courses)[0];
    const colleague = await registerLearner({ county: '330411', sector: '13' });
    const learner = await registerLearner({ uscc: colleague.uscc });
    await completeCourse(colleague, course);
    for (const slug of content.courses[course].lessons) {
      expect((await api('/api/qa/lessons/read', { token: learner.token, body: { lesson: `${course}/${slug}` } })).status).toBe(200);
    }
    const attempt = await api('/api/qa/attempts', { token: learner.token, body: { quiz: `${course}/final` } });
    const theirs = (await allRecords('completions', admin)).find((c) => c.user === colleague.id);
    const ahead = new Date(Date.now() + 900).toISOString().replace('T', ' ');
    const moved = await api(`/api/collections/completions/records/${theirs.id}`, {
      method: 'PATCH',
      token: admin,
      body: { completed_at: ahead },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const sent = Date.now();
    const submit = await api(`/api/qa/attempts/${attempt.body.id}/submit`, {
      token: learner.token,
      body: { answers: answersFor(attempt.body, true) },
    });
    expect(submit.body.newlyCompleted).toBe(true);
    // a machine that stalled for the whole window would have recorded it after the colleague's anyway
    if (Date.now() - sent < 800)
      expect(Date.parse(submit.body.completion.completedAt.replace(' ', 'T'))).toBe(Date.parse(ahead.replace(' ', 'T')) + 1);
    expect(submit.body.completion.completedAt > ahead).toBe(true);
    expect(await snapshot(admin)).toEqual((await reference(admin)).counts);
  });

  it('learners of different industries in one county, completing the same course one after another, each count in their own industry', async () => {
    // The same month, place, channel and course, and each the first of a new enterprise: only the industry differs
    // (the server makes a completion's counter rows once per distinct set of inputs; the industry is one of them).
    const admin = await superuserToken();
    const course = Object.keys(content.courses)[0];
    const sectors = ['05', '26', '05', '33'];
    const learners: Awaited<ReturnType<typeof registerLearner>>[] = [];
    for (const sector of sectors) learners.push(await registerLearner({ county: '330110', sector }));
    for (const learner of learners) await completeCourse(learner, course);
    const ref = await reference(admin);
    const stored = await snapshot(admin);
    expect(stored).toEqual(ref.counts);
    const month = ref.completions.find((c) => c.user === learners[1].id)!.month;
    for (const sector of ['26', '33']) {
      const inMonth = [...stored.entries()].filter(([key]) => key.startsWith(`${month}|`) && key.endsWith(`|sector:${sector}`));
      expect(inMonth.length, `sector ${sector}`).toBeGreaterThan(0);
      for (const [, counts] of inMonth) expect(counts.enterprises, `sector ${sector}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('only superusers may rebuild', async () => {
    const learner = await registerLearner();
    expect((await api('/api/qa/admin/stats/rebuild', { token: learner.token, body: {} })).status).toBe(403);
  });
});

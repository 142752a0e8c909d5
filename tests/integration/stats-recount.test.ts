import { describe, expect, it } from 'vitest';
import { factsOfRows, recount } from '../../src/lib/stats/keys.ts';
import { api, completeCourse, content, registerLearner, superuserToken } from './helpers.ts';

async function all(collection: string, token: string, sort: string) {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const reply = await api(`/api/collections/${collection}/records?perPage=500&page=${page}&sort=${sort}`, { token });
    items.push(...reply.body.items);
    if (page >= reply.body.totalPages) return items;
  }
}

async function snapshot(token: string) {
  const rows = await all('stat_counts', token, 'period,region,dim');
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
  const raw = await all('completions', token, 'completed_at,id');
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

  it('only superusers may rebuild', async () => {
    const learner = await registerLearner();
    expect((await api('/api/qa/admin/stats/rebuild', { token: learner.token, body: {} })).status).toBe(403);
  });
});

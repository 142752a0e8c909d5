/**
 * The self-assessment routes: drafts saved as you go and resumed on another device, scores computed on the
 * server, and who may see what (the taker; an enterprise's managers for the enterprise's; nobody else).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, login, registerLearner, superuserToken, type Learner } from './helpers.ts';
import { readContent } from '../../scripts/lib/content-source.ts';
import { readAssessment } from '../../scripts/lib/assessment-source.ts';
import { scoreAnswers, toStored } from '../../src/lib/assessment/scoring.ts';
import { ROOT } from '../../scripts/lib/pocketbase.ts';

const q = readAssessment(readContent(ROOT)).content!;
const ids = q.areas.flatMap((a) => a.questions.map((x) => x.id));
/** level i % 4 for question i: a spread of answers whose scores are computed independently below */
const fullAnswers = (shift = 0) => Object.fromEntries(ids.map((id, i) => [id, (i + shift) % 4]));

async function promote(person: Learner): Promise<string> {
  const admin = await superuserToken();
  const r = await api(`/api/collections/users/records/${person.id}`, {
    method: 'PATCH',
    token: admin,
    body: { role: 'enterprise_manager' },
  });
  expect(r.status).toBe(200);
  return login(person.email, 'secret-pass-1');
}

async function takeWhole(token: string, answers: Record<string, number>) {
  const draft = await api('/api/qa/assessments', { token, body: {} });
  expect(draft.status).toBe(200);
  const done = await api(`/api/qa/assessments/${draft.body.id}/submit`, { token, body: { answers } });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.body;
}

describe('taking the self-assessment', () => {
  it('saves as you go, resumes on another device, refuses an incomplete submit and scores on the server', async () => {
    const learner = await registerLearner();
    const first = await api('/api/qa/assessments', { token: learner.token, body: {} });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'draft',
      scope: 'personal',
      kind: 'self',
      mine: true,
      progress: { answered: 0, total: ids.length },
    });

    const half = Object.fromEntries(ids.slice(0, 20).map((id) => [id, 2]));
    const saved = await api(`/api/qa/assessments/${first.body.id}/answers`, { token: learner.token, body: { answers: half } });
    expect(saved.status).toBe(200);
    expect(saved.body.progress.answered).toBe(20);

    // another device: a new login resumes the same draft with the answers saved so far
    const otherDevice = await login(learner.email, 'secret-pass-1');
    const resumed = await api('/api/qa/assessments', { token: otherDevice, body: {} });
    expect(resumed.body.id).toBe(first.body.id);
    expect(resumed.body.answers).toEqual(half);

    const bad = await api(`/api/qa/assessments/${first.body.id}/answers`, {
      token: otherDevice,
      body: { answers: { [ids[0]]: 7, 'no-such-question': 1 } },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.data).sort()).toEqual([ids[0], 'no-such-question'].sort());

    const early = await api(`/api/qa/assessments/${first.body.id}/submit`, { token: otherDevice, body: { answers: { [ids[20]]: 3 } } });
    expect(early.status).toBe(400);
    expect(early.body.code).toBe('incomplete');
    expect(Object.keys(early.body.data)).toHaveLength(ids.length - 21);
    // what came with the refused submit is kept
    expect((await api(`/api/qa/assessments/${first.body.id}`, { token: learner.token })).body.progress.answered).toBe(21);

    const answers = fullAnswers();
    const done = await api(`/api/qa/assessments/${first.body.id}/submit`, {
      token: learner.token,
      body: { answers, scores: { overall: 100 } },
    });
    expect(done.status).toBe(200);
    const expected = toStored(scoreAnswers(q, answers));
    expect(done.body.status).toBe('submitted');
    expect(done.body.scores).toEqual(expected);
    expect(done.body.overall).toBe(expected.overall);
    expect(done.body.overall).not.toBe(100);
    expect(done.body.result.weakest).toHaveLength(3);
    expect(done.body.result.suggestions[0].items.length).toBeGreaterThan(0);

    // a second submit returns the same result; changing a submitted one is refused
    expect((await api(`/api/qa/assessments/${first.body.id}/submit`, { token: learner.token, body: {} })).body.scores).toEqual(expected);
    const late = await api(`/api/qa/assessments/${first.body.id}/answers`, { token: learner.token, body: { answers: { [ids[0]]: 3 } } });
    expect(late.status).toBe(409);

    // the next start is a new draft
    const next = await api('/api/qa/assessments', { token: learner.token, body: {} });
    expect(next.body.id).not.toBe(first.body.id);
    const list = await api('/api/qa/assessments', { token: learner.token });
    expect(list.body.draft).toBe(next.body.id);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([first.body.id, next.body.id]));
  });

  it('is for managers and learners only; baseline and re-assessment for managers only', async () => {
    const trainer = await login('trainer@example.com');
    expect((await api('/api/qa/assessments', { token: trainer, body: {} })).status).toBe(403);
    const learner = await registerLearner();
    expect((await api('/api/qa/assessments', { token: learner.token, body: { kind: 'baseline' } })).status).toBe(403);
    expect((await api('/api/qa/assessments', { token: learner.token, body: { kind: 'whatever' } })).status).toBe(400);
    expect((await api('/api/qa/assessments', { body: {} })).status).toBe(401);
  });
});

describe('who may see an assessment', () => {
  let managerA: string;
  let managerA2: string;
  let staffA: Learner;
  let managerB: string;
  let enterpriseOne: string;
  let enterpriseTwo: string;
  let personal: string;

  beforeAll(async () => {
    const a1 = await registerLearner({ county: '330502' });
    const a2 = await registerLearner({ uscc: a1.uscc });
    staffA = await registerLearner({ uscc: a1.uscc });
    const b = await registerLearner({ county: '440305' });
    managerA = await promote(a1);
    managerA2 = await promote(a2);
    managerB = await promote(b);
    enterpriseOne = (await takeWhole(managerA, fullAnswers(0))).id;
    const second = await api('/api/qa/assessments', { token: managerA, body: { kind: 'reassessment' } });
    expect(second.body).toMatchObject({ scope: 'enterprise', kind: 'reassessment' });
    enterpriseTwo = (await api(`/api/qa/assessments/${second.body.id}/submit`, { token: managerA, body: { answers: fullAnswers(1) } })).body
      .id;
    personal = (await takeWhole(staffA.token, fullAnswers(2))).id;
  });

  it('the managers of the enterprise see its assessments; the taker sees their own', async () => {
    const seen = await api(`/api/qa/assessments/${enterpriseOne}`, { token: managerA2 });
    expect(seen.status).toBe(200);
    expect(seen.body.mine).toBe(false);
    const list = await api('/api/qa/assessments', { token: managerA2 });
    expect(list.body.items.map((i: { id: string }) => i.id).sort()).toEqual([enterpriseOne, enterpriseTwo].sort());
    expect((await api(`/api/qa/assessments/${personal}`, { token: staffA.token })).status).toBe(200);
  });

  it("nobody else: a learner of the same enterprise, another enterprise's manager, regulators, anonymous", async () => {
    const regulator = await login('regulator@example.com');
    const regulatorZj = await login('regulator.zj@example.com');
    for (const [who, token] of [
      ['staff', staffA.token],
      ['other manager', managerB],
      ['national regulator', regulator],
      ['provincial regulator', regulatorZj],
    ] as const) {
      expect((await api(`/api/qa/assessments/${enterpriseOne}`, { token })).status, who).toBe(404);
      expect((await api(`/api/qa/assessments/compare?before=${enterpriseOne}&after=${enterpriseTwo}`, { token })).status, who).toBe(404);
      const list = await api('/api/qa/assessments', { token });
      expect(
        list.body.items.map((i: { id: string }) => i.id),
        who,
      ).not.toContain(enterpriseOne);
    }
    // a learner's own self-assessment is theirs, not the enterprise's
    expect((await api(`/api/qa/assessments/${personal}`, { token: managerA })).status).toBe(404);
    expect((await api(`/api/qa/assessments/${enterpriseOne}`)).status).toBe(401);
    // another manager of the enterprise may read, never change or submit
    expect((await api(`/api/qa/assessments/${enterpriseOne}/submit`, { token: managerA2, body: {} })).status).not.toBe(200);
  });

  it('the generic record API gives nothing away and accepts nothing', async () => {
    const admin = await superuserToken();
    expect((await api('/api/collections/assessments/records', { token: admin })).body.totalItems).toBeGreaterThan(0);
    for (const token of [managerA, staffA.token, await login('regulator@example.com'), undefined]) {
      const list = await api('/api/collections/assessments/records', { token });
      expect(list.body?.items ?? [], String(token)).toEqual([]);
      expect((await api(`/api/collections/assessments/records/${enterpriseOne}`, { token })).status).not.toBe(200);
      const forged = await api('/api/collections/assessments/records', {
        token,
        body: { taken_by: staffA.id, scope: 'personal', kind: 'self', status: 'submitted', overall: 100 },
      });
      expect(forged.status).not.toBe(200);
    }
  });

  it('compares two submitted assessments of the same enterprise, before then after', async () => {
    const c = await api(`/api/qa/assessments/compare?before=${enterpriseTwo}&after=${enterpriseOne}`, { token: managerA2 });
    expect(c.status).toBe(200);
    // given in either order, the earlier one is "before"
    expect(c.body.before.id).toBe(enterpriseOne);
    const before = toStored(scoreAnswers(q, fullAnswers(0)));
    const after = toStored(scoreAnswers(q, fullAnswers(1)));
    expect(c.body.overall).toEqual({ before: before.overall, after: after.overall, change: after.overall - before.overall });
    expect(c.body.rows[0]).toMatchObject({ id: q.areas[0].id, before: before.areas[q.areas[0].id], after: after.areas[q.areas[0].id] });
    // not with someone else's, nor with a draft
    expect((await api(`/api/qa/assessments/compare?before=${enterpriseOne}&after=${personal}`, { token: staffA.token })).status).toBe(404);
    const draft = await api('/api/qa/assessments', { token: managerA, body: {} });
    expect((await api(`/api/qa/assessments/compare?before=${enterpriseOne}&after=${draft.body.id}`, { token: managerA })).status).toBe(400);
  });
});

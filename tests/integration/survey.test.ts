/**
 * The helped-enterprise survey in the report's instrument: a manager answers, regulators read aggregates
 * (follow-up, government support, sizes of change), and answers saved with the old form survive the migration.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { api, login, registerLearner, superuserToken } from './helpers.ts';
import { PB_BIN, ROOT } from '../../scripts/lib/pocketbase.ts';

const answer = {
  satisfaction: 4,
  effect: 3,
  followUp: 2,
  improvements: ['awareness', 'first_pass_yield'],
  changes: { first_pass_yield: 17.8 },
  govSupport: 'needs_improvement',
  govSupportAreas: ['funds'],
  comment: '跟踪服务可以多来几次',
};

describe('the helped-enterprise survey', () => {
  it('a manager answers it; the answer comes back in the new shape and regulators see it in aggregates', async () => {
    const person = await registerLearner({ county: '650102' }); // Xinjiang: few demo answers, so the change shows
    const admin = await superuserToken();
    await api(`/api/collections/users/records/${person.id}`, { method: 'PATCH', token: admin, body: { role: 'enterprise_manager' } });
    const manager = await login(person.email, 'secret-pass-1');
    const regulator = await login('regulator@example.com');
    const year = String(new Date().getFullYear());
    const before = (await api(`/api/qa/stats/survey?region=65&period=${year}`, { token: regulator })).body;

    expect((await api('/api/qa/surveys/mine', { token: manager })).body).toEqual({ year, answer: null });
    const saved = await api('/api/qa/surveys', { token: manager, body: answer });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const mine = (await api('/api/qa/surveys/mine', { token: manager })).body.answer;
    expect(mine).toMatchObject({
      instrument: 2,
      satisfaction: 4,
      effect: 3,
      followUp: 2,
      changes: { first_pass_yield: 17.8 },
      govSupport: 'needs_improvement',
      govSupportAreas: ['funds'],
    });

    const after = (await api(`/api/qa/stats/survey?region=65&period=${year}`, { token: regulator })).body;
    expect(after.responses).toBe(before.responses + 1);
    expect(after.satisfied.numerator).toBe(before.satisfied.numerator + 1);
    expect(after.followUp.asked).toBe(before.followUp.asked + 1);
    expect(after.followUp.satisfied.numerator).toBe(before.followUp.satisfied.numerator); // 2 = 不太满意
    expect(after.govSupport.needsImprovement.numerator).toBe(before.govSupport.needsImprovement.numerator + 1);
    const fpy = (s: typeof after) => s.changes.find((c: { item: string }) => c.item === 'first_pass_yield');
    expect(fpy(after).reported).toBe(fpy(before).reported + 1);
    // answering again updates this year's answer instead of adding one
    await api('/api/qa/surveys', { token: manager, body: { ...answer, followUp: 5 } });
    const again = (await api(`/api/qa/stats/survey?region=65&period=${year}`, { token: regulator })).body;
    expect(again.responses).toBe(after.responses);
    expect(again.followUp.satisfied.numerator).toBe(before.followUp.satisfied.numerator + 1);
  });

  it('bad answers get field messages; only managers answer', async () => {
    const person = await registerLearner();
    expect((await api('/api/qa/surveys', { token: person.token, body: answer })).status).toBe(403);
    const admin = await superuserToken();
    await api(`/api/collections/users/records/${person.id}`, { method: 'PATCH', token: admin, body: { role: 'enterprise_manager' } });
    const manager = await login(person.email, 'secret-pass-1');
    const bad = await api('/api/qa/surveys', { token: manager, body: { ...answer, followUp: 9, changes: { sales_revenue: 5 } } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.data).sort()).toEqual(['changes.sales_revenue', 'followUp']);
    expect(bad.body.data['changes.sales_revenue'].message).toContain('月销售额');
  });
});

describe('answers saved with the old survey form', () => {
  function pocketbase(dir: string, ...args: string[]) {
    const run = spawnSync(
      PB_BIN,
      [...args, `--dir=${dir}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`, `--migrationsDir=${join(ROOT, 'pb_migrations')}`],
      { input: 'y\n', encoding: 'utf8' },
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
  }

  // this migration and every later one (other features' migrations may come after it)
  const fromSurveyMigration = String(
    readdirSync(join(ROOT, 'pb_migrations')).filter((f) => f.endsWith('.js') && f >= '1764400300_diagnosis_and_survey.js').length,
  );

  it('are migrated (labels, items, sizes of change) and restored exactly by down', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-survey-migrate-'));
    try {
      pocketbase(dir, 'migrate', 'up');
      pocketbase(dir, 'migrate', 'down', fromSurveyMigration);
      const db = new DatabaseSync(join(dir, 'data.db'));
      db.exec(`INSERT INTO surveys (id, enterprise, year, province_code, prefecture_code, county_code, sector, satisfaction, effect, improvements, first_pass_yield_change, sales_change, profit_change, comment)
        VALUES ('oldsurvey000001', 'e1', '2026', '33', '3305', '330502', '17', 5, 2, '["awareness","sales","first_pass_yield"]', 17.8, 12.5, 0, '好'),
               ('oldsurvey000002', 'e2', '2026', '33', '3305', '330502', '17', 1, 1, '[]', 0, 0, 0, '')`);
      const original = db.prepare('SELECT * FROM surveys ORDER BY id').all();
      db.close();

      pocketbase(dir, 'migrate', 'up');
      const up = new DatabaseSync(join(dir, 'data.db'), { readOnly: true });
      const rows = up
        .prepare('SELECT id, satisfaction, effect, improvements, changes, instrument, comment FROM surveys ORDER BY id')
        .all() as Record<string, unknown>[];
      up.close();
      expect(rows[0]).toMatchObject({ satisfaction: 5, effect: 2, instrument: 1, comment: '好' });
      expect(JSON.parse(rows[0].improvements as string)).toEqual(['awareness', 'sales_revenue', 'first_pass_yield']);
      expect(JSON.parse(rows[0].changes as string)).toEqual({ first_pass_yield: 17.8, sales_revenue: 12.5 });
      expect(JSON.parse(rows[1].changes as string)).toEqual({});

      pocketbase(dir, 'migrate', 'down', fromSurveyMigration);
      const down = new DatabaseSync(join(dir, 'data.db'), { readOnly: true });
      expect(down.prepare('SELECT * FROM surveys ORDER BY id').all()).toEqual(original);
      down.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

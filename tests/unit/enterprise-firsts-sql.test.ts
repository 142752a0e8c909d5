/**
 * The membership test of a new completion reads the distinct (month, channel, course) of the person's and the
 * enterprise's other counted completions (EARLIER_SQL in src/server/stats-aggregates.ts). For the enterprise it
 * walks the distinct triples by index seeks instead of reading every completion: it must return exactly what a
 * plain DISTINCT returns, over random histories (several months, both channels, several courses, revoked
 * completions, the new completion itself excluded), and it must use the covering index of migration 1764700100.
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { EARLIER_SQL } from '../../src/server/stats-aggregates.ts';
import { seededRandom } from '../../scripts/lib/bench-math.ts';

const sqlite = (dbxSql: string) => dbxSql.replace(/\{:(\w+)\}/g, ':$1');

function database() {
  const db = new DatabaseSync(':memory:');
  db.exec(`CREATE TABLE completions (id TEXT PRIMARY KEY NOT NULL, user TEXT DEFAULT '' NOT NULL, enterprise TEXT DEFAULT '' NOT NULL,
    course TEXT DEFAULT '' NOT NULL, channel TEXT DEFAULT '' NOT NULL, month TEXT DEFAULT '' NOT NULL, revoked BOOLEAN DEFAULT FALSE NOT NULL)`);
  db.exec('CREATE INDEX idx_completions_enterprise ON completions (enterprise)');
  db.exec('CREATE INDEX idx_completions_enterprise_firsts ON completions (enterprise, month, channel, course, revoked, id)');
  return db;
}

const PLAIN = `SELECT DISTINCT 'person' AS who, month, channel, course FROM completions WHERE user = :user AND id != :id AND revoked = FALSE
  UNION ALL
  SELECT DISTINCT 'enterprise', month, channel, course FROM completions WHERE enterprise = :enterprise AND id != :id AND revoked = FALSE`;

const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify({ ...(r as object) })).sort();

describe('the distinct earlier completions of a person and an enterprise', () => {
  it('equal a plain DISTINCT over random histories', () => {
    const random = seededRandom(20261201);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    for (let round = 0; round < 40; round++) {
      const db = database();
      const insert = db.prepare(
        'INSERT INTO completions (id, user, enterprise, course, channel, month, revoked) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-11'].slice(0, 1 + Math.floor(random() * 5));
      const courses = ['a', 'b', 'owner-essentials'].slice(0, 1 + Math.floor(random() * 3));
      const n = Math.floor(random() * 60);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const id = `c${round}x${i}`;
        ids.push(id);
        insert.run(
          id,
          `u${Math.floor(random() * 8)}`,
          pick(['e1', 'e1', 'e2']),
          pick(courses),
          pick(['online', 'in_person']),
          pick(months),
          random() < 0.15 ? 1 : 0,
        );
      }
      const query = db.prepare(sqlite(EARLIER_SQL));
      const plain = db.prepare(PLAIN);
      for (const enterprise of ['e1', 'e2', 'e3']) {
        const params = { user: `u${round % 8}`, enterprise, id: ids.length ? pick(ids) : 'none' };
        expect(sorted(query.all(params)), `round ${round}, ${enterprise}`).toEqual(sorted(plain.all(params)));
      }
      db.close();
    }
  });

  it('walks the enterprise along the covering index, one seek per distinct triple', () => {
    const db = database();
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${sqlite(EARLIER_SQL)}`).all({ user: 'u', enterprise: 'e', id: 'x' }) as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.filter((d) => d.includes('COVERING INDEX idx_completions_enterprise_firsts')).length).toBeGreaterThanOrEqual(4);
    expect(plan.some((d) => d.includes('(enterprise=? AND month=? AND channel=? AND course>?)'))).toBe(true);
    expect(plan.some((d) => d.includes('idx_completions_enterprise (enterprise=?)'))).toBe(false);
  });
});

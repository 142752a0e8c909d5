/**
 * The raw SQLite insert rate of this machine, measured by the benchmarks in the same run as their load: rows shaped
 * like lesson_progress, one per transaction and 1,000 per transaction, through Node's own SQLite (WAL, synchronous
 * NORMAL, as PocketBase runs). The shared 2-core host's speed moves by a third within an hour, and with it every
 * latency the benchmarks print; this rate is the yardstick that says which kind of hour a run had
 * (docs/api-load.md, docs/quiz-load.md).
 */
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const id15 = (prefix: string, n: number) => prefix + n.toString(36).padStart(14, '0');

/** Rows per second, one per transaction (`single`) and 1,000 per transaction (`batched`; skipped with batched: false). */
export function sqliteInsertRates(options: { seconds?: number; batched?: boolean } = {}): { single: number; batched: number } {
  const seconds = options.seconds ?? 2;
  const dir = mkdtempSync(join(tmpdir(), 'qa-bench-sqlite-'));
  const db = new DatabaseSync(join(dir, 'raw.db'));
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    CREATE TABLE lesson_progress (id TEXT PRIMARY KEY NOT NULL, user TEXT NOT NULL, course TEXT NOT NULL, lesson TEXT NOT NULL, read_at TEXT DEFAULT '' NOT NULL,
      video_intervals JSON DEFAULT NULL, video_position NUMERIC DEFAULT 0 NOT NULL, video_fraction NUMERIC DEFAULT 0 NOT NULL, video_done BOOLEAN DEFAULT FALSE NOT NULL,
      video_reported_at TEXT DEFAULT '' NOT NULL, video_credit NUMERIC DEFAULT 0 NOT NULL, created TEXT DEFAULT '' NOT NULL, updated TEXT DEFAULT '' NOT NULL);
    CREATE UNIQUE INDEX idx_progress_user_lesson ON lesson_progress (user, course, lesson);
    CREATE INDEX idx_progress_user_course ON lesson_progress (user, course);`);
  const insert =
    db.prepare(`INSERT INTO lesson_progress (id, user, course, lesson, video_intervals, video_position, video_fraction, video_done, video_reported_at, video_credit, created, updated)
    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`);
  let n = 0;
  const row = () => {
    const at = new Date().toISOString().replace('T', ' ');
    insert.run(id15('r', n), id15('u', n), 'bench-course', `lesson-${n}`, JSON.stringify([[0, 15 + (n % 40)]]), 15, 0.25, at, 2.5, at, at);
    n++;
  };
  const measure = (perTx: number) => {
    const began = performance.now();
    let rows = 0;
    while (performance.now() - began < seconds * 1000) {
      db.exec('BEGIN IMMEDIATE');
      for (let i = 0; i < perTx; i++) row();
      db.exec('COMMIT');
      rows += perTx;
    }
    return rows / ((performance.now() - began) / 1000);
  };
  try {
    const single = measure(1);
    const batched = options.batched === false ? Number.NaN : measure(1000);
    return { single, batched };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/// <reference path="../pb_data/types.d.ts" />
// Per-day firsts (src/lib/stats/day-firsts.ts, docs/statistics.md "Custom date ranges"): one row per (region,
// Beijing day) with that day's completions and the people and enterprises whose first counted completion of the
// year, quarter and month in that region falls on it. Every custom range that starts a year, quarter or month is
// then a sum over at most 366 rows instead of a count over the completions. Kept in the transaction of every
// completion, revocation and deletion (src/server/stats-days.ts); filled here by the rebuild from the existing
// completions.
//
// A plain table, not a collection: only the server reads it (regulators through /api/qa/stats/range), and
// the key (region, day) is the table itself (WITHOUT ROWID), so a range is one seek and a short read.
migrate(
  (app) => {
    app
      .db()
      .newQuery(
        `CREATE TABLE stat_days (
           region TEXT NOT NULL,
           day TEXT NOT NULL,
           attendee_times INTEGER NOT NULL DEFAULT 0,
           attendees_year INTEGER NOT NULL DEFAULT 0,
           attendees_quarter INTEGER NOT NULL DEFAULT 0,
           attendees_month INTEGER NOT NULL DEFAULT 0,
           enterprises_year INTEGER NOT NULL DEFAULT 0,
           enterprises_quarter INTEGER NOT NULL DEFAULT 0,
           enterprises_month INTEGER NOT NULL DEFAULT 0,
           PRIMARY KEY (region, day)
         ) WITHOUT ROWID`,
      )
      .execute();
    const qa = require(`${__hooks}/lib/qa.js`);
    qa.rebuildStats(app);
  },
  (app) => {
    app.db().newQuery('DROP TABLE IF EXISTS stat_days').execute();
  },
);

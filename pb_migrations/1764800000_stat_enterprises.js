/// <reference path="../pb_data/types.d.ts" />
// Trained-enterprise summaries (src/lib/stats/enterprise-periods.ts, docs/statistics.md "Trained-enterprise
// list"): one row per (region, period, enterprise) at the province-level, prefecture and county levels, for each
// year and "all", with the enterprise's completions, distinct people and last completion there. The list's default
// view (a year, or the year so far, by completions) is then one range of idx_stat_enterprises_times in order
// instead of a grouping of the province's completions. Kept in the transaction of every completion, revocation,
// deletion and edit (src/server/stats-enterprises.ts); filled here from the existing completions by the rebuild's
// own statements (not the whole statistics rebuild: counters and day rows are already right).
//
// A plain table, not a collection: only the server reads it (regulators through /api/qa/stats/enterprises).
// WITHOUT ROWID: the key (region, period, enterprise) is the table.
migrate(
  (app) => {
    app
      .db()
      .newQuery(
        `CREATE TABLE stat_enterprises (
           region TEXT NOT NULL,
           period TEXT NOT NULL,
           enterprise TEXT NOT NULL,
           attendee_times INTEGER NOT NULL DEFAULT 0,
           attendees INTEGER NOT NULL DEFAULT 0,
           last_completed TEXT NOT NULL DEFAULT '',
           PRIMARY KEY (region, period, enterprise)
         ) WITHOUT ROWID`,
      )
      .execute();
    const qa = require(`${__hooks}/lib/qa.js`);
    qa.rebuildEnterpriseSummaries(app); // also creates idx_stat_enterprises_times
  },
  (app) => {
    app.db().newQuery('DROP TABLE IF EXISTS stat_enterprises').execute();
  },
);

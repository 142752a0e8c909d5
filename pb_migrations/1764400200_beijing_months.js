/// <reference path="../pb_data/types.d.ts" />
// Reporting periods are cut in Beijing time (Asia/Shanghai, UTC+8). Completions recorded before this
// migration carry a month derived in UTC, so a completion at 07:30 on 1 February in Beijing (23:30 UTC on
// 31 January) was counted in January. `up` re-derives every month from the stored instant in Beijing time
// (monthOf in src/lib/stats/keys.ts) and rebuilds all counters; `down` restores the UTC months and rebuilds.
// Both need the hooks bundle (pb_hooks/lib/qa.js), which `npm start` and `npm run build` produce.

migrate(
  (app) => {
    const qa = require(`${__hooks}/lib/qa.js`);
    const changed = qa.rederiveMonths(app);
    qa.rebuildStats(app);
    if (changed) console.log(`qa: ${changed} completions moved to their Beijing-time month; statistics rebuilt`);
  },
  (app) => {
    // The former rule: the month of the UTC instant.
    app
      .db()
      .newQuery(
        "UPDATE completions SET month = strftime('%Y-%m', completed_at) WHERE completed_at != '' AND month IS NOT strftime('%Y-%m', completed_at)",
      )
      .execute();
    require(`${__hooks}/lib/qa.js`).rebuildStats(app);
  },
);

/// <reference path="../pb_data/types.d.ts" />
// A prefecture's assessment figures (its own row in a province's regional breakdown, and its counties') count the
// helped enterprises of that prefecture only (src/server/programme/assistance-source.ts, `within`). This index
// makes that an index range (prefecture, acceptance, end, enterprise) instead of a scan of every assistance of
// the country, as idx_assistances_helped (migration 1764540001) does for a province.

migrate(
  (app) => {
    const assistances = app.findCollectionByNameOrId('assistances');
    assistances.indexes = assistances.indexes.concat([
      'CREATE INDEX idx_assistances_helped_prefecture ON assistances (prefecture_code, accepted_at, finished_at, enterprise)',
    ]);
    app.save(assistances);
  },
  (app) => {
    const assistances = app.findCollectionByNameOrId('assistances');
    assistances.indexes = assistances.indexes.filter((i) => i.indexOf('idx_assistances_helped_prefecture') < 0);
    app.save(assistances);
  },
);

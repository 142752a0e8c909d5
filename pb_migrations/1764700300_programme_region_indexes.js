/// <reference path="../pb_data/types.d.ts" />
// Indexes for the assessment's figures recomputed after a change (issue 17; src/server/programme/figures.ts and
// assistance-source.ts):
// - a prefecture's figures (its own total line, its counties) count the helped enterprises and the sessions of that
//   prefecture only: index ranges (prefecture, acceptance, end, enterprise) and (prefecture, held_on), as
//   idx_assistances_helped (migration 1764540001) and idx_sessions_province_held do for a province;
// - the helped enterprises' survey answers are joined to each enterprise's assistances in force: covering them by
//   (enterprise, acceptance, end, regions) reads the index only, not one table row per answer;
// - a year's answers (satisfied? improved?) and their levels by province are read from the year's index range
//   alone, not from every answer of every year (the table's rows carry the answers' JSON: many more pages).

const INDEXES = {
  assistances: [
    'CREATE INDEX idx_assistances_helped_prefecture ON assistances (prefecture_code, accepted_at, finished_at, enterprise)',
    'CREATE INDEX idx_assistances_enterprise_helped ON assistances (enterprise, accepted_at, finished_at, province_code, prefecture_code, county_code)',
  ],
  sessions: ['CREATE INDEX idx_sessions_prefecture_held ON sessions (prefecture_code, held_on)'],
  surveys: [
    'CREATE INDEX idx_surveys_year_answer ON surveys (year, enterprise, satisfaction, effect)',
    'CREATE INDEX idx_surveys_year_levels ON surveys (year, province_code, satisfaction, effect)',
  ],
};

const nameOf = (sql) => sql.split(' ')[2];

migrate(
  (app) => {
    for (const [name, indexes] of Object.entries(INDEXES)) {
      const collection = app.findCollectionByNameOrId(name);
      collection.indexes = collection.indexes.concat(indexes);
      app.save(collection);
    }
  },
  (app) => {
    for (const [name, indexes] of Object.entries(INDEXES)) {
      const collection = app.findCollectionByNameOrId(name);
      const names = indexes.map(nameOf);
      collection.indexes = collection.indexes.filter((i) => !names.some((n) => i.indexOf(n) >= 0));
      app.save(collection);
    }
  },
);

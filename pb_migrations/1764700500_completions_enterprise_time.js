/// <reference path="../pb_data/types.d.ts" />
// A completion recorded after the fact (an in-person session entered days later) can precede completions already
// counted and take over a person's or an enterprise's "first in the period" (src/server/stats-aggregates.ts,
// applyCompletionFacts). Whether any counted completion of the enterprise is at or after the new one is one seek
// on (enterprise, completed_at); without it, every completion of the enterprise would be read. It replaces
// (enterprise), which is its prefix, so a completion writes no more index entries than before. A person's few
// completions are read through (user, course).

const ENTERPRISE_TIME = 'CREATE INDEX idx_completions_enterprise_time ON completions (enterprise, completed_at)';
const ENTERPRISE = 'CREATE INDEX idx_completions_enterprise ON completions (enterprise)';

migrate(
  (app) => {
    const completions = app.findCollectionByNameOrId('completions');
    completions.indexes = completions.indexes.filter((i) => i.indexOf('idx_completions_enterprise ') < 0).concat([ENTERPRISE_TIME]);
    app.save(completions);
  },
  (app) => {
    const completions = app.findCollectionByNameOrId('completions');
    completions.indexes = completions.indexes.filter((i) => i.indexOf('idx_completions_enterprise_time') < 0).concat([ENTERPRISE]);
    app.save(completions);
  },
);

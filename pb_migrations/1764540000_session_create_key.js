/// <reference path="../pb_data/types.d.ts" />
// A trainer's client sends a key with a new in-person session (POST /api/qa/sessions {key}); a retry after a
// lost answer (network cut, server restarted) carries the same key and finds the session the first request
// saved instead of recording the training a second time (docs/faults.md). Unique per trainer.

migrate(
  (app) => {
    const sessions = app.findCollectionByNameOrId('sessions');
    sessions.fields.add(new Field({ name: 'create_key', type: 'text', max: 64, hidden: true }));
    sessions.indexes = sessions.indexes.concat([
      "CREATE UNIQUE INDEX idx_sessions_trainer_create_key ON sessions (trainer, create_key) WHERE create_key != ''",
    ]);
    app.save(sessions);
  },
  (app) => {
    const sessions = app.findCollectionByNameOrId('sessions');
    sessions.indexes = sessions.indexes.filter((i) => i.indexOf('idx_sessions_trainer_create_key') < 0);
    sessions.fields.removeByName('create_key');
    app.save(sessions);
  },
);

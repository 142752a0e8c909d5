/// <reference path="../pb_data/types.d.ts" />
// In-person training sessions recorded by trainers. Each attendee gets a completion with channel
// "in_person" (through POST /api/qa/sessions), so the statistics count both channels.

migrate(
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    const sessions = new Collection({
      type: 'base',
      name: 'sessions',
      listRule: 'trainer = @request.auth.id',
      viewRule: 'trainer = @request.auth.id',
      createRule: null,
      updateRule: null,
      deleteRule: null,
      fields: [
        { name: 'trainer', type: 'relation', collectionId: users.id, maxSelect: 1, required: true },
        { name: 'course', type: 'text', required: true },
        { name: 'title', type: 'text', required: true, max: 100 },
        { name: 'held_on', type: 'date', required: true },
        { name: 'location', type: 'text', max: 100 },
        { name: 'attendees', type: 'relation', collectionId: users.id, maxSelect: 500 },
        { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      ],
      indexes: ['CREATE INDEX idx_sessions_trainer ON sessions (trainer)'],
    });
    app.save(sessions);
    const completions = app.findCollectionByNameOrId('completions');
    completions.fields.add(new Field({ name: 'session', type: 'relation', collectionId: sessions.id, maxSelect: 1 }));
    app.save(completions);
  },
  (app) => {
    const completions = app.findCollectionByNameOrId('completions');
    completions.fields.removeByName('session');
    app.save(completions);
    app.delete(app.findCollectionByNameOrId('sessions'));
  },
);

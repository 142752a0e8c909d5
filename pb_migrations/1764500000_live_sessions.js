/// <reference path="../pb_data/types.d.ts" />
// Live in-person sessions with rotating QR check-in (docs/in-person-sessions.md). A trainer plans a session
// (live_sessions), attendees check in on their phones (checkins), and closing it records the attendance as an
// ordinary in-person session (a `sessions` row with completions, the path of recorded sessions), linked in
// `session`. The secret from which the rotating codes are derived never leaves the server (hidden field, and
// the generic record API is closed: null rules); everything goes through /api/qa/* routes.

migrate(
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    const enterprises = app.findCollectionByNameOrId('enterprises');
    const sessions = app.findCollectionByNameOrId('sessions');
    const text = (name, opts) => Object.assign({ name, type: 'text' }, opts || {});
    const closed = { listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null };
    const created = { name: 'created', type: 'autodate', onCreate: true, onUpdate: false };
    const updated = { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true };

    const live = new Collection(
      Object.assign(
        {
          type: 'base',
          name: 'live_sessions',
          fields: [
            { name: 'trainer', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: false },
            text('course', { required: true, pattern: '^[a-z0-9-]+$' }),
            text('title', { required: true, max: 100 }),
            { name: 'format', type: 'select', values: ['lecture', 'small_class', 'site_visit'], maxSelect: 1, required: true },
            { name: 'starts_at', type: 'date', required: true },
            { name: 'ends_at', type: 'date', required: true },
            text('location', { required: true, max: 100 }),
            // empty: open to anyone; set: only that enterprise's staff may check in
            { name: 'enterprise', type: 'relation', collectionId: enterprises.id, maxSelect: 1 },
            { name: 'capacity', type: 'number', onlyInt: true, min: 1, max: 500, required: true },
            text('secret', { required: true, min: 40, max: 80, hidden: true }),
            { name: 'closed_at', type: 'date' },
            // the recorded session (with its completions) once closed
            { name: 'session', type: 'relation', collectionId: sessions.id, maxSelect: 1 },
            created,
            updated,
          ],
          indexes: [
            'CREATE INDEX idx_live_sessions_trainer ON live_sessions (trainer, starts_at)',
            'CREATE INDEX idx_live_sessions_open ON live_sessions (closed_at, ends_at)',
          ],
        },
        closed,
      ),
    );
    app.save(live);

    app.save(
      new Collection(
        Object.assign(
          {
            type: 'base',
            name: 'checkins',
            fields: [
              { name: 'live_session', type: 'relation', collectionId: live.id, maxSelect: 1, required: true, cascadeDelete: true },
              { name: 'user', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: true },
              // qr: scanned; code: typed the short code; trainer: added by the trainer as a correction
              { name: 'method', type: 'select', values: ['qr', 'code', 'trainer'], maxSelect: 1, required: true },
              // signed in, or by name + phone + credit code (linked to an existing account or a new one)
              {
                name: 'identified_by',
                type: 'select',
                values: ['account', 'form_linked', 'form_created', 'trainer'],
                maxSelect: 1,
                required: true,
              },
              created,
            ],
            indexes: [
              'CREATE UNIQUE INDEX idx_checkins_once ON checkins (live_session, user)',
              'CREATE INDEX idx_checkins_user ON checkins (user)',
            ],
          },
          closed,
        ),
      ),
    );
  },
  (app) => {
    app.delete(app.findCollectionByNameOrId('checkins'));
    app.delete(app.findCollectionByNameOrId('live_sessions'));
  },
);

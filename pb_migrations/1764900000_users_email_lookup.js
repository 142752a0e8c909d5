/// <reference path="../pb_data/types.d.ts" />
// Signing in looks the account up by email (PocketBase's auth-with-password: `WHERE email = ?`), and so do the
// email uniqueness check at registration and the password-reset request. PocketBase's own unique index on email is
// partial (`WHERE email != ''`), and SQLite may only use a partial index when the query's WHERE implies the
// index's, which `email = ?` does not: every sign-in read the whole users table (3,000 users: 0.2 ms; at the
// national scale of 3 million learners, a full scan per sign-in). A plain index on email serves those lookups;
// the partial unique one still enforces uniqueness.

const EMAIL_LOOKUP = 'CREATE INDEX idx_users_email_lookup ON users (email)';

migrate(
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    users.indexes = users.indexes.filter((i) => i.indexOf('idx_users_email_lookup') < 0).concat([EMAIL_LOOKUP]);
    app.save(users);
  },
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    users.indexes = users.indexes.filter((i) => i.indexOf('idx_users_email_lookup') < 0);
    app.save(users);
  },
);

/// <reference path="../pb_data/types.d.ts" />
// Personal data is read only through /api/qa/* routes (docs/security.md, rule 1). PocketBase's generic
// list endpoint accepts caller-chosen filters and sorts, and a filter may follow relations and back-relations
// (users_via_enterprise.phone, user.email, ...) that the list rule of the joined collection does not guard:
// `totalItems` then answers yes/no questions about rows the caller cannot see. So every collection holding
// anything about a person or an enterprise is closed to generic list/view (null = superusers only); a user
// may still view (not list) their own user record, which has no filter parameter, so that a profile update
// (PATCH /api/collections/users/records/:id) can answer with the saved record.
// Courses stay public: they hold titles of published content only and no relation.

const CLOSED = ['enterprises', 'lesson_progress', 'quiz_attempts', 'completions', 'surveys', 'sessions'];
const SELF = 'id = @request.auth.id';

migrate(
  (app) => {
    for (const name of CLOSED) {
      const c = app.findCollectionByNameOrId(name);
      c.listRule = null;
      c.viewRule = null;
      app.save(c);
    }
    const users = app.findCollectionByNameOrId('users');
    users.listRule = null;
    users.viewRule = SELF;
    // One rule for names (src/lib/security/names.ts) is enforced by a request hook; the column's own bound
    // is a backstop for writes that bypass the hooks.
    const name = users.fields.getByName('name');
    name.max = 30;
    app.save(users);
  },
  (app) => {
    const MANAGER =
      "(@request.auth.role = 'enterprise_manager' && @request.auth.enterprise != '' && enterprise = @request.auth.enterprise)";
    const previous = {
      enterprises: 'id = @request.auth.enterprise',
      lesson_progress:
        "user = @request.auth.id || (@request.auth.role = 'enterprise_manager' && @request.auth.enterprise != '' && user.enterprise = @request.auth.enterprise)",
      quiz_attempts: 'user = @request.auth.id',
      completions: `user = @request.auth.id || ${MANAGER}`,
      surveys: "enterprise = @request.auth.enterprise && @request.auth.role = 'enterprise_manager'",
      sessions: 'trainer = @request.auth.id',
    };
    for (const name of CLOSED) {
      const c = app.findCollectionByNameOrId(name);
      c.listRule = previous[name];
      c.viewRule = previous[name];
      app.save(c);
    }
    const users = app.findCollectionByNameOrId('users');
    users.listRule = `${SELF} || ${MANAGER}`;
    users.viewRule = `${SELF} || ${MANAGER}`;
    users.fields.getByName('name').max = 255;
    app.save(users);
  },
);

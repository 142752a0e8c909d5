/// <reference path="../pb_data/types.d.ts" />
// Precision assistance (精准帮扶): certification bodies and their admission per province, experts (a new
// value of users.role plus users.body), assistances with their history, plan measures, follow-up visits,
// learning assignments and the programme's settings. Every rule is null: these records hold an enterprise's
// weaknesses and are read and written only through /api/qa/assistance/*, which enforces who sees what.
// Roles stay a single select: one account, one role (an expert who also trains uses two accounts).

const text = (name, opts) => Object.assign({ name, type: 'text' }, opts || {});
const bool = (name) => ({ name, type: 'bool' });
const date = (name, opts) => Object.assign({ name, type: 'date' }, opts || {});
const json = (name) => ({ name, type: 'json', maxSize: 200000 });
const select = (name, values, opts) => Object.assign({ name, type: 'select', values, maxSelect: 1 }, opts || {});
const created = () => ({ name: 'created', type: 'autodate', onCreate: true, onUpdate: false });
const updated = () => ({ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true });
const relation = (name, collectionId, opts) =>
  Object.assign({ name, type: 'relation', collectionId, maxSelect: 1, cascadeDelete: false }, opts || {});
const closed = { listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null };

const ROLES = ['learner', 'enterprise_manager', 'trainer', 'regulator'];
const NEW_COLLECTIONS = [
  'assistance_settings',
  'learning_assignments',
  'assistance_visits',
  'plan_measures',
  'assistances',
  'body_admissions',
];

migrate(
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    const enterprises = app.findCollectionByNameOrId('enterprises');

    const bodies = new Collection(
      Object.assign(
        {
          type: 'base',
          name: 'cert_bodies',
          fields: [
            text('name', { required: true, min: 2, max: 100 }),
            text('approval_number', { required: true, pattern: '^CNCA-R-\\d{4}-\\d{3}$' }),
            json('provinces'), // GB/T 2260 province codes where the body takes part
            created(),
            updated(),
          ],
          indexes: [
            'CREATE UNIQUE INDEX idx_cert_bodies_approval ON cert_bodies (approval_number)',
            'CREATE UNIQUE INDEX idx_cert_bodies_name ON cert_bodies (name)',
          ],
        },
        closed,
      ),
    );
    app.save(bodies);

    const role = users.fields.getByName('role');
    role.values = ROLES.concat(['expert']);
    users.fields.add(new Field(relation('body', bodies.id)));
    users.indexes = (users.indexes || []).concat(["CREATE INDEX idx_users_body ON users (body) WHERE body != ''"]);
    // Nobody changes their own body, as nobody changes their own role or enterprise.
    users.updateRule = `${users.updateRule} && @request.body.body:isset = false`;
    app.save(users);

    app.save(
      new Collection(
        Object.assign(
          {
            type: 'base',
            name: 'body_admissions',
            fields: [
              relation('body', bodies.id, { required: true, cascadeDelete: true }),
              text('province_code', { required: true, pattern: '^\\d{2}$' }),
              bool('admitted'),
              relation('decided_by', users.id),
              date('decided_at'),
              text('note', { max: 200 }),
              created(),
              updated(),
            ],
            indexes: ['CREATE UNIQUE INDEX idx_body_admissions_key ON body_admissions (body, province_code)'],
          },
          closed,
        ),
      ),
    );

    const assistances = new Collection(
      Object.assign(
        {
          type: 'base',
          name: 'assistances',
          fields: [
            relation('enterprise', enterprises.id, { required: true }),
            relation('body', bodies.id),
            relation('expert', users.id),
            select('state', ['requested', 'proposed', 'active', 'closed', 'ended', 'declined'], { required: true }),
            select('origin', ['enterprise', 'body'], { required: true }),
            // Snapshot of the enterprise's region and sector (updated at acceptance): statistics never move with later edits.
            text('province_code', { required: true }),
            text('prefecture_code', { required: true }),
            text('county_code', { required: true }),
            text('sector', { required: true }),
            date('accepted_at'),
            date('finished_at'),
            text('end_reason', { max: 500 }),
            text('request_note', { max: 500 }),
            json('history'),
            relation('certifier', bodies.id),
            text('certifier_name', { max: 100 }), // a body that is not on the platform
            bool('certifier_known'),
            json('findings'),
            text('baseline_assessment', { max: 30 }),
            text('final_assessment', { max: 30 }),
            created(),
            updated(),
          ],
          indexes: [
            // At most one assistance under way (or waiting for an answer) per enterprise.
            "CREATE UNIQUE INDEX idx_assistances_open ON assistances (enterprise) WHERE state = 'requested' OR state = 'proposed' OR state = 'active'",
            'CREATE INDEX idx_assistances_enterprise ON assistances (enterprise)',
            'CREATE INDEX idx_assistances_body ON assistances (body, state)',
            'CREATE INDEX idx_assistances_expert ON assistances (expert)',
            'CREATE INDEX idx_assistances_province ON assistances (province_code, accepted_at)',
            'CREATE INDEX idx_assistances_accepted ON assistances (accepted_at)',
          ],
        },
        closed,
      ),
    );
    app.save(assistances);

    const measures = new Collection(
      Object.assign(
        {
          type: 'base',
          name: 'plan_measures',
          fields: [
            relation('assistance', assistances.id, { required: true, cascadeDelete: true }),
            text('title', { required: true, max: 100 }),
            text('detail', { max: 1000 }),
            text('owner', { required: true, max: 40 }),
            text('target_date', { required: true, pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
            select('status', ['planned', 'in_progress', 'done', 'dropped'], { required: true }),
            json('lessons'),
            json('cases'),
            relation('updated_by', users.id),
            created(),
            updated(),
          ],
          indexes: ['CREATE INDEX idx_plan_measures_assistance ON plan_measures (assistance)'],
        },
        closed,
      ),
    );
    app.save(measures);

    app.save(
      new Collection(
        Object.assign(
          {
            type: 'base',
            name: 'assistance_visits',
            fields: [
              relation('assistance', assistances.id, { required: true, cascadeDelete: true }),
              relation('expert', users.id, { required: true }),
              text('visit_date', { required: true, pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
              select('mode', ['site', 'remote'], { required: true }),
              text('checked', { required: true, max: 2000 }),
              json('measures'), // [{ measure, status, note }]
              text('next_step', { max: 1000 }),
              select('confirmation', ['pending', 'confirmed', 'disputed'], { required: true }),
              relation('confirmed_by', users.id),
              date('confirmed_at'),
              text('dispute_reason', { max: 500 }),
              created(),
              updated(),
            ],
            indexes: ['CREATE INDEX idx_assistance_visits_assistance ON assistance_visits (assistance, confirmation, visit_date)'],
          },
          closed,
        ),
      ),
    );

    app.save(
      new Collection(
        Object.assign(
          {
            type: 'base',
            name: 'learning_assignments',
            fields: [
              relation('enterprise', enterprises.id, { required: true }),
              relation('user', users.id, { required: true, cascadeDelete: true }),
              text('course', { required: true }),
              text('lesson'), // "" = the whole course
              text('due_date', { required: true, pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
              relation('assigned_by', users.id),
              relation('assistance', assistances.id),
              relation('measure', measures.id),
              created(),
              updated(),
            ],
            indexes: [
              'CREATE UNIQUE INDEX idx_learning_assignments_key ON learning_assignments (user, course, lesson)',
              'CREATE INDEX idx_learning_assignments_enterprise ON learning_assignments (enterprise, due_date)',
            ],
          },
          closed,
        ),
      ),
    );

    const settings = new Collection(
      Object.assign(
        {
          type: 'base',
          name: 'assistance_settings',
          fields: [text('key', { required: true, max: 50 }), json('value'), updated()],
          indexes: ['CREATE UNIQUE INDEX idx_assistance_settings_key ON assistance_settings (key)'],
        },
        closed,
      ),
    );
    app.save(settings);
    const followUp = new Record(settings);
    followUp.set('key', 'followup_days');
    followUp.set('value', 30);
    app.save(followUp);
  },
  (app) => {
    for (const name of NEW_COLLECTIONS) app.delete(app.findCollectionByNameOrId(name));
    const users = app.findCollectionByNameOrId('users');
    // Expert accounts fall back to learners rather than carrying a role the schema no longer knows.
    app.db().newQuery("UPDATE users SET role = 'learner' WHERE role = 'expert'").execute();
    users.fields.removeByName('body');
    users.fields.getByName('role').values = ROLES;
    users.indexes = (users.indexes || []).filter((i) => i.indexOf('idx_users_body') < 0);
    users.updateRule = users.updateRule.replace(' && @request.body.body:isset = false', '');
    app.save(users);
    app.delete(app.findCollectionByNameOrId('cert_bodies'));
  },
);

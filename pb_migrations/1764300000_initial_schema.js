/// <reference path="../pb_data/types.d.ts" />
// Initial schema. Every rule denies by default (null = superusers only); learners read only their own
// records, and everything that decides a score, a completion or a count is written by pb_hooks routes.

const text = (name, opts) => Object.assign({ name, type: 'text' }, opts || {});
const num = (name, opts) => Object.assign({ name, type: 'number' }, opts || {});
const bool = (name) => ({ name, type: 'bool' });
const date = (name, opts) => Object.assign({ name, type: 'date' }, opts || {});
const json = (name) => ({ name, type: 'json', maxSize: 1000000 });
const created = () => ({ name: 'created', type: 'autodate', onCreate: true, onUpdate: false });
const updated = () => ({ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true });
const relation = (name, collectionId, opts) =>
  Object.assign({ name, type: 'relation', collectionId, maxSelect: 1, cascadeDelete: false }, opts || {});

migrate(
  (app) => {
    const enterprises = new Collection({
      type: 'base',
      name: 'enterprises',
      listRule: null,
      viewRule: null,
      createRule: null,
      updateRule: null,
      deleteRule: null,
      fields: [
        text('name', { required: true, min: 2, max: 100 }),
        text('uscc', { required: true, min: 18, max: 18, pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' }),
        text('county_code', { required: true, pattern: '^\\d{6}$' }),
        text('prefecture_code', { required: true, pattern: '^\\d{4}$' }),
        text('province_code', { required: true, pattern: '^\\d{2}$' }),
        text('sector', { required: true, pattern: '^\\d{2}$' }),
        { name: 'size', type: 'select', values: ['micro', 'small', 'medium'], maxSelect: 1 },
        created(),
        updated(),
      ],
      indexes: [
        'CREATE UNIQUE INDEX idx_enterprises_uscc ON enterprises (uscc)',
        'CREATE INDEX idx_enterprises_province ON enterprises (province_code)',
      ],
    });
    app.save(enterprises);

    const users = app.findCollectionByNameOrId('users');
    users.fields.add(
      new Field({
        name: 'role',
        type: 'select',
        values: ['learner', 'enterprise_manager', 'trainer', 'regulator'],
        maxSelect: 1,
        required: true,
      }),
    );
    users.fields.add(new Field(relation('enterprise', enterprises.id)));
    // GB/T 2260 jurisdiction of a regulator: "" national, 2 digits province (66 = XPCC), 4 prefecture, 6 county.
    users.fields.add(new Field(text('jurisdiction', { pattern: '^(\\d{2}|\\d{4}|\\d{6})?$' })));
    users.fields.add(new Field(text('phone', { max: 20 })));
    const self = 'id = @request.auth.id';
    const managerOfStaff =
      "(@request.auth.role = 'enterprise_manager' && @request.auth.enterprise != '' && enterprise = @request.auth.enterprise)";
    users.listRule = `${self} || ${managerOfStaff}`;
    users.viewRule = `${self} || ${managerOfStaff}`;
    users.createRule = null; // registration goes through POST /api/qa/register, which validates the enterprise
    users.updateRule = `${self} && @request.body.role:isset = false && @request.body.enterprise:isset = false && @request.body.jurisdiction:isset = false && @request.body.verified:isset = false`;
    users.deleteRule = null;
    users.indexes = (users.indexes || []).concat(['CREATE INDEX idx_users_enterprise ON users (enterprise)']);
    app.save(users);

    // Enterprises are visible to their own members only; regulators see aggregates through /api/qa/stats.
    enterprises.listRule = 'id = @request.auth.enterprise';
    enterprises.viewRule = 'id = @request.auth.enterprise';
    app.save(enterprises);

    app.save(
      new Collection({
        type: 'base',
        name: 'courses',
        listRule: '',
        viewRule: '',
        createRule: null,
        updateRule: null,
        deleteRule: null,
        fields: [
          text('slug', { required: true, pattern: '^[a-z0-9-]+$' }),
          text('title', { required: true }),
          num('lesson_count', { onlyInt: true }),
          text('version', {}),
          updated(),
        ],
        indexes: ['CREATE UNIQUE INDEX idx_courses_slug ON courses (slug)'],
      }),
    );

    app.save(
      new Collection({
        type: 'base',
        name: 'lesson_progress',
        listRule: 'user = @request.auth.id',
        viewRule: 'user = @request.auth.id',
        createRule: null,
        updateRule: null,
        deleteRule: null,
        fields: [
          relation('user', users.id, { required: true, cascadeDelete: true }),
          text('course', { required: true }),
          text('lesson', { required: true }),
          date('read_at'),
          json('video_intervals'),
          num('video_position', { min: 0 }),
          num('video_fraction', { min: 0, max: 1 }),
          bool('video_done'),
          date('video_reported_at'),
          created(),
          updated(),
        ],
        indexes: [
          'CREATE UNIQUE INDEX idx_progress_user_lesson ON lesson_progress (user, course, lesson)',
          'CREATE INDEX idx_progress_user_course ON lesson_progress (user, course)',
        ],
      }),
    );

    app.save(
      new Collection({
        type: 'base',
        name: 'quiz_attempts',
        // The drawn questions carry no answer keys; results appear only after the server grades a submission.
        listRule: 'user = @request.auth.id',
        viewRule: 'user = @request.auth.id',
        createRule: null,
        updateRule: null,
        deleteRule: null,
        fields: [
          relation('user', users.id, { required: true, cascadeDelete: true }),
          text('course', { required: true }),
          text('quiz', { required: true }),
          { name: 'kind', type: 'select', values: ['lesson', 'final'], maxSelect: 1, required: true },
          { name: 'status', type: 'select', values: ['open', 'submitted', 'expired'], maxSelect: 1, required: true },
          json('questions'),
          json('answers'),
          json('results'),
          num('score', { min: 0, max: 100 }),
          bool('passed'),
          num('pass_mark'),
          date('started', { required: true }),
          date('deadline'),
          date('submitted'),
          text('start_key', { max: 64 }),
          text('submit_key', { max: 64 }),
          created(),
          updated(),
        ],
        indexes: [
          "CREATE UNIQUE INDEX idx_attempts_start_key ON quiz_attempts (user, start_key) WHERE start_key != ''",
          'CREATE INDEX idx_attempts_user_quiz ON quiz_attempts (user, quiz, status)',
        ],
      }),
    );

    app.save(
      new Collection({
        type: 'base',
        name: 'completions',
        listRule:
          "user = @request.auth.id || (@request.auth.role = 'enterprise_manager' && @request.auth.enterprise != '' && enterprise = @request.auth.enterprise)",
        viewRule:
          "user = @request.auth.id || (@request.auth.role = 'enterprise_manager' && @request.auth.enterprise != '' && enterprise = @request.auth.enterprise)",
        createRule: null,
        updateRule: null,
        deleteRule: null,
        fields: [
          relation('user', users.id, { required: true }),
          text('course', { required: true }),
          relation('enterprise', enterprises.id, { required: true }),
          // Snapshot at completion: later changes to the enterprise do not rewrite history.
          text('learner_name', { required: true }),
          text('enterprise_name', { required: true }),
          text('province_code', { required: true }),
          text('prefecture_code', { required: true }),
          text('county_code', { required: true }),
          text('sector', { required: true }),
          { name: 'channel', type: 'select', values: ['online', 'in_person'], maxSelect: 1, required: true },
          date('completed_at', { required: true }),
          text('month', { required: true, pattern: '^\\d{4}-\\d{2}$' }),
          text('certificate_code', { required: true }),
          bool('revoked'),
          text('revoked_reason', {}),
          num('score'),
          created(),
        ],
        indexes: [
          'CREATE UNIQUE INDEX idx_completions_user_course ON completions (user, course)',
          'CREATE UNIQUE INDEX idx_completions_certificate ON completions (certificate_code)',
          'CREATE INDEX idx_completions_enterprise ON completions (enterprise)',
          'CREATE INDEX idx_completions_province_month ON completions (province_code, month)',
          'CREATE INDEX idx_completions_prefecture_month ON completions (prefecture_code, month)',
          'CREATE INDEX idx_completions_county_month ON completions (county_code, month)',
          'CREATE INDEX idx_completions_month ON completions (month)',
        ],
      }),
    );
  },
  (app) => {
    for (const name of ['completions', 'quiz_attempts', 'lesson_progress', 'courses']) {
      app.delete(app.findCollectionByNameOrId(name));
    }
    const users = app.findCollectionByNameOrId('users');
    for (const name of ['role', 'enterprise', 'jurisdiction', 'phone']) users.fields.removeByName(name);
    users.indexes = (users.indexes || []).filter((i) => i.indexOf('idx_users_enterprise') < 0);
    users.listRule = 'id = @request.auth.id';
    users.viewRule = 'id = @request.auth.id';
    users.createRule = '';
    users.updateRule = 'id = @request.auth.id';
    users.deleteRule = 'id = @request.auth.id';
    app.save(users);
    app.delete(app.findCollectionByNameOrId('enterprises'));
  },
);

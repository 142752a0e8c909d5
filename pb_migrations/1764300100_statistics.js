/// <reference path="../pb_data/types.d.ts" />
// Statistics: exact counters maintained in the same transaction as each completion (stat_counts), and
// the survey of helped enterprises. Definitions: src/lib/stats/keys.ts. Only superusers read these tables directly;
// regulators read them through /api/qa/stats/*, which enforces jurisdiction.

migrate(
  (app) => {
    const text = (name, opts) => Object.assign({ name, type: 'text' }, opts || {});
    const num = (name) => ({ name, type: 'number', onlyInt: true });

    app.save(
      new Collection({
        type: 'base',
        name: 'stat_counts',
        listRule: null,
        viewRule: null,
        createRule: null,
        updateRule: null,
        deleteRule: null,
        fields: [
          text('period', { required: true }),
          text('region'),
          text('dim', { required: true }),
          num('attendee_times'),
          num('attendees'),
          num('enterprises'),
        ],
        indexes: [
          'CREATE UNIQUE INDEX idx_stat_counts_key ON stat_counts (period, region, dim)',
          // trends, drill-down lists and exports read one region (or a range of codes) across periods
          'CREATE INDEX idx_stat_counts_region ON stat_counts (region, dim, period)',
        ],
      }),
    );

    // Whether a person or enterprise is new in a period is answered from completions themselves.
    const completions = app.findCollectionByNameOrId('completions');
    completions.indexes = completions.indexes.concat([
      'CREATE INDEX idx_completions_enterprise_month ON completions (enterprise, month)',
      'CREATE INDEX idx_completions_completed_at ON completions (completed_at)', // "last update" time
    ]);
    app.save(completions);

    const enterprises = app.findCollectionByNameOrId('enterprises');
    const users = app.findCollectionByNameOrId('users');
    app.save(
      new Collection({
        type: 'base',
        name: 'surveys',
        // Managers see their own enterprise's answers; regulators see aggregates through /api/qa/stats/*.
        listRule: "enterprise = @request.auth.enterprise && @request.auth.role = 'enterprise_manager'",
        viewRule: "enterprise = @request.auth.enterprise && @request.auth.role = 'enterprise_manager'",
        createRule: null,
        updateRule: null,
        deleteRule: null,
        fields: [
          { name: 'enterprise', type: 'relation', collectionId: enterprises.id, maxSelect: 1, required: true },
          { name: 'submitted_by', type: 'relation', collectionId: users.id, maxSelect: 1 },
          text('year', { required: true, pattern: '^\\d{4}$' }),
          text('province_code', { required: true }),
          text('prefecture_code', { required: true }),
          text('county_code', { required: true }),
          text('sector', { required: true }),
          { name: 'satisfaction', type: 'number', onlyInt: true, min: 1, max: 5, required: true },
          { name: 'effect', type: 'number', onlyInt: true, min: 1, max: 4, required: true },
          { name: 'improvements', type: 'json', maxSize: 10000 },
          { name: 'first_pass_yield_change', type: 'number' },
          { name: 'sales_change', type: 'number' },
          { name: 'profit_change', type: 'number' },
          text('comment', { max: 500 }),
          { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
          { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
        ],
        indexes: [
          'CREATE UNIQUE INDEX idx_surveys_enterprise_year ON surveys (enterprise, year)',
          'CREATE INDEX idx_surveys_province_year ON surveys (province_code, year)',
        ],
      }),
    );
  },
  (app) => {
    for (const name of ['surveys', 'stat_counts']) app.delete(app.findCollectionByNameOrId(name));
    const completions = app.findCollectionByNameOrId('completions');
    completions.indexes = completions.indexes.filter(
      (i) => i.indexOf('idx_completions_enterprise_month') < 0 && i.indexOf('idx_completions_completed_at') < 0,
    );
    app.save(completions);
  },
);

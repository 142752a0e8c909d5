/// <reference path="../pb_data/types.d.ts" />
// Running the programme: the policy library, good-practice case submissions, the organising measures
// that regulators record (assessment indicator 1), and the region of in-person sessions (indicator 2).
// Every rule is null: all reads and writes go through /api/qa/* routes, which enforce jurisdiction
// (src/server/programme/).

migrate(
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    const enterprises = app.findCollectionByNameOrId('enterprises');
    const text = (name, opts) => Object.assign({ name, type: 'text' }, opts || {});
    const created = () => ({ name: 'created', type: 'autodate', onCreate: true, onUpdate: false });
    const updated = () => ({ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true });
    const region = (name, required) => text(name, { pattern: '^(\\d{2}|\\d{4}|\\d{6})?$', required: !!required });
    const day = (name, required) => text(name, { pattern: '^(\\d{4}-\\d{2}-\\d{2})?$', required: !!required });
    const closed = { listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null };

    app.save(
      new Collection(
        Object.assign(
          {
            type: 'base',
            name: 'policies',
            fields: [
              text('title', { required: true, max: 120 }),
              text('authority', { required: true, max: 60 }),
              region('region'), // "" = national
              text('doc_number', { max: 60 }),
              {
                name: 'type',
                type: 'select',
                values: ['subsidy', 'award', 'fee_reduction', 'procurement', 'credit', 'training', 'other'],
                maxSelect: 1,
                required: true,
              },
              day('issued_on', true),
              day('valid_until'), // "" = no end date
              text('eligibility', { max: 2000 }),
              text('benefit', { max: 2000 }),
              text('how_to_apply', { max: 2000 }),
              text('link', { max: 500 }),
              { name: 'illustrative', type: 'bool' },
              { name: 'created_by', type: 'relation', collectionId: users.id, maxSelect: 1 },
              { name: 'updated_by', type: 'relation', collectionId: users.id, maxSelect: 1 },
              created(),
              updated(),
            ],
            indexes: [
              'CREATE INDEX idx_policies_region ON policies (region, issued_on)',
              'CREATE INDEX idx_policies_issued ON policies (issued_on)',
            ],
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
            name: 'case_submissions',
            fields: [
              { name: 'enterprise', type: 'relation', collectionId: enterprises.id, maxSelect: 1, required: true },
              { name: 'author', type: 'relation', collectionId: users.id, maxSelect: 1 },
              text('author_name', { max: 100 }),
              {
                name: 'state',
                type: 'select',
                values: ['draft', 'submitted', 'returned', 'recommended', 'selected', 'declined'],
                maxSelect: 1,
                required: true,
              },
              // Snapshot of the enterprise when the case was started: later changes do not move the case.
              text('province_code', { required: true }),
              text('prefecture_code', { required: true }),
              text('county_code', { required: true }),
              text('sector', { required: true }),
              { name: 'profile', type: 'json', maxSize: 10000 },
              // title, summary, problems, measures, figures, lessons, photos (base64, re-encoded without metadata)
              { name: 'content', type: 'json', maxSize: 3000000 },
              { name: 'history', type: 'json', maxSize: 200000 },
              text('title', { max: 200 }), // copy of content.title for lists
              text('slug', { max: 80 }), // file name under content/cases once selected
              { name: 'submitted_at', type: 'date' },
              { name: 'recommended_at', type: 'date' },
              { name: 'decided_at', type: 'date' },
              { name: 'illustrative', type: 'bool' },
              created(),
              updated(),
            ],
            indexes: [
              'CREATE INDEX idx_case_submissions_enterprise ON case_submissions (enterprise)',
              'CREATE INDEX idx_case_submissions_province ON case_submissions (province_code, state)',
              'CREATE INDEX idx_case_submissions_state ON case_submissions (state)',
            ],
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
            name: 'programme_records',
            fields: [
              region('region'),
              {
                name: 'kind',
                type: 'select',
                values: ['meeting', 'document', 'publicity', 'inspection', 'other'],
                maxSelect: 1,
                required: true,
              },
              text('title', { required: true, max: 120 }),
              day('held_on', true),
              text('doc_number', { max: 60 }),
              text('note', { max: 1000 }),
              { name: 'illustrative', type: 'bool' },
              { name: 'recorded_by', type: 'relation', collectionId: users.id, maxSelect: 1 },
              created(),
            ],
            indexes: ['CREATE INDEX idx_programme_records_region ON programme_records (region, held_on)'],
          },
          closed,
        ),
      ),
    );

    // Where an in-person session was held, for counting sessions by region (indicator 2): the county most
    // of its attendees' enterprises are in, set when the session is recorded; backfilled here.
    const sessions = app.findCollectionByNameOrId('sessions');
    sessions.fields.add(new Field(text('province_code')));
    sessions.fields.add(new Field(text('prefecture_code')));
    sessions.fields.add(new Field(text('county_code')));
    sessions.indexes = sessions.indexes.concat(['CREATE INDEX idx_sessions_province_held ON sessions (province_code, held_on)']);
    app.save(sessions);
    app
      .db()
      .newQuery(`
    UPDATE sessions SET
      county_code = COALESCE((SELECT c.county_code FROM completions c WHERE c.session = sessions.id GROUP BY c.county_code ORDER BY COUNT(*) DESC, c.county_code LIMIT 1), ''),
      prefecture_code = COALESCE((SELECT c.prefecture_code FROM completions c WHERE c.session = sessions.id GROUP BY c.county_code ORDER BY COUNT(*) DESC, c.county_code LIMIT 1), ''),
      province_code = COALESCE((SELECT c.province_code FROM completions c WHERE c.session = sessions.id GROUP BY c.county_code ORDER BY COUNT(*) DESC, c.county_code LIMIT 1), '')
  `)
      .execute();
  },
  (app) => {
    const sessions = app.findCollectionByNameOrId('sessions');
    for (const name of ['province_code', 'prefecture_code', 'county_code']) sessions.fields.removeByName(name);
    sessions.indexes = sessions.indexes.filter((i) => i.indexOf('idx_sessions_province_held') < 0);
    app.save(sessions);
    for (const name of ['programme_records', 'case_submissions', 'policies']) app.delete(app.findCollectionByNameOrId(name));
  },
);

/// <reference path="../pb_data/types.d.ts" />
// Staff invitations and the indexes behind the regulators' custom date ranges.
//
// enterprise_invites: a manager's invitation link (/register/?invite=<token>) that pre-fills and locks the
// enterprise on the registration form; the server resolves the token, never an enterprise id from the
// browser. One active invitation per enterprise (regenerating revokes the previous one); optional expiry.
// The token is kept as an opaque random id (~119 bits) so the manager can reprint the poster; the generic
// record API is closed (null rules): only /api/qa/manager/invite and /api/qa/invites/{token} read it.
//
// Indexes: the trained-enterprise list and the range totals filter completions by region, Beijing month
// and exact instant, and count people and enterprises. The (region, month) indexes of the initial schema are
// replaced by covering ones that start with the same columns (so every query that used them still can) and
// also hold completed_at, revoked, enterprise and user: a range is then answered from the index alone,
// without reading the completion rows. docs/statistics.md shows the EXPLAIN QUERY PLAN.

const OLD_INDEXES = [
  'CREATE INDEX idx_completions_province_month ON completions (province_code, month)',
  'CREATE INDEX idx_completions_prefecture_month ON completions (prefecture_code, month)',
  'CREATE INDEX idx_completions_county_month ON completions (county_code, month)',
  'CREATE INDEX idx_completions_month ON completions (month)',
];
const RANGE_INDEXES = [
  'CREATE INDEX idx_completions_province_range ON completions (province_code, month, completed_at, revoked, enterprise, user)',
  'CREATE INDEX idx_completions_prefecture_range ON completions (prefecture_code, month, completed_at, revoked, enterprise, user)',
  'CREATE INDEX idx_completions_county_range ON completions (county_code, month, completed_at, revoked, enterprise, user)',
  'CREATE INDEX idx_completions_month_range ON completions (month, completed_at, revoked, enterprise, user)',
];
const indexName = (sql) => (/INDEX\s+(?:IF NOT EXISTS\s+)?[`"]?(\w+)/i.exec(sql) || [])[1];
/** The index list without `remove` (matched by name) and with `add`. */
const swap = (indexes, remove, add) => {
  const names = remove.map(indexName);
  return (indexes || []).filter((sql) => !names.includes(indexName(sql))).concat(add);
};

migrate(
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    const enterprises = app.findCollectionByNameOrId('enterprises');
    app.save(
      new Collection({
        type: 'base',
        name: 'enterprise_invites',
        listRule: null,
        viewRule: null,
        createRule: null,
        updateRule: null,
        deleteRule: null,
        fields: [
          { name: 'enterprise', type: 'relation', collectionId: enterprises.id, maxSelect: 1, required: true, cascadeDelete: true },
          { name: 'token', type: 'text', required: true, min: 20, max: 64, pattern: '^[a-z0-9]+$' },
          { name: 'created_by', type: 'relation', collectionId: users.id, maxSelect: 1 },
          { name: 'expires_at', type: 'date' },
          { name: 'revoked_at', type: 'date' },
          { name: 'uses', type: 'number', onlyInt: true, min: 0 },
          { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
          { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
        ],
        indexes: [
          'CREATE UNIQUE INDEX idx_enterprise_invites_token ON enterprise_invites (token)',
          'CREATE INDEX idx_enterprise_invites_enterprise ON enterprise_invites (enterprise, revoked_at)',
        ],
      }),
    );

    const completions = app.findCollectionByNameOrId('completions');
    completions.indexes = swap(completions.indexes, OLD_INDEXES, RANGE_INDEXES);
    app.save(completions);
  },
  (app) => {
    const completions = app.findCollectionByNameOrId('completions');
    completions.indexes = swap(completions.indexes, RANGE_INDEXES, OLD_INDEXES);
    app.save(completions);
    app.delete(app.findCollectionByNameOrId('enterprise_invites'));
  },
);

/// <reference path="../pb_data/types.d.ts" />
// Diagnosis and the helped-enterprise survey (docs/assistance.md, "Diagnosis and survey").
//
// 1. `assessments`: self-assessments (自我诊断). Every API rule is null: answers are read and written only
//    through /api/qa/assessments*, which decides visibility (src/server/assessment/access.ts) and computes
//    scores on the server.
// 2. `surveys` is aligned with the report's instrument. Nothing already answered is lost:
//    - satisfaction (1..5) and effect (1..4) keep their numbers; only the labels change, position for
//      position (docs/assistance.md lists the mapping), so "satisfied" (4-5) and "clear effect" (3-4) count
//      the same answers as before;
//    - the improvement items "sales" and "profit" become "sales_revenue" (月销售额) and "profit_margin"
//      (利润率); the three change columns move into `changes` ({item: percent});
//    - every migrated answer keeps its original values in `legacy` and is marked instrument = 1, so that
//      `down` restores them exactly and summaries can tell old answers (no follow-up question) from new.

const OLD_CHANGE_FIELDS = { first_pass_yield_change: 'first_pass_yield', sales_change: 'sales_revenue', profit_change: 'profit_margin' };
const OLD_ITEM_RENAMES = { sales: 'sales_revenue', profit: 'profit_margin' };

function readJson(record, field, fallback) {
  const raw = record.getString(field);
  if (!raw || raw === 'null') return fallback;
  try {
    return JSON.parse(raw);
  } catch (_) {
    return fallback;
  }
}

migrate(
  (app) => {
    const enterprises = app.findCollectionByNameOrId('enterprises');
    const users = app.findCollectionByNameOrId('users');

    app.save(
      new Collection({
        type: 'base',
        name: 'assessments',
        listRule: null,
        viewRule: null,
        createRule: null,
        updateRule: null,
        deleteRule: null,
        fields: [
          { name: 'taken_by', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: true },
          // the taker's enterprise when the assessment was started (snapshot: a later move does not re-home it)
          { name: 'enterprise', type: 'relation', collectionId: enterprises.id, maxSelect: 1 },
          // enterprise: taken by a manager, counts as the enterprise's; personal: a learner's own
          { name: 'scope', type: 'select', values: ['enterprise', 'personal'], maxSelect: 1, required: true },
          { name: 'kind', type: 'select', values: ['self', 'baseline', 'reassessment'], maxSelect: 1, required: true },
          { name: 'status', type: 'select', values: ['draft', 'submitted'], maxSelect: 1, required: true },
          { name: 'answers', type: 'json', maxSize: 20000 },
          { name: 'scores', type: 'json', maxSize: 5000 },
          { name: 'overall', type: 'number', min: 0, max: 100 },
          { name: 'questions_version', type: 'text', max: 40 },
          // filled by the assistance workflow (a text id; the assistance helper turns it into a relation)
          { name: 'assistance', type: 'text', max: 40 },
          { name: 'submitted_at', type: 'date' },
          { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
          { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
        ],
        indexes: [
          'CREATE INDEX idx_assessments_enterprise ON assessments (enterprise, status, submitted_at)',
          'CREATE INDEX idx_assessments_taken_by ON assessments (taken_by, status)',
        ],
      }),
    );

    const surveys = app.findCollectionByNameOrId('surveys');
    surveys.fields.add(new Field({ name: 'instrument', type: 'number', onlyInt: true, min: 1, max: 9 }));
    surveys.fields.add(new Field({ name: 'follow_up', type: 'number', onlyInt: true, min: 1, max: 5 }));
    surveys.fields.add(new Field({ name: 'gov_support', type: 'select', values: ['needs_improvement', 'adequate'], maxSelect: 1 }));
    surveys.fields.add(new Field({ name: 'gov_support_areas', type: 'json', maxSize: 2000 }));
    surveys.fields.add(new Field({ name: 'changes', type: 'json', maxSize: 2000 }));
    surveys.fields.add(new Field({ name: 'assistance', type: 'text', max: 40 }));
    surveys.fields.add(new Field({ name: 'legacy', type: 'json', maxSize: 5000 }));
    app.save(surveys);

    for (const record of app.findAllRecords('surveys')) {
      const improvements = readJson(record, 'improvements', []);
      const legacy = { improvements };
      const changes = {};
      for (const old in OLD_CHANGE_FIELDS) {
        const raw = record.get(old);
        legacy[old] = raw === null || raw === undefined ? null : raw;
        // PocketBase stores an empty number as 0; an old answer never meant "changed by exactly 0%" without the item
        if (typeof raw === 'number' && raw !== 0) changes[OLD_CHANGE_FIELDS[old]] = raw;
      }
      const renamed = [];
      for (const item of Array.isArray(improvements) ? improvements : []) {
        const next = OLD_ITEM_RENAMES[item] || item;
        if (renamed.indexOf(next) < 0) renamed.push(next);
      }
      for (const item in changes) if (renamed.indexOf(item) < 0) renamed.push(item);
      // plain SQL: a migration is not an edit by the enterprise, so `updated` (shown as "last updated") stays
      app
        .db()
        .newQuery(
          'UPDATE surveys SET improvements = {:improvements}, changes = {:changes}, legacy = {:legacy}, instrument = 1 WHERE id = {:id}',
        )
        .bind({ id: record.id, improvements: JSON.stringify(renamed), changes: JSON.stringify(changes), legacy: JSON.stringify(legacy) })
        .execute();
    }

    const after = app.findCollectionByNameOrId('surveys');
    for (const old in OLD_CHANGE_FIELDS) after.fields.removeByName(old);
    app.save(after);
  },
  (app) => {
    const surveys = app.findCollectionByNameOrId('surveys');
    for (const old in OLD_CHANGE_FIELDS) surveys.fields.add(new Field({ name: old, type: 'number' }));
    app.save(surveys);

    const back = { sales_revenue: 'sales', sales_volume: 'sales', profit_margin: 'profit' };
    const known = [
      'awareness',
      'rules',
      'environment',
      'process',
      'cost',
      'product',
      'business',
      'digital',
      'innovation',
      'first_pass_yield',
      'sales',
      'profit',
    ];
    for (const record of app.findAllRecords('surveys')) {
      const legacy = readJson(record, 'legacy', null);
      const row = {};
      if (legacy) {
        row.improvements = legacy.improvements || [];
        for (const old in OLD_CHANGE_FIELDS) row[old] = legacy[old];
      } else {
        // answered with the new instrument: keep what the old columns can hold
        const items = [];
        for (const item of readJson(record, 'improvements', [])) {
          const old = back[item] || item;
          if (known.indexOf(old) >= 0 && items.indexOf(old) < 0) items.push(old);
        }
        const changes = readJson(record, 'changes', {}) || {};
        row.improvements = items;
        row.first_pass_yield_change = changes.first_pass_yield;
        row.sales_change = changes.sales_revenue !== undefined ? changes.sales_revenue : changes.sales_volume;
        row.profit_change = changes.profit_margin;
      }
      const num = (v) => (typeof v === 'number' ? v : 0); // the old columns stored "not given" as 0
      app
        .db()
        .newQuery(
          'UPDATE surveys SET improvements = {:improvements}, first_pass_yield_change = {:fpy}, sales_change = {:sales}, profit_change = {:profit} WHERE id = {:id}',
        )
        .bind({
          id: record.id,
          improvements: JSON.stringify(row.improvements),
          fpy: num(row.first_pass_yield_change),
          sales: num(row.sales_change),
          profit: num(row.profit_change),
        })
        .execute();
    }

    const after = app.findCollectionByNameOrId('surveys');
    for (const name of ['instrument', 'follow_up', 'gov_support', 'gov_support_areas', 'changes', 'assistance', 'legacy'])
      after.fields.removeByName(name);
    app.save(after);
    app.delete(app.findCollectionByNameOrId('assessments'));
  },
);

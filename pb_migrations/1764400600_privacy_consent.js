/// <reference path="../pb_data/types.d.ts" />
// When a learner agreed to the privacy notice, and to which version (PIPL: consent must be demonstrable).
// Set by POST /api/qa/register only; a user cannot change it through the record API.

const LOCK = ' && @request.body.privacy_accepted:isset = false && @request.body.privacy_version:isset = false';

migrate(
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    users.fields.add(new Field({ name: 'privacy_accepted', type: 'date' }));
    users.fields.add(new Field({ name: 'privacy_version', type: 'text', max: 20 }));
    if (users.updateRule) users.updateRule = users.updateRule + LOCK;
    app.save(users);
  },
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    users.fields.removeByName('privacy_accepted');
    users.fields.removeByName('privacy_version');
    if (users.updateRule) users.updateRule = users.updateRule.split(LOCK).join('');
    app.save(users);
  },
);

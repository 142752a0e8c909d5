/// <reference path="../pb_data/types.d.ts" />
// Enterprise managers may read their own staff's lesson progress (not other enterprises').

const OWN = 'user = @request.auth.id';
const STAFF = "(@request.auth.role = 'enterprise_manager' && @request.auth.enterprise != '' && user.enterprise = @request.auth.enterprise)";

migrate(
  (app) => {
    const progress = app.findCollectionByNameOrId('lesson_progress');
    progress.listRule = `${OWN} || ${STAFF}`;
    progress.viewRule = `${OWN} || ${STAFF}`;
    app.save(progress);
  },
  (app) => {
    const progress = app.findCollectionByNameOrId('lesson_progress');
    progress.listRule = OWN;
    progress.viewRule = OWN;
    app.save(progress);
  },
);

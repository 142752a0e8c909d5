/// <reference path="../pb_data/types.d.ts" />
// Routes of Quality Academy. The logic is TypeScript in src/server/, bundled to pb_hooks/lib/qa.js by
// `npm run build:server`; each handler runs in its own VM, so it requires the bundle itself.

routerAdd('POST', '/api/qa/register', (e) => require(`${__hooks}/lib/qa.js`).routes.register(e));
routerAdd('GET', '/api/qa/enterprises/lookup', (e) => require(`${__hooks}/lib/qa.js`).routes.lookupEnterprise(e));
routerAdd('POST', '/api/qa/lessons/read', (e) => require(`${__hooks}/lib/qa.js`).routes.markRead(e));
routerAdd('POST', '/api/qa/video-progress', (e) => require(`${__hooks}/lib/qa.js`).routes.reportVideo(e));
routerAdd('GET', '/api/qa/courses/{course}/status', (e) => require(`${__hooks}/lib/qa.js`).routes.courseProgress(e));
routerAdd('GET', '/api/qa/me', (e) => require(`${__hooks}/lib/qa.js`).routes.myLearning(e));
routerAdd('GET', '/api/qa/quizzes/{course}/{slug}', (e) => require(`${__hooks}/lib/qa.js`).routes.quizInfo(e));
routerAdd('POST', '/api/qa/attempts', (e) => require(`${__hooks}/lib/qa.js`).routes.startAttempt(e));
routerAdd('GET', '/api/qa/attempts/{id}', (e) => require(`${__hooks}/lib/qa.js`).routes.getAttempt(e));
routerAdd('POST', '/api/qa/attempts/{id}/submit', (e) => require(`${__hooks}/lib/qa.js`).routes.submitAttempt(e));
routerAdd('GET', '/api/qa/stats/summary', (e) => require(`${__hooks}/lib/qa.js`).routes.statsSummary(e));
routerAdd('GET', '/api/qa/stats/dashboard', (e) => require(`${__hooks}/lib/qa.js`).routes.statsDashboard(e));
routerAdd('GET', '/api/qa/stats/survey', (e) => require(`${__hooks}/lib/qa.js`).routes.statsSurvey(e));
routerAdd('GET', '/api/qa/stats/provinces', (e) => require(`${__hooks}/lib/qa.js`).routes.statsProvinces(e));
routerAdd('GET', '/api/qa/stats/export', (e) => require(`${__hooks}/lib/qa.js`).routes.statsExport(e));
routerAdd('GET', '/api/qa/stats/range', (e) => require(`${__hooks}/lib/qa.js`).routes.statsRange(e));
routerAdd('GET', '/api/qa/stats/enterprises', (e) => require(`${__hooks}/lib/qa.js`).routes.statsEnterprises(e));
routerAdd('GET', '/api/qa/stats/enterprises/export', (e) => require(`${__hooks}/lib/qa.js`).routes.statsEnterprisesExport(e));
routerAdd('GET', '/api/qa/stats/public', (e) => require(`${__hooks}/lib/qa.js`).routes.statsPublic(e));
routerAdd('POST', '/api/qa/admin/stats/rebuild', (e) => require(`${__hooks}/lib/qa.js`).routes.rebuildStats(e));
routerAdd('POST', '/api/qa/sessions', (e) => require(`${__hooks}/lib/qa.js`).routes.recordSession(e));
routerAdd('GET', '/api/qa/sessions', (e) => require(`${__hooks}/lib/qa.js`).routes.listSessions(e));
routerAdd('GET', '/api/qa/manager/staff', (e) => require(`${__hooks}/lib/qa.js`).routes.managerStaff(e));
routerAdd('GET', '/api/qa/manager/staff-progress', (e) => require(`${__hooks}/lib/qa.js`).routes.staffProgress(e));
routerAdd('GET', '/api/qa/manager/invite', (e) => require(`${__hooks}/lib/qa.js`).routes.managerInvite(e));
routerAdd('POST', '/api/qa/manager/invite', (e) => require(`${__hooks}/lib/qa.js`).routes.createManagerInvite(e));
routerAdd('POST', '/api/qa/manager/invite/revoke', (e) => require(`${__hooks}/lib/qa.js`).routes.revokeManagerInvite(e));
routerAdd('GET', '/api/qa/invites/{token}', (e) => require(`${__hooks}/lib/qa.js`).routes.lookupInvite(e));
routerAdd('POST', '/api/qa/surveys', (e) => require(`${__hooks}/lib/qa.js`).routes.submitSurvey(e));
routerAdd('GET', '/api/qa/surveys/mine', (e) => require(`${__hooks}/lib/qa.js`).routes.mySurvey(e));
routerAdd('GET', '/api/qa/assessments', (e) => require(`${__hooks}/lib/qa.js`).routes.listAssessments(e));
routerAdd('POST', '/api/qa/assessments', (e) => require(`${__hooks}/lib/qa.js`).routes.startAssessment(e));
routerAdd('GET', '/api/qa/assessments/compare', (e) => require(`${__hooks}/lib/qa.js`).routes.compareAssessments(e));
routerAdd('GET', '/api/qa/assessments/{id}', (e) => require(`${__hooks}/lib/qa.js`).routes.getAssessment(e));
routerAdd('POST', '/api/qa/assessments/{id}/answers', (e) => require(`${__hooks}/lib/qa.js`).routes.saveAssessmentAnswers(e));
routerAdd('POST', '/api/qa/assessments/{id}/submit', (e) => require(`${__hooks}/lib/qa.js`).routes.submitAssessment(e));
routerAdd('GET', '/api/qa/certificates/{code}', (e) => require(`${__hooks}/lib/qa.js`).routes.verifyCertificate(e));
routerAdd('GET', '/api/qa/certificates/{code}/full', (e) => require(`${__hooks}/lib/qa.js`).routes.ownCertificate(e));
routerAdd('GET', '/api/qa/lessons/{course}/{lesson}/questions', (e) => require(`${__hooks}/lib/qa.js`).routes.lessonQuestions(e));
routerAdd('POST', '/api/qa/lessons/{course}/{lesson}/questions', (e) => require(`${__hooks}/lib/qa.js`).routes.askQuestion(e));
routerAdd('POST', '/api/qa/questions/{id}/answer', (e) => require(`${__hooks}/lib/qa.js`).routes.answerQuestion(e));
routerAdd('POST', '/api/qa/questions/{id}/hide', (e) => require(`${__hooks}/lib/qa.js`).routes.hideQuestion(e));
routerAdd('GET', '/api/qa/me/questions', (e) => require(`${__hooks}/lib/qa.js`).routes.myQuestions(e));
routerAdd('GET', '/api/qa/lessons/{course}/{lesson}/rating', (e) => require(`${__hooks}/lib/qa.js`).routes.myRating(e));
routerAdd('PUT', '/api/qa/lessons/{course}/{lesson}/rating', (e) => require(`${__hooks}/lib/qa.js`).routes.rateLesson(e));
routerAdd('GET', '/api/qa/trainer/courses', (e) => require(`${__hooks}/lib/qa.js`).routes.trainerCourses(e));
// Account operations (docs/privacy.md): manager-issued one-time codes, the reset options, own data export and erasure.
routerAdd('POST', '/api/qa/manager/staff/{id}/reset-code', (e) => require(`${__hooks}/lib/qa.js`).routes.issueResetCode(e));
routerAdd('POST', '/api/qa/password/redeem', (e) => require(`${__hooks}/lib/qa.js`).routes.redeemResetCode(e));
routerAdd('GET', '/api/qa/password/options', (e) => require(`${__hooks}/lib/qa.js`).routes.passwordOptions(e));
routerAdd('GET', '/api/qa/me/export', (e) => require(`${__hooks}/lib/qa.js`).routes.exportMyData(e));
routerAdd('POST', '/api/qa/me/delete', (e) => require(`${__hooks}/lib/qa.js`).routes.deleteMyData(e));
routerAdd('GET', '/api/qa/trainer/courses/{course}/analytics', (e) => require(`${__hooks}/lib/qa.js`).routes.courseAnalytics(e));

// Precision assistance (精准帮扶): src/server/assistance/.
routerAdd('GET', '/api/qa/assistance/bodies', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.bodies(e));
routerAdd('POST', '/api/qa/assistance/bodies', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.createBody(e));
routerAdd('POST', '/api/qa/assistance/bodies/{id}/admission', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.admission(e));
routerAdd('GET', '/api/qa/assistance/enterprise', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.enterpriseHome(e));
routerAdd('GET', '/api/qa/assistance/expert', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.expertHome(e));
routerAdd('GET', '/api/qa/assistance/stats', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.stats(e));
routerAdd('GET', '/api/qa/assistance/enterprises', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.list(e));
routerAdd('GET', '/api/qa/assistance/assignments', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.assignments(e));
routerAdd('POST', '/api/qa/assistance/assignments', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.assignLearning(e));
routerAdd('POST', '/api/qa/assistance/assignments/{id}/remove', (e) =>
  require(`${__hooks}/lib/qa.js`).routes.assistance.removeAssignment(e),
);
routerAdd('POST', '/api/qa/assistance/apply', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.apply(e));
routerAdd('POST', '/api/qa/assistance/propose', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.propose(e));
routerAdd('POST', '/api/qa/assistance/visits/{id}/confirm', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.confirmVisit(e));
routerAdd('GET', '/api/qa/assistance/{id}', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.detail(e));
routerAdd('POST', '/api/qa/assistance/{id}/assign', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.assignBody(e));
routerAdd('POST', '/api/qa/assistance/{id}/accept', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.accept(e));
routerAdd('POST', '/api/qa/assistance/{id}/decline', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.decline(e));
routerAdd('POST', '/api/qa/assistance/{id}/end', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.end(e));
routerAdd('POST', '/api/qa/assistance/{id}/close', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.close(e));
routerAdd('POST', '/api/qa/assistance/{id}/certifier', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.certifier(e));
routerAdd('POST', '/api/qa/assistance/{id}/findings', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.findings(e));
routerAdd('POST', '/api/qa/assistance/{id}/measures', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.measure(e));
routerAdd('POST', '/api/qa/assistance/{id}/visits', (e) => require(`${__hooks}/lib/qa.js`).routes.assistance.visit(e));

// Live in-person sessions with rotating QR check-in: src/server/checkin/.
routerAdd('GET', '/api/qa/trainer/live-sessions', (e) => require(`${__hooks}/lib/qa.js`).routes.checkin.list(e));
routerAdd('POST', '/api/qa/trainer/live-sessions', (e) => require(`${__hooks}/lib/qa.js`).routes.checkin.create(e));
routerAdd('GET', '/api/qa/trainer/live-sessions/{id}', (e) => require(`${__hooks}/lib/qa.js`).routes.checkin.live(e));
routerAdd('POST', '/api/qa/trainer/live-sessions/{id}/attendees', (e) => require(`${__hooks}/lib/qa.js`).routes.checkin.attendees(e));
routerAdd('POST', '/api/qa/trainer/live-sessions/{id}/close', (e) => require(`${__hooks}/lib/qa.js`).routes.checkin.close(e));
routerAdd('POST', '/api/qa/checkins/open', (e) => require(`${__hooks}/lib/qa.js`).routes.checkin.open(e));
routerAdd('POST', '/api/qa/checkins/confirm', (e) => require(`${__hooks}/lib/qa.js`).routes.checkin.confirm(e));

// Course sync and demo data need the migrated schema, which exists only once `serve` has applied the
// migrations (after bootstrap), hence the serve hook rather than onBootstrap.
$app.onServe().bindFunc((e) => {
  const qa = require(`${__hooks}/lib/qa.js`);
  // Production (demo seeding off) refuses to serve while demo credentials are usable (docs/security.md, rule 11).
  if ($os.getenv('QA_DEMO_SEED') !== '1') qa.refuseDemoCredentials(e.app);
  qa.applyRateLimits(e.app);
  const mail = qa.applyMailSettings(e.app);
  if (mail.problem) console.log(`qa: mail: ${mail.problem}`);
  const changed = qa.syncCourses(e.app);
  if (changed) console.log(`qa: courses synced: ${changed}`);
  if ($os.getenv('QA_DEMO_SEED') === '1') {
    const created = qa.seedDemo(e.app);
    if (created.length) console.log(`qa: demo data created: ${created.join(', ')}`);
  }
  return e.next();
});

// One name rule and the password rule on every write of a user, whichever API it comes through.
onRecordCreateRequest((e) => require(`${__hooks}/lib/qa.js`).checkUserWrite(e, true), 'users');
onRecordUpdateRequest((e) => require(`${__hooks}/lib/qa.js`).checkUserWrite(e, false), 'users');
// PocketBase's email reset obeys the platform's password rule.
onRecordConfirmPasswordResetRequest((e) => require(`${__hooks}/lib/qa.js`).checkResetPassword(e), 'users');
// Failed logins are counted per account (per IP: PocketBase's rate limiter).
onRecordAuthWithPasswordRequest((e) => require(`${__hooks}/lib/qa.js`).throttleLogin(e));

// A revoked (or reinstated) certificate leaves (or re-enters) the statistics, and a deleted one leaves them,
// in the same transaction as the change itself: the record and the counters commit together or not at all.
// An edit of the date or region (admin UI) moves the completion in the statistics the same way.
onRecordUpdate((e) => {
  const qa = require(`${__hooks}/lib/qa.js`);
  const wasRevoked = e.record.original().getBool('revoked');
  const before = qa.completionSnapshot(e.record.original());
  e.app.runInTransaction((tx) => {
    e.app = tx; // the save in e.next() then runs in this transaction
    e.next();
    qa.onCompletionRevoked(tx, e.record, wasRevoked, before);
  });
}, 'completions');

onRecordDelete((e) => {
  e.app.runInTransaction((tx) => {
    e.app = tx;
    require(`${__hooks}/lib/qa.js`).onCompletionDeleted(tx, e.record);
    e.next();
  });
}, 'completions');

// Before production: `pocketbase demo-disable --dir pb_data` deletes the demo superuser and makes the demo
// accounts' password unusable (their learning records and the statistics stay).
$app.rootCmd.addCommand(
  new Command({
    use: 'demo-disable',
    short: 'Delete the demo superuser and disable the demo password on every account that has it',
    run: () => {
      const done = require(`${__hooks}/lib/qa.js`).disableDemoCredentials($app);
      console.log(done.length ? `demo credentials disabled: ${done.join(', ')}` : 'no demo credentials found');
    },
  }),
);

// A deletion request by mail (docs/privacy.md): `pocketbase erase-user --dir pb_data learner@example.com "ticket 42"`
// erases the account exactly as the self-service button does, after the operator has checked who asks.
$app.rootCmd.addCommand(
  new Command({
    use: 'erase-user',
    short: "Erase a user's personal data (as POST /api/qa/me/delete does): erase-user <email> [note]",
    run: (_cmd, args) => {
      if (!args[0]) {
        console.error('usage: erase-user <email> [note]');
        $os.exit(1);
      }
      let user;
      try {
        user = $app.findAuthRecordByEmail('users', String(args[0]).toLowerCase());
      } catch (_) {
        console.error(`no user with email ${args[0]}`);
        $os.exit(1);
      }
      const deleted = require(`${__hooks}/lib/qa.js`).eraseUser($app, user.id, `operator${args[1] ? `: ${args[1]}` : ''}`);
      console.log(`erased user ${user.id}; deleted ${JSON.stringify(deleted)}`);
    },
  }),
);

// Maintenance: `pocketbase stats-rebuild --dir pb_data ...` recomputes every counter from raw completions,
// then checks the busiest county's counters (every period and dimension) against the reference recount.
$app.rootCmd.addCommand(
  new Command({
    use: 'stats-rebuild',
    short: 'Recompute the statistics aggregates from raw completions and check a sample against a recount',
    run: () => {
      const qa = require(`${__hooks}/lib/qa.js`);
      const started = Date.now();
      qa.rebuildStats($app);
      const seconds = (Date.now() - started) / 1000;
      const counters = new DynamicModel({ n: 0 });
      $app.db().newQuery('SELECT COUNT(*) AS n FROM stat_counts').one(counters);
      console.log(`stats rebuilt in ${seconds.toFixed(1)} s: ${counters.n} counters`);
      const county = qa.busiestCounty($app);
      if (!county) return;
      const check = qa.checkRegionCounters($app, county);
      if (check.mismatches.length) {
        console.error(`stats-rebuild: county ${county} disagrees with the recount:\n${check.mismatches.join('\n')}`);
        $os.exit(1);
      }
      console.log(`checked county ${county}: ${check.compared} counters agree with a recount of ${check.completions} completions`);
      const days = qa.checkRegionDays($app, county);
      if (days.mismatches.length) {
        console.error(`stats-rebuild: county ${county}'s day rows disagree with the recount:\n${days.mismatches.join('\n')}`);
        $os.exit(1);
      }
      console.log(`checked county ${county}: ${days.compared} day rows agree with a recount of ${days.completions} completions`);
      const listed = qa.checkRegionEnterprises($app, county);
      if (listed.mismatches.length) {
        console.error(
          `stats-rebuild: county ${county}'s trained-enterprise summaries disagree with the recount:\n${listed.mismatches.join('\n')}`,
        );
        $os.exit(1);
      }
      console.log(
        `checked county ${county}: ${listed.compared} trained-enterprise summaries agree with a recount of ${listed.completions} completions`,
      );
    },
  }),
);

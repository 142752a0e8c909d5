/// <reference path="../pb_data/types.d.ts" />
// Routes of Quality Academy. The logic is TypeScript in src/server/, bundled to pb_hooks/lib/qa.js by
// `npm run build:server`; each handler runs in its own VM, so it requires the bundle itself.

routerAdd("POST", "/api/qa/register", (e) => require(`${__hooks}/lib/qa.js`).routes.register(e))
routerAdd("GET", "/api/qa/enterprises/lookup", (e) => require(`${__hooks}/lib/qa.js`).routes.lookupEnterprise(e))
routerAdd("POST", "/api/qa/lessons/read", (e) => require(`${__hooks}/lib/qa.js`).routes.markRead(e))
routerAdd("POST", "/api/qa/video-progress", (e) => require(`${__hooks}/lib/qa.js`).routes.reportVideo(e))
routerAdd("GET", "/api/qa/courses/{course}/status", (e) => require(`${__hooks}/lib/qa.js`).routes.courseProgress(e))
routerAdd("GET", "/api/qa/me", (e) => require(`${__hooks}/lib/qa.js`).routes.myLearning(e))
routerAdd("GET", "/api/qa/quizzes/{course}/{slug}", (e) => require(`${__hooks}/lib/qa.js`).routes.quizInfo(e))
routerAdd("POST", "/api/qa/attempts", (e) => require(`${__hooks}/lib/qa.js`).routes.startAttempt(e))
routerAdd("GET", "/api/qa/attempts/{id}", (e) => require(`${__hooks}/lib/qa.js`).routes.getAttempt(e))
routerAdd("POST", "/api/qa/attempts/{id}/submit", (e) => require(`${__hooks}/lib/qa.js`).routes.submitAttempt(e))
routerAdd("GET", "/api/qa/stats/summary", (e) => require(`${__hooks}/lib/qa.js`).routes.statsSummary(e))
routerAdd("GET", "/api/qa/stats/dashboard", (e) => require(`${__hooks}/lib/qa.js`).routes.statsDashboard(e))
routerAdd("GET", "/api/qa/stats/survey", (e) => require(`${__hooks}/lib/qa.js`).routes.statsSurvey(e))
routerAdd("GET", "/api/qa/stats/provinces", (e) => require(`${__hooks}/lib/qa.js`).routes.statsProvinces(e))
routerAdd("GET", "/api/qa/stats/export", (e) => require(`${__hooks}/lib/qa.js`).routes.statsExport(e))
routerAdd("GET", "/api/qa/stats/public", (e) => require(`${__hooks}/lib/qa.js`).routes.statsPublic(e))
routerAdd("POST", "/api/qa/admin/stats/rebuild", (e) => require(`${__hooks}/lib/qa.js`).routes.rebuildStats(e))
routerAdd("POST", "/api/qa/sessions", (e) => require(`${__hooks}/lib/qa.js`).routes.recordSession(e))
routerAdd("GET", "/api/qa/sessions", (e) => require(`${__hooks}/lib/qa.js`).routes.listSessions(e))
routerAdd("GET", "/api/qa/manager/staff", (e) => require(`${__hooks}/lib/qa.js`).routes.managerStaff(e))
routerAdd("GET", "/api/qa/surveys/current", (e) => require(`${__hooks}/lib/qa.js`).routes.currentSurvey(e))
routerAdd("POST", "/api/qa/surveys", (e) => require(`${__hooks}/lib/qa.js`).routes.submitSurvey(e))
routerAdd("GET", "/api/qa/certificates/{code}", (e) => require(`${__hooks}/lib/qa.js`).routes.verifyCertificate(e))
routerAdd("GET", "/api/qa/certificates/{code}/full", (e) => require(`${__hooks}/lib/qa.js`).routes.ownCertificate(e))
routerAdd("GET", "/api/qa/lessons/{course}/{lesson}/questions", (e) => require(`${__hooks}/lib/qa.js`).routes.lessonQuestions(e))
routerAdd("POST", "/api/qa/lessons/{course}/{lesson}/questions", (e) => require(`${__hooks}/lib/qa.js`).routes.askQuestion(e))
routerAdd("POST", "/api/qa/questions/{id}/answer", (e) => require(`${__hooks}/lib/qa.js`).routes.answerQuestion(e))
routerAdd("POST", "/api/qa/questions/{id}/hide", (e) => require(`${__hooks}/lib/qa.js`).routes.hideQuestion(e))
routerAdd("GET", "/api/qa/me/questions", (e) => require(`${__hooks}/lib/qa.js`).routes.myQuestions(e))
routerAdd("GET", "/api/qa/lessons/{course}/{lesson}/rating", (e) => require(`${__hooks}/lib/qa.js`).routes.myRating(e))
routerAdd("PUT", "/api/qa/lessons/{course}/{lesson}/rating", (e) => require(`${__hooks}/lib/qa.js`).routes.rateLesson(e))
routerAdd("GET", "/api/qa/trainer/courses", (e) => require(`${__hooks}/lib/qa.js`).routes.trainerCourses(e))
routerAdd("GET", "/api/qa/trainer/courses/{course}/analytics", (e) => require(`${__hooks}/lib/qa.js`).routes.courseAnalytics(e))

// Course sync and demo data need the migrated schema, which exists only once `serve` has applied the
// migrations (after bootstrap), hence the serve hook rather than onBootstrap.
$app.onServe().bindFunc((e) => {
  const qa = require(`${__hooks}/lib/qa.js`)
  // Production (demo seeding off) refuses to serve while demo credentials are usable (docs/security.md, rule 11).
  if ($os.getenv("QA_DEMO_SEED") !== "1") qa.refuseDemoCredentials(e.app)
  qa.applyRateLimits(e.app)
  const changed = qa.syncCourses(e.app)
  if (changed) console.log("qa: courses synced: " + changed)
  if ($os.getenv("QA_DEMO_SEED") === "1") {
    const created = qa.seedDemo(e.app)
    if (created.length) console.log("qa: demo data created: " + created.join(", "))
  }
  return e.next()
})

// One name rule and the password rule on every write of a user, whichever API it comes through.
onRecordCreateRequest((e) => require(`${__hooks}/lib/qa.js`).checkUserWrite(e, true), "users")
onRecordUpdateRequest((e) => require(`${__hooks}/lib/qa.js`).checkUserWrite(e, false), "users")
// Failed logins are counted per account (per IP: PocketBase's rate limiter).
onRecordAuthWithPasswordRequest((e) => require(`${__hooks}/lib/qa.js`).throttleLogin(e))

// A revoked (or reinstated) certificate leaves (or re-enters) the statistics at once.
onRecordUpdate((e) => {
  const wasRevoked = e.record.original().getBool("revoked")
  e.next()
  require(`${__hooks}/lib/qa.js`).onCompletionRevoked(e.app, e.record, wasRevoked)
}, "completions")

// Before production: `pocketbase demo-disable --dir pb_data` deletes the demo superuser and makes the demo
// accounts' password unusable (their learning records and the statistics stay).
$app.rootCmd.addCommand(new Command({
  use: "demo-disable",
  short: "Delete the demo superuser and disable the demo password on every account that has it",
  run: (cmd, args) => {
    const done = require(`${__hooks}/lib/qa.js`).disableDemoCredentials($app)
    console.log(done.length ? "demo credentials disabled: " + done.join(", ") : "no demo credentials found")
  },
}))

// Maintenance: `pocketbase stats-rebuild --dir pb_data ...` recomputes every counter from raw completions.
$app.rootCmd.addCommand(new Command({
  use: "stats-rebuild",
  short: "Recompute the statistics aggregates from raw completions",
  run: (cmd, args) => {
    const started = Date.now()
    require(`${__hooks}/lib/qa.js`).rebuildStats($app)
    console.log("stats rebuilt in " + ((Date.now() - started) / 1000).toFixed(1) + " s")
  },
}))

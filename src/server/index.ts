/**
 * Entry point of the hooks library, bundled by scripts/build-server.ts to pb_hooks/lib/qa.js (CommonJS for
 * PocketBase's JS VM). pb_hooks/*.pb.js require it inside each handler.
 */
import { checkedRequestInfo, jsonRoute, respondError, route } from './http.ts';
import { lookupEnterprise, register } from './register.ts';
import { courseProgress, markRead, myLearning, reportVideo } from './learning.ts';
import { getAttempt, quizInfo, startAttempt, submitAttempt } from './quiz.ts';
import { rebuildStats } from './stats-aggregates.ts';
import { listSessions, recordSession } from './sessions.ts';
import { managerStaff } from './manager.ts';
import { createManagerInvite, getManagerInvite, lookupInvite, revokeManagerInvite } from './manager/invites.ts';
import { staffProgress } from './manager/progress.ts';
import { statsRange, trainedEnterprises, trainedEnterprisesCsv } from './stats-range.ts';
import { forbidden } from './http.ts';
import { dashboard, provinces, publicStats, streamExportCsv, summary } from './stats.ts';
import { mySurvey, submitSurvey, surveyResults } from './survey/routes.ts';
import { compareAssessments, getAssessment, listAssessments, saveAnswers, startAssessment, submitAssessment } from './assessment/routes.ts';
import { ownCertificate, verifyCertificate } from './certificates.ts';
import { assistanceRoutes } from './assistance/index.ts';
import { checkinRoutes } from './checkin/index.ts';
import { answerQuestion, askQuestion, hideQuestion, lessonQuestions, myQuestions } from './trainer/questions.ts';
import { myRating, rateLesson } from './trainer/ratings.ts';
import { courseAnalytics, myCourses } from './trainer/analytics.ts';
import { issueResetCode, redeemResetCode } from './accounts/reset-code.ts';
import { deleteMyData, exportMyData } from './accounts/my-data.ts';
import { passwordOptions } from './accounts/mail.ts';

export { syncCourses } from './sync.ts';
export { seedDemo } from './demo.ts';
export { rebuildStats, rebuildStatements } from './stats-aggregates.ts';
export { rebuildEnterpriseSummaries, rederiveMonths } from './stats-rebuild.ts';
export { busiestCounty, checkRegionCounters, checkRegionDays, checkRegionEnterprises } from './stats-check.ts';
export { completionSnapshot, onCompletionDeleted, onCompletionRevoked } from './revocation.ts';
export { warmUp } from './content.ts';
export { checkUserWrite, throttleLogin } from './accounts.ts';
export { applyRateLimits } from './limits.ts';
export { disableDemoCredentials, refuseDemoCredentials } from './demo-guard.ts';
export { canSeeAssessment } from './assessment/access.ts';
export { applyMailSettings } from './accounts/mail.ts';
export { checkResetPassword } from './accounts/reset-code.ts';
export { eraseUser } from './accounts/my-data.ts';

export const routes = {
  register: route(register),
  lookupEnterprise: route(lookupEnterprise),
  markRead: route(markRead),
  reportVideo: jsonRoute(reportVideo),
  courseProgress: route(courseProgress),
  myLearning: route(myLearning),
  quizInfo: route(quizInfo),
  startAttempt: jsonRoute(startAttempt),
  getAttempt: jsonRoute(getAttempt),
  submitAttempt: jsonRoute(submitAttempt),
  statsSummary: route(summary),
  statsDashboard: route(dashboard),
  statsSurvey: route(surveyResults),
  statsProvinces: route(provinces),
  statsPublic: route(publicStats),
  submitSurvey: route(submitSurvey),
  mySurvey: route(mySurvey),
  listAssessments: route(listAssessments),
  startAssessment: route(startAssessment),
  compareAssessments: route(compareAssessments),
  getAssessment: route(getAssessment),
  saveAssessmentAnswers: route(saveAnswers),
  submitAssessment: route(submitAssessment),
  recordSession: route(recordSession),
  listSessions: route(listSessions),
  managerStaff: route(managerStaff),
  managerInvite: route(getManagerInvite),
  createManagerInvite: route(createManagerInvite),
  revokeManagerInvite: route(revokeManagerInvite),
  lookupInvite: route(lookupInvite),
  staffProgress: route(staffProgress),
  statsRange: route(statsRange),
  statsEnterprises: route(trainedEnterprises),
  statsEnterprisesExport: (e: PbRequestEvent) => {
    try {
      checkedRequestInfo(e);
      const result = trainedEnterprisesCsv(e);
      e.response.header().set('Content-Type', 'text/csv; charset=utf-8');
      e.response
        .header()
        .set('Content-Disposition', `attachment; filename="enterprises.csv"; filename*=UTF-8''${encodeURIComponent(result.filename)}`);
      e.string(200, result.csv);
    } catch (err) {
      respondError(e, err);
    }
  },
  rebuildStats: route((e) => {
    if (e.auth?.collection().name !== '_superusers') throw forbidden('只有超级管理员可以重建统计');
    const started = Date.now();
    rebuildStats(e.app);
    return { rebuilt: true, seconds: (Date.now() - started) / 1000 };
  }),
  statsExport: (e: PbRequestEvent) => {
    try {
      checkedRequestInfo(e);
      streamExportCsv(e); // writes the response itself, page by page
    } catch (err) {
      respondError(e, err);
    }
  },
  verifyCertificate: route(verifyCertificate),
  lessonQuestions: route(lessonQuestions),
  askQuestion: route(askQuestion),
  answerQuestion: route(answerQuestion),
  hideQuestion: route(hideQuestion),
  myQuestions: route(myQuestions),
  myRating: route(myRating),
  rateLesson: route(rateLesson),
  trainerCourses: route(myCourses),
  courseAnalytics: route(courseAnalytics),
  ownCertificate: route(ownCertificate),
  assistance: assistanceRoutes,
  checkin: checkinRoutes,
  issueResetCode: route(issueResetCode),
  redeemResetCode: route(redeemResetCode),
  passwordOptions: route(passwordOptions),
  exportMyData: (e: PbRequestEvent) => {
    try {
      checkedRequestInfo(e);
      const data = exportMyData(e);
      e.response.header().set('Content-Disposition', `attachment; filename="quality-academy-my-data.json"`);
      e.response.header().set('Cache-Control', 'no-store');
      e.json(200, data);
    } catch (err) {
      respondError(e, err);
    }
  },
  deleteMyData: route(deleteMyData),
};
export { programmeRoutes } from './programme/routes.ts';

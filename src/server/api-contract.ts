/**
 * The contract between the pages and the /api/qa routes, in one place: for every route (method and path as
 * registered in pb_hooks/*.pb.js) the shape of its answer, taken from the handler itself. The browser's qa()
 * (src/client/api.ts) is typed by this map, so changing what a handler returns fails the typecheck wherever a
 * page relies on the old shape. Type-only: the client imports it with `import type`, nothing reaches the bundle.
 * tests/unit/api-contract.test.ts checks that this list and the registered routes are the same.
 */
import type * as register from './register.ts';
import type * as learning from './learning.ts';
import type * as quiz from './quiz.ts';
import type * as stats from './stats.ts';
import type * as sessions from './sessions.ts';
import type * as manager from './manager.ts';
import type * as survey from './survey/routes.ts';
import type * as assessments from './assessment/routes.ts';
import type * as certificates from './certificates.ts';
import type * as questions from './trainer/questions.ts';
import type * as ratings from './trainer/ratings.ts';
import type * as analytics from './trainer/analytics.ts';
import type * as bodies from './assistance/bodies.ts';
import type * as lifecycle from './assistance/lifecycle.ts';
import type * as plan from './assistance/plan.ts';
import type * as visits from './assistance/visits.ts';
import type * as views from './assistance/views.ts';
import type * as numbers from './assistance/numbers.ts';
import type * as assessment from './programme/assessment.ts';
import type * as cases from './programme/cases.ts';
import type * as policies from './programme/policies.ts';
import type * as records from './programme/records.ts';
import type * as invites from './manager/invites.ts';
import type * as staffProgress from './manager/progress.ts';
import type * as statsRange from './stats-range.ts';
import type * as liveSessions from './checkin/trainer.ts';
import type * as checkins from './checkin/attend.ts';
import type * as resetCode from './accounts/reset-code.ts';
import type * as mail from './accounts/mail.ts';
import type * as myData from './accounts/my-data.ts';
import type { RawJson } from './programme/cache.ts';

/** What a handler's answer looks like on the wire (a RawJson<T> is sent as T's JSON text). */
type Out<F extends (...args: never[]) => unknown> = ReturnType<F> extends RawJson<infer T> ? T : ReturnType<F>;

export interface QaRoutes {
  'POST register': Out<typeof register.register>;
  'GET enterprises/lookup': Out<typeof register.lookupEnterprise>;
  'POST lessons/read': Out<typeof learning.markRead>;
  'POST video-progress': Out<typeof learning.reportVideo>;
  'GET courses/{course}/status': Out<typeof learning.courseProgress>;
  'GET me': Out<typeof learning.myLearning>;
  'GET quizzes/{course}/{slug}': Out<typeof quiz.quizInfo>;
  'POST attempts': Out<typeof quiz.startAttempt>;
  'GET attempts/{id}': Out<typeof quiz.getAttempt>;
  'POST attempts/{id}/submit': Out<typeof quiz.submitAttempt>;
  'GET stats/summary': Out<typeof stats.summary>;
  'GET stats/dashboard': Out<typeof stats.dashboard>;
  'GET stats/survey': Out<typeof survey.surveyResults>;
  'GET stats/provinces': Out<typeof stats.provinces>;
  /** CSV text, not JSON: pages download it through a link (src/client/download.ts), never through qa(). */
  'GET stats/export': string;
  'GET stats/public': Out<typeof stats.publicStats>;
  'GET stats/range': Out<typeof statsRange.statsRange>;
  'GET stats/enterprises': Out<typeof statsRange.trainedEnterprises>;
  /** CSV text, downloaded through a link like stats/export. */
  'GET stats/enterprises/export': string;
  'GET manager/staff-progress': Out<typeof staffProgress.staffProgress>;
  'GET manager/invite': Out<typeof invites.getManagerInvite>;
  'POST manager/invite': Out<typeof invites.createManagerInvite>;
  'POST manager/invite/revoke': Out<typeof invites.revokeManagerInvite>;
  'GET invites/{token}': Out<typeof invites.lookupInvite>;
  'GET trainer/live-sessions': Out<typeof liveSessions.listLiveSessions>;
  'POST trainer/live-sessions': Out<typeof liveSessions.createLiveSession>;
  'GET trainer/live-sessions/{id}': Out<typeof liveSessions.liveSession>;
  'POST trainer/live-sessions/{id}/attendees': Out<typeof liveSessions.correctAttendees>;
  'POST trainer/live-sessions/{id}/close': Out<typeof liveSessions.closeLiveSession>;
  'POST checkins/open': Out<typeof checkins.openCheckin>;
  'POST checkins/confirm': Out<typeof checkins.confirmCheckin>;
  'POST admin/stats/rebuild': { rebuilt: true; seconds: number };
  'POST sessions': Out<typeof sessions.recordSession>;
  'GET sessions': Out<typeof sessions.listSessions>;
  'GET manager/staff': Out<typeof manager.managerStaff>;
  'POST surveys': Out<typeof survey.submitSurvey>;
  'GET surveys/mine': Out<typeof survey.mySurvey>;
  'GET assessments': Out<typeof assessments.listAssessments>;
  'POST assessments': Out<typeof assessments.startAssessment>;
  'GET assessments/compare': Out<typeof assessments.compareAssessments>;
  'GET assessments/{id}': Out<typeof assessments.getAssessment>;
  'POST assessments/{id}/answers': Out<typeof assessments.saveAnswers>;
  'POST assessments/{id}/submit': Out<typeof assessments.submitAssessment>;
  'GET certificates/{code}': Out<typeof certificates.verifyCertificate>;
  'GET certificates/{code}/full': Out<typeof certificates.ownCertificate>;
  'GET lessons/{course}/{lesson}/questions': Out<typeof questions.lessonQuestions>;
  'POST lessons/{course}/{lesson}/questions': Out<typeof questions.askQuestion>;
  'POST questions/{id}/answer': Out<typeof questions.answerQuestion>;
  'POST questions/{id}/hide': Out<typeof questions.hideQuestion>;
  'GET me/questions': Out<typeof questions.myQuestions>;
  'GET lessons/{course}/{lesson}/rating': Out<typeof ratings.myRating>;
  'PUT lessons/{course}/{lesson}/rating': Out<typeof ratings.rateLesson>;
  'GET trainer/courses': Out<typeof analytics.myCourses>;
  'GET trainer/courses/{course}/analytics': Out<typeof analytics.courseAnalytics>;
  'GET assistance/bodies': Out<typeof bodies.listBodies>;
  'POST assistance/bodies': Out<typeof bodies.createBody>;
  'POST assistance/bodies/{id}/admission': Out<typeof bodies.setAdmission>;
  'GET assistance/enterprise': Out<typeof views.managerHome>;
  'GET assistance/expert': Out<typeof views.expertHome>;
  'GET assistance/stats': Out<typeof numbers.assistanceStats>;
  'GET assistance/enterprises': Out<typeof numbers.helpedList>;
  'GET assistance/assignments': Out<typeof plan.listAssignments>;
  'POST assistance/assignments': Out<typeof plan.assign>;
  'POST assistance/assignments/{id}/remove': Out<typeof plan.removeAssignment>;
  'POST assistance/apply': Out<typeof lifecycle.apply>;
  'POST assistance/propose': Out<typeof lifecycle.propose>;
  'POST assistance/visits/{id}/confirm': Out<typeof visits.confirmVisit>;
  'GET assistance/{id}': Out<typeof views.getAssistance>;
  'POST assistance/{id}/assign': Out<typeof lifecycle.assign>;
  'POST assistance/{id}/accept': Out<ReturnType<typeof lifecycle.act>>;
  'POST assistance/{id}/decline': Out<ReturnType<typeof lifecycle.act>>;
  'POST assistance/{id}/end': Out<ReturnType<typeof lifecycle.act>>;
  'POST assistance/{id}/close': Out<ReturnType<typeof lifecycle.act>>;
  'POST assistance/{id}/certifier': Out<typeof lifecycle.setCertifier>;
  'POST assistance/{id}/findings': Out<typeof lifecycle.setFindings>;
  'POST assistance/{id}/measures': Out<typeof plan.saveMeasure>;
  'POST assistance/{id}/visits': Out<typeof visits.logVisit>;
  'GET policies': Out<typeof policies.listPolicies>;
  'GET policies/mine': Out<typeof policies.myPolicies>;
  'GET policies/manage': Out<typeof policies.managedPolicies>;
  'POST policies': Out<typeof policies.createPolicy>;
  'POST policies/{id}': Out<typeof policies.updatePolicy>;
  'DELETE policies/{id}': Out<typeof policies.deletePolicy>;
  'GET cases/mine': Out<typeof cases.myCases>;
  'GET cases/review': Out<typeof cases.reviewCases>;
  'GET cases/selected': Out<typeof cases.selectedCases>;
  'POST cases': Out<typeof cases.createCase>;
  'GET cases/{id}': Out<typeof cases.getCase>;
  'POST cases/{id}': Out<typeof cases.saveCase>;
  'POST cases/{id}/actions': Out<typeof cases.caseAction>;
  'GET programme-records': Out<typeof records.listRecords>;
  'POST programme-records': Out<typeof records.createRecord>;
  'DELETE programme-records/{id}': Out<typeof records.deleteRecord>;
  'GET assessment': Out<typeof assessment.assessment>;
  'GET assessment/regions': Out<typeof assessment.assessmentRegions>;
  'POST manager/staff/{id}/reset-code': Out<typeof resetCode.issueResetCode>;
  'POST password/redeem': Out<typeof resetCode.redeemResetCode>;
  'GET password/options': Out<typeof mail.passwordOptions>;
  'GET me/export': Out<typeof myData.exportMyData>;
  'POST me/delete': Out<typeof myData.deleteMyData>;
}

export type QaMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
type RouteKey = keyof QaRoutes & string;

/** 'courses/{course}/status' → ['courses', '{course}', 'status'] */
type Segments<S extends string> = S extends `${infer Head}/${infer Tail}` ? [Head, ...Segments<Tail>] : [S];

/** Segment by segment, so that `certificates/${code}/full` matches 'certificates/{code}/full' only. */
type SegmentsMatch<P extends string[], R extends string[]> = P extends [infer A extends string, ...infer PRest extends string[]]
  ? R extends [infer B extends string, ...infer RRest extends string[]]
    ? B extends `{${string}}`
      ? SegmentsMatch<PRest, RRest>
      : A extends B
        ? SegmentsMatch<PRest, RRest>
        : false
    : false
  : R extends []
    ? true
    : false;

/** The routes whose method and path pattern a concrete path matches. */
type Matching<M extends string, P extends string> = {
  [K in RouteKey]: K extends `${M} ${infer Pattern}` ? (SegmentsMatch<Segments<P>, Segments<Pattern>> extends true ? K : never) : never;
}[RouteKey];

/**
 * The answer of `M path`: an exact route first ('assessments/compare' rather than 'assessments/{id}'), else
 * the pattern it matches; `unknown` for a path no route answers, so using its fields fails the typecheck.
 */
export type QaResponse<M extends string, P extends string> = `${M} ${P}` extends RouteKey
  ? QaRoutes[`${M} ${P}` & RouteKey]
  : [Matching<M, P>] extends [never]
    ? unknown
    : QaRoutes[Matching<M, P>];

/**
 * Entry point of the hooks library, bundled by scripts/build-server.ts to pb_hooks/lib/qa.js (CommonJS for
 * PocketBase's JS VM). pb_hooks/*.pb.js require it inside each handler.
 */
import { route } from './http.ts';
import { lookupEnterprise, register } from './register.ts';
import { courseProgress, markRead, myLearning, reportVideo } from './learning.ts';
import { getAttempt, quizInfo, startAttempt, submitAttempt } from './quiz.ts';
import { summary } from './stats.ts';
import { ownCertificate, verifyCertificate } from './certificates.ts';

export { syncCourses } from './sync.ts';
export { seedDemo } from './demo.ts';

export const routes = {
  register: route(register),
  lookupEnterprise: route(lookupEnterprise),
  markRead: route(markRead),
  reportVideo: route(reportVideo),
  courseProgress: route(courseProgress),
  myLearning: route(myLearning),
  quizInfo: route(quizInfo),
  startAttempt: route(startAttempt),
  getAttempt: route(getAttempt),
  submitAttempt: route(submitAttempt),
  statsSummary: route(summary),
  verifyCertificate: route(verifyCertificate),
  ownCertificate: route(ownCertificate),
};

/** The site's URLs, in one place: pages link with these, and the content check validates links against them. */
import type { Role } from './roles.ts';
export const routes = {
  home: () => '/',
  catalogue: () => '/courses/',
  course: (courseId: string) => `/courses/${courseId}/`,
  lesson: (courseId: string, slug: string) => `/courses/${courseId}/${slug}/`,
  exam: (courseId: string) => `/courses/${courseId}/exam/`,
  cases: () => '/cases/',
  caseStudy: (caseId: string) => `/cases/${caseId}/`,
  glossary: () => '/glossary/',
  term: (termId: string) => `/glossary/#${termId}`,
  search: (q?: string) => (q ? `/search/?q=${encodeURIComponent(q)}` : '/search/'),
  login: () => '/login/',
  register: () => '/register/',
  me: () => '/me/',
  manager: () => '/manager/',
  regulator: () => '/regulator/',
  trainer: () => '/trainer/',
  expert: () => '/expert/',
  assistance: () => '/assistance/',
  regulatorAssistance: () => '/regulator/assistance/',
  trainerAnalytics: (course?: string) => (course ? `/trainer/analytics/?course=${encodeURIComponent(course)}` : '/trainer/analytics/'),
  publicStats: () => '/stats/',
  policies: () => '/policies/',
  managerCases: () => '/manager/cases/',
  regulatorPolicies: () => '/regulator/policies/',
  regulatorCases: () => '/regulator/cases/',
  regulatorAssessment: () => '/regulator/assessment/',
  verify: (code?: string) => (code ? `/verify/?code=${encodeURIComponent(code)}` : '/verify/'),
  certificate: (code: string) => `/certificate/?code=${encodeURIComponent(code)}`,
  privacy: () => '/privacy/',
  checkin: () => '/checkin/',
  trainerLive: (id: string) => `/trainer/live/?id=${encodeURIComponent(id)}`,
  forgotPassword: () => '/forgot-password/',
  resetPassword: () => '/reset-password/',
  assessment: (id?: string) => (id ? `/assessment/?id=${encodeURIComponent(id)}` : '/assessment/'),
} as const;

/** Static pages that exist whatever the content is. */
export const STATIC_PATHS = ['/', '/courses/', '/cases/', '/glossary/', '/search/', '/login/', '/register/', '/me/', '/manager/', '/regulator/', '/trainer/', '/trainer/analytics/', '/stats/', '/verify/', '/certificate/', '/assessment/', '/expert/', '/assistance/', '/regulator/assistance/', '/policies/', '/manager/cases/', '/regulator/policies/', '/regulator/cases/', '/regulator/assessment/', '/privacy/', '/checkin/', '/trainer/live/', '/forgot-password/', '/reset-password/'];


/** Where each role lands after logging in, and what the header links to. */
export const homeOf = (role: Role): string =>
  ({ regulator: routes.regulator(), enterprise_manager: routes.manager(), trainer: routes.trainer(), learner: routes.me(), expert: routes.expert() })[role] ?? routes.me();

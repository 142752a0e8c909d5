/**
 * The role × operation matrix (docs/security.md): for every collection (list, view, create, update, delete,
 * and a list filtered through each relation and back-relation) and every /api/qa/* route, each role gets
 * exactly the access written here. A collection the server has and this table lacks fails the test, so new
 * collections join it as they are added.
 *
 * Adding a role: one line in ROLES (how to make its account) and its column where it differs below (routes
 * list the roles they allow; everyone else is refused). Adding a collection: one line in COLLECTIONS.
 * Adding a route: one entry in ROUTES.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api as jsonApi,
  baseUrl,
  completeCourse,
  content,
  login,
  readDataDb,
  registerLearner,
  superuserToken,
  uniqueEmail,
  type Learner,
} from './helpers.ts';

/** Like helpers' api(), but a reply that is not JSON (the CSV export) comes back as text. */
async function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: any }> {
  if (!path.includes('/export')) return jsonApi(path, init);
  const res = await fetch(`${baseUrl()}${path}`, {
    method: init.method ?? 'GET',
    headers: init.token ? { authorization: init.token } : {},
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

// ---------------------------------------------------------------- roles

type Role =
  | 'anonymous'
  | 'learner'
  | 'managerOwn'
  | 'managerOther'
  | 'trainer'
  | 'regulatorCounty'
  | 'regulatorProvince'
  | 'regulatorNational'
  | 'expertOwn'
  | 'expertOther'
  | 'superuser';

interface Actor {
  token?: string;
  id?: string;
}

/** How each role's account is made. `learner` is the subject: the person whose data everyone else probes. */
const ROLES: Record<Role, (w: World) => Promise<Actor>> = {
  anonymous: async () => ({}),
  learner: async (w) => ({ token: w.subject.token, id: w.subject.id }),
  managerOwn: (w) => staffAccount(w, 'enterprise_manager', { enterprise: w.subject.enterpriseId }),
  managerOther: (w) => staffAccount(w, 'enterprise_manager', { enterprise: w.other.enterpriseId }),
  trainer: (w) => staffAccount(w, 'trainer', {}),
  regulatorCounty: (w) => staffAccount(w, 'regulator', { jurisdiction: '330502' }),
  regulatorProvince: (w) => staffAccount(w, 'regulator', { jurisdiction: '33' }),
  regulatorNational: (w) => staffAccount(w, 'regulator', { jurisdiction: '' }),
  // experts of the body that helps the subject's enterprise, and of another body
  expertOwn: (w) => staffAccount(w, 'expert', { body: w.bodyOwn }),
  expertOther: (w) => staffAccount(w, 'expert', { body: w.bodyOther }),
  superuser: async (w) => ({ token: w.admin }),
};
const ALL_ROLES = Object.keys(ROLES) as Role[];
const USERS: Role[] = ALL_ROLES.filter((r) => r !== 'anonymous' && r !== 'superuser'); // accounts of the users collection
const REGULATORS: Role[] = ['regulatorCounty', 'regulatorProvince', 'regulatorNational'];
const MANAGERS: Role[] = ['managerOwn', 'managerOther'];
const EXPERTS: Role[] = ['expertOwn', 'expertOther'];
/** The two sides of the subject's enterprise's assistance get `status`; every other account 404 (no oracle). */
const sides = (status: Record<'managerOwn' | 'expertOwn', number>) => (role: Role) =>
  role === 'managerOwn' || role === 'expertOwn' ? status[role] : signedIn(404)(role);

// ---------------------------------------------------------------- collections

/** all: anyone; self: only rows that are the caller's own (owner field = caller's id); none: superusers only. */
type Access = 'all' | 'self' | 'none';
interface CollectionAccess {
  list: Access;
  view: Access;
  create: Access;
  update: Access;
  delete: Access;
  owner?: string;
}

const CLOSED: CollectionAccess = { list: 'none', view: 'none', create: 'none', update: 'none', delete: 'none' };
const SYSTEM_OWN: CollectionAccess = { list: 'self', view: 'self', create: 'none', update: 'none', delete: 'self', owner: 'recordRef' };

const COLLECTIONS: Record<string, CollectionAccess> = {
  users: { list: 'none', view: 'self', create: 'none', update: 'self', delete: 'none', owner: 'id' },
  enterprises: CLOSED,
  courses: { list: 'all', view: 'all', create: 'none', update: 'none', delete: 'none' },
  lesson_progress: CLOSED,
  quiz_attempts: CLOSED,
  completions: CLOSED,
  stat_counts: CLOSED,
  surveys: CLOSED,
  sessions: CLOSED,
  course_trainers: CLOSED,
  assessments: CLOSED,
  cert_bodies: CLOSED,
  body_admissions: CLOSED,
  assistances: CLOSED,
  plan_measures: CLOSED,
  assistance_visits: CLOSED,
  learning_assignments: CLOSED,
  assistance_settings: CLOSED,
  lesson_questions: CLOSED,
  lesson_ratings: CLOSED,
  // live in-person sessions (docs/in-person-sessions.md): only through /api/qa routes; the secret stays on the server
  live_sessions: CLOSED,
  checkins: CLOSED,
  // the programme (docs/programme.md): read and written only through /api/qa routes that check jurisdiction
  policies: CLOSED,
  case_submissions: CLOSED,
  programme_records: CLOSED,
  // staff invitations: read only through /api/qa/manager/invite and /api/qa/invites/{token}
  enterprise_invites: CLOSED,
  // account operations (docs/privacy.md): reset codes and the audit log, through /api/qa routes only
  password_resets: CLOSED,
  audit_log: CLOSED,
  _superusers: CLOSED,
  _authOrigins: SYSTEM_OWN,
  _externalAuths: SYSTEM_OWN,
  _mfas: { ...SYSTEM_OWN, delete: 'none' },
  _otps: { ...SYSTEM_OWN, delete: 'none' },
};

// ---------------------------------------------------------------- routes

type Outcome = number | ((role: Role) => number);
interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: (w: World) => string;
  body?: (w: World) => unknown;
  expect: Outcome;
  check?: (role: Role, body: any, w: World) => void;
}

/** `allowed` get `status`; the others are refused: 401 when not signed in as a user, 403 otherwise. */
const only =
  (allowed: Role[], status: number, refused = 403) =>
  (role: Role) =>
    allowed.includes(role) ? status : role === 'anonymous' || role === 'superuser' ? 401 : refused;
const signedIn = (status: number) => (role: Role) => (USERS.includes(role) ? status : 401);

const ROUTES: Record<string, RouteCase> = {
  'POST /api/qa/register': { method: 'POST', path: () => '/api/qa/register', body: () => ({}), expect: 400 },
  'GET /api/qa/enterprises/lookup': { method: 'GET', path: (w) => `/api/qa/enterprises/lookup?uscc=${w.subject.uscc}`, expect: 200 },
  'POST /api/qa/lessons/read': {
    method: 'POST',
    path: () => '/api/qa/lessons/read',
    body: () => ({ lesson: 'no-such/lesson' }),
    expect: signedIn(404),
  },
  'POST /api/qa/video-progress': {
    method: 'POST',
    path: () => '/api/qa/video-progress',
    body: () => ({ lesson: 'no-such/lesson', intervals: [] }),
    expect: signedIn(404),
  },
  'GET /api/qa/courses/{course}/status': { method: 'GET', path: (w) => `/api/qa/courses/${w.course}/status`, expect: signedIn(200) },
  'GET /api/qa/me': {
    method: 'GET',
    path: () => '/api/qa/me',
    expect: signedIn(200),
    check: (role, body, w) => {
      if (role !== 'learner') expect(JSON.stringify(body)).not.toContain(w.certificate);
    },
  },
  'GET /api/qa/quizzes/{course}/{slug}': {
    method: 'GET',
    path: (w) => `/api/qa/quizzes/${w.course}/final`,
    expect: 200,
    check: (role, body, w) => expect(body.attempts.some((a: { id: string }) => a.id === w.attempt)).toBe(role === 'learner'),
  },
  'POST /api/qa/attempts': {
    method: 'POST',
    path: () => '/api/qa/attempts',
    body: () => ({ quiz: 'no-such/quiz' }),
    expect: signedIn(404),
  },
  'GET /api/qa/attempts/{id}': {
    method: 'GET',
    path: (w) => `/api/qa/attempts/${w.attempt}`,
    expect: (r) => (r === 'learner' ? 200 : signedIn(404)(r)),
  },
  'POST /api/qa/attempts/{id}/submit': {
    method: 'POST',
    path: (w) => `/api/qa/attempts/${w.attempt}/submit`,
    body: () => ({ answers: {}, key: 'matrix-submit-0001' }),
    expect: (r) => (r === 'learner' ? 200 : signedIn(403)(r)),
  },
  'GET /api/qa/stats/summary': { method: 'GET', path: () => '/api/qa/stats/summary', expect: only(REGULATORS, 200) },
  'GET /api/qa/stats/dashboard': { method: 'GET', path: () => '/api/qa/stats/dashboard', expect: only(REGULATORS, 200) },
  'GET /api/qa/stats/survey': { method: 'GET', path: () => '/api/qa/stats/survey', expect: only(REGULATORS, 200) },
  'GET /api/qa/stats/provinces': {
    method: 'GET',
    path: () => '/api/qa/stats/provinces',
    expect: (r) => (REGULATORS.includes(r) && r !== 'regulatorNational' ? 403 : only(['regulatorNational'], 200)(r)),
  },
  'GET /api/qa/stats/export': { method: 'GET', path: () => '/api/qa/stats/export', expect: only(REGULATORS, 200) },
  'GET /api/qa/stats/range': {
    method: 'GET',
    path: () => '/api/qa/stats/range?from=2024-01-01&to=2024-12-31',
    expect: only(REGULATORS, 200),
  },
  'GET /api/qa/stats/enterprises': {
    // nationally the list is read province by province (400 without one: docs/statistics.md)
    method: 'GET',
    path: () => '/api/qa/stats/enterprises',
    expect: (r) => (r === 'regulatorNational' ? 400 : only(REGULATORS, 200)(r)),
    check: (role, body, _w) => {
      if (role === 'regulatorNational') return;
      // the subject's enterprise (Wuxing, Zhejiang) is in every matrix regulator's jurisdiction; only enterprises
      // trained inside it, by where their completions were made (an enterprise's own county may lie elsewhere: another
      // test moves a completion to Wuxing); scoping in detail: tests/integration/stats-range.test.ts
      expect(body.total).toBeGreaterThanOrEqual(1);
      const within = role === 'regulatorCounty' ? '330502' : '33';
      const db = readDataDb();
      try {
        const trainedWithin = db.prepare(
          'SELECT 1 FROM completions WHERE enterprise = ? AND substr(county_code, 1, ?) = ? AND revoked = FALSE LIMIT 1',
        );
        for (const row of body.rows as { id: string }[]) expect(trainedWithin.get(row.id, within.length, within), row.id).toBeTruthy();
      } finally {
        db.close();
      }
    },
  },
  'GET /api/qa/stats/enterprises/export': {
    method: 'GET',
    path: () => '/api/qa/stats/enterprises/export',
    expect: (r) => (r === 'regulatorNational' ? 400 : only(REGULATORS, 200)(r)),
  },
  'GET /api/qa/stats/public': { method: 'GET', path: () => '/api/qa/stats/public', expect: 200 },
  'POST /api/qa/admin/stats/rebuild': {
    method: 'POST',
    path: () => '/api/qa/admin/stats/rebuild',
    body: () => ({}),
    expect: (r) => (r === 'superuser' ? 200 : 403),
  },
  'POST /api/qa/sessions': { method: 'POST', path: () => '/api/qa/sessions', body: () => ({}), expect: only(['trainer'], 400) },
  'GET /api/qa/sessions': {
    method: 'GET',
    path: () => '/api/qa/sessions',
    expect: only(['trainer'], 200),
    check: (_role, body, w) => expect(body.sessions.map((s: { id: string }) => s.id)).not.toContain(w.session), // another trainer's session
  },
  'GET /api/qa/manager/staff': {
    method: 'GET',
    path: () => '/api/qa/manager/staff',
    expect: only(MANAGERS, 200),
    check: (role, body, w) => {
      const ids = body.staff.map((s: { id: string }) => s.id);
      expect(ids.includes(w.subject.id), 'the subject is listed').toBe(role === 'managerOwn');
      expect(JSON.stringify(body)).not.toMatch(/"(email|phone)"/);
    },
  },
  'GET /api/qa/manager/staff-progress': {
    method: 'GET',
    path: () => '/api/qa/manager/staff-progress',
    expect: only(MANAGERS, 200),
    check: (role, body, w) => {
      expect(body.rows.length > 0).toBe(true); // at least the manager
      expect(JSON.stringify(body)).not.toMatch(/"(email|phone|id)"/);
      expect(JSON.stringify(body).includes(w.subject.email)).toBe(false);
      if (role === 'managerOther')
        expect(
          body.rows.some((r: { coursesCompleted: number }) => r.coursesCompleted > 0),
          "not the subject's completion",
        ).toBe(false);
    },
  },
  'GET /api/qa/manager/invite': { method: 'GET', path: () => '/api/qa/manager/invite', expect: only(MANAGERS, 200) },
  // a bad expiry: nothing is created by the matrix (tests/integration/invites.test.ts creates and uses them)
  'POST /api/qa/manager/invite': {
    method: 'POST',
    path: () => '/api/qa/manager/invite',
    body: () => ({ expiresInDays: 3 }),
    expect: only(MANAGERS, 400),
  },
  'POST /api/qa/manager/invite/revoke': {
    method: 'POST',
    path: () => '/api/qa/manager/invite/revoke',
    body: () => ({}),
    expect: only(MANAGERS, 200),
  },
  // public (the person registering has no account yet); an unknown token is 404 for everyone
  'GET /api/qa/invites/{token}': { method: 'GET', path: () => '/api/qa/invites/abcdefghjkmnpqrstuvwxyz2', expect: 404 },
  // account operations (docs/privacy.md; tests/integration/account-operations.test.ts)
  'POST /api/qa/manager/staff/{id}/reset-code': {
    method: 'POST',
    path: (w) => `/api/qa/manager/staff/${w.subject.id}/reset-code`,
    body: () => ({}),
    expect: (r) => (r === 'managerOwn' ? 200 : r === 'managerOther' ? 404 : only(MANAGERS, 0)(r)),
  },
  'POST /api/qa/password/redeem': { method: 'POST', path: () => '/api/qa/password/redeem', body: () => ({}), expect: 400 },
  'GET /api/qa/password/options': { method: 'GET', path: () => '/api/qa/password/options', expect: 200 },
  'GET /api/qa/me/export': {
    method: 'GET',
    path: () => '/api/qa/me/export',
    expect: signedIn(200),
    check: (role, body, w) => {
      const text = JSON.stringify(body);
      expect(text.includes(w.subject.id), "the subject's id").toBe(role === 'learner');
      expect(text.includes(w.certificate), "the subject's certificate").toBe(role === 'learner');
    },
  },
  'POST /api/qa/me/delete': {
    method: 'POST',
    path: () => '/api/qa/me/delete',
    body: () => ({ password: 'not-the-password' }),
    expect: signedIn(400),
  },
  'GET /api/qa/surveys/mine': {
    method: 'GET',
    path: () => '/api/qa/surveys/mine',
    expect: only(MANAGERS, 200),
    check: (role, body) => expect(body.answer !== null, 'sees the survey of their enterprise').toBe(role === 'managerOwn'),
  },
  'POST /api/qa/surveys': { method: 'POST', path: () => '/api/qa/surveys', body: () => ({}), expect: only(MANAGERS, 400) },
  'GET /api/qa/certificates/{code}': {
    method: 'GET',
    path: (w) => `/api/qa/certificates/${w.certificate}`,
    expect: 200,
    check: (_role, body) => expect(body.learner).toMatch(/\*/), // masked for everyone
  },
  'GET /api/qa/lessons/{course}/{lesson}/questions': {
    method: 'GET',
    path: () => `/api/qa/${QA_LESSON}/questions`,
    expect: 200,
    check: (role, body, w) => {
      expect(body.canModerate, 'only the course trainers moderate').toBe(false); // the matrix trainer has no course
      expect(body.waiting).toEqual([]);
      expect(body.mine.some((q: { id: string }) => q.id === w.question)).toBe(role === 'learner');
    },
  },
  'POST /api/qa/lessons/{course}/{lesson}/questions': {
    method: 'POST',
    path: () => `/api/qa/${QA_LESSON}/questions`,
    body: () => ({}),
    expect: signedIn(400),
  },
  'POST /api/qa/questions/{id}/answer': {
    method: 'POST',
    path: (w) => `/api/qa/questions/${w.question}/answer`,
    body: () => ({ answer: '越权回答' }),
    expect: signedIn(403),
  },
  'POST /api/qa/questions/{id}/hide': {
    method: 'POST',
    path: (w) => `/api/qa/questions/${w.question}/hide`,
    body: () => ({ hidden: true }),
    expect: signedIn(403),
  },
  'GET /api/qa/me/questions': {
    method: 'GET',
    path: () => '/api/qa/me/questions',
    expect: signedIn(200),
    check: (role, body, w) => expect(body.questions.some((q: { id: string }) => q.id === w.question)).toBe(role === 'learner'),
  },
  'GET /api/qa/lessons/{course}/{lesson}/rating': { method: 'GET', path: () => `/api/qa/${QA_LESSON}/rating`, expect: signedIn(200) },
  'PUT /api/qa/lessons/{course}/{lesson}/rating': {
    method: 'PUT',
    path: () => `/api/qa/${QA_LESSON}/rating`,
    body: () => ({}),
    expect: signedIn(400),
  },
  // another trainer's live session (the demo trainer's): a trainer gets 404, as if it did not exist
  'GET /api/qa/trainer/live-sessions': {
    method: 'GET',
    path: () => '/api/qa/trainer/live-sessions',
    expect: only(['trainer'], 200),
    check: (_role, body, w) => expect(JSON.stringify(body)).not.toContain(w.liveSession),
  },
  'POST /api/qa/trainer/live-sessions': {
    method: 'POST',
    path: () => '/api/qa/trainer/live-sessions',
    body: () => ({}),
    expect: only(['trainer'], 400),
  },
  'GET /api/qa/trainer/live-sessions/{id}': {
    method: 'GET',
    path: (w) => `/api/qa/trainer/live-sessions/${w.liveSession}`,
    expect: only(['trainer'], 404),
  },
  'POST /api/qa/trainer/live-sessions/{id}/attendees': {
    method: 'POST',
    path: (w) => `/api/qa/trainer/live-sessions/${w.liveSession}/attendees`,
    body: (w) => ({ remove: w.subject.id }),
    expect: only(['trainer'], 404),
  },
  'POST /api/qa/trainer/live-sessions/{id}/close': {
    method: 'POST',
    path: (w) => `/api/qa/trainer/live-sessions/${w.liveSession}/close`,
    body: () => ({}),
    expect: only(['trainer'], 404),
  },
  // anyone may try a code (rate-limited per IP); a wrong one is refused whoever asks
  'POST /api/qa/checkins/open': {
    method: 'POST',
    path: () => '/api/qa/checkins/open',
    body: (w) => ({ s: w.liveSession, c: '0000000000000000' }),
    expect: 409,
  },
  'POST /api/qa/checkins/confirm': {
    method: 'POST',
    path: () => '/api/qa/checkins/confirm',
    body: () => ({ ticket: 'not-a-ticket' }),
    expect: 400,
  },
  'GET /api/qa/trainer/courses': { method: 'GET', path: () => '/api/qa/trainer/courses', expect: only(['trainer'], 200) },
  // the matrix trainer looks after no course: every account is refused (tests/integration/trainer-tools.test.ts: the course's trainer is let in)
  'GET /api/qa/trainer/courses/{course}/analytics': {
    method: 'GET',
    path: (w) => `/api/qa/trainer/courses/${w.course}/analytics`,
    expect: signedIn(403),
  },
  'GET /api/qa/assessments': {
    method: 'GET',
    path: () => '/api/qa/assessments',
    expect: signedIn(200),
    check: (role, body, w) =>
      expect(
        body.items.some((a: { id: string }) => a.id === w.assessment),
        "sees the subject's own self-assessment",
      ).toBe(role === 'learner'),
  },
  'POST /api/qa/assessments': {
    method: 'POST',
    path: () => '/api/qa/assessments',
    body: () => ({ kind: 'no-such-kind' }),
    expect: only(['learner', ...MANAGERS], 400),
  },
  // "does not exist" and "not yours" get the same 404: ids are no oracle
  'GET /api/qa/assessments/compare': {
    method: 'GET',
    path: (w) => `/api/qa/assessments/compare?before=${w.assessment}&after=${w.assessment}`,
    expect: (r) => (r === 'learner' ? 400 : signedIn(404)(r)), // the subject's own draft: not comparable yet
  },
  'GET /api/qa/assessments/{id}': {
    method: 'GET',
    path: (w) => `/api/qa/assessments/${w.assessment}`,
    expect: (r) => (r === 'learner' ? 200 : signedIn(404)(r)),
  },
  'POST /api/qa/assessments/{id}/answers': {
    method: 'POST',
    path: (w) => `/api/qa/assessments/${w.assessment}/answers`,
    body: () => ({ answers: {} }),
    expect: (r) => (r === 'learner' ? 200 : signedIn(404)(r)),
  },
  'POST /api/qa/assessments/{id}/submit': {
    method: 'POST',
    path: (w) => `/api/qa/assessments/${w.assessment}/submit`,
    body: () => ({ answers: {} }),
    expect: (r) => (r === 'learner' ? 400 : signedIn(404)(r)), // the subject's own, but unanswered
  },
  'GET /api/qa/certificates/{code}/full': {
    method: 'GET',
    path: (w) => `/api/qa/certificates/${w.certificate}/full`,
    expect: (r) => (r === 'learner' ? 200 : 404),
  },
  // the programme (pb_hooks/programme.pb.js); jurisdiction cases in detail: tests/integration/programme-access.test.ts
  'GET /api/qa/policies': { method: 'GET', path: () => '/api/qa/policies', expect: 200 },
  'GET /api/qa/policies/mine': {
    method: 'GET',
    path: () => '/api/qa/policies/mine',
    expect: (r) => (['learner', ...MANAGERS].includes(r) ? 200 : signedIn(403)(r)),
  },
  'GET /api/qa/policies/manage': { method: 'GET', path: () => '/api/qa/policies/manage', expect: only(REGULATORS, 200) },
  'POST /api/qa/policies': { method: 'POST', path: () => '/api/qa/policies', body: () => ({}), expect: only(REGULATORS, 400) },
  'POST /api/qa/policies/{id}': {
    method: 'POST',
    path: () => '/api/qa/policies/nosuchpolicy000',
    body: () => ({}),
    expect: only(REGULATORS, 404),
  },
  'DELETE /api/qa/policies/{id}': { method: 'DELETE', path: () => '/api/qa/policies/nosuchpolicy000', expect: only(REGULATORS, 404) },
  'GET /api/qa/cases/mine': { method: 'GET', path: () => '/api/qa/cases/mine', expect: signedIn(200) },
  'GET /api/qa/cases/review': { method: 'GET', path: () => '/api/qa/cases/review', expect: only(REGULATORS, 200) },
  'GET /api/qa/cases/selected': {
    method: 'GET',
    path: () => '/api/qa/cases/selected',
    expect: (r) => (r === 'regulatorNational' || r === 'superuser' ? 200 : 403),
  },
  'POST /api/qa/cases': {
    method: 'POST',
    path: () => '/api/qa/cases',
    body: () => ({ content: { title: '矩阵草稿' } }),
    expect: (r) => (MANAGERS.includes(r) ? 200 : signedIn(403)(r)),
  },
  'GET /api/qa/cases/{id}': { method: 'GET', path: () => '/api/qa/cases/nosuchcase00000', expect: signedIn(404) },
  'POST /api/qa/cases/{id}': {
    method: 'POST',
    path: () => '/api/qa/cases/nosuchcase00000',
    body: () => ({ content: {} }),
    expect: signedIn(404),
  },
  'POST /api/qa/cases/{id}/actions': {
    method: 'POST',
    path: () => '/api/qa/cases/nosuchcase00000/actions',
    body: () => ({ action: 'submit' }),
    expect: signedIn(404),
  },
  'GET /api/qa/programme-records': { method: 'GET', path: () => '/api/qa/programme-records', expect: only(REGULATORS, 200) },
  'POST /api/qa/programme-records': {
    method: 'POST',
    path: () => '/api/qa/programme-records',
    body: () => ({}),
    expect: only(REGULATORS, 400),
  },
  'DELETE /api/qa/programme-records/{id}': {
    method: 'DELETE',
    path: () => '/api/qa/programme-records/nosuchrecord000',
    expect: only(REGULATORS, 404),
  },
  // county regulators are not assessed (403); a county has no units below it to break down (400)
  'GET /api/qa/assessment': {
    method: 'GET',
    path: () => '/api/qa/assessment?year=2026',
    expect: (r) => (r === 'regulatorCounty' ? 403 : only(['regulatorProvince', 'regulatorNational'], 200)(r)),
  },
  'GET /api/qa/assessment/regions': {
    method: 'GET',
    path: () => '/api/qa/assessment/regions?year=2026',
    expect: (r) => (r === 'regulatorCounty' ? 400 : only(REGULATORS, 200)(r)),
  },

  // Precision assistance (docs/assistance.md). The subject's enterprise has an active assistance with the body of
  // expertOwn; bodies are state-changing only where a request is valid for its side.
  'GET /api/qa/assistance/bodies': { method: 'GET', path: () => '/api/qa/assistance/bodies', expect: 200 },
  'POST /api/qa/assistance/bodies': {
    method: 'POST',
    path: () => '/api/qa/assistance/bodies',
    body: () => ({}),
    expect: (r) => (r === 'regulatorCounty' ? 403 : only(['regulatorProvince', 'regulatorNational'], 400)(r)),
  },
  'POST /api/qa/assistance/bodies/{id}/admission': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/bodies/${w.bodyOther}/admission`,
    body: () => ({}),
    expect: only(REGULATORS, 400),
  },
  'GET /api/qa/assistance/enterprise': {
    method: 'GET',
    path: () => '/api/qa/assistance/enterprise',
    expect: only(MANAGERS, 200),
    check: (role, body, w) =>
      expect(body.current?.id === w.assistance, 'sees the assistance of their enterprise').toBe(role === 'managerOwn'),
  },
  'GET /api/qa/assistance/expert': {
    method: 'GET',
    path: () => '/api/qa/assistance/expert',
    expect: only(EXPERTS, 200),
    check: (role, body, w) =>
      expect(
        body.assistances.some((a: { id: string }) => a.id === w.assistance),
        'sees the assistances of their body',
      ).toBe(role === 'expertOwn'),
  },
  'GET /api/qa/assistance/stats': { method: 'GET', path: () => '/api/qa/assistance/stats', expect: only(REGULATORS, 200) },
  'GET /api/qa/assistance/enterprises': {
    method: 'GET',
    path: () => '/api/qa/assistance/enterprises?period=all',
    expect: only(REGULATORS, 200),
    check: (_role, body, w) => {
      expect(
        body.rows.some((r: { assistance: string }) => r.assistance === w.assistance),
        'names and status in jurisdiction',
      ).toBe(true);
      expect(JSON.stringify(body)).not.toContain(MATRIX_FINDING);
    },
  },
  'GET /api/qa/assistance/assignments': {
    method: 'GET',
    path: () => '/api/qa/assistance/assignments',
    expect: only(MANAGERS, 200),
    check: (role, body, w) => expect(body.assignments.some((a: { id: string }) => a.id === w.assignment)).toBe(role === 'managerOwn'),
  },
  'POST /api/qa/assistance/assignments': {
    method: 'POST',
    path: () => '/api/qa/assistance/assignments',
    body: () => ({}),
    expect: only(MANAGERS, 400),
  },
  'POST /api/qa/assistance/apply': {
    method: 'POST',
    path: () => '/api/qa/assistance/apply',
    body: () => ({ body: 'nosuchbody00000' }),
    expect: (r) => (r === 'managerOwn' ? 409 : only(MANAGERS, 400)(r)), // the subject's enterprise already has one
  },
  'POST /api/qa/assistance/propose': {
    method: 'POST',
    path: () => '/api/qa/assistance/propose',
    body: () => ({ uscc: 'not-a-code' }),
    expect: only(EXPERTS, 400),
  },
  'GET /api/qa/assistance/{id}': {
    method: 'GET',
    path: (w) => `/api/qa/assistance/${w.assistance}`,
    expect: sides({ managerOwn: 200, expertOwn: 200 }),
    check: (_role, body) => expect(body.findings.map((f: { text: string }) => f.text)).toContain(MATRIX_FINDING),
  },
  'POST /api/qa/assistance/{id}/assign': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/${w.assistance}/assign`,
    body: () => ({}),
    expect: only(REGULATORS, 409),
  }, // only applications get a body assigned
  'POST /api/qa/assistance/{id}/accept': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/${w.assistance}/accept`,
    body: () => ({}),
    expect: sides({ managerOwn: 409, expertOwn: 409 }),
  },
  'POST /api/qa/assistance/{id}/decline': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/${w.assistance}/decline`,
    body: () => ({}),
    expect: sides({ managerOwn: 409, expertOwn: 409 }),
  },
  'POST /api/qa/assistance/{id}/end': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/${w.assistance}/end`,
    body: () => ({}),
    expect: sides({ managerOwn: 409, expertOwn: 409 }),
  }, // no reason
  'POST /api/qa/assistance/{id}/close': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/${w.assistance}/close`,
    body: () => ({}),
    expect: sides({ managerOwn: 409, expertOwn: 409 }),
  }, // no confirmed visit
  'POST /api/qa/assistance/{id}/certifier': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/${w.assistance}/certifier`,
    body: (w) => ({ certifier: w.bodyOwn }),
    expect: (r) => (r === 'expertOwn' ? 400 : r === 'expertOther' ? 404 : only(EXPERTS, 0)(r)), // impartiality
  },
  'POST /api/qa/assistance/{id}/findings': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/${w.assistance}/findings`,
    body: () => ({ findings: [{ area: '矩阵', text: MATRIX_FINDING }] }),
    expect: (r) => (r === 'expertOwn' ? 200 : r === 'expertOther' ? 404 : only(EXPERTS, 0)(r)),
  },
  'POST /api/qa/assistance/{id}/measures': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/${w.assistance}/measures`,
    body: () => ({ title: '矩阵测试措施', owner: '矩阵', targetDate: '2099-01-01' }),
    expect: sides({ managerOwn: 200, expertOwn: 200 }),
  },
  'POST /api/qa/assistance/{id}/visits': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/${w.assistance}/visits`,
    body: () => ({ date: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), mode: 'remote', checked: '矩阵测试回访' }),
    expect: (r) => (r === 'expertOwn' ? 200 : r === 'expertOther' ? 404 : only(EXPERTS, 0)(r)),
  },
  'POST /api/qa/assistance/visits/{id}/confirm': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/visits/${w.visit}/confirm`,
    body: () => ({ confirmed: false, reason: '矩阵测试异议' }),
    expect: (r) => (r === 'managerOwn' ? 200 : r === 'managerOther' ? 404 : only(MANAGERS, 0)(r)),
  },
  'POST /api/qa/assistance/assignments/{id}/remove': {
    method: 'POST',
    path: (w) => `/api/qa/assistance/assignments/${w.assignment}/remove`,
    body: () => ({}),
    expect: (r) => (r === 'managerOwn' ? 200 : r === 'managerOther' ? 404 : only(MANAGERS, 0)(r)),
  },
};

const MATRIX_FINDING = '矩阵测试：进货检验没有记录';

// ---------------------------------------------------------------- the world the roles act in

const QA_LESSON = 'lessons/production-control/release';

interface World {
  admin: string;
  subject: Learner;
  other: Learner;
  course: string;
  attempt: string;
  certificate: string;
  session: string;
  /** the demo trainer's live session, with the subject checked in */
  liveSession: string;
  /** the subject's own self-assessment, a draft */
  assessment: string;
  /** a question the subject asked on QA_LESSON */
  question: string;
  /** the demo body helping the subject's enterprise (admitted in 33), and another body */
  bodyOwn: string;
  bodyOther: string;
  /** the subject's enterprise's active assistance, a pending visit on it, and a lesson assigned to the subject */
  assistance: string;
  visit: string;
  assignment: string;
  actors: Record<Role, Actor>;
  targets: Record<string, string | undefined>;
  schema: { name: string; fields: { name: string; type: string; collectionId?: string }[]; id: string }[];
}

async function staffAccount(w: World, role: string, extra: Record<string, unknown>): Promise<Actor> {
  const email = uniqueEmail(`matrix.${role}`);
  const created = await api('/api/collections/users/records', {
    token: w.admin,
    body: { email, password: 'matrix-pass-2026', passwordConfirm: 'matrix-pass-2026', name: '矩阵测试', role, verified: true, ...extra },
  });
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  return { token: await login(email, 'matrix-pass-2026'), id: created.body.id };
}

const w = {} as World;
const courses = Object.keys(content.courses);

beforeAll(async () => {
  w.admin = await superuserToken();
  w.subject = await registerLearner({ county: '330502' });
  w.other = await registerLearner({ county: '440305' });
  w.course = courses[1];
  const done = await completeCourse(w.subject, courses[0]);
  w.certificate =
    done.body.completion?.certificateCode ?? (await api('/api/qa/me', { token: w.subject.token })).body.completed[0].certificateCode;
  const attempt = await api('/api/qa/attempts', { token: w.subject.token, body: { quiz: `${w.course}/final` } });
  w.attempt = attempt.body.id;
  const bodies = (await api('/api/qa/assistance/bodies')).body.bodies as { id: string; approvalNumber: string }[];
  w.bodyOwn = bodies.find((b) => b.approvalNumber === 'CNCA-R-2003-901')!.id;
  w.bodyOther = bodies.find((b) => b.approvalNumber === 'CNCA-R-2006-902')!.id;
  w.actors = {} as World['actors'];
  for (const role of ALL_ROLES) w.actors[role] = await ROLES[role](w);
  // the subject's manager applies to the body; its expert accepts, records a finding and a visit; a lesson is assigned
  w.assistance = (await api('/api/qa/assistance/apply', { token: w.actors.managerOwn.token, body: { body: w.bodyOwn } })).body.id;
  await api(`/api/qa/assistance/${w.assistance}/accept`, { token: w.actors.expertOwn.token, body: {} });
  await api(`/api/qa/assistance/${w.assistance}/findings`, {
    token: w.actors.expertOwn.token,
    body: { findings: [{ area: '矩阵', text: MATRIX_FINDING }] },
  });
  w.visit = (
    await api(`/api/qa/assistance/${w.assistance}/visits`, {
      token: w.actors.expertOwn.token,
      body: { date: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), mode: 'site', checked: '矩阵测试' },
    })
  ).body.id;
  await api('/api/qa/assistance/assignments', {
    token: w.actors.managerOwn.token,
    body: { users: [w.subject.id], course: w.course, dueDate: '2099-01-01' },
  });
  w.assignment = (await api('/api/qa/assistance/assignments', { token: w.actors.managerOwn.token })).body.assignments[0].id;
  // another trainer's session, with the subject attending
  const demoTrainer = await login('trainer@example.com');
  const session = await api('/api/qa/sessions', {
    token: demoTrainer,
    body: { course: courses[2], title: '矩阵测试培训', heldOn: new Date().toISOString().slice(0, 10), attendees: [w.subject.email] },
  });
  w.session = session.body.session;
  const soon = (minutes: number) => new Date(Date.now() + 8 * 3_600_000 + minutes * 60_000).toISOString().slice(0, 16);
  const live = await api('/api/qa/trainer/live-sessions', {
    token: demoTrainer,
    body: { course: courses[2], start: soon(-5), end: soon(60), location: '矩阵测试会议室', capacity: 10, format: 'lecture' },
  });
  if (live.status !== 200) throw new Error(`live session: ${JSON.stringify(live.body)}`);
  w.liveSession = live.body.id;
  const ticket = (await api('/api/qa/checkins/open', { token: w.subject.token, body: { s: live.body.id, c: live.body.codes.token } })).body
    .ticket;
  await api('/api/qa/checkins/confirm', { token: w.subject.token, body: { ticket } });
  w.assessment = (await api('/api/qa/assessments', { token: w.subject.token, body: {} })).body.id;
  w.question = (
    await api(`/api/qa/${QA_LESSON}/questions`, { token: w.subject.token, body: { body: '矩阵测试：这个问题只属于提问人' } })
  ).body.id;
  const survey = await api('/api/qa/surveys', {
    token: w.actors.managerOwn.token,
    body: { satisfaction: 4, effect: 3, followUp: 4, govSupport: 'adequate', improvements: [], comment: '' },
  });
  if (survey.status !== 200) throw new Error(`survey: ${JSON.stringify(survey.body)}`);

  const schema = await api('/api/collections?perPage=500', { token: w.admin });
  w.schema = schema.body.items;
  // one record of each collection to view, update and delete: the subject's where it has one
  const first = async (collection: string, filter = '') => {
    const reply = await api(`/api/collections/${collection}/records?perPage=1${filter ? `&filter=${encodeURIComponent(filter)}` : ''}`, {
      token: w.admin,
    });
    return reply.body?.items?.[0]?.id as string | undefined;
  };
  const s = w.subject.id;
  w.targets = {
    users: s,
    enterprises: w.subject.enterpriseId,
    courses: await first('courses'),
    lesson_progress: await first('lesson_progress', `user = "${s}"`),
    quiz_attempts: w.attempt,
    completions: await first('completions', `user = "${s}"`),
    stat_counts: await first('stat_counts'),
    surveys: await first('surveys', `enterprise = "${w.subject.enterpriseId}"`),
    sessions: w.session,
    assessments: w.assessment,
    cert_bodies: w.bodyOwn,
    body_admissions: await first('body_admissions'),
    assistances: w.assistance,
    plan_measures: await first('plan_measures'),
    assistance_visits: w.visit,
    learning_assignments: w.assignment,
    assistance_settings: await first('assistance_settings'),
    course_trainers: await first('course_trainers'),
    lesson_questions: w.question,
    lesson_ratings: await first('lesson_ratings'),
    live_sessions: w.liveSession,
    checkins: await first('checkins', `user = "${s}"`),
    _superusers: await first('_superusers'),
  };
}, 120_000);

// ---------------------------------------------------------------- the tests

const allowedFor = (access: Access, role: Role, ownsTarget: boolean) =>
  role === 'superuser' || access === 'all' || (access === 'self' && ownsTarget);

describe('role × operation matrix: collections', () => {
  it('covers every collection the server has', () => {
    expect(w.schema.map((c) => c.name).sort()).toEqual(Object.keys(COLLECTIONS).sort());
  });

  for (const [name, access] of Object.entries(COLLECTIONS)) {
    describe(name, () => {
      for (const role of ALL_ROLES) {
        it(`${role}: list, view, create, update, delete`, async () => {
          const { token, id } = w.actors[role];
          const ownerOf = (item: Record<string, unknown>) => (access.owner ? item[access.owner] : undefined);

          const list = await api(`/api/collections/${name}/records?perPage=500`, { token });
          if (role === 'superuser' || access.list === 'all') expect(list.status, 'list').toBe(200);
          else if (access.list === 'self') {
            expect(list.status, 'list').toBe(200);
            for (const item of list.body.items) expect(ownerOf(item), 'lists only own rows').toBe(id);
          } else expect(list.status, 'list refused').toBe(403);

          const target = w.targets[name];
          if (target) {
            const owns = access.owner === 'id' ? target === id : false;
            const view = await api(`/api/collections/${name}/records/${target}`, { token });
            expect(view.status, 'view').toBe(allowedFor(access.view, role, owns) ? 200 : access.view === 'none' ? 403 : 404);
            const update = await api(`/api/collections/${name}/records/${target}`, {
              method: 'PATCH',
              token,
              body: name === 'users' ? { name: '矩阵新名' } : {},
            });
            if (allowedFor(access.update, role, owns)) expect(update.status, 'update').toBe(200);
            else expect([403, 404], 'update refused').toContain(update.status);
            if (!allowedFor(access.delete, role, owns)) {
              const del = await api(`/api/collections/${name}/records/${target}`, { method: 'DELETE', token });
              expect([403, 404], 'delete refused').toContain(del.status);
              expect((await api(`/api/collections/${name}/records/${target}`, { token: w.admin })).status, 'still there').toBe(200);
            }
          }
          const create = await api(`/api/collections/${name}/records`, { method: 'POST', token, body: {} });
          if (role === 'superuser' || access.create !== 'none') expect(create.status, 'create').not.toBe(403);
          else expect([401, 403], 'create refused').toContain(create.status);
        });
      }
    });
  }
});

/** Every relation path a filter on `collection` can follow: its own relation fields, and back-relations into it. */
function relationPaths(collection: string): string[] {
  const me = w.schema.find((c) => c.name === collection)!;
  const own = me.fields.filter((f) => f.type === 'relation').map((f) => f.name);
  const back = w.schema.flatMap((c) =>
    c.fields.filter((f) => f.type === 'relation' && f.collectionId === me.id).map((f) => `${c.name}_via_${f.name}`),
  );
  return [...own, ...back];
}

describe('role × operation matrix: filters through relations are no oracle', () => {
  it('the reported hole: enterprises filtered by their staff phone numbers', async () => {
    const reply = await api(`/api/collections/enterprises/records?filter=${encodeURIComponent("users_via_enterprise.phone != 'x'")}`, {
      token: w.subject.token,
    });
    expect(reply.status).toBe(403);
  });

  for (const name of Object.keys(COLLECTIONS)) {
    it(`${name}: a filter on each relation and back-relation returns nothing beyond the caller's own rows`, async () => {
      for (const path of relationPaths(name)) {
        for (const role of ALL_ROLES.filter((r) => r !== 'superuser')) {
          const { token, id } = w.actors[role];
          for (const filter of [`${path}.id != ''`, `${path}.id = ''`]) {
            const reply = await api(`/api/collections/${name}/records?perPage=500&filter=${encodeURIComponent(filter)}`, { token });
            const access = COLLECTIONS[name];
            if (access.list === 'none') expect(reply.status, `${role} ${filter}`).toBe(403);
            else if (reply.status === 200 && access.list === 'self') {
              for (const item of reply.body.items) expect(item[access.owner!], `${role} ${filter}`).toBe(id);
            } else expect([200, 400], `${role} ${filter}`).toContain(reply.status);
          }
        }
      }
    });
  }
});

describe('role × operation matrix: /api/qa routes', () => {
  it('covers every route registered in pb_hooks', async () => {
    const { readFileSync } = await import('node:fs');
    const hooks = ['qa.pb.js', 'programme.pb.js']
      .map((f) => readFileSync(new URL(`../../pb_hooks/${f}`, import.meta.url), 'utf8'))
      .join('\n');
    const registered = [...hooks.matchAll(/routerAdd\(\s*["'](\w+)["'],\s*["']([^"']+)["']/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(registered.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  // The subject last: some of their requests change state (submitting their attempt).
  const order = [...ALL_ROLES.filter((r) => r !== 'learner'), 'learner' as Role];
  for (const [name, route] of Object.entries(ROUTES)) {
    it(name, async () => {
      const seen: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      for (const role of order) {
        const reply = await api(route.path(w), { method: route.method, token: w.actors[role].token, body: route.body?.(w) });
        seen[role] = reply.status;
        wanted[role] = typeof route.expect === 'number' ? route.expect : route.expect(role);
        if (reply.status === 200 && route.check) route.check(role, reply.body, w);
      }
      expect(seen).toEqual(wanted);
    });
  }
});

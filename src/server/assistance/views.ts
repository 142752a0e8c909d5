/** What the manager's page and the expert's workspace show: one assistance in full, and lists. */
import { STATE_LABELS, type AssistanceState, type HistoryEvent, type Side } from '../../lib/assistance/state-machine.ts';
import type { FollowUpStatus } from '../../lib/assistance/overdue.ts';
import { regionName } from '../../lib/regions.ts';
import { findById, getJson, requireAuth, forbidden } from '../http.ts';
import { loadVisible, requireExpert, requireManager, role } from './access.ts';
import { bodyView, type BodyView } from './bodies.ts';
import type { Finding } from './lifecycle.ts';
import { assignmentViews, measureViews, type AssignmentView, type MeasureView } from './plan.ts';
import { followUpOf, programmeFollowUpDays, visitViews, type VisitView } from './visits.ts';
import { suggestionsOf } from '../assessment/routes.ts';
import type { AreaSuggestions } from '../../lib/assessment/suggestions.ts';

export interface AssistanceSummary {
  id: string;
  state: AssistanceState;
  stateLabel: string;
  origin: 'enterprise' | 'body';
  enterprise: { id: string; name: string; region: string };
  body: { id: string; name: string } | null;
  expert: { id: string; name: string } | null;
  acceptedAt: string;
  finishedAt: string;
  followUp: FollowUpStatus;
}

export interface AssistanceDetail extends AssistanceSummary {
  side: Side;
  requestNote: string;
  endReason: string;
  history: HistoryEvent[];
  certifier: { id: string; name: string; known: boolean };
  findings: Finding[];
  measures: MeasureView[];
  assignments: AssignmentView[];
  visits: VisitView[];
  followUpDays: number;
  baselineAssessment: string;
  finalAssessment: string;
  /** the enterprise's submitted self-assessments, oldest first (the first is the baseline, the last the re-assessment) */
  assessments: { id: string; kind: string; overall: number; submittedAt: string }[];
  /** lessons and cases that help with the weak areas of the latest self-assessment (for the plan's measures) */
  suggestions: AreaSuggestions[];
}

const nameOf = (app: PbApp, collection: string, id: string) => (id ? (findById(app, collection, id)?.getString('name') ?? '') : '');

export function summaryOf(app: PbApp, a: PbRecord, days: number): AssistanceSummary {
  const bodyId = a.getString('body');
  const expertId = a.getString('expert');
  return {
    id: a.id,
    state: a.getString('state') as AssistanceState,
    stateLabel: STATE_LABELS[a.getString('state') as AssistanceState],
    origin: a.getString('origin') as 'enterprise' | 'body',
    enterprise: {
      id: a.getString('enterprise'),
      name: nameOf(app, 'enterprises', a.getString('enterprise')),
      region: regionName(a.getString('county_code')),
    },
    body: bodyId ? { id: bodyId, name: nameOf(app, 'cert_bodies', bodyId) } : null,
    expert: expertId ? { id: expertId, name: nameOf(app, 'users', expertId) } : null,
    acceptedAt: a.getString('accepted_at'),
    finishedAt: a.getString('finished_at'),
    followUp: followUpOf(app, a, days),
  };
}

export function detailOf(app: PbApp, a: PbRecord, side: Side): AssistanceDetail {
  const days = programmeFollowUpDays(app);
  const assignments = assignmentViews(app, 'assistance = {:a}', { a: a.id });
  const certifierId = a.getString('certifier');
  const assessments = app.findRecordsByFilter(
    'assessments',
    "enterprise = {:e} && scope = 'enterprise' && status = 'submitted'",
    'submitted_at',
    20,
    0,
    { e: a.getString('enterprise') },
  );
  return {
    ...summaryOf(app, a, days),
    side,
    requestNote: a.getString('request_note'),
    endReason: a.getString('end_reason'),
    history: getJson<HistoryEvent[]>(a, 'history', []),
    certifier: {
      id: certifierId,
      name: certifierId ? nameOf(app, 'cert_bodies', certifierId) : a.getString('certifier_name'),
      known: a.getBool('certifier_known'),
    },
    findings: getJson<Finding[]>(a, 'findings', []),
    measures: measureViews(app, a.id, assignments),
    assignments,
    visits: visitViews(app, a.id),
    followUpDays: days,
    baselineAssessment: a.getString('baseline_assessment'),
    finalAssessment: a.getString('final_assessment'),
    assessments: assessments.map((r) => ({
      id: r.id,
      kind: r.getString('kind'),
      overall: r.getFloat('overall'),
      submittedAt: r.getString('submitted_at'),
    })),
    suggestions: assessments.length ? suggestionsOf(assessments[assessments.length - 1]) : [],
  };
}

/** GET /api/qa/assistance/{id} : the whole record, for the enterprise's managers and the body's experts. */
export function getAssistance(e: PbRequestEvent): AssistanceDetail {
  const user = requireAuth(e);
  const { assistance, side } = loadVisible(e.app, user, e.request.pathValue('id'));
  return detailOf(e.app, assistance, side);
}

export interface ManagerHome {
  enterprise: { id: string; name: string; province: string; provinceName: string };
  current: AssistanceDetail | null;
  past: AssistanceSummary[];
  bodies: BodyView[];
}

/** GET /api/qa/assistance/enterprise : the manager's page: the assistance under way, past ones, bodies to choose. */
export function managerHome(e: PbRequestEvent): ManagerHome {
  const manager = requireManager(e);
  const app = e.app;
  const enterprise = app.findRecordById('enterprises', manager.getString('enterprise'));
  const province = enterprise.getString('province_code');
  const all = app.findRecordsByFilter('assistances', 'enterprise = {:e}', '-created', 0, 0, { e: enterprise.id });
  const open = all.find((a) => ['requested', 'proposed', 'active'].includes(a.getString('state')));
  const days = programmeFollowUpDays(app);
  const admitted = app.findRecordsByFilter('body_admissions', 'province_code = {:p} && admitted = true', '', 0, 0, { p: province });
  return {
    enterprise: { id: enterprise.id, name: enterprise.getString('name'), province, provinceName: regionName(province) },
    current: open ? detailOf(app, open, 'enterprise') : null,
    past: all.filter((a) => a !== open).map((a) => summaryOf(app, a, days)),
    bodies: admitted
      .map((r) => findById(app, 'cert_bodies', r.getString('body')))
      .filter((b): b is PbRecord => Boolean(b))
      .map((b) => bodyView(app, b)),
  };
}

export interface ExpertHome {
  me: { id: string; name: string };
  body: BodyView;
  followUpDays: number;
  assistances: (AssistanceSummary & { mine: boolean })[];
  overdue: number;
}

/** GET /api/qa/assistance/expert : the expert's workspace: the body's assistances, the expert's own first. */
export function expertHome(e: PbRequestEvent): ExpertHome {
  const expert = requireExpert(e);
  const app = e.app;
  const days = programmeFollowUpDays(app);
  const rows = app.findRecordsByFilter('assistances', 'body = {:b}', '-updated', 0, 0, { b: expert.getString('body') });
  const list = rows.map((a) => ({
    ...summaryOf(app, a, days),
    mine: a.getString('expert') === expert.id || (!a.getString('expert') && a.getString('state') === 'requested'),
  }));
  const order = (s: AssistanceState) => ['requested', 'proposed', 'active', 'closed', 'ended', 'declined'].indexOf(s);
  list.sort(
    (a, b) => Number(b.mine) - Number(a.mine) || Number(b.followUp.overdue) - Number(a.followUp.overdue) || order(a.state) - order(b.state),
  );
  return {
    me: { id: expert.id, name: expert.getString('name') },
    body: bodyView(app, app.findRecordById('cert_bodies', expert.getString('body'))),
    followUpDays: days,
    assistances: list,
    overdue: list.filter((a) => a.followUp.overdue).length,
  };
}

export { role, forbidden };

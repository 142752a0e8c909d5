/**
 * /api/qa/assessments*: the self-assessment (自我诊断). Drafts are saved as the person answers (pause on one
 * device, resume on another); scores are computed here on submit, never taken from the browser.
 */
import { toPbDate } from '../../lib/beijing-time.ts';
import { mergeAnswers, missingQuestions, progressOf, validateAnswers, type Progress } from '../../lib/assessment/answers.ts';
import { compareScores, type Comparison } from '../../lib/assessment/compare.ts';
import { assessmentResult, type AssessmentResult } from '../../lib/assessment/result.ts';
import { scoreAnswers, toStored, type StoredScores } from '../../lib/assessment/scoring.ts';
import type { Answers, AssessmentContent } from '../../lib/assessment/types.ts';
import type { AreaSuggestions } from '../../lib/assessment/suggestions.ts';
import { content } from '../content.ts';
import {
  badRequest,
  body,
  conflict,
  findById,
  findOne,
  forbidden,
  getJson,
  inTransaction,
  notFound,
  QaError,
  requireAuth,
} from '../http.ts';
import { canAnswerAssessment, canSeeAssessment } from './access.ts';

export type AssessmentKind = 'self' | 'baseline' | 'reassessment';
export type AssessmentScope = 'enterprise' | 'personal';

export interface AssessmentSummary {
  id: string;
  kind: AssessmentKind;
  scope: AssessmentScope;
  status: 'draft' | 'submitted';
  takenBy: { id: string; name: string };
  mine: boolean;
  overall: number | null;
  progress: { answered: number; total: number };
  submittedAt: string | null;
  updated: string;
}

export interface AssessmentView extends AssessmentSummary {
  answers: Answers;
  progressByArea: Progress['areas'];
  /** questionnaire version the assessment was submitted with (or is being answered against) */
  questionsVersion: string;
  /** only for a submitted assessment */
  scores: StoredScores | null;
  result: AssessmentResult | null;
}

export interface AssessmentList {
  items: AssessmentSummary[];
  draft: string | null;
}
export interface AssessmentComparison extends Comparison {
  before: AssessmentSummary;
  after: AssessmentSummary;
}

const KINDS: AssessmentKind[] = ['self', 'baseline', 'reassessment'];
const pbNow = () => toPbDate(new Date());
const iso = (pbDate: string) => (pbDate ? pbDate.replace(' ', 'T') : '');

/**
 * The lessons and cases that help with the weak areas of one submitted assessment (the mapping kept as content,
 * content/assessment/suggestions.yaml): what the assistance plan offers the expert and the enterprise.
 */
export function suggestionsOf(record: PbRecord): AreaSuggestions[] {
  const q = content().assessment;
  const scores = getJson<StoredScores | null>(record, 'scores', null);
  if (!q || !scores || record.getString('status') !== 'submitted') return [];
  return assessmentResult(q, getJson<Answers>(record, 'answers', {}), scores).suggestions;
}

function questionnaire(): AssessmentContent {
  const found = content().assessment;
  if (!found) throw new QaError(503, 'no_assessment', '自我诊断题目还没有部署，请联系管理员运行 npm run build');
  return found;
}

function takerOf(e: PbRequestEvent): PbRecord {
  const user = requireAuth(e);
  const role = user.getString('role');
  if (role !== 'enterprise_manager' && role !== 'learner') throw forbidden('自我诊断供企业管理员和学员使用');
  return user;
}

function load(e: PbRequestEvent, user: PbRecord | null): PbRecord {
  const record = findById(e.app, 'assessments', e.request.pathValue('id'));
  // the same answer for "does not exist" and "not yours": ids are not an oracle
  if (!record || !canSeeAssessment(e.app, user, record)) throw notFound('没有找到这份自我诊断，或您无权查看');
  return record;
}

function summaryOf(app: PbApp, record: PbRecord, user: PbRecord, q: AssessmentContent): AssessmentSummary {
  const answers = getJson<Answers>(record, 'answers', {});
  const takerId = record.getString('taken_by');
  const taker = takerId === user.id ? user : findById(app, 'users', takerId);
  const progress = progressOf(q, answers);
  const submitted = record.getString('status') === 'submitted';
  return {
    id: record.id,
    kind: record.getString('kind') as AssessmentKind,
    scope: record.getString('scope') as AssessmentScope,
    status: submitted ? 'submitted' : 'draft',
    takenBy: { id: takerId, name: taker?.getString('name') || '' },
    mine: takerId === user.id,
    overall: submitted ? record.getFloat('overall') : null,
    progress: { answered: progress.answered, total: progress.total },
    submittedAt: submitted ? iso(record.getString('submitted_at')) : null,
    updated: iso(record.getString('updated')),
  };
}

function viewOf(app: PbApp, record: PbRecord, user: PbRecord): AssessmentView {
  const q = questionnaire();
  const answers = getJson<Answers>(record, 'answers', {});
  const submitted = record.getString('status') === 'submitted';
  const scores = submitted ? getJson<StoredScores | null>(record, 'scores', null) : null;
  return {
    ...summaryOf(app, record, user, q),
    answers,
    progressByArea: progressOf(q, answers).areas,
    questionsVersion: record.getString('questions_version'),
    scores,
    result: scores ? assessmentResult(q, answers, scores) : null,
  };
}

/** GET /api/qa/assessments : my assessments, and (managers) the enterprise's; newest first. */
export function listAssessments(e: PbRequestEvent): AssessmentList {
  const user = requireAuth(e);
  const q = questionnaire();
  const enterprise = user.getString('enterprise');
  const isManager = user.getString('role') === 'enterprise_manager' && enterprise !== '';
  const filter = isManager ? "taken_by = {:user} || (scope = 'enterprise' && enterprise = {:enterprise})" : 'taken_by = {:user}';
  const records = e.app.findRecordsByFilter('assessments', filter, '-updated', 200, 0, { user: user.id, enterprise });
  const items = records.filter((r) => canSeeAssessment(e.app, user, r)).map((r) => summaryOf(e.app, r, user, q));
  return { items, draft: items.find((i) => i.mine && i.status === 'draft')?.id ?? null };
}

/**
 * POST /api/qa/assessments {kind?} : resumes the person's open draft, or starts one. A manager's counts as the
 * enterprise's; a learner's is their own. Baseline and re-assessment are an enterprise's, so managers only.
 */
export function startAssessment(e: PbRequestEvent): AssessmentView {
  const user = takerOf(e);
  const q = questionnaire();
  const asked = body(e).kind ?? 'self';
  if (!KINDS.includes(asked as AssessmentKind))
    throw badRequest(`未知的诊断类型“${String(asked)}”`, {
      kind: { code: 'invalid', message: 'kind must be self, baseline or reassessment' },
    });
  const manager = user.getString('role') === 'enterprise_manager';
  if (asked !== 'self' && !manager) throw forbidden('帮扶前后的诊断由企业管理员填写');
  return inTransaction(e.app, (tx) => {
    const draft = findOne(tx, 'assessments', "taken_by = {:user} && status = 'draft'", { user: user.id });
    if (draft) {
      if (draft.getString('kind') !== asked && asked !== 'self') {
        draft.set('kind', asked);
        tx.save(draft);
      }
      return viewOf(tx, draft, user);
    }
    const record = new Record(tx.findCachedCollectionByNameOrId('assessments'));
    record.set('taken_by', user.id);
    record.set('enterprise', user.getString('enterprise'));
    record.set('scope', manager && user.getString('enterprise') ? 'enterprise' : 'personal');
    record.set('kind', asked);
    record.set('status', 'draft');
    record.set('answers', {});
    record.set('questions_version', q.version);
    tx.save(record);
    return viewOf(tx, record, user);
  });
}

/** GET /api/qa/assessments/{id} */
export function getAssessment(e: PbRequestEvent): AssessmentView {
  const user = requireAuth(e);
  return viewOf(e.app, load(e, user), user);
}

function editable(e: PbRequestEvent, tx: PbApp, user: PbRecord): PbRecord {
  const record = findById(tx, 'assessments', e.request.pathValue('id'));
  if (!record || !canSeeAssessment(tx, user, record)) throw notFound('没有找到这份自我诊断，或您无权查看');
  if (record.getString('taken_by') !== user.id) throw forbidden('只有填写人本人可以修改这份自我诊断');
  if (!canAnswerAssessment(user, record))
    throw conflict('already_submitted', '这份自我诊断已经提交，不能再修改。可以重新开始一份新的诊断。');
  return record;
}

/**
 * POST /api/qa/assessments/{id}/answers {answers: {question: level | null}} : saves what has been answered
 * so far (merged per question, so two devices saving different questions both keep theirs).
 */
export function saveAnswers(e: PbRequestEvent): AssessmentView {
  const user = requireAuth(e);
  const q = questionnaire();
  const parsed = validateAnswers(q, body(e).answers);
  if (!parsed.ok) {
    throw badRequest(
      '有的答案不对，请刷新页面后重试',
      Object.fromEntries(Object.entries(parsed.errors).map(([k, message]) => [k, { code: 'invalid', message }])),
    );
  }
  return inTransaction(e.app, (tx) => {
    const record = editable(e, tx, user);
    record.set('answers', mergeAnswers(getJson<Answers>(record, 'answers', {}), parsed.value));
    tx.save(record);
    return viewOf(tx, record, user);
  });
}

/** POST /api/qa/assessments/{id}/submit {answers?} : the last answers, then scores computed here. */
export function submitAssessment(e: PbRequestEvent): AssessmentView {
  const user = requireAuth(e);
  const q = questionnaire();
  const update = body(e).answers;
  const parsed = update === undefined ? { ok: true as const, value: {} } : validateAnswers(q, update);
  if (!parsed.ok) {
    throw badRequest(
      '有的答案不对，请刷新页面后重试',
      Object.fromEntries(Object.entries(parsed.errors).map(([k, message]) => [k, { code: 'invalid', message }])),
    );
  }
  const outcome = inTransaction(e.app, (tx): { view: AssessmentView } | { missing: string[] } => {
    const found = findById(tx, 'assessments', e.request.pathValue('id'));
    // a repeated submit (double tap, retry after a lost answer) returns the result instead of an error
    if (found && found.getString('status') === 'submitted' && found.getString('taken_by') === user.id)
      return { view: viewOf(tx, found, user) };
    const record = editable(e, tx, user);
    const answers = mergeAnswers(getJson<Answers>(record, 'answers', {}), parsed.value);
    record.set('answers', answers);
    const missing = missingQuestions(q, answers);
    if (missing.length) {
      tx.save(record); // what was answered is kept (committed; the refusal is thrown after the commit)
      return { missing };
    }
    const scores = toStored(scoreAnswers(q, answers));
    record.set('scores', scores);
    record.set('overall', scores.overall);
    record.set('status', 'submitted');
    record.set('submitted_at', pbNow());
    record.set('questions_version', q.version);
    tx.save(record);
    return { view: viewOf(tx, record, user) };
  });
  if ('view' in outcome) return outcome.view;
  const fields = Object.fromEntries(outcome.missing.map((id) => [id, { code: 'missing', message: '这道题还没有选' }]));
  throw new QaError(400, 'incomplete', `还有 ${outcome.missing.length} 道题没有回答，答完才能看结果`, fields);
}

/** Two assessments belong to the same subject: the same enterprise's, or the same person's own. */
function sameSubject(a: PbRecord, b: PbRecord): boolean {
  if (a.getString('scope') !== b.getString('scope')) return false;
  if (a.getString('scope') === 'enterprise')
    return a.getString('enterprise') !== '' && a.getString('enterprise') === b.getString('enterprise');
  return a.getString('taken_by') === b.getString('taken_by');
}

/** GET /api/qa/assessments/compare?before=&after= : the change per area between two submitted assessments. */
export function compareAssessments(e: PbRequestEvent): AssessmentComparison {
  const user = requireAuth(e);
  const q = questionnaire();
  const query = e.requestInfo().query;
  const fetch = (field: 'before' | 'after') => {
    const id = query[field];
    if (!id) throw badRequest('请选择要对比的两份诊断', { [field]: { code: 'required', message: `${field} is required` } });
    const record = findById(e.app, 'assessments', id);
    if (!record || !canSeeAssessment(e.app, user, record)) throw notFound('没有找到这份自我诊断，或您无权查看');
    if (record.getString('status') !== 'submitted')
      throw badRequest('只能对比已经提交的诊断', { [field]: { code: 'draft', message: 'assessment is not submitted' } });
    return record;
  };
  let before = fetch('before');
  let after = fetch('after');
  if (before.id === after.id)
    throw badRequest('请选择两份不同的诊断', { after: { code: 'same', message: 'before and after are the same assessment' } });
  if (!sameSubject(before, after))
    throw badRequest('只能对比同一家企业（或同一个人自己）的两份诊断', {
      after: { code: 'different_subject', message: 'assessments belong to different enterprises or people' },
    });
  if (before.getString('submitted_at') > after.getString('submitted_at')) [before, after] = [after, before];
  const comparison = compareScores(
    q,
    getJson<StoredScores>(before, 'scores', { areas: {}, overall: 0 }),
    getJson<StoredScores>(after, 'scores', { areas: {}, overall: 0 }),
  );
  return { ...comparison, before: summaryOf(e.app, before, user, q), after: summaryOf(e.app, after, user, q) };
}

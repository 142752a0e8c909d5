/**
 * The good-practice case workflow as a pure state machine.
 *
 *   draft ──submit──► submitted ──recommend──► recommended ──select──► selected
 *     ▲                  │                          │
 *     └──(save)── returned ◄──return──┘             └──decline──► declined
 *
 * Authors (the enterprise's manager; its assisting expert once that role exists) write and submit; the
 * provincial regulator of the enterprise's province returns (with comments) or recommends; the national
 * regulator selects or declines (with a reason). Every step is recorded with who and when.
 */
export const CASE_STATES = ['draft', 'submitted', 'returned', 'recommended', 'selected', 'declined'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_ACTIONS = ['save', 'submit', 'return', 'recommend', 'select', 'decline'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_STATE_NAMES: Record<CaseState, string> = {
  draft: '草稿',
  submitted: '待省级审核',
  returned: '已退回修改',
  recommended: '已推荐到总局',
  selected: '已入选',
  declined: '未入选',
};
export const CASE_ACTION_NAMES: Record<CaseAction, string> = {
  save: '保存草稿',
  submit: '提交省级审核',
  return: '退回修改',
  recommend: '推荐到总局',
  select: '入选',
  decline: '不入选',
};

export interface Actor {
  id: string;
  name: string;
  role: string;
  /** the enterprise of an enterprise manager */
  enterprise?: string;
  /** a regulator's GB/T 2260 jurisdiction ("" national) */
  jurisdiction?: string;
  /** enterprises an expert is assisting (from the assistance records) */
  assists?: readonly string[];
}

export interface CaseRef {
  state: CaseState;
  enterprise: string;
  province: string;
}

export interface HistoryEntry {
  action: CaseAction;
  from: CaseState;
  to: CaseState;
  by: string;
  byName: string;
  role: string;
  at: string;
  comment: string;
}

/** Who may write a case for an enterprise. */
export function isAuthor(actor: Actor, enterprise: string): boolean {
  if (actor.role === 'enterprise_manager') return !!actor.enterprise && actor.enterprise === enterprise;
  if (actor.role === 'expert') return !!actor.assists?.includes(enterprise);
  return false;
}

const isProvincialReviewer = (actor: Actor, province: string) => actor.role === 'regulator' && actor.jurisdiction === province;
const isNational = (actor: Actor) => actor.role === 'regulator' && actor.jurisdiction === '';

const TRANSITIONS: Record<
  CaseAction,
  {
    from: readonly CaseState[];
    to: (from: CaseState) => CaseState;
    who: (a: Actor, c: CaseRef) => boolean;
    comment: 'required' | 'optional';
  }
> = {
  save: { from: ['draft', 'returned'], to: (from) => from, who: (a, c) => isAuthor(a, c.enterprise), comment: 'optional' },
  submit: { from: ['draft', 'returned'], to: () => 'submitted', who: (a, c) => isAuthor(a, c.enterprise), comment: 'optional' },
  return: { from: ['submitted'], to: () => 'returned', who: (a, c) => isProvincialReviewer(a, c.province), comment: 'required' },
  recommend: { from: ['submitted'], to: () => 'recommended', who: (a, c) => isProvincialReviewer(a, c.province), comment: 'optional' },
  select: { from: ['recommended'], to: () => 'selected', who: isNational, comment: 'optional' },
  decline: { from: ['recommended'], to: () => 'declined', who: isNational, comment: 'required' },
};

const WHO_MAY: Record<CaseAction, string> = {
  save: '只有本企业的管理员（或帮扶专家）可以修改案例',
  submit: '只有本企业的管理员（或帮扶专家）可以提交案例',
  return: '只有企业所在省的省级监管部门可以退回案例',
  recommend: '只有企业所在省的省级监管部门可以推荐案例',
  select: '只有国家级监管部门可以遴选案例',
  decline: '只有国家级监管部门可以遴选案例',
};

export type Refusal = { status: 403 | 409 | 400; message: string };

/** Why the actor may not take this action now, or null when they may. */
export function refusal(actor: Actor, action: CaseAction, c: CaseRef, comment = ''): Refusal | null {
  const rule = TRANSITIONS[action];
  if (!rule) return { status: 400, message: `未知的操作“${action}”` };
  if (!rule.who(actor, c)) return { status: 403, message: WHO_MAY[action] };
  if (!rule.from.includes(c.state))
    return { status: 409, message: `案例当前状态是“${CASE_STATE_NAMES[c.state]}”，不能${CASE_ACTION_NAMES[action]}` };
  if (rule.comment === 'required' && comment.trim().length < 2) {
    return { status: 400, message: action === 'return' ? '退回时请写明需要修改的地方' : '不入选时请写明理由' };
  }
  return null;
}

/** The actions open to this actor on this case (for buttons; the server re-checks with refusal()). */
export function availableActions(actor: Actor, c: CaseRef): CaseAction[] {
  return CASE_ACTIONS.filter((action) => {
    const rule = TRANSITIONS[action];
    return rule.from.includes(c.state) && rule.who(actor, c);
  });
}

/** Applies an allowed action; throws if refusal() would refuse it (callers check first for the message). */
export function transition(
  actor: Actor,
  action: CaseAction,
  c: CaseRef,
  comment: string,
  at: Date,
): { state: CaseState; entry: HistoryEntry } {
  const refused = refusal(actor, action, c, comment);
  if (refused) throw new Error(refused.message);
  const to = TRANSITIONS[action].to(c.state);
  return {
    state: to,
    entry: { action, from: c.state, to, by: actor.id, byName: actor.name, role: actor.role, at: at.toISOString(), comment: comment.trim() },
  };
}

/** States an author may still edit in. */
export const isEditable = (state: CaseState) => state === 'draft' || state === 'returned';

/** Which cases a regulator sees: provinces (and below) see their area's cases once submitted; the ministry, recommended ones. */
export function visibleToRegulator(state: CaseState, jurisdiction: string): boolean {
  if (jurisdiction === '') return state === 'recommended' || state === 'selected' || state === 'declined';
  return state !== 'draft';
}

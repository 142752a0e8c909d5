/**
 * The life of one assistance (帮扶) between an enterprise and a certification body. Voluntary on both sides:
 * nothing becomes active without the enterprise's acceptance and the body's.
 *
 *   enterprise applies ─► requested ──(regulator assigns a body, if none was chosen)──┐
 *                              │  ◄─────────────────────────────────────────────────────┘
 *                              ├─ an expert of the body accepts ─► active
 *                              ├─ the body declines / the enterprise withdraws ─► declined
 *   expert proposes ──► proposed ─ the enterprise's manager accepts ─► active
 *                              └─ the manager declines / the expert withdraws ─► declined
 *   active ─ the expert closes it (after at least one confirmed follow-up) ─► closed
 *   active ─ either side ends it, with a reason ─► ended
 *
 * "Accepted" (counted as helped) means the record reached active. closed, ended and declined are final.
 */
export const STATES = ['requested', 'proposed', 'active', 'closed', 'ended', 'declined'] as const;
export type AssistanceState = (typeof STATES)[number];
export const FINAL_STATES: readonly AssistanceState[] = ['closed', 'ended', 'declined'];

export const ACTIONS = ['apply', 'propose', 'assign', 'accept', 'decline', 'end', 'close'] as const;
export type AssistanceAction = (typeof ACTIONS)[number];

/** Who acts: the enterprise's manager, an expert of the assistance's body, or a regulator in jurisdiction. */
export type Side = 'enterprise' | 'body' | 'regulator';

export const STATE_LABELS: Record<AssistanceState, string> = {
  requested: '已申请，待机构接受',
  proposed: '机构提出，待企业接受',
  active: '帮扶中',
  closed: '已完成',
  ended: '已终止',
  declined: '未达成',
};

export interface TransitionInput {
  state: AssistanceState | null; // null: the record does not exist yet
  action: AssistanceAction;
  side: Side;
  hasBody: boolean; // a body is named on the record (after the action's own change, for assign)
  reason?: string;
  confirmedVisits?: number;
}

export type TransitionResult = { ok: true; next: AssistanceState } | { ok: false; message: string };

const fail = (message: string): TransitionResult => ({ ok: false, message });

export function transition(input: TransitionInput): TransitionResult {
  const { state, action, side } = input;
  const reason = (input.reason ?? '').trim();
  if (state !== null && FINAL_STATES.includes(state)) return fail(`这项帮扶${STATE_LABELS[state]}，不能再更改`);
  switch (action) {
    case 'apply':
      if (state !== null) return fail('已有帮扶记录，不能重复申请');
      if (side !== 'enterprise') return fail('只有企业管理员可以为本企业申请帮扶');
      return { ok: true, next: 'requested' };
    case 'propose':
      if (state !== null) return fail('已有帮扶记录，不能重复提出');
      if (side !== 'body') return fail('只有认证机构的帮扶专家可以提出帮扶');
      return { ok: true, next: 'proposed' };
    case 'assign':
      if (side !== 'regulator') return fail('只有监管部门可以为申请企业指派认证机构');
      if (state !== 'requested') return fail('只能为待接受的申请指派认证机构');
      return { ok: true, next: 'requested' };
    case 'accept':
      if (state === 'requested') {
        if (side !== 'body') return fail('企业的申请需要由认证机构的专家接受');
        if (!input.hasBody) return fail('这项申请还没有指定认证机构');
        return { ok: true, next: 'active' };
      }
      if (state === 'proposed') {
        if (side !== 'enterprise') return fail('机构提出的帮扶需要由企业管理员接受');
        return { ok: true, next: 'active' };
      }
      return fail('只有待接受的帮扶可以接受');
    case 'decline':
      if (state !== 'requested' && state !== 'proposed') return fail('只有待接受的帮扶可以拒绝或撤回；进行中的帮扶请“终止”并说明原因');
      if (side === 'regulator') return fail('是否参加帮扶由企业和机构自愿决定，监管部门不能代为拒绝');
      return { ok: true, next: 'declined' };
    case 'end':
      if (state !== 'active') return fail('只有进行中的帮扶可以终止');
      if (side === 'regulator') return fail('帮扶由企业或机构一方终止，监管部门不能代为终止');
      if (Array.from(reason).length < 2) return fail('请写明终止的原因');
      return { ok: true, next: 'ended' };
    case 'close':
      if (state !== 'active') return fail('只有进行中的帮扶可以结束');
      if (side !== 'body') return fail('帮扶完成由帮扶专家确认结束；企业如不再需要帮扶，请选择“终止”');
      if (!input.confirmedVisits) return fail('至少要有一次经企业确认的跟踪回访，才能结束帮扶');
      return { ok: true, next: 'closed' };
    default:
      return fail('未知的操作');
  }
}

/** One line of a record's history: what happened, who did it, when, and why. */
export interface HistoryEvent {
  action: AssistanceAction | 'certifier' | 'findings';
  from: AssistanceState | null;
  to: AssistanceState;
  by: string; // user id
  byName: string;
  side: Side;
  at: string; // ISO instant
  reason?: string;
  note?: string;
}

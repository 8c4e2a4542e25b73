/**
 * How a client carries out what its user wants, step by step over MIMI.
 *
 * draft-ietf-mimi-protocol-06 §3.2–3.3 (add: fetch KeyPackages via the hub, then one commit with
 * the participant-list change and an Add for every client of the user), §3.5 (remove), §3.4 and
 * §5.4 (send via submitMessage), §5.6 (external join via groupInfo), §5.3 (the hub answers every
 * update; the committer applies its commit only on success).
 *
 * Simplified: under policy=mls a removal is two commits (Remove, then the list change), because
 * ts-mls 1.6.4 cannot commit a GroupContextExtensions proposal with a Remove (bug #742); under
 * policy=service the list change rides on the update request, which only the hub reads.
 */
import { type ClientId, userOfClient } from '../ids.js'
import type { CommitRequest, KeyPackage } from '../mls/types.js'
import { encodeRoomState, makeRoomState, withRole, type RoomState } from '../policy/roomState.js'
import type { Effect } from '../effects.js'
import { type ClientContext, type ClientIntent, type ClientRoom, type Inflight, roomOf } from './context.js'
import { heldPolicy, note, short } from './notes.js'

type Step = { readonly ctx: ClientContext; readonly effects: readonly Effect[] }

const done = (ctx: ClientContext, r: ClientRoom, action: Inflight['action'], ok: boolean, explain: string, extra: readonly Effect[] = []): Step => ({
  ctx: { ...ctx, inflight: null },
  effects: [...extra, { kind: 'note', note: note(ctx, r.room, r.view?.epoch ?? null, { type: 'intent.done', action, ok }, explain) }],
})

function without(policy: RoomState, user: string): RoomState {
  return makeRoomState(policy.roles, policy.participants.filter(([u]) => u !== user))
}

export function protectEffect(r: ClientRoom, text: string): Effect {
  return { kind: 'mls', room: r.room, tag: 'intent', op: { op: 'protect', group: r.group!, text } }
}

export function commitEffect(r: ClientRoom, request: CommitRequest): Effect {
  return { kind: 'mls', room: r.room, tag: 'intent', op: { op: 'commit', group: r.group!, request } }
}

/** The commits a remove or a bare commit takes, with the participant list each asks the hub for. */
type Planned = Extract<Inflight, { plan: unknown }>

function planFor(ctx: ClientContext, r: ClientRoom, intent: Extract<ClientIntent, { action: 'remove' | 'commit' }>): Planned | string {
  if (intent.action === 'commit') return { action: 'commit', room: r.room, target: null, plan: [{}], rosters: [null], stage: 'commit', pending: null }
  const policy = heldPolicy(ctx, r)
  if (!policy) return 'no participant list to remove from'
  const clients: ClientId[] = r.view!.members.filter((c) => userOfClient(c) === intent.target)
  const next = without(policy, intent.target)
  if (ctx.design.policy === 'mls') {
    const plan: CommitRequest[] = clients.length ? [{ removes: clients }, { context: encodeRoomState(next) }] : [{ context: encodeRoomState(next) }]
    return { action: 'remove', room: r.room, target: intent.target, plan, rosters: plan.map(() => null), stage: 'commit', pending: null }
  }
  return { action: 'remove', room: r.room, target: intent.target, plan: [{ removes: clients }], rosters: [next], stage: 'commit', pending: null }
}

export function startIntent(ctx: ClientContext, intent: ClientIntent): Step {
  const r = ctx.rooms[intent.room]
  const target = 'target' in intent ? intent.target : null
  const role = intent.action === 'add' ? intent.role : null
  const label = target ? `${intent.action} ${short(target)}` : intent.action === 'send' ? `send "${intent.text}"` : intent.action
  const begin: Effect = {
    kind: 'note',
    note: note(ctx, intent.room, r?.view?.epoch ?? null, { type: 'intent.begin', action: intent.action, target, role }, `${short(ctx.user)} wants to ${label}`),
  }
  const member = r && r.group && r.view && !r.view.removed
  if (intent.action === 'externalJoin') {
    if (member) return done(ctx, r, 'externalJoin', false, `${short(ctx.self)} is already a member`, [begin])
    const inflight: Inflight = { action: 'externalJoin', room: intent.room, stage: 'groupInfo', joined: null, roster: null }
    const ask: Effect = { kind: 'send', to: ctx.provider, msg: { type: 'groupInfo', origin: ctx.self, room: intent.room } }
    return { ctx: { ...ctx, inflight }, effects: [begin, ask] }
  }
  if (!member) {
    return done(ctx, roomOf(ctx, intent.room), intent.action, false, `${short(ctx.self)} is not a member of ${short(intent.room)}`, [begin])
  }
  const listed = (user: string) => (heldPolicy(ctx, r)?.participants ?? []).some(([u]) => u === user)
  if (intent.action === 'add' && listed(intent.target)) return done(ctx, r, 'add', false, `${short(intent.target)} is already a participant`, [begin])
  if (intent.action === 'remove' && !listed(intent.target)) return done(ctx, r, 'remove', false, `${short(intent.target)} is not a participant`, [begin])
  if (intent.action === 'remove' && intent.target === ctx.user) {
    return done(ctx, r, 'remove', false, `leaving (canRemoveSelf, PROTO §3.5 three-step leave) is not modelled yet`, [begin])
  }
  switch (intent.action) {
    case 'add': {
      const inflight: Inflight = { action: 'add', room: r.room, target: intent.target, role: intent.role, stage: 'keyMaterial', roster: null, pending: null }
      const ask: Effect = { kind: 'send', to: ctx.provider, msg: { type: 'keyMaterial', origin: ctx.self, room: r.room, requester: ctx.user, target: intent.target } }
      return { ctx: { ...ctx, inflight }, effects: [begin, ask] }
    }
    case 'send': {
      if (r.view!.pending > 0) {
        const inflight: Inflight = { action: 'send', room: r.room, text: intent.text, stage: 'commit', pending: null }
        return { ctx: { ...ctx, inflight }, effects: [begin, commitEffect(r, {})] }
      }
      const inflight: Inflight = { action: 'send', room: r.room, text: intent.text, stage: 'protect', pending: null }
      return { ctx: { ...ctx, inflight }, effects: [begin, protectEffect(r, intent.text)] }
    }
    case 'remove':
    case 'commit': {
      const plan = planFor(ctx, r, intent)
      if (typeof plan === 'string') return done(ctx, r, intent.action, false, plan, [begin])
      return { ctx: { ...ctx, inflight: plan }, effects: [begin, commitEffect(r, plan.plan[0]!)] }
    }
  }
}

/** The add flow once the target's KeyPackages arrive: one commit with the list change and every Add. */
export function commitAdd(ctx: ClientContext, r: ClientRoom, inflight: Extract<Inflight, { action: 'add' }>, kps: readonly KeyPackage[]): Step {
  const policy = heldPolicy(ctx, r)
  // A client already in the group (say, the user's device that joined on its own) is not added twice.
  const fresh = kps.filter((kp) => !r.view!.members.includes(kp.client))
  if (!policy || fresh.length === 0) return done(ctx, r, 'add', false, `no KeyPackages for ${short(inflight.target)}'s clients outside the group`)
  const roster = withRole(policy, inflight.target, inflight.role)
  const request: CommitRequest = ctx.design.policy === 'mls' ? { adds: fresh, context: encodeRoomState(roster) } : { adds: fresh }
  return {
    ctx: { ...ctx, inflight: { ...inflight, stage: 'commit', roster: ctx.design.policy === 'mls' ? null : roster } },
    effects: [commitEffect(r, request)],
  }
}

export { done }

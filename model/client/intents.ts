/**
 * How a client carries out what its user wants, step by step over MIMI.
 *
 * draft-ietf-mimi-protocol-06 §3.2–3.3 (add: fetch KeyPackages via the hub, then one commit with the
 * participant-list change and an Add for every client of the user), §3.5 (remove, leave), §3.4 and
 * §5.4 (send via submitMessage), §5.6 (external join via groupInfo), §5.3 (the hub answers every
 * update; the committer applies its commit only on success); draft-ietf-mimi-room-policy-03 §8.1.2–
 * §8.6 (kick, ban, unban, role changes, metadata and definition changes, as AppDataUpdates).
 *
 * Everything that commits is a plan of commits (PlanStep). A client first commits any pending
 * proposals on their own, because RFC 9420 allows one GroupContextExtensions proposal per commit and
 * ts-mls 1.6.4 cannot process one beside a Remove (bug #742); for the same reason a removal or ban
 * is two commits under policy=mls — the Removes, then the list change. Under policy=service the list
 * change rides on the update request, which only the hub reads.
 * A client checks nothing before committing: enforcement is the receivers' and the hub's (ts-mls has
 * no sending-side hook either), which is what lets a careless or malicious client try anything.
 */
import { type ClientId, type UserId, userOfClient } from '../ids.js'
import type { CommitRequest, KeyPackage } from '../mls/types.js'
import { editsToUpdates } from '../policy/edits.js'
import { encodeUpdates } from '../policy/roomContext.js'
import { roleIndexOf, type RoomState } from '../policy/roomState.js'
import { applyUpdates, listUpdate, type PolicyUpdate } from '../policy/updates.js'
import type { Effect } from '../effects.js'
import { type ClientContext, type ClientIntent, type ClientRoom, type Inflight, type PlanAction, type PlanStep, roomOf } from './context.js'
import { heldPolicy, note, short } from './notes.js'

type Step = { readonly ctx: ClientContext; readonly effects: readonly Effect[] }
type Plan = Extract<Inflight, { steps: unknown }>

const done = (ctx: ClientContext, r: ClientRoom, action: Inflight['action'] | 'send', ok: boolean, explain: string, extra: readonly Effect[] = []): Step => ({
  ctx: { ...ctx, inflight: null },
  effects: [...extra, { kind: 'note', note: note(ctx, r.room, r.view?.epoch ?? null, { type: 'intent.done', action, ok }, explain) }],
})

export function protectEffect(r: ClientRoom, text: string): Effect {
  return { kind: 'mls', room: r.room, tag: 'intent', op: { op: 'protect', group: r.group!, text } }
}

export function commitEffect(r: ClientRoom, request: CommitRequest): Effect {
  return { kind: 'mls', room: r.room, tag: 'intent', op: { op: 'commit', group: r.group!, request } }
}

const clientsOf = (r: ClientRoom, user: UserId): ClientId[] => r.view!.members.filter((c) => userOfClient(c) === user)

/**
 * Make the plan's next commit: its updates become a room context (policy=mls) or the list the hub is
 * asked for (policy=service), against the policy held now.
 */
export function nextCommit(ctx: ClientContext, r: ClientRoom, plan0: Plan): Step {
  if (r.view!.selfRemovalPending) {
    return done(ctx, r, plan0.action, false, `a pending proposal removes ${short(ctx.self)}: it cannot commit until another member does (RFC 9420 §12.2)`)
  }
  // An earlier commit (a flush of pending proposals) may already have removed or added some clients.
  const members = r.view!.members
  const raw = plan0.steps[0]!
  const fresh: PlanStep = {
    ...raw,
    ...(raw.removes ? { removes: raw.removes.filter((c) => members.includes(c)) } : {}),
    ...(raw.adds ? { adds: raw.adds.filter((k) => !members.includes(k.client)) } : {}),
  }
  const emptied = !fresh.updates.length && !fresh.removes?.length && !fresh.adds?.length && (raw.removes?.length || raw.adds?.length)
  if (emptied) {
    if (plan0.steps.length > 1) return nextCommit(ctx, r, { ...plan0, steps: plan0.steps.slice(1) })
    return done(ctx, r, plan0.action, true, `nothing left to commit: pending proposals already did it`)
  }
  const first = fresh
  const bare = !first.updates.length && !first.removes?.length && !first.adds?.length
  // Pending proposals go in a commit of their own first (see the header); checked at every commit,
  // since proposals may have arrived since the plan began.
  const plan: Plan = r.view!.pending > 0 && !bare ? { ...plan0, steps: [{ updates: [] }, fresh, ...plan0.steps.slice(1)] } : { ...plan0, steps: [fresh, ...plan0.steps.slice(1)] }
  const step = plan.steps[0]!
  const held = heldPolicy(ctx, r)
  const updates = step.updates
  const mls = ctx.design.policy === 'mls'
  const request: CommitRequest = {
    ...(step.adds?.length ? { adds: step.adds } : {}),
    ...(step.removes?.length ? { removes: step.removes } : {}),
    ...(mls && updates.length && held ? { context: encodeUpdates(held, updates) } : {}),
  }
  const roster = !mls && updates.length && held ? applyUpdates(held, updates) : null
  return { ctx: { ...ctx, inflight: { ...plan, stage: 'commit', pending: null, roster, updates: mls ? [] : updates } }, effects: [commitEffect(r, request)] }
}

/** Start a plan of commits. */
function startPlan(ctx: ClientContext, r: ClientRoom, action: PlanAction, target: UserId | null, steps: readonly PlanStep[], begin: Effect[]): Step {
  const plan: Plan = { action, room: r.room, target, steps, stage: 'commit', pending: null, roster: null, updates: [] }
  const s = nextCommit(ctx, r, plan)
  return { ctx: s.ctx, effects: [...begin, ...s.effects] }
}

/** The commits that remove (or ban) a user: Removes, then the list change (see the header). */
function removal(ctx: ClientContext, r: ClientRoom, target: UserId, update: PolicyUpdate): PlanStep[] {
  const clients = clientsOf(r, target)
  if (ctx.design.policy === 'mls') return clients.length ? [{ removes: clients, updates: [] }, { updates: [update] }] : [{ updates: [update] }]
  return [{ removes: clients, updates: [update] }]
}

function label(intent: ClientIntent): string {
  switch (intent.action) {
    case 'send':
      return `send "${intent.text}"`
    case 'edit':
      return intent.label
    case 'changeRole':
      return `move ${short(intent.target)} to role ${intent.role}`
    case 'add':
    case 'remove':
    case 'kick':
    case 'ban':
      return `${intent.action} ${short(intent.target)}`
    default:
      return intent.action
  }
}

/** Whether `user` is on the participant list this client holds (none held: no one is). */
function listed(policy: RoomState | null | undefined, user: UserId): boolean {
  return !!policy && roleIndexOf(policy, user) !== 0
}

export function startIntent(ctx: ClientContext, intent: ClientIntent): Step {
  const r = ctx.rooms[intent.room]
  const target = 'target' in intent ? intent.target : null
  const role = intent.action === 'add' || intent.action === 'changeRole' ? intent.role : null
  const begin: Effect[] = [{
    kind: 'note',
    note: note(ctx, intent.room, r?.view?.epoch ?? null, { type: 'intent.begin', action: intent.action, target, role, ...(intent.action === 'edit' ? { edits: intent.edits } : {}) }, `${short(ctx.user)} wants to ${label(intent)}`),
  }]
  const member = r && r.group && r.view && !r.view.removed
  if (intent.action === 'externalJoin') {
    // A malicious client may hold a stale state it refused to give up (receive.ts); it rejoins anyway.
    if (member && !r.evicted) return done(ctx, r, 'externalJoin', false, `${short(ctx.self)} is already a member`, begin)
    const inflight: Inflight = { action: 'externalJoin', room: intent.room, stage: 'groupInfo', joined: null, roster: null, updates: [] }
    const ask: Effect = { kind: 'send', to: ctx.provider, msg: { type: 'groupInfo', origin: ctx.self, room: intent.room } }
    return { ctx: { ...ctx, inflight }, effects: [...begin, ask] }
  }
  if (!member) {
    return done(ctx, roomOf(ctx, intent.room), intent.action, false, `${short(ctx.self)} is not a member of ${short(intent.room)}`, begin)
  }
  const policy = heldPolicy(ctx, r)
  if (intent.action === 'add' && listed(policy, intent.target)) return done(ctx, r, 'add', false, `${short(intent.target)} is already a participant`, begin)
  if ((intent.action === 'remove' || intent.action === 'ban' || intent.action === 'kick' || intent.action === 'changeRole') && !listed(policy, intent.target)) {
    return done(ctx, r, intent.action, false, `${short(intent.target)} is not a participant`, begin)
  }
  if (intent.action === 'remove' && intent.target === ctx.user) {
    return done(ctx, r, 'remove', false, `to leave, a participant asks the hub (leave), since it cannot commit its own removal (POL §8.1.2)`, begin)
  }
  switch (intent.action) {
    case 'add': {
      const inflight: Inflight = { action: 'add', room: r.room, target: intent.target, role: intent.role, stage: 'keyMaterial' }
      const ask: Effect = { kind: 'send', to: ctx.provider, msg: { type: 'keyMaterial', origin: ctx.self, room: r.room, requester: ctx.user, target: intent.target } }
      return { ctx: { ...ctx, inflight }, effects: [...begin, ask] }
    }
    case 'send': {
      if (r.view!.selfRemovalPending) return done(ctx, r, 'send', false, `a pending proposal removes ${short(ctx.self)}: it may neither commit it nor send before it is committed (RFC 9420 §12.2)`, begin)
      if (r.view!.pending > 0) {
        const inflight: Inflight = { action: 'send', room: r.room, text: intent.text, stage: 'commit', pending: null }
        return { ctx: { ...ctx, inflight }, effects: [...begin, commitEffect(r, {})] }
      }
      const inflight: Inflight = { action: 'send', room: r.room, text: intent.text, stage: 'protect', pending: null }
      return { ctx: { ...ctx, inflight }, effects: [...begin, protectEffect(r, intent.text)] }
    }
    case 'leave': {
      const inflight: Inflight = { action: 'leave', room: r.room, stage: 'leave' }
      const ask: Effect = { kind: 'send', to: ctx.provider, msg: { type: 'leave', origin: ctx.self, room: r.room } }
      return { ctx: { ...ctx, inflight }, effects: [...begin, ask] }
    }
    case 'commit':
      return startPlan(ctx, r, 'commit', null, [{ updates: [] }], begin)
    case 'remove':
      return startPlan(ctx, r, 'remove', intent.target, removal(ctx, r, intent.target, listUpdate({ remove: [intent.target] })), begin)
    case 'ban':
      return startPlan(ctx, r, 'ban', intent.target, removal(ctx, r, intent.target, listUpdate({ change: [[intent.target, 1]] })), begin)
    case 'kick': {
      const clients = clientsOf(r, intent.target)
      if (!clients.length) return done(ctx, r, 'kick', false, `${short(intent.target)} has no clients in the group`, begin)
      return startPlan(ctx, r, 'kick', intent.target, [{ removes: clients, updates: [] }], begin)
    }
    case 'changeRole':
      return startPlan(ctx, r, 'changeRole', intent.target, [{ updates: [listUpdate({ change: [[intent.target, intent.role]] })] }], begin)
    case 'edit':
      return startPlan(ctx, r, 'edit', null, [{ updates: editsToUpdates(policy!, intent.edits) }], begin)
  }
}

/** The add flow once the target's KeyPackages arrive: one commit with the list change and every Add. */
export function commitAdd(ctx: ClientContext, r: ClientRoom, inflight: Extract<Inflight, { action: 'add'; stage: 'keyMaterial' }>, kps: readonly KeyPackage[]): Step {
  // A client already in the group (say, the user's device that joined on its own) is not added twice.
  const fresh = kps.filter((kp) => !r.view!.members.includes(kp.client))
  if (!heldPolicy(ctx, r) || fresh.length === 0) return done(ctx, r, 'add', false, `no KeyPackages for ${short(inflight.target)}'s clients outside the group`)
  const plan: Plan = {
    action: 'add',
    room: r.room,
    target: inflight.target,
    steps: [{ adds: fresh, updates: [listUpdate({ add: [[inflight.target, inflight.role]] })] }],
    stage: 'commit',
    pending: null,
    roster: null,
    updates: [],
  }
  return nextCommit(ctx, r, plan)
}

/** After an external join, list oneself with the role a self-join path gives (see membership.ts). */
export function listSelf(ctx: ClientContext, r: ClientRoom, role: number): Step {
  const plan: Plan = { action: 'externalJoin', room: r.room, target: ctx.user, steps: [{ updates: [listUpdate({ add: [[ctx.user, role]] })] }], stage: 'commit', pending: null, roster: null, updates: [] }
  return nextCommit(ctx, r, plan)
}

export type { RoomState }
export { done }

/**
 * The hub as MLS external sender of its own proposals: a leaver's removal, proposed on its behalf and
 * re-issued until committed, and the hub's own administrative changes within its preauthorized role.
 *
 * draft-ietf-mimi-protocol-06 §3.5 (leave: the leaver cannot commit its own removal; the hub caches the
 * proposals, fans them out and requires the next committer to include them), §5.5 and ISS-P #128 (an
 * external commit invalidates pending proposals; the hub regenerates them in the new epoch);
 * draft-ietf-mimi-room-policy-03 §4 (the hub's role comes from preauthorization), §8.1.2 canRemoveSelf.
 *
 * Simplified: the leaver's own proposals are not modelled — the hub proposes the Removes and the list
 * change from the start, as it must after any external commit, so they are authorized by the hub's
 * role (findings.md: the draft does not say whose rights re-issued proposals carry). ts-mls 1.6.4
 * cannot commit a context change with a Remove (bug #742), so the Removes come first, the list change
 * in the next epoch. A malicious hub holding `forgetProposals` drops them after an external commit.
 * Under policy=service the list change is the hub's own record and needs no proposal.
 */
import { type ClientId, type RoomId, shortName as short, type UserId, userOfClient } from '../ids.js'
import { canUse, spend } from '../adversary/capabilities.js'
import type { Effect, MlsResultEvent } from '../effects.js'
import { authorize } from '../policy/authorize.js'
import { type PolicyEdit, editsToUpdates } from '../policy/edits.js'
import { capabilitiesNeeded } from '../policy/needs.js'
import type { Part } from '../policy/proposals.js'
import { encodeUpdates } from '../policy/roomContext.js'
import { roleIndexOf, type RoomState } from '../policy/roomState.js'
import { applyUpdates, describeUpdate, listUpdate, type PolicyUpdate } from '../policy/updates.js'
import type { Message } from '../protocol/messages.js'
import type { HostedRoom, ProviderContext } from './context.js'
import { fanout, hubNote, putRoom } from './hub.js'
import { type Handler, type Step, towardsOrigin } from './relay.js'

export interface HubAdmin {
  readonly action: 'propose'
  readonly room: RoomId
  readonly edits: readonly PolicyEdit[]
  /** Users whose clients the hub proposes to remove (kick, or the first half of a ban or removal). */
  readonly kick: readonly UserId[]
}

const PROPOSAL_TAG = 'hubprop'

function proposals(ctx: ProviderContext, r: HostedRoom, removes: readonly ClientId[], updates: readonly PolicyUpdate[]): Effect[] {
  const sender = ctx.externalSender
  if (!sender || !r.groupInfo) return []
  const out: Effect[] = removes.map((client) => ({ kind: 'mls', room: r.room, tag: `${PROPOSAL_TAG}:remove:${client}`, op: { op: 'proposeExternalRemove', sender, groupInfo: r.groupInfo!, client } }))
  if (updates.length) out.push({ kind: 'mls', room: r.room, tag: `${PROPOSAL_TAG}:context`, op: { op: 'proposeExternalContext', sender, groupInfo: r.groupInfo, context: encodeUpdates(r.roster, updates) } })
  return out
}

/** Under policy=service the hub's record is the policy: a change takes effect when the hub writes it. */
function record(ctx: ProviderContext, r: HostedRoom, updates: readonly PolicyUpdate[], used: readonly (readonly [string, string])[], forced: boolean): Step {
  const after: RoomState = applyUpdates(r.roster, updates)
  const lines = updates.map(describeUpdate)
  const n = hubNote(ctx, r.room, r.epoch, { type: 'policy.change', updates: lines, used, forced, participants: after.participants },
    `hub ${short(ctx.self)} ${forced ? 'forces' : 'records'} a room-policy change: ${lines.join('; ')}`)
  return { ctx: putRoom(ctx, { ...r, roster: after }), effects: [n] }
}

/**
 * policy=service: take off the list the leavers who have no client left — the hub's record is the
 * policy there, and no proposal is needed. Called as a commit is sequenced, before its answer and
 * fanout, so both carry the list as it now stands.
 */
export function recordDepartures(ctx: ProviderContext, room: RoomId): Step {
  const r = ctx.hosted[room]
  if (!r || ctx.design.policy !== 'service' || r.leaving.length === 0) return { ctx, effects: [] }
  const gone = [...r.leaving].sort().filter((u) => roleIndexOf(r.roster, u) !== 0 && !r.members.some((x) => userOfClient(x) === u))
  if (!gone.length) return { ctx, effects: [] }
  const rec = record(ctx, r, [listUpdate({ remove: gone })], gone.map((u) => [u, 'canRemoveSelf'] as const), false)
  const after = rec.ctx.hosted[room]!
  return { ctx: putRoom(rec.ctx, { ...after, leaving: after.leaving.filter((u) => !gone.includes(u)) }), effects: rec.effects }
}

/** Propose (or, under service, record) what the leaving users still need, once per epoch. */
export function issueLeaves(ctx: ProviderContext, room: RoomId, reissue: boolean): Step {
  const r0 = ctx.hosted[room]
  if (!r0 || r0.leaving.length === 0 || r0.leaveIssued === r0.epoch) return { ctx, effects: [] }
  let c = ctx
  let r = r0
  const effects: Effect[] = []
  const removes: ClientId[] = []
  const unlist: UserId[] = []
  const still: UserId[] = []
  for (const user of [...r.leaving].sort()) {
    const clients = r.members.filter((x) => userOfClient(x) === user)
    if (clients.length) (removes.push(...clients), still.push(user))
    else if (roleIndexOf(r.roster, user) !== 0) (unlist.push(user), still.push(user))
  }
  const updates = unlist.length ? [listUpdate({ remove: unlist })] : []
  r = { ...r, leaving: still, leaveIssued: r.epoch }
  c = putRoom(c, r)
  if (removes.length === 0 && updates.length === 0) return { ctx: c, effects }
  // #742: the Removes go first; the list change waits for the next epoch.
  const listNow = removes.length === 0 ? updates : []
  if (c.design.policy === 'service' && listNow.length) {
    const rec = record(c, r, listNow, unlist.map((u) => [u, 'canRemoveSelf'] as const), false)
    return { ctx: { ...rec.ctx, hosted: { ...rec.ctx.hosted, [room]: { ...rec.ctx.hosted[room]!, leaving: still.filter((u) => !unlist.includes(u)) } } }, effects: [...effects, ...rec.effects] }
  }
  const n = hubNote(c, room, r.epoch, { type: 'hub.propose', removes, updates: listNow.map(describeUpdate), reissue },
    `hub ${reissue ? 're-issues' : 'proposes'} the removal of ${[...removes.map(short), ...unlist.map(short)].join(', ')} as external sender (PROTO §3.5${reissue ? ', §5.5' : ''})`)
  return { ctx: c, effects: [n, ...proposals(c, r, removes, listNow)] }
}

/** After a commit was sequenced: re-issue what it did not include, unless the hub forgets. */
export function afterCommit(ctx: ProviderContext, room: RoomId, external: boolean): Step {
  const r = ctx.hosted[room]
  if (!r || r.leaving.length === 0) return { ctx, effects: [] }
  if (external && canUse(ctx.malice, 'forgetProposals')) {
    const n = hubNote(ctx, room, r.epoch, { type: 'attack.forget', users: r.leaving }, `malicious hub forgets the pending removal of ${r.leaving.map(short).join(', ')} after an external commit`)
    return { ctx: { ...putRoom(ctx, { ...r, leaving: [] }), malice: spend(ctx.malice!) }, effects: [n] }
  }
  return issueLeaves(ctx, room, external)
}

export function hubLeave(ctx: ProviderContext, msg: Extract<Message, { type: 'leave' }>, handle: Handler): Step {
  const r = ctx.hosted[msg.room]!
  const user = userOfClient(msg.origin)
  const answer = (c: ProviderContext, status: 'success' | 'notAllowed', reason: string) => towardsOrigin(c, { type: 'leaveResponse', origin: msg.origin, room: msg.room, status, reason }, handle)
  const by = { kind: 'member' as const, user, client: msg.origin }
  const parts: Part[] = [{ kind: 'update', by, update: listUpdate({ remove: [user] }) }, ...r.members.filter((x) => userOfClient(x) === user).map((client) => ({ kind: 'remove' as const, by, client }))]
  const v = authorize(r.roster, { committer: null, parts, members: r.members })
  if (v.kind === 'rejected') {
    const n = hubNote(ctx, r.room, r.epoch, { type: 'policy.reject', subject: msg.origin, reason: v.reason, rule: v.rule }, `hub refuses ${short(user)}'s leave: ${v.reason}`)
    const a = answer(ctx, 'notAllowed', v.reason)
    return { ctx: a.ctx, effects: [n, ...a.effects] }
  }
  const c = putRoom(ctx, { ...r, leaving: [...new Set([...r.leaving, user])].sort() as UserId[], leaveIssued: -1 })
  const issued = issueLeaves(c, r.room, false)
  const a = answer(issued.ctx, 'success', '')
  return { ctx: a.ctx, effects: [...issued.effects, ...a.effects] }
}

/** The hub's own administrative act: an honest hub first checks its own role allows it (POL §4). */
export function hubAdmin(ctx: ProviderContext, act: HubAdmin): Step {
  const r = ctx.hosted[act.room]
  if (!r) return { ctx, effects: [hubNote(ctx, act.room, null, { type: 'attack.refused', reason: 'not the hub of this room' }, `${short(ctx.self)} does not host ${short(act.room)}`)] }
  const updates = editsToUpdates(r.roster, act.edits)
  const removes = r.members.filter((x) => act.kick.includes(userOfClient(x)))
  const by = { kind: 'external' as const, provider: ctx.self }
  const parts: Part[] = [...updates.map((update) => ({ kind: 'update' as const, by, update })), ...removes.map((client) => ({ kind: 'remove' as const, by, client }))]
  const v = authorize(r.roster, { committer: null, parts, members: r.members })
  const forced = v.kind === 'rejected'
  if (forced && ctx.malice === null) {
    const n = hubNote(ctx, r.room, r.epoch, { type: 'policy.reject', subject: ctx.self, reason: v.reason, rule: v.rule }, `hub ${short(ctx.self)} does not make the change: ${v.reason}`)
    return { ctx, effects: [n] }
  }
  const used = forced ? capabilitiesNeeded(r.roster, updates).map((cap) => [ctx.self, cap] as const) : v.used.map((u) => [u.by.kind === 'external' ? u.by.provider : u.by.user, u.capability] as const)
  if (ctx.design.policy === 'service' && updates.length) {
    const rec = record(ctx, r, updates, used, forced)
    if (!removes.length) return rec
    const r1 = rec.ctx.hosted[r.room]!
    return { ctx: rec.ctx, effects: [...rec.effects, ...proposals(rec.ctx, r1, removes, [])] }
  }
  const n = hubNote(ctx, r.room, r.epoch, { type: 'hub.propose', removes, updates: updates.map(describeUpdate), reissue: false },
    `hub ${short(ctx.self)} proposes as external sender: ${[...removes.map((x) => `remove ${short(x)}`), ...updates.map(describeUpdate)].join('; ')}${forced ? ` (beyond its role: ${v.reason})` : ''}`)
  return { ctx, effects: [n, ...proposals(ctx, r, removes, updates)] }
}

/** A proposal the hub asked MLS for is ready: fan it out to every member (PROTO §5.5). */
export function onProposed(ctx: ProviderContext, ev: MlsResultEvent, handle: Handler): Step {
  const r = ctx.hosted[ev.room]
  const o = ev.outcome
  if (!r || (o.op !== 'proposeExternalRemove' && o.op !== 'proposeExternalContext')) return { ctx, effects: [] }
  const removed = ev.tag.startsWith(`${PROPOSAL_TAG}:remove:`) ? [ev.tag.slice(`${PROPOSAL_TAG}:remove:`.length) as ClientId] : []
  return fanout(ctx, r.room, { kind: 'proposal', proposal: o.proposal, sender: ctx.self, adds: [], removes: removed, contextChanged: o.op === 'proposeExternalContext' }, r.roster, r.members, handle)
}

export const isHubProposal = (tag: string): boolean => tag.startsWith(`${PROPOSAL_TAG}:`)

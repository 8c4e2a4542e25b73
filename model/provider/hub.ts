/**
 * The hub's duties for the rooms it hosts: sequence and authorize commits, authorize and fan out
 * application messages, serve GroupInfo to joiners, route Welcomes.
 *
 * draft-ietf-mimi-protocol-06 §5.3 (update: wrongEpoch for a stale epoch, notAllowed when policy
 * forbids; the hub serializes commits per epoch), §5.4 (submitMessage: notAllowed / epochTooOld),
 * §5.5 (notify every follower with active participants; the Welcome goes to the provider the
 * KeyPackageRef came from), §5.6 (groupInfo: notAuthorized unless the joiner is authorized),
 * §7.1 (the hub is "the arbiter that decides if a state change is valid").
 *
 * Under policy=service the hub's participant list is the policy; under policy=mls the hub mirrors
 * the list carried in the GroupContext and checks the same rules clients do (dual enforcement,
 * digest §2.10). A malicious hub keeps its checks but can admit a joiner it should refuse.
 */
import { shortName as short } from '../ids.js'
import { canUse, colludes as colludingHub, spend } from '../adversary/capabilities.js'
import { type Effect, type NoteBody, noteOf } from '../effects.js'
import { type ClientId, type ProviderId, providerOf, type RoomId, userOfClient } from '../ids.js'
import { sameWire } from '../mls/sameWire.js'
import { authorizeSend } from '../policy/authorize.js'
import { judgeChange } from '../policy/judge.js'
import { has } from '../policy/roles.js'
import { patched } from '../patched.js'
import { decodeRoomState, encodeRoomState, roleIndexOf, roleOf, type RoomState, withRole } from '../policy/roomState.js'
import { selfJoinRole } from '../policy/selfJoin.js'
import { describeUpdate, diffUpdates } from '../policy/updates.js'
import { afterCommit, recordDepartures } from './hubProposals.js'
import type { FanoutItem, Message } from '../protocol/messages.js'
import { type HostedRoom, isRecent, type ProviderContext, withRecent } from './context.js'
import { type Handler, route, type Step, andThen, towardsOrigin } from './relay.js'

export function hubNote(ctx: ProviderContext, room: RoomId, epoch: number | null, body: NoteBody, explain: string): Effect {
  return { kind: 'note', note: noteOf(body, ctx.self, room, epoch, explain) }
}

export const putRoom = (ctx: ProviderContext, r: HostedRoom): ProviderContext => ({ ...ctx, hosted: { ...ctx.hosted, [r.room]: r } })

/** Take the room's next fanout sequence number. */
function nextSeq(ctx: ProviderContext, room: RoomId): { ctx: ProviderContext; seq: number } {
  const r = ctx.hosted[room]!
  return { ctx: putRoom(ctx, patched(r, { seq: r.seq + 1 })), seq: r.seq }
}

/** Send one fanout item to every provider with a client among `recipients` (each provider once). */
export function fanout(ctx: ProviderContext, room: RoomId, item: FanoutItem, roster: RoomState, recipients: readonly ClientId[], handle: Handler): Step {
  const providers = [...new Set(recipients.map((c) => providerOf(c)))].sort() as ProviderId[]
  const { ctx: c0, seq } = nextSeq(ctx, room)
  let step: Step = { ctx: c0, effects: [] }
  for (const p of providers) step = andThen(step, (c) => route(c, p, { type: 'notify', room, seq, item, roster }, handle))
  return step
}

function respond(ctx: ProviderContext, msg: Message & { origin: ClientId }, handle: Handler): Step {
  return towardsOrigin(ctx, msg, handle)
}

// The answers are module functions, not closures in the handlers: under tsx (keepNames) a closure
// is given its name anew on every call of its handler, a cost an explore search felt.
function answerUpdate(c: ProviderContext, msg: Extract<Message, { type: 'update' }>, epoch: number, status: 'success' | 'wrongEpoch' | 'notAllowed', reason: string, handle: Handler): Step {
  return respond(c, { type: 'updateResponse', origin: msg.origin, room: msg.room, status, epoch, reason, roster: status === 'success' ? (c.hosted[msg.room]?.roster ?? null) : null }, handle)
}

export function hubUpdate(ctx: ProviderContext, msg: Extract<Message, { type: 'update' }>, handle: Handler): Step {
  const r = ctx.hosted[msg.room]!
  // A byte-identical resubmission of the commit just accepted (a retry, a duplicate) gets the same answer.
  if (r.lastCommit !== null && sameWire(msg.commit, r.lastCommit)) return answerUpdate(ctx, msg, r.epoch, 'success', '', handle)
  if (msg.epoch !== r.epoch) return answerUpdate(ctx, msg, r.epoch, 'wrongEpoch', `commit for epoch ${msg.epoch}, room is at epoch ${r.epoch}`, handle)
  // A malicious hub waves through commits that bring its colluders in; it checks everything else.
  const waved = colludingHub(ctx.malice) && msg.change.adds.length > 0 && msg.change.adds.every((c) => colludes(ctx, c))
  const serviceUpdates = ctx.design.policy === 'service' ? (msg.updates.length || !msg.roster ? msg.updates : diffUpdates(r.roster, msg.roster)) : undefined
  const verdict = judgeChange({ before: r.roster, members: r.members, change: msg.change, ...(serviceUpdates ? { serviceUpdates } : {}) })
  if (verdict.kind === 'rejected' && !waved) {
    const n = hubNote(ctx, r.room, r.epoch, { type: 'policy.reject', subject: msg.origin, reason: verdict.reason, rule: verdict.rule }, `hub refuses ${short(msg.origin)}'s commit: ${verdict.reason}`)
    const a = answerUpdate(ctx, msg, r.epoch, 'notAllowed', verdict.reason, handle)
    return { ctx: a.ctx, effects: [n, ...a.effects] }
  }
  const forcedAfter = ctx.design.policy === 'service' ? (msg.roster ?? r.roster) : (msg.change.context !== null ? decodeRoomState(msg.change.context) : null) ?? r.roster
  const after = verdict.kind === 'allowed' ? verdict.after : forcedAfter
  const changed = encodeRoomState(after) !== encodeRoomState(r.roster)
  const used = verdict.kind === 'allowed' ? verdict.used.map((u) => [u.by.kind === 'external' ? u.by.provider : u.by.user, u.capability] as const) : []
  const lines = changed ? diffUpdates(r.roster, after).map(describeUpdate) : []
  const policyNote: Effect[] = changed ? [hubNote(ctx, r.room, r.epoch + 1, { type: 'policy.change', updates: lines, used, forced: verdict.kind === 'rejected', participants: after.participants }, `hub records the room-policy change in ${short(msg.origin)}'s commit: ${lines.join('; ')}`)] : []
  const before = r.members
  const members = [...new Set([...before.filter((c) => !msg.change.removes.includes(c)), ...msg.change.adds])].sort()
  const next: HostedRoom = { ...r, epoch: r.epoch + 1, roster: after, members, groupInfo: msg.groupInfo, lastCommit: msg.commit }
  const accepted = hubNote(ctx, r.room, next.epoch, { type: 'hub.accept', what: 'commit', subject: msg.origin }, `hub sequences ${short(msg.origin)}'s commit as epoch ${next.epoch}`)
  // policy=service: a leaver whose last client this commit removed leaves the list now, so the answer
  // and the fanout already carry the list the hub holds (hubProposals.ts).
  const departed = recordDepartures(putRoom(ctx, next), r.room)
  const settled = departed.ctx.hosted[r.room]!
  let step: Step = answerUpdate(departed.ctx, msg, r.epoch, 'success', '', handle)
  step = { ctx: step.ctx, effects: [accepted, ...policyNote, ...departed.effects, ...step.effects] }
  const item: FanoutItem = { kind: 'commit', epoch: r.epoch, commit: msg.commit, sender: msg.origin, change: msg.change }
  // An external joiner's provider hears of the commit too: it now serves an active participant (PROTO §5.5).
  const recipients = msg.change.sender.kind === 'newMember' ? [...before, msg.change.sender.client] : before
  step = andThen(step, (c) => fanout(c, r.room, item, settled.roster, recipients, handle))
  if (msg.welcome) {
    // Route by the KeyPackageRefs in the Welcome to the provider each KeyPackage came from (PROTO §5.2).
    const targets = msg.welcomeRefs.flatMap((ref) => (r.kpRoutes[ref] ? [[r.kpRoutes[ref], ref] as const] : [])).sort(([a], [b]) => (a < b ? -1 : 1))
    for (const [client, kpRef] of targets) {
      const welcome: FanoutItem = { kind: 'welcome', welcome: msg.welcome, to: client, kpRef }
      step = andThen(step, (c) => {
        const { ctx: c1, seq } = nextSeq(c, r.room)
        return route(c1, providerOf(client), { type: 'notify', room: r.room, seq, item: welcome, roster: settled.roster }, handle)
      })
    }
  }
  return andThen(step, (c) => afterCommit(c, r.room, msg.change.sender.kind === 'newMember'))
}

function answerSubmit(c: ProviderContext, msg: Extract<Message, { type: 'submitMessage' }>, status: 'accepted' | 'notAllowed' | 'epochTooOld', reason: string, handle: Handler): Step {
  return respond(c, { type: 'submitMessageResponse', origin: msg.origin, room: msg.room, status, reason }, handle)
}

export function hubSubmit(ctx: ProviderContext, msg: Extract<Message, { type: 'submitMessage' }>, handle: Handler): Step {
  const r = ctx.hosted[msg.room]!
  if (isRecent(r.recentMessages, msg.message)) return answerSubmit(ctx, msg, 'accepted', '', handle)
  if (!r.members.includes(msg.origin)) return answerSubmit(ctx, msg, 'notAllowed', `${short(msg.origin)} is not a member (PROTO §5.3)`, handle)
  // A malicious hub relays stale-epoch messages too: whatever its colluders might still read.
  if (msg.epoch < r.epoch && !colludingHub(ctx.malice)) return answerSubmit(ctx, msg, 'epochTooOld', `message for epoch ${msg.epoch}, room is at epoch ${r.epoch}`, handle)
  const verdict = authorizeSend(r.roster, userOfClient(msg.origin))
  if (verdict.kind === 'rejected') return answerSubmit(ctx, msg, 'notAllowed', verdict.reason, handle)
  const item: FanoutItem = { kind: 'application', message: msg.message, sender: msg.origin, epoch: msg.epoch }
  const accepted = hubNote(ctx, r.room, r.epoch, { type: 'hub.accept', what: 'message', subject: msg.origin }, `hub accepts ${short(msg.origin)}'s message and fans it out`)
  const remembered = putRoom(ctx, { ...r, recentMessages: withRecent(r.recentMessages, msg.message) })
  const step = andThen(answerSubmit(remembered, msg, 'accepted', '', handle), (c) => fanout(c, r.room, item, r.roster, r.members, handle))
  return { ctx: step.ctx, effects: [accepted, ...step.effects] }
}

/** PROTO §5.6: GroupInfo only for a joiner the policy admits — a listed user's new client, or a self-join path. */
function authorizedJoiner(r: HostedRoom, client: ClientId): boolean {
  const user = userOfClient(client)
  if (roleIndexOf(r.roster, user) !== 0) return has(roleOf(r.roster, user), 'canAddOwnClient')
  return selfJoinRole(r.roster, { kind: 'joiner', user, client }) !== null
}

/** A malicious provider coordinates with malicious users: they are one adversary (digest §6.2). */
function colludes(ctx: ProviderContext, client: ClientId): boolean {
  return ctx.malice !== null && ctx.malice.colluders.includes(userOfClient(client))
}

function answerGroupInfo(c: ProviderContext, msg: Extract<Message, { type: 'groupInfo' }>, status: 'success' | 'notAuthorized' | 'noSuchRoom', room: HostedRoom | undefined, handle: Handler): Step {
  return respond(c, { type: 'groupInfoResponse', origin: msg.origin, room: msg.room, status, groupInfo: status === 'success' ? room!.groupInfo : null, roster: room?.roster ?? null }, handle)
}

export function hubGroupInfo(ctx: ProviderContext, msg: Extract<Message, { type: 'groupInfo' }>, handle: Handler): Step {
  const r = ctx.hosted[msg.room]
  if (!r || !r.groupInfo) return answerGroupInfo(ctx, msg, 'noSuchRoom', r, handle)
  if (authorizedJoiner(r, msg.origin)) return answerGroupInfo(ctx, msg, 'success', r, handle)
  if (colludes(ctx, msg.origin) && canUse(ctx.malice, 'admitJoin')) {
    const user = userOfClient(msg.origin)
    const next: HostedRoom = { ...r, roster: withRole(r.roster, user, 2) }
    const c: ProviderContext = { ...putRoom(ctx, next), malice: spend(ctx.malice!) }
    const n = hubNote(ctx, r.room, r.epoch, { type: 'attack.admit', target: user }, `malicious hub lists its colluder ${short(user)} as a participant and serves it the GroupInfo`)
    const a = answerGroupInfo(c, msg, 'success', next, handle)
    return { ctx: a.ctx, effects: [n, ...a.effects] }
  }
  return answerGroupInfo(ctx, msg, 'notAuthorized', r, handle)
}

/**
 * How a client reacts to what arrives: its provider's responses and fanout, and the results of the
 * MLS operations it asked for.
 *
 * draft-ietf-mimi-protocol-06 §5.5 (notify: commits, proposals, application messages, Welcomes,
 * each with the hub's participant list), §5.3 (update response: apply own commit only on success),
 * §5.6 (external join), RFC 9420 §12.4 (a rejected commit leaves the member in the old epoch,
 * outside the group's future); draft-ietf-mimi-room-policy-03 §1 (under policy=mls a joiner checks
 * the members of the group it joins against the policy that group carries, joinCheck.ts).
 */
import type { Effect, MlsResultEvent } from '../effects.js'
import type { Message } from '../protocol/messages.js'
import { type ClientContext, type ClientRoom, hasSeen, type Inflight, type PendingCommit, roomOf, withSeen } from './context.js'
import { commitAdd, done, listSelf, nextCommit, protectEffect } from './intents.js'
import { heldPolicy, note, short, stateNote } from './notes.js'
import { groupPolicy, validatorFor } from './validate.js'
import { checkJoin } from './joinCheck.js'
import type { GroupView, IncomingChange } from '../mls/types.js'
import { judgeChange } from '../policy/judge.js'
import { roleIndexOf } from '../policy/roomState.js'
import { patched } from '../patched.js'
import { selfJoinRole } from '../policy/selfJoin.js'
import { applyUpdates, describeUpdate, diffUpdates, listUpdate } from '../policy/updates.js'

type Step = { readonly ctx: ClientContext; readonly effects: readonly Effect[] }

const put = (ctx: ClientContext, r: ClientRoom): ClientContext => ({ ...ctx, rooms: { ...ctx.rooms, [r.room]: r } })
const noteOf = (n: ReturnType<typeof stateNote>): Effect[] => (n ? [{ kind: 'note', note: n }] : [])

export function receive(ctx: ClientContext, msg: Message): Step {
  const r = roomOf(ctx, msg.room)
  const inflight = ctx.inflight
  switch (msg.type) {
    case 'acl': {
      const used = ctx.design.policy === 'service' && !ctx.malicious
      const next = used ? { ...r, acl: msg.roster } : r
      const n = note(ctx, r.room, r.view?.epoch ?? null, { type: 'acl.update', participants: msg.roster.participants, used },
        used ? `${short(ctx.self)} trusts its provider's participant list` : `${short(ctx.self)} ignores its provider's participant list (policy=mls reads the GroupContext)`)
      return { ctx: put(ctx, next), effects: [{ kind: 'note', note: n }, ...(used ? noteOf(stateNote(ctx, next)) : [])] }
    }
    case 'notify':
      return hasSeen(r.seen, msg.seq) ? { ctx, effects: [] } : onNotify(ctx, patched(r, { seen: withSeen(r.seen, msg.seq) }), msg)
    case 'keyMaterialResponse': {
      if (inflight?.action !== 'add' || inflight.stage !== 'keyMaterial' || inflight.target !== msg.target) return { ctx, effects: [] }
      // (the narrowing above leaves only the keyMaterial stage of an add)
      if (msg.status !== 'success' && msg.status !== 'partialSuccess') return done(ctx, r, 'add', false, `keyMaterial for ${short(msg.target)}: ${msg.status}`)
      return commitAdd(ctx, r, inflight, msg.keyPackages)
    }
    case 'updateResponse':
      return onUpdateResponse(ctx, r, msg)
    case 'submitMessageResponse': {
      if (inflight?.action !== 'send' || inflight.stage !== 'submit') return { ctx, effects: [] }
      return done(ctx, r, 'send', msg.status === 'accepted', msg.status === 'accepted' ? `hub accepted the message` : `hub refused the message: ${msg.status} ${msg.reason}`)
    }
    case 'leaveResponse': {
      if (inflight?.action !== 'leave') return { ctx, effects: [] }
      return done(ctx, r, 'leave', msg.status === 'success', msg.status === 'success' ? `the hub proposes ${short(ctx.user)}'s removal on its behalf` : `the hub refuses the leave: ${msg.reason}`)
    }
    case 'groupInfoResponse': {
      if (inflight?.action !== 'externalJoin' || inflight.stage !== 'groupInfo') return { ctx, effects: [] }
      const kp = ctx.keyPackages[0]
      if (msg.status !== 'success' || !msg.groupInfo || !kp) return done(ctx, r, 'externalJoin', false, `groupInfo ${msg.status}${kp ? '' : ' (no KeyPackage left)'}`)
      return {
        ctx: { ...ctx, inflight: { ...inflight, stage: 'join', roster: msg.roster, updates: [] } },
        effects: [{ kind: 'mls', room: r.room, tag: 'intent', op: { op: 'joinExternal', identity: ctx.identity, kp, groupInfo: msg.groupInfo } }],
      }
    }
    default:
      return { ctx, effects: [] }
  }
}

/** A fanout item from the hub, seen for the first time (`r` already records its sequence number). */
function onNotify(ctx0: ClientContext, r: ClientRoom, msg: Extract<Message, { type: 'notify' }>): Step {
  const ctx = put(ctx0, r)
  const item = msg.item
  const acl = ctx.design.policy === 'service' ? msg.roster : r.acl
  if (item.kind === 'welcome') {
    if (item.to !== ctx.self || (r.group && !r.view?.removed)) return { ctx, effects: [] }
    const kp = ctx.keyPackages.find((k) => k.ref === item.kpRef)
    if (!kp) {
      const n = note(ctx, r.room, null, { type: 'mls.fail', what: 'welcome', error: `no KeyPackage ${item.kpRef}` }, `${short(ctx.self)} got a Welcome for a KeyPackage it does not hold`)
      return { ctx, effects: [{ kind: 'note', note: n }] }
    }
    const next = patched(r, { acl, processing: { item, roster: msg.roster } })
    return { ctx: put(ctx, next), effects: [{ kind: 'mls', room: r.room, tag: 'incoming', op: { op: 'join', identity: ctx.identity, kp, welcome: item.welcome } }] }
  }
  if (!r.group || (item.kind !== 'proposal' && item.sender === ctx.self)) return { ctx, effects: [] }
  const wire = item.kind === 'commit' ? item.commit : item.kind === 'proposal' ? item.proposal : item.message
  const next = patched(r, { acl, processing: { item, roster: msg.roster } })
  const validator = validatorFor(ctx, r.view, acl)
  return { ctx: put(ctx, next), effects: [{ kind: 'mls', room: r.room, tag: 'incoming', op: { op: 'process', group: r.group, wire, validator } }] }
}

function onUpdateResponse(ctx: ClientContext, r: ClientRoom, msg: Extract<Message, { type: 'updateResponse' }>): Step {
  const inflight = ctx.inflight
  if (!inflight || (inflight.stage !== 'update' && inflight.stage !== 'joinUpdate')) return { ctx, effects: [] }
  if (msg.status !== 'success') return done(ctx, r, inflight.action, false, `hub answered ${msg.status}: ${msg.reason}`)
  if (inflight.action === 'externalJoin' && inflight.stage === 'joinUpdate') {
    const joined = inflight.joined!
    const { evicted: _stale, ...kept } = r
    const next: ClientRoom = { ...kept, group: joined.group, view: joined.view, acl: ctx.design.policy === 'service' ? inflight.roster : r.acl }
    const n = note(ctx, r.room, joined.view.epoch, { type: 'mls.join', via: 'external' }, `${short(ctx.self)} joined by external commit at epoch ${joined.view.epoch}`)
    const joinedCtx = put(ctx, next)
    const effects: Effect[] = [{ kind: 'note', note: n }, ...noteOf(stateNote(ctx, next))]
    // An external commit cannot carry the list change (RFC 9420 §12.4.3.2): list oneself next (membership.ts).
    const held = heldPolicy(joinedCtx, next)
    if (ctx.design.policy === 'mls' && held && roleIndexOf(held, ctx.user) === 0) {
      const role = selfJoinRole(held, { kind: 'joiner', user: ctx.user, client: ctx.self })
      if (role !== null) {
        const s = listSelf(joinedCtx, next, role)
        return { ctx: s.ctx, effects: [...effects, ...s.effects] }
      }
    }
    const fin = done(joinedCtx, next, 'externalJoin', true, `external join accepted by the hub`)
    return { ctx: fin.ctx, effects: [...effects, ...fin.effects] }
  }
  if (!('pending' in inflight) || !inflight.pending) return { ctx, effects: [] }
  const pending = inflight.pending
  const view = pending.view
  // policy=service: the list the hub answers with is the one it holds now (it may have changed beside
  // this commit, say a leaver's removal); the list asked for, failing that.
  const roster = ctx.design.policy === 'service' ? (msg.roster ?? ('roster' in inflight ? inflight.roster : null)) : null
  const next: ClientRoom = { ...r, group: pending.state, view, acl: roster ?? r.acl }
  const c = pending.change
  const n = note(ctx, r.room, view.epoch, { type: 'mls.commit', adds: c.adds, removes: c.removes, contextChanged: c.context !== null, bytes: pending.commit.bytes },
    `${short(ctx.self)} commits epoch ${view.epoch}${c.adds.length ? `, adding ${c.adds.map(short).join(', ')}` : ''}${c.removes.length ? `, removing ${c.removes.map(short).join(', ')}` : ''}${c.context !== null ? ', changing the room policy' : ''}`)
  const effects: Effect[] = [{ kind: 'note', note: n }, ...noteOf(stateNote(ctx, next))]
  if (inflight.action === 'send') {
    return { ctx: { ...put(ctx, next), inflight: { ...inflight, stage: 'protect', pending: null } }, effects: [...effects, protectEffect(next, inflight.text)] }
  }
  if ('steps' in inflight && inflight.steps.length > 1) {
    const s = nextCommit(put(ctx, next), next, { ...inflight, steps: inflight.steps.slice(1) })
    return { ctx: s.ctx, effects: [...effects, ...s.effects] }
  }
  const fin = done(put(ctx, next), next, inflight.action, true, `hub accepted epoch ${view.epoch}`)
  return { ctx: fin.ctx, effects: [...effects, ...fin.effects] }
}

export function onMlsResult(ctx: ClientContext, ev: MlsResultEvent): Step {
  const r = roomOf(ctx, ev.room)
  const o = ev.outcome
  if (ev.tag === 'intent') return onIntentResult(ctx, r, o)
  const item = r.processing?.item
  const cleared: ClientRoom = patched(r, { processing: null })
  if (o.op === 'join') {
    if (o.result.kind === 'failed') {
      const n = note(ctx, r.room, null, { type: 'mls.fail', what: 'welcome', error: o.result.error }, `${short(ctx.self)} could not join from the Welcome: ${o.result.error}`)
      return { ctx: put(ctx, cleared), effects: [{ kind: 'note', note: n }] }
    }
    const used = item?.kind === 'welcome' ? item.kpRef : ''
    const refusal = refuseJoin(ctx, r, o.view!, 'welcome', o.view!.epoch)
    // The KeyPackage is spent either way: the adder published it in a Welcome, and a KeyPackage is for one use only (RFC 9420).
    if (refusal) return { ctx: { ...put(ctx, cleared), keyPackages: ctx.keyPackages.filter((k) => k.ref !== used) }, effects: [refusal] }
    const next: ClientRoom = { ...cleared, group: o.result.state, view: o.view }
    const n = note(ctx, r.room, o.view!.epoch, { type: 'mls.join', via: 'welcome' }, `${short(ctx.self)} joins from a Welcome at epoch ${o.view!.epoch}`)
    return { ctx: { ...put(ctx, next), keyPackages: ctx.keyPackages.filter((k) => k.ref !== used) }, effects: [{ kind: 'note', note: n }, ...noteOf(stateNote(ctx, next))] }
  }
  if (o.op !== 'process' || !item) return { ctx: put(ctx, cleared), effects: [] }
  const res = o.result
  const epoch = r.view?.epoch ?? null
  const what = item.kind === 'commit' ? 'commit' : item.kind === 'proposal' ? 'proposal' : 'application'
  const sender = item.kind === 'welcome' ? '' : item.sender
  const from = short(sender)
  switch (res.kind) {
    case 'rejected': {
      const n = note(ctx, r.room, epoch, { type: 'mls.reject', what: what === 'application' ? 'commit' : what, reason: res.reason, sender }, `${short(ctx.self)} rejects ${from}'s ${what}: ${res.reason}`)
      return { ctx: put(ctx, cleared), effects: [{ kind: 'note', note: n }] }
    }
    case 'failed': {
      const n = note(ctx, r.room, epoch, { type: 'mls.fail', what, error: res.error }, `${short(ctx.self)} cannot process ${from}'s ${what}: ${res.error}`)
      return { ctx: put(ctx, cleared), effects: [{ kind: 'note', note: n }] }
    }
    case 'application': {
      const next = { ...cleared, group: res.state }
      const n = note(ctx, r.room, epoch, { type: 'app.receive', sender: res.sender, text: res.plaintext }, `${short(ctx.self)} decrypts "${res.plaintext}" from ${short(res.sender)}`)
      return { ctx: put(ctx, next), effects: [{ kind: 'note', note: n }] }
    }
    case 'proposal': {
      const next = { ...cleared, group: res.state, view: o.view ?? r.view }
      const c = res.change
      const what = [...c.adds.map((x) => `add ${short(x)}`), ...c.removes.map((x) => `remove ${short(x)}`), ...(c.context !== null ? ['change the room policy'] : [])].join(', ')
      const n = note(ctx, r.room, epoch, { type: 'mls.proposal', sender, adds: c.adds, removes: c.removes, contextChanged: c.context !== null }, `${short(ctx.self)} accepts ${from}'s proposal${what ? ` to ${what}` : ''} as pending`)
      return { ctx: put(ctx, next), effects: [{ kind: 'note', note: n }] }
    }
    case 'commit': {
      const c = res.change
      if (ctx.malicious && c.removes.includes(ctx.self)) {
        // A malicious client keeps the state of the epoch it was removed in: it still holds that
        // epoch's keys, and tries to go on talking (digest S6; PROTO §5.3: the hub must block it).
        const n = note(ctx, r.room, epoch, { type: 'client.state', members: r.view?.members ?? [], policy: heldPolicy(ctx, r), digest: r.view?.digest ?? '', removed: false },
          `${short(ctx.self)} ignores ${from}'s commit removing it and keeps its epoch-${epoch} state`)
        return { ctx: put(ctx, { ...cleared, evicted: true }), effects: [{ kind: 'note', note: n }] }
      }
      const next = { ...cleared, group: res.state, view: o.view }
      const change = policyChangeNote(ctx, r, c)
      const n = note(ctx, r.room, o.view?.epoch ?? epoch, { type: 'mls.apply', sender, adds: c.adds, removes: c.removes, contextChanged: c.context !== null },
        `${short(ctx.self)} applies ${from}'s commit${c.adds.length ? ` adding ${c.adds.map(short).join(', ')}` : ''}${c.removes.length ? ` removing ${c.removes.map(short).join(', ')}` : ''}`)
      return { ctx: put(ctx, next), effects: [{ kind: 'note', note: n }, ...change, ...noteOf(stateNote(ctx, next))] }
    }
  }
}

/**
 * Under policy=mls, an honest joiner's check of the group it is joining (joinCheck.ts): a refusal
 * note when some other member is not admitted by the group's own policy, else null. `epoch` is the
 * epoch of what it was offered: the Welcome's, or the GroupInfo's.
 */
function refuseJoin(ctx: ClientContext, r: ClientRoom, view: GroupView, via: 'welcome' | 'external', epoch: number): Effect | null {
  if (ctx.design.policy !== 'mls' || ctx.malicious) return null
  const check = checkJoin(groupPolicy(view), view.members, ctx.self, ctx.variant)
  if (check.ok) return null
  const from = via === 'welcome' ? 'the Welcome' : "the hub's GroupInfo"
  return { kind: 'note', note: note(ctx, r.room, epoch, { type: 'mls.refuseJoin', via, member: check.member, reason: check.reason }, `${short(ctx.self)} refuses to join from ${from}: ${check.reason}`) }
}

/** Under policy=mls, what an applied commit changed in the room policy and by whose rights (POL §8). */
function policyChangeNote(ctx: ClientContext, r: ClientRoom, c: IncomingChange): Effect[] {
  const before = groupPolicy(r.view)
  if (ctx.design.policy !== 'mls' || ctx.malicious || c.context === null || !before || !r.view) return []
  const v = judgeChange({ before, members: r.view.members, change: c, variant: ctx.variant })
  if (v.kind !== 'allowed') return []
  const updates = diffUpdates(before, v.after).map(describeUpdate)
  const used = v.used.map((u) => [u.by.kind === 'external' ? u.by.provider : u.by.user, u.capability] as const)
  const n = note(ctx, r.room, r.view.epoch + 1, { type: 'policy.change', updates, used, forced: false, participants: v.after.participants },
    `${short(ctx.self)} applies a room-policy change (${updates.join('; ')}) authorized by ${[...new Set(used.map(([who, cap]) => `${short(who)}:${cap}`))].join(', ') || 'nobody'}`)
  return [{ kind: 'note', note: n }]
}

function onIntentResult(ctx: ClientContext, r: ClientRoom, o: MlsResultEvent['outcome']): Step {
  const inflight = ctx.inflight
  if (!inflight) return { ctx, effects: [] }
  if (o.op === 'protect' && inflight.action === 'send') {
    const n = note(ctx, r.room, o.view.epoch, { type: 'app.send', text: inflight.text }, `${short(ctx.self)} encrypts "${inflight.text}" for epoch ${o.view.epoch}`)
    const submit: Effect = { kind: 'send', to: ctx.provider, msg: { type: 'submitMessage', origin: ctx.self, room: r.room, epoch: o.view.epoch, message: o.message } }
    return { ctx: { ...put(ctx, { ...r, group: o.state }), inflight: { ...inflight, stage: 'submit' } }, effects: [{ kind: 'note', note: n }, submit] }
  }
  if (o.op === 'commit' && (inflight.action === 'send' || 'steps' in inflight)) {
    // Written out, not spread: a spread copy given a key it lacks gets a hidden class of its own in
    // Node 20's engine (docs/explore.md), which every reaction that reads it then pays for.
    const x = o.result
    const pending: PendingCommit = { state: x.state, commit: x.commit, welcome: x.welcome, welcomeRefs: x.welcomeRefs, groupInfo: x.groupInfo, change: x.change, view: o.view }
    const roster = 'steps' in inflight ? inflight.roster : null
    const updates = 'steps' in inflight ? inflight.updates : []
    const update: Effect = {
      kind: 'send',
      to: ctx.provider,
      msg: { type: 'update', origin: ctx.self, room: r.room, epoch: r.view!.epoch, commit: o.result.commit, welcome: o.result.welcome, welcomeRefs: o.result.welcomeRefs, groupInfo: o.result.groupInfo, change: o.result.change, roster, updates },
    }
    return { ctx: { ...ctx, inflight: { ...inflight, stage: 'update', pending } as Inflight }, effects: [update] }
  }
  if (o.op === 'joinExternal.failed' && inflight.action === 'externalJoin' && inflight.stage === 'join') {
    return done(ctx, r, 'externalJoin', false, `external commit could not be built: ${o.error}`)
  }
  if (o.op === 'joinExternal' && inflight.action === 'externalJoin' && inflight.stage === 'join') {
    // Checked before the external commit leaves the client: refusing then publishes nothing, so the
    // KeyPackage is kept.
    const refusal = refuseJoin(ctx, r, o.view, 'external', o.view.epoch - 1)
    if (refusal) return done(ctx, r, 'externalJoin', false, `${short(ctx.self)} will not join a group whose own policy does not admit all its members (POL §1)`, [refusal])
    const kpRef = ctx.keyPackages[0]?.ref
    const change = { kind: 'commit' as const, sender: { kind: 'newMember' as const, client: ctx.self }, adds: [ctx.self], removes: [], context: null, parts: [] }
    // policy=service: the joiner asks the hub to list it, with the role its self-join path gives.
    const reported = inflight.roster
    const role = ctx.design.policy === 'service' && reported && roleIndexOf(reported, ctx.user) === 0 ? selfJoinRole(reported, { kind: 'joiner', user: ctx.user, client: ctx.self }) : null
    const updates = role !== null ? [listUpdate({ add: [[ctx.user, role]] })] : []
    const roster = reported && updates.length ? applyUpdates(reported, updates) : reported
    const update: Effect = {
      kind: 'send',
      to: ctx.provider,
      msg: { type: 'update', origin: ctx.self, room: r.room, epoch: o.view.epoch - 1, commit: o.commit, welcome: null, welcomeRefs: [], groupInfo: o.groupInfo, change, roster, updates },
    }
    return {
      ctx: { ...ctx, keyPackages: ctx.keyPackages.filter((k) => k.ref !== kpRef), inflight: { ...inflight, stage: 'joinUpdate', roster, updates, joined: { group: o.state, view: o.view } } },
      effects: [update],
    }
  }
  return { ctx, effects: [] }
}

/**
 * How a client reacts to what arrives: its provider's responses and fanout, and the results of the
 * MLS operations it asked for.
 *
 * draft-ietf-mimi-protocol-06 §5.5 (notify: commits, proposals, application messages, Welcomes,
 * each with the hub's participant list), §5.3 (update response: apply own commit only on success),
 * §5.6 (external join), RFC 9420 §12.4 (a rejected commit leaves the member in the old epoch,
 * outside the group's future).
 */
import type { Effect, MlsResultEvent } from '../effects.js'
import type { Message } from '../protocol/messages.js'
import { type ClientContext, type ClientRoom, type Inflight, roomOf } from './context.js'
import { commitAdd, commitEffect, done, protectEffect } from './intents.js'
import { note, short, stateNote } from './notes.js'
import { validatorFor } from './validate.js'

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
      return r.seen.includes(msg.seq) ? { ctx, effects: [] } : onNotify(ctx, { ...r, seen: [...r.seen, msg.seq] }, msg)
    case 'keyMaterialResponse': {
      if (inflight?.action !== 'add' || inflight.stage !== 'keyMaterial' || inflight.target !== msg.target) return { ctx, effects: [] }
      if (msg.status !== 'success' && msg.status !== 'partialSuccess') return done(ctx, r, 'add', false, `keyMaterial for ${short(msg.target)}: ${msg.status}`)
      return commitAdd(ctx, r, inflight, msg.keyPackages)
    }
    case 'updateResponse':
      return onUpdateResponse(ctx, r, msg)
    case 'submitMessageResponse': {
      if (inflight?.action !== 'send' || inflight.stage !== 'submit') return { ctx, effects: [] }
      return done(ctx, r, 'send', msg.status === 'accepted', msg.status === 'accepted' ? `hub accepted the message` : `hub refused the message: ${msg.status} ${msg.reason}`)
    }
    case 'groupInfoResponse': {
      if (inflight?.action !== 'externalJoin' || inflight.stage !== 'groupInfo') return { ctx, effects: [] }
      const kp = ctx.keyPackages[0]
      if (msg.status !== 'success' || !msg.groupInfo || !kp) return done(ctx, r, 'externalJoin', false, `groupInfo ${msg.status}${kp ? '' : ' (no KeyPackage left)'}`)
      return {
        ctx: { ...ctx, inflight: { ...inflight, stage: 'join', roster: msg.roster } },
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
    const next = { ...r, acl, processing: { item, roster: msg.roster } }
    return { ctx: put(ctx, next), effects: [{ kind: 'mls', room: r.room, tag: 'incoming', op: { op: 'join', identity: ctx.identity, kp, welcome: item.welcome } }] }
  }
  if (!r.group || (item.kind !== 'proposal' && item.sender === ctx.self)) return { ctx, effects: [] }
  const wire = item.kind === 'commit' ? item.commit : item.kind === 'proposal' ? item.proposal : item.message
  const next = { ...r, acl, processing: { item, roster: msg.roster } }
  const validator = validatorFor(ctx, r.view, acl)
  return { ctx: put(ctx, next), effects: [{ kind: 'mls', room: r.room, tag: 'incoming', op: { op: 'process', group: r.group, wire, validator } }] }
}

function onUpdateResponse(ctx: ClientContext, r: ClientRoom, msg: Extract<Message, { type: 'updateResponse' }>): Step {
  const inflight = ctx.inflight
  if (!inflight || inflight.stage !== 'update') return { ctx, effects: [] }
  if (msg.status !== 'success') return done(ctx, r, inflight.action, false, `hub answered ${msg.status}: ${msg.reason}`)
  if (inflight.action === 'externalJoin') {
    const joined = inflight.joined!
    const next: ClientRoom = { ...r, group: joined.group, view: joined.view, acl: ctx.design.policy === 'service' ? inflight.roster : r.acl }
    const n = note(ctx, r.room, joined.view.epoch, { type: 'mls.join', via: 'external' }, `${short(ctx.self)} joined by external commit at epoch ${joined.view.epoch}`)
    const fin = done(put(ctx, next), next, 'externalJoin', true, `external join accepted by the hub`)
    return { ctx: fin.ctx, effects: [{ kind: 'note', note: n }, ...noteOf(stateNote(ctx, next)), ...fin.effects] }
  }
  const pending = inflight.pending!
  const view = pending.view
  const roster = inflight.action === 'add' ? inflight.roster : inflight.action === 'send' ? null : inflight.rosters[0] ?? null
  const next: ClientRoom = { ...r, group: pending.state, view, acl: roster ?? r.acl }
  const c = pending.change
  const n = note(ctx, r.room, view.epoch, { type: 'mls.commit', adds: c.adds, removes: c.removes, contextChanged: c.context !== null, bytes: pending.commit.bytes },
    `${short(ctx.self)} commits epoch ${view.epoch}${c.adds.length ? `, adding ${c.adds.map(short).join(', ')}` : ''}${c.removes.length ? `, removing ${c.removes.map(short).join(', ')}` : ''}${c.context !== null ? ', changing the room policy' : ''}`)
  const effects: Effect[] = [{ kind: 'note', note: n }, ...noteOf(stateNote(ctx, next))]
  if (inflight.action === 'send') {
    return { ctx: { ...put(ctx, next), inflight: { ...inflight, stage: 'protect', pending: null } }, effects: [...effects, protectEffect(next, inflight.text)] }
  }
  if (inflight.action !== 'add' && inflight.plan.length > 1) {
    const rest: Inflight = { ...inflight, plan: inflight.plan.slice(1), rosters: inflight.rosters.slice(1), stage: 'commit', pending: null }
    return { ctx: { ...put(ctx, next), inflight: rest }, effects: [...effects, commitEffect(next, rest.plan[0]!)] }
  }
  const fin = done(put(ctx, next), next, inflight.action, true, `hub accepted epoch ${view.epoch}`)
  return { ctx: fin.ctx, effects: [...effects, ...fin.effects] }
}

export function onMlsResult(ctx: ClientContext, ev: MlsResultEvent): Step {
  const r = roomOf(ctx, ev.room)
  const o = ev.outcome
  if (ev.tag === 'intent') return onIntentResult(ctx, r, o)
  const item = r.processing?.item
  const cleared: ClientRoom = { ...r, processing: null }
  if (o.op === 'join') {
    if (o.result.kind === 'failed') {
      const n = note(ctx, r.room, null, { type: 'mls.fail', what: 'welcome', error: o.result.error }, `${short(ctx.self)} could not join from the Welcome: ${o.result.error}`)
      return { ctx: put(ctx, cleared), effects: [{ kind: 'note', note: n }] }
    }
    const used = item?.kind === 'welcome' ? item.kpRef : ''
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
      const n = note(ctx, r.room, epoch, { type: 'mls.reject', what: what === 'application' ? 'commit' : what, reason: res.reason }, `${short(ctx.self)} rejects ${from}'s ${what}: ${res.reason}`)
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
      const n = note(ctx, r.room, epoch, { type: 'mls.proposal', sender, adds: res.change.adds }, `${short(ctx.self)} accepts ${from}'s proposal${res.change.adds.length ? ` to add ${res.change.adds.map(short).join(', ')}` : ''} as pending`)
      return { ctx: put(ctx, next), effects: [{ kind: 'note', note: n }] }
    }
    case 'commit': {
      const next = { ...cleared, group: res.state, view: o.view }
      const c = res.change
      const n = note(ctx, r.room, o.view?.epoch ?? epoch, { type: 'mls.apply', sender, adds: c.adds, removes: c.removes, contextChanged: c.context !== null },
        `${short(ctx.self)} applies ${from}'s commit${c.adds.length ? ` adding ${c.adds.map(short).join(', ')}` : ''}${c.removes.length ? ` removing ${c.removes.map(short).join(', ')}` : ''}`)
      return { ctx: put(ctx, next), effects: [{ kind: 'note', note: n }, ...noteOf(stateNote(ctx, next))] }
    }
  }
}

function onIntentResult(ctx: ClientContext, r: ClientRoom, o: MlsResultEvent['outcome']): Step {
  const inflight = ctx.inflight
  if (!inflight) return { ctx, effects: [] }
  if (o.op === 'protect' && inflight.action === 'send') {
    const n = note(ctx, r.room, o.view.epoch, { type: 'app.send', text: inflight.text }, `${short(ctx.self)} encrypts "${inflight.text}" for epoch ${o.view.epoch}`)
    const submit: Effect = { kind: 'send', to: ctx.provider, msg: { type: 'submitMessage', origin: ctx.self, room: r.room, epoch: o.view.epoch, message: o.message } }
    return { ctx: { ...put(ctx, { ...r, group: o.state }), inflight: { ...inflight, stage: 'submit' } }, effects: [{ kind: 'note', note: n }, submit] }
  }
  if (o.op === 'commit' && inflight.action !== 'externalJoin') {
    const pending = { ...o.result, view: o.view }
    const roster = inflight.action === 'add' ? inflight.roster : inflight.action === 'send' ? null : inflight.rosters[0] ?? null
    const update: Effect = {
      kind: 'send',
      to: ctx.provider,
      msg: { type: 'update', origin: ctx.self, room: r.room, epoch: r.view!.epoch, commit: o.result.commit, welcome: o.result.welcome, welcomeRefs: o.result.welcomeRefs, groupInfo: o.result.groupInfo, change: o.result.change, roster },
    }
    return { ctx: { ...ctx, inflight: { ...inflight, stage: 'update', pending } as Inflight }, effects: [update] }
  }
  if (o.op === 'joinExternal.failed' && inflight.action === 'externalJoin') {
    return done(ctx, r, 'externalJoin', false, `external commit could not be built: ${o.error}`)
  }
  if (o.op === 'joinExternal' && inflight.action === 'externalJoin') {
    const kpRef = ctx.keyPackages[0]?.ref
    const change = { kind: 'commit' as const, sender: { kind: 'newMember' as const, client: ctx.self }, adds: [ctx.self], removes: [], context: null, parts: [] }
    const update: Effect = {
      kind: 'send',
      to: ctx.provider,
      msg: { type: 'update', origin: ctx.self, room: r.room, epoch: o.view.epoch - 1, commit: o.commit, welcome: null, welcomeRefs: [], groupInfo: o.groupInfo, change, roster: inflight.roster },
    }
    return {
      ctx: { ...ctx, keyPackages: ctx.keyPackages.filter((k) => k.ref !== kpRef), inflight: { ...inflight, stage: 'update', joined: { group: o.state, view: o.view } } },
      effects: [update],
    }
  }
  return { ctx, effects: [] }
}

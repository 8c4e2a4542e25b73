/**
 * The adversary's active moves, each spending budget (digest S2; §6.2 capability matrix).
 *
 * `injectAdd` (malicious hub): propose, as external sender, an Add of each client of one of its own
 * users, and list that user as a participant in the list it serves — under policy=service that list
 * *is* the policy. `forgeAcl` (malicious provider): tell one of its own clients that a user is a
 * participant, and keep saying so in everything it relays to that client.
 *
 * Both are refused (with a note) when the capability is missing, the budget is spent, or the
 * target is not the provider's own user / the victim not its own client: the budget is part of the
 * scenario, not a hidden coin.
 */
import { shortName as short } from '../ids.js'
import type { Effect, MlsResultEvent } from '../effects.js'
import { type ClientId, type RoomId, type UserId, userOfClient } from '../ids.js'
import { withRole } from '../policy/roomState.js'
import type { ProviderContext } from '../provider/context.js'
import { fanout, hubNote } from '../provider/hub.js'
import { handle } from '../provider/handle.js'
import { rosterFor, type Step } from '../provider/relay.js'
import { canUse, spend } from './capabilities.js'

export type AdversaryAction =
  | { readonly action: 'injectAdd'; readonly room: RoomId; readonly target: UserId }
  | { readonly action: 'forgeAcl'; readonly room: RoomId; readonly target: UserId; readonly victim: ClientId }


function refuse(ctx: ProviderContext, room: RoomId, why: string): Step {
  return { ctx, effects: [hubNote(ctx, room, null, { type: 'attack.refused', reason: why }, `adversary move not possible: ${why}`)] }
}

export function adversaryAct(ctx: ProviderContext, a: AdversaryAction): Step {
  if (!canUse(ctx.malice, a.action)) return refuse(ctx, a.room, `${short(ctx.self)} lacks ${a.action} or its budget is spent`)
  const malice = spend(ctx.malice!)
  if (a.action === 'forgeAcl') {
    const f = ctx.following[a.room]
    const base = ctx.hosted[a.room]?.roster ?? f?.roster
    if (!base || !(ctx.users[userOfClient(a.victim)] ?? []).includes(a.victim)) {
      return refuse(ctx, a.room, `${short(a.victim)} is not a client of ${short(ctx.self)}`)
    }
    const room = malice.forged[a.room] ?? {}
    const forged = { ...malice.forged, [a.room]: { ...room, [a.victim]: [...new Set([...(room[a.victim] ?? []), a.target])].sort() as UserId[] } }
    const next: ProviderContext = { ...ctx, malice: { ...malice, forged } }
    const n = hubNote(ctx, a.room, null, { type: 'attack.forgeAcl', target: a.target, victim: a.victim }, `malicious ${short(ctx.self)} tells ${short(a.victim)} that ${short(a.target)} is a participant`)
    return { ctx: next, effects: [n, { kind: 'send', to: a.victim, msg: { type: 'acl', room: a.room, roster: rosterFor(next, a.room, a.victim, base) } }] }
  }
  const r = ctx.hosted[a.room]
  const clients = ctx.users[a.target] ?? []
  if (!r || !r.groupInfo || !ctx.externalSender) return refuse(ctx, a.room, `${short(ctx.self)} does not host ${short(a.room)}`)
  if (clients.length === 0) return refuse(ctx, a.room, `${short(a.target)} is not a user of ${short(ctx.self)}`)
  const stock = { ...ctx.stock }
  const ops: Effect[] = []
  for (const c of clients) {
    const [kp, ...rest] = stock[c] ?? []
    if (!kp) continue
    stock[c] = rest
    ops.push({ kind: 'mls', room: a.room, tag: `inject:${kp.ref}`, op: { op: 'proposeExternalAdd', sender: ctx.externalSender, groupInfo: r.groupInfo, kp } })
  }
  const kpRoutes = { ...r.kpRoutes }
  for (const op of ops) if (op.kind === 'mls' && op.op.op === 'proposeExternalAdd') kpRoutes[op.op.kp.ref] = op.op.kp.client
  const next: ProviderContext = { ...ctx, malice, stock, hosted: { ...ctx.hosted, [a.room]: { ...r, roster: withRole(r.roster, a.target, 2), kpRoutes } } }
  const n = hubNote(ctx, a.room, r.epoch, { type: 'attack.inject', target: a.target }, `malicious hub lists ${short(a.target)} as a participant and proposes Add of ${clients.map(short).join(', ')} as external sender`)
  return { ctx: next, effects: [n, ...ops] }
}

/** The injected proposal is ready: fan it out to every member, as the hub does with its own proposals. */
export function onInjected(ctx: ProviderContext, ev: MlsResultEvent): Step {
  const r = ctx.hosted[ev.room]
  if (ev.outcome.op !== 'proposeExternalAdd' || !r) return { ctx, effects: [] }
  const ref = ev.tag.slice('inject:'.length)
  const client = r.kpRoutes[ref]
  if (!client) return { ctx, effects: [] }
  return fanout(ctx, r.room, { kind: 'proposal', proposal: ev.outcome.proposal, sender: ctx.self, adds: [client], removes: [], contextChanged: false }, r.roster, r.members, handle)
}

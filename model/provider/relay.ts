/**
 * A provider's follower duties: forward its clients' requests to the room's hub, hand responses
 * back, answer keyMaterial for its own users, and deliver the hub's fanout to its own clients.
 *
 * draft-ietf-mimi-protocol-06 §5.2 (the target provider answers keyMaterial with one KeyPackage per
 * client; KPs "MUST be sent via the hub"), §5.5 (notify; last-mile delivery; a removed client SHOULD
 * get the removing commit), ARCH §2 (followers only talk to the hub about a room).
 *
 * A malicious provider that has forged a client's ACL keeps adding the forged users to every
 * participant list it relays to that client, so the lie survives later fanout.
 */
import type { Effect } from '../effects.js'
import { type ClientId, type ProviderId, providerOf, type RoomId, type UserId, userOfClient } from '../ids.js'
import type { KeyPackage } from '../mls/types.js'
import type { FanoutItem, Message } from '../protocol/messages.js'
import { type RoomState, withRole } from '../policy/roomState.js'
import type { FollowedRoom, ProviderContext } from './context.js'

export type Step = { readonly ctx: ProviderContext; readonly effects: readonly Effect[] }
export type Handler = (ctx: ProviderContext, from: ProviderId | ClientId, msg: Message) => Step

const sorted = (xs: Iterable<ClientId>): ClientId[] => [...new Set(xs)].sort()

export function isOwnClient(ctx: ProviderContext, id: string): id is ClientId {
  return Object.values(ctx.users).some((clients) => clients.includes(id as ClientId))
}

/** Send to another provider, or handle locally when the destination is this provider. */
export function route(ctx: ProviderContext, to: ProviderId, msg: Message, handle: Handler): Step {
  if (to === ctx.self) return handle(ctx, ctx.self, msg)
  return { ctx, effects: [{ kind: 'send', to, msg }] }
}

export function andThen(first: Step, next: (ctx: ProviderContext) => Step): Step {
  const second = next(first.ctx)
  return { ctx: second.ctx, effects: [...first.effects, ...second.effects] }
}

/** What this provider tells `client` the participant list is. */
export function rosterFor(ctx: ProviderContext, room: RoomId, client: ClientId, roster: RoomState): RoomState {
  const lies = ctx.malice?.forged[room]?.[client] ?? []
  return lies.reduce((r, user) => withRole(r, user, 2), roster)
}

/** Answer a keyMaterial request for one of this provider's users (consent is always granted so far). */
export function answerKeyMaterial(ctx: ProviderContext, msg: Extract<Message, { type: 'keyMaterial' }>): { ctx: ProviderContext; reply: Message } {
  const clients = ctx.users[msg.target]
  if (!clients) {
    return { ctx, reply: { type: 'keyMaterialResponse', origin: msg.origin, room: msg.room, target: msg.target, status: 'userUnknown', keyPackages: [] } }
  }
  const stock = { ...ctx.stock }
  const kps: KeyPackage[] = []
  for (const c of clients) {
    const [kp, ...rest] = stock[c] ?? []
    if (kp) {
      kps.push(kp)
      stock[c] = rest
    }
  }
  const status = kps.length === clients.length ? 'success' : kps.length > 0 ? 'partialSuccess' : 'noCompatibleMaterial'
  return { ctx: { ...ctx, stock }, reply: { type: 'keyMaterialResponse', origin: msg.origin, room: msg.room, target: msg.target, status, keyPackages: kps } }
}

function followed(ctx: ProviderContext, room: RoomId, roster: RoomState): FollowedRoom {
  return ctx.following[room] ?? { room, members: [], roster, seen: [] }
}

/** Last-mile delivery of one fanout item to this provider's clients. */
export function deliverFanout(ctx: ProviderContext, room: RoomId, seq: number, item: FanoutItem, roster: RoomState): Step {
  const f = followed(ctx, room, roster)
  if (f.seen.includes(seq)) return { ctx, effects: [] }
  let members = f.members
  let targets: ClientId[]
  if (item.kind === 'welcome') {
    if (!isOwnClient(ctx, item.to)) return { ctx, effects: [] }
    targets = [item.to]
    members = sorted([...members, item.to])
  } else {
    targets = [...f.members]
    if (item.kind === 'commit') {
      const own = item.change.adds.filter((c) => isOwnClient(ctx, c))
      members = sorted([...members.filter((c) => !item.change.removes.includes(c)), ...own])
    }
  }
  const next: ProviderContext = { ...ctx, following: { ...ctx.following, [room]: { room, members, roster, seen: [...f.seen, seq] } } }
  const effects: Effect[] = targets.map((client) => ({
    kind: 'send',
    to: client,
    msg: { type: 'notify', room, seq, item, roster: rosterFor(ctx, room, client, roster) },
  }))
  return { ctx: next, effects }
}

/** Hand a response to the client that asked, or pass it on towards that client's provider. */
export function towardsOrigin(ctx: ProviderContext, msg: Message & { origin: ClientId }, handle: Handler): Step {
  if (isOwnClient(ctx, msg.origin)) return { ctx, effects: [{ kind: 'send', to: msg.origin, msg }] }
  return route(ctx, providerOf(msg.origin), msg, handle)
}

export const userOf = (c: ClientId): UserId => userOfClient(c)

/**
 * What a client knows: its identity and spare KeyPackages, and per room its MLS state, the last view
 * of it, and the participant list its own provider reported (the ACL that policy=service trusts).
 *
 * draft-ietf-mimi-arch-02 §2 (client = MLS member device of one user), draft-ietf-mimi-protocol-06
 * §3.3 (clients publish KeyPackages through their provider), §4.2 (every room has an MLS group).
 *
 * Simplified: one intent at a time per client (a person does one thing at a time; concurrency comes
 * from several clients and from the network, not from one device racing itself).
 */
import type { Design } from '../design.js'
import type { ClientId, ProviderId, RoomId, UserId } from '../ids.js'
import type { CommitRequest, CommitResult, GroupState, GroupView, KeyPackage, MlsIdentity } from '../mls/types.js'
import type { FanoutItem, Message } from '../protocol/messages.js'
import type { RoomState } from '../policy/roomState.js'
import type { Effect, IntentAction } from '../effects.js'

export interface ClientRoom {
  readonly room: RoomId
  readonly hub: ProviderId
  readonly group: GroupState | null
  readonly view: GroupView | null
  /** The participant list as the client's provider last reported it. */
  readonly acl: RoomState | null
  /** The fanout item being processed by MLS right now (results come back before any other event). */
  readonly processing: { readonly item: FanoutItem; readonly roster: RoomState } | null
  /** Fanout sequence numbers already handled: clients MUST tolerate duplicates (PROTO §5.5). */
  readonly seen: readonly number[]
}

/** A commit made and sent to the hub, applied only when the hub answers success (PROTO §5.3). */
export type PendingCommit = CommitResult & { readonly view: GroupView }

export type Inflight =
  | { readonly action: 'add'; readonly room: RoomId; readonly target: UserId; readonly role: number; readonly stage: 'keyMaterial' | 'commit' | 'update'; readonly roster: RoomState | null; readonly pending: PendingCommit | null }
  | { readonly action: 'remove' | 'commit'; readonly room: RoomId; readonly target: UserId | null; readonly plan: readonly CommitRequest[]; readonly rosters: readonly (RoomState | null)[]; readonly stage: 'commit' | 'update'; readonly pending: PendingCommit | null }
  /** A send first commits any pending proposals (RFC 9420: none may be pending when sending). */
  | { readonly action: 'send'; readonly room: RoomId; readonly text: string; readonly stage: 'commit' | 'update' | 'protect' | 'submit'; readonly pending: PendingCommit | null }
  | { readonly action: 'externalJoin'; readonly room: RoomId; readonly stage: 'groupInfo' | 'join' | 'update'; readonly joined: { readonly group: GroupState; readonly view: GroupView } | null; readonly roster: RoomState | null }

export interface ClientContext {
  readonly self: ClientId
  readonly user: UserId
  readonly provider: ProviderId
  readonly design: Design
  readonly malicious: boolean
  readonly identity: MlsIdentity
  readonly keyPackages: readonly KeyPackage[]
  /** Keyed by room URI; iterate with sorted keys. */
  readonly rooms: Readonly<Record<string, ClientRoom>>
  readonly inflight: Inflight | null
  /** The last request sent to the provider for the inflight intent, resent when its answer is overdue. */
  readonly lastRequest: Message | null
  readonly retries: number
  /** Effects of the last event, read by the simulator after each transition. */
  readonly outbox: readonly Effect[]
}

/** The client's record of a room, or a blank one for a room it has never been in. */
export function roomOf(ctx: ClientContext, room: RoomId): ClientRoom {
  return ctx.rooms[room] ?? { room, hub: ctx.provider, group: null, view: null, acl: null, processing: null, seen: [] }
}

export interface ClientInput {
  readonly self: ClientId
  readonly user: UserId
  readonly provider: ProviderId
  readonly design: Design
  readonly malicious: boolean
  readonly identity: MlsIdentity
  readonly keyPackages: readonly KeyPackage[]
  readonly rooms: Readonly<Record<string, ClientRoom>>
}

export type ClientIntent =
  | { readonly action: 'add'; readonly room: RoomId; readonly target: UserId; readonly role: number }
  | { readonly action: 'remove'; readonly room: RoomId; readonly target: UserId }
  | { readonly action: 'send'; readonly room: RoomId; readonly text: string }
  | { readonly action: 'commit'; readonly room: RoomId }
  | { readonly action: 'externalJoin'; readonly room: RoomId }

export const intentActionOf = (i: ClientIntent): IntentAction => i.action

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
import type { CommitResult, GroupState, GroupView, KeyPackage, MlsIdentity } from '../mls/types.js'
import type { PolicyEdit } from '../policy/edits.js'
import type { PolicyVariant } from '../policy/proposals.js'
import type { PolicyUpdate } from '../policy/updates.js'
import type { FanoutItem, Message } from '../protocol/messages.js'
import type { RoomState } from '../policy/roomState.js'
import type { Effect, IntentAction } from '../effects.js'
import { askedBy, type PassThrough } from '../passThrough.js'

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
  /** A malicious client that ignored its own removal and kept its old state (S6); it may rejoin. */
  readonly evicted?: boolean
}

/** A commit made and sent to the hub, applied only when the hub answers success (PROTO §5.3). */
export type PendingCommit = CommitResult & { readonly view: GroupView }

/**
 * One commit of a plan. Its policy updates are turned into a room context only when the commit is
 * made, against the policy held then, so an earlier commit of the same plan is already reflected.
 */
export interface PlanStep {
  readonly adds?: readonly KeyPackage[]
  readonly removes?: readonly ClientId[]
  readonly updates: readonly PolicyUpdate[]
}

/** Intents carried out as a sequence of commits. */
export type PlanAction = 'add' | 'remove' | 'commit' | 'kick' | 'ban' | 'changeRole' | 'edit' | 'externalJoin'

export type Inflight =
  | { readonly action: 'add'; readonly room: RoomId; readonly target: UserId; readonly role: number; readonly stage: 'keyMaterial' }
  | {
      readonly action: PlanAction
      readonly room: RoomId
      readonly target: UserId | null
      readonly steps: readonly PlanStep[]
      readonly stage: 'commit' | 'update'
      readonly pending: PendingCommit | null
      /** policy=service: the participant list and updates the current commit asks the hub for. */
      readonly roster: RoomState | null
      readonly updates: readonly PolicyUpdate[]
    }
  /** A send first commits any pending proposals (RFC 9420: none may be pending when sending). */
  | { readonly action: 'send'; readonly room: RoomId; readonly text: string; readonly stage: 'commit' | 'update' | 'protect' | 'submit'; readonly pending: PendingCommit | null }
  | { readonly action: 'externalJoin'; readonly room: RoomId; readonly stage: 'groupInfo' | 'join' | 'joinUpdate'; readonly joined: { readonly group: GroupState; readonly view: GroupView } | null; readonly roster: RoomState | null; readonly updates: readonly PolicyUpdate[] }
  /** A leave asked of the hub, which proposes the leaver's removal on its behalf (PROTO §3.5). */
  | { readonly action: 'leave'; readonly room: RoomId; readonly stage: 'leave' }

export interface ClientContext {
  readonly self: ClientId
  readonly user: UserId
  readonly provider: ProviderId
  readonly design: Design
  readonly malicious: boolean
  /** How this client's policy engine reads the draft where it is ambiguous (S19). */
  readonly variant: PolicyVariant
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
  readonly variant: PolicyVariant
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
  /** Remove a participant's clients, leaving it listed (POL §8.1.2 canKick). */
  | { readonly action: 'kick'; readonly room: RoomId; readonly target: UserId }
  /** Remove a participant's clients and move it to role 1 "banned" (POL §8.1.3 canBan). */
  | { readonly action: 'ban'; readonly room: RoomId; readonly target: UserId }
  /** Change a participant's role: another's (canChangeUserRole, canUnBan) or one's own (canChangeOwnRole). */
  | { readonly action: 'changeRole'; readonly room: RoomId; readonly target: UserId; readonly role: number }
  /** Change policy components: metadata, base policy, roles, preauth, or raw list entries (S20). */
  | { readonly action: 'edit'; readonly room: RoomId; readonly label: string; readonly edits: readonly PolicyEdit[] }
  /** Leave the room (POL §8.1.2 canRemoveSelf, PROTO §3.5). */
  | { readonly action: 'leave'; readonly room: RoomId }

export const intentActionOf = (i: ClientIntent): IntentAction => i.action

/** Whether a room's seen fanout numbers hold `seq`: a duplicate notify is processed only once (PROTO §5.5). */
export const hasSeen = (seen: readonly number[], seq: number): boolean => seen.includes(seq)

/** The seen fanout numbers with `seq` added. */
export const withSeen = (seen: readonly number[], seq: number): readonly number[] => [...seen, seq]

type Notify = Extract<Message, { type: 'notify' }>

/**
 * A client's fanout sequence numbers are read and extended only when a notify arrives (receive.ts),
 * which asks only whether they hold its number and adds it; every other event a client takes
 * carries them over (model/passThrough.ts).
 */
export const CLIENT_PASS_THROUGH: readonly PassThrough[] = [
  askedBy<Notify, readonly number[]>(['rooms', '*', 'seen'], 'notify', (seen, msg) => hasSeen(seen, msg.seq), (seen, msg) => withSeen(seen, msg.seq)),
]

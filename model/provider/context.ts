/**
 * What a provider knows, as hub of the rooms it hosts and as follower for its own users elsewhere.
 *
 * draft-ietf-mimi-protocol-06 §4.3.1 (the hub stores the base policy, the participant list, and a
 * KeyPackageRef → provider map for routing Welcomes), §5.5 (followers do last-mile delivery to their
 * own users' clients), §3.3 (a provider holds its clients' KeyPackages and hands them out).
 *
 * Simplified: a follower learns which of its clients are in a room from the commits it relays
 * (PublicMessage handshakes, PROTO §4.2) rather than by parsing MLS; the hub's `members` likewise.
 */
import type { Design } from '../design.js'
import type { ClientId, ProviderId, RoomId, UserId } from '../ids.js'
import type { ExternalSenderIdentity, KeyPackage, Wire } from '../mls/types.js'
import type { RoomState } from '../policy/roomState.js'
import type { Effect } from '../effects.js'
import type { Capability } from '../adversary/capabilities.js'
import { askedBy, type PassThrough } from '../passThrough.js'
import { sameWire } from '../mls/sameWire.js'
import type { Message } from '../protocol/messages.js'

export interface HostedRoom {
  readonly room: RoomId
  /** Authoritative under policy=service; under policy=mls, the hub's mirror of the GroupContext's list. */
  readonly roster: RoomState
  readonly epoch: number
  readonly members: readonly ClientId[]
  readonly groupInfo: Wire | null
  /** KeyPackageRef → client, for every KeyPackage the hub relayed or holds (Welcome routing, PROTO §4.3.1). */
  readonly kpRoutes: Readonly<Record<string, ClientId>>
  /** Sequence number of the next fanout (FanoutMessage.timestamp's role in duplicate detection). */
  readonly seq: number
  /** The last commit accepted, and recent application messages: a byte-identical resubmission is answered again, not re-sequenced. */
  readonly lastCommit: Wire | null
  readonly recentMessages: readonly Wire[]
  /** Users who asked to leave and are not yet out; the hub proposes their removal until it is committed (PROTO §3.5, §5.5). */
  readonly leaving: readonly UserId[]
  /** The epoch whose proposals for `leaving` were last issued; a new epoch without them means re-issue. */
  readonly leaveIssued: number
}

export interface FollowedRoom {
  readonly room: RoomId
  /** This provider's clients that are members, sorted. */
  readonly members: readonly ClientId[]
  readonly roster: RoomState
  /** Fanout sequence numbers already delivered: a duplicate is processed only once (PROTO §5.5). */
  readonly seen: readonly number[]
}

export interface Malice {
  readonly capabilities: readonly Capability[]
  readonly budget: number
  readonly used: number
  /** Malicious users this provider coordinates with (one adversary, digest §6.2). */
  readonly colluders: readonly UserId[]
  /** room → victim client → users the provider falsely reports as participants to that client. */
  readonly forged: Readonly<Record<string, Readonly<Record<string, readonly UserId[]>>>>
}

export interface ProviderContext {
  readonly self: ProviderId
  readonly design: Design
  readonly malice: Malice | null
  /** This provider's users and their clients (sorted). */
  readonly users: Readonly<Record<string, readonly ClientId[]>>
  /** KeyPackages its clients uploaded, per client, oldest first. */
  readonly stock: Readonly<Record<string, readonly KeyPackage[]>>
  readonly hosted: Readonly<Record<string, HostedRoom>>
  readonly following: Readonly<Record<string, FollowedRoom>>
  readonly externalSender: ExternalSenderIdentity | null
  readonly outbox: readonly Effect[]
}

export type ProviderInput = Omit<ProviderContext, 'outbox'>

/** How many application messages a hub remembers per room to recognise a resubmission. */
const RECENT_MESSAGES = 16

/** Whether a room's recent messages hold `message`: a resubmission, answered again rather than sequenced twice (PROTO §5.5). */
export const isRecent = (recent: readonly Wire[], message: Wire): boolean => recent.some((w) => sameWire(w, message))

/** The recent messages with `message` added (the oldest dropped past RECENT_MESSAGES). */
export const withRecent = (recent: readonly Wire[], message: Wire): readonly Wire[] => [...recent, message].slice(-RECENT_MESSAGES)

type Submit = Extract<Message, { type: 'submitMessage' }>

/**
 * The hub's recent messages are read and extended only when a message is submitted (hub.ts,
 * hubSubmit), which asks only whether they hold the message and adds it; every other event a
 * provider takes carries them over (model/passThrough.ts).
 */
export const PROVIDER_PASS_THROUGH: readonly PassThrough[] = [
  askedBy<Submit, readonly Wire[]>(['hosted', '*', 'recentMessages'], 'submitMessage', (recent, msg) => isRecent(recent, msg.message), (recent, msg) => withRecent(recent, msg.message)),
]

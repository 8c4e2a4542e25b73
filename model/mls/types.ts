/**
 * The one MLS interface the model speaks (RFC 9420 as used by draft-ietf-mimi-protocol-06 §4.2, §7).
 *
 * Two engines implement it: `RealMls` (ts-mls 1.6.4, real crypto) and `SymbolicMls` (the same
 * observable behaviour, cheaply, for search). Everything is state in, new state out: an engine never
 * mutates a state it was given, so keeping an old reference is a snapshot.
 *
 * What the model observes of MLS, and so what both engines must agree on:
 * - epochs, the sorted member list, and the opaque *room context* (the policy payload that
 *   policy=mls carries in a private-use GroupContext extension; MLSX §4.6 app_data_dictionary);
 * - that a commit, proposal or application message is processed only by a member whose state agrees
 *   with the sender's (same group, same epoch, same history); otherwise processing *fails*, and the
 *   failure text is the engine's own (ts-mls's error message for RealMls);
 * - that a receiver's validator sees every incoming commit/proposal (adds, removes, context change,
 *   external joiner) before it is applied, and can reject it, leaving the state unchanged (MLSX §4.7:
 *   "the MLS client MUST consider the proposal list invalid").
 *
 * Simplified: one ciphersuite (suite 1), basic credentials whose identity is the client or provider
 * URI, no PSKs, no ReInit (portability is a later issue), no Update proposals.
 */
import type { ClientId, ProviderId } from '../ids.js'

export type EngineName = 'real' | 'symbolic'

/** A client's long-term signing identity (its leaf credential is its client URI). */
export interface MlsIdentity {
  readonly client: ClientId
  readonly native: unknown
}

/** A provider acting as an MLS external sender (PROTO §7.4: the hub is always listed). */
export interface ExternalSenderIdentity {
  readonly provider: ProviderId
  readonly native: unknown
}

/** A single-use KeyPackage; `ref` is stable for a given run and seed. */
export interface KeyPackage {
  readonly client: ClientId
  readonly ref: string
  readonly native: unknown
}

/** An MLS message on the wire. `bytes` is its encoded size (0 for symbolic engines that do not encode). */
export interface Wire {
  readonly kind: 'commit' | 'welcome' | 'proposal' | 'application' | 'groupInfo'
  readonly bytes: number
  readonly native: unknown
}

export interface GroupState {
  readonly native: unknown
}

export interface GroupView {
  readonly epoch: number
  /** Client URIs of all members, sorted. */
  readonly members: readonly ClientId[]
  /** The room-context payload in the GroupContext, or null when the group carries none. */
  readonly context: string | null
  /**
   * A short hex digest of the agreed group state (for RealMls: derived from the epoch authenticator).
   * Two members with equal digests at the same epoch can decrypt each other's messages.
   */
  readonly digest: string
  /** True once this member has processed a commit that removed it. */
  readonly removed: boolean
  /**
   * Proposals received, validated and not yet committed. RFC 9420 forbids sending application
   * messages while any are pending (ts-mls: "Cannot send application message with unapplied
   * proposals"), so a client must commit them first.
   */
  readonly pending: number
  /**
   * A pending proposal removes this member (a leaver, or a hub-proposed Remove). RFC 9420 §12.2:
   * it cannot commit that proposal, so it cannot commit at all until someone else does.
   */
  readonly selfRemovalPending: boolean
}

export type ChangeSender =
  | { readonly kind: 'member'; readonly client: ClientId }
  | { readonly kind: 'external'; readonly provider: ProviderId }
  | { readonly kind: 'newMember'; readonly client: ClientId }

/** The part of a change one sender proposed (RFC 9420 §12.4: proposals keep their sender when committed by reference). */
export interface ChangePart {
  readonly sender: ChangeSender
  readonly adds: readonly ClientId[]
  readonly removes: readonly ClientId[]
  readonly context: string | null
}

/** What a receiver's validator sees of an incoming commit or proposal. */
export interface IncomingChange {
  readonly kind: 'commit' | 'proposal'
  readonly sender: ChangeSender
  /** Clients added (by Add proposals, or the joiner of an external commit), sorted. */
  readonly adds: readonly ClientId[]
  /** Clients removed, sorted. */
  readonly removes: readonly ClientId[]
  /** The new room-context payload when this change replaces it, else null. */
  readonly context: string | null
  /**
   * The same change split by who proposed each part: the committer's own proposals first, then each
   * by-reference proposal with its own sender, in the order the commit lists them. Empty for an
   * external commit (its only change is the joiner, the sender).
   */
  readonly parts: readonly ChangePart[]
}

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string }
export type Validator = (change: IncomingChange) => Verdict
export const acceptEverything: Validator = () => ({ ok: true })

export type ProcessResult =
  | { readonly kind: 'commit'; readonly state: GroupState; readonly change: IncomingChange }
  | { readonly kind: 'proposal'; readonly state: GroupState; readonly change: IncomingChange }
  | { readonly kind: 'application'; readonly state: GroupState; readonly sender: ClientId; readonly plaintext: string }
  /** The validator refused it; the state is unchanged. */
  | { readonly kind: 'rejected'; readonly reason: string }
  /** MLS itself could not process it (wrong epoch, forked state, AEAD or signature failure). */
  | { readonly kind: 'failed'; readonly error: string }

export interface CommitRequest {
  readonly adds?: readonly KeyPackage[]
  readonly removes?: readonly ClientId[]
  /** Replace the room context (undefined: leave it unchanged). Ignored by groups created without one. */
  readonly context?: string
}

export interface CommitResult {
  /** The committer's state once the hub has accepted the commit. */
  readonly state: GroupState
  readonly commit: Wire
  readonly welcome: Wire | null
  /**
   * The KeyPackageRefs the Welcome's secrets are encrypted to (RFC 9420 §12.4.3.1 new_member):
   * what the hub reads from a Welcome to route it (PROTO §5.2), sorted.
   */
  readonly welcomeRefs: readonly string[]
  /** GroupInfo of the new epoch (with the ratchet tree), as committers give the hub (POL §7). */
  readonly groupInfo: Wire
  /** What the commit changes, in the same form receivers' validators see. */
  readonly change: IncomingChange
}

export type JoinResult =
  | { readonly kind: 'joined'; readonly state: GroupState }
  | { readonly kind: 'failed'; readonly error: string }

export interface MlsEngine {
  readonly name: EngineName
  createIdentity(client: ClientId): Promise<MlsIdentity>
  externalSender(provider: ProviderId): Promise<ExternalSenderIdentity>
  keyPackage(identity: MlsIdentity): Promise<KeyPackage>
  /** Epoch 0, creator the only member; `externalSenders` go in the external_senders extension. */
  createGroup(
    identity: MlsIdentity,
    kp: KeyPackage,
    groupId: string,
    context: string | null,
    externalSenders: readonly ExternalSenderIdentity[],
  ): Promise<GroupState>
  /** Commit the given changes plus every pending (validated) proposal. Throws only on misuse. */
  commit(state: GroupState, request: CommitRequest): Promise<CommitResult>
  join(identity: MlsIdentity, kp: KeyPackage, welcome: Wire): Promise<JoinResult>
  /** Process a commit, proposal or application message addressed to this group. */
  process(state: GroupState, wire: Wire, validator: Validator): Promise<ProcessResult>
  /** Encrypt an application message. Throws (misuse) while proposals are pending. */
  protect(state: GroupState, plaintext: string): Promise<{ readonly state: GroupState; readonly message: Wire }>
  view(state: GroupState): GroupView
  /** Proposals received, validated and not yet committed. */
  pendingCount(state: GroupState): number
  /** An external Add proposal sent by a provider listed in external_senders (RFC 9420 §12.1.8). */
  proposeExternalAdd(sender: ExternalSenderIdentity, groupInfo: Wire, kp: KeyPackage): Promise<Wire>
  /** An external Remove proposal of a member client (RFC 9420 §12.1.8; PROTO §5.5 the hub re-issues a leaver's Removes). */
  proposeExternalRemove(sender: ExternalSenderIdentity, groupInfo: Wire, client: ClientId): Promise<Wire>
  /** An external GroupContextExtensions proposal replacing the room context (the hub's AppDataUpdates, POL §4). */
  proposeExternalContext(sender: ExternalSenderIdentity, groupInfo: Wire, context: string): Promise<Wire>
  /**
   * An external commit joining from a GroupInfo (PROTO §5.6); the joiner's state is ahead of the
   * group's. Like every committer, the joiner hands the hub the new epoch's GroupInfo (POL §7).
   */
  joinExternal(identity: MlsIdentity, kp: KeyPackage, groupInfo: Wire): Promise<{ readonly state: GroupState; readonly commit: Wire; readonly groupInfo: Wire }>
  /** Epoch of a GroupInfo, without joining. */
  groupInfoEpoch(groupInfo: Wire): number
}

/** Engines are made per run so that their randomness is a pure function of the run's seed. */
export type MlsEngineFactory = (seed: string) => MlsEngine

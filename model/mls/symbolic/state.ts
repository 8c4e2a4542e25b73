/**
 * Plain-data shapes behind the symbolic engine's opaque `GroupState.native` and `Wire.native`.
 *
 * Models: the parts of an RFC 9420 group state (from memory: §8 key schedule, §12.4 commits, §12.1.8
 * external proposals, §12.4.3.2 external commits) that the MIMI model can observe — epoch, roster,
 * the room-context GroupContext extension (draft-ietf-mimi-protocol-06 §4.2) and external_senders
 * (§7.4) — plus a `history` digest standing in for every secret the epoch derives.
 *
 * Simplified: no tree, no secrets, no encoding. Agreement is reduced to "same group, same epoch, same
 * digest". States are frozen by convention, not by Object.freeze, because freezing costs time on the
 * hot path and nothing in the engine mutates a state once built.
 */
import type { ClientId, ProviderId } from '../../ids.js'
import type { GroupState, IncomingChange, Wire } from '../types.js'

/** Tag on every native object so foreign (e.g. RealMls) values are refused rather than misread. */
export const TAG = 'symbolic-mls' as const

/** An external proposal this member validated in the current epoch: one Add, Remove or context change. */
export interface PendingProposal {
  readonly ref: string
  readonly provider: ProviderId
  readonly add: { readonly client: ClientId; readonly kpRef: string } | null
  readonly remove: ClientId | null
  readonly context: string | null
}

export interface SymState {
  readonly tag: typeof TAG
  readonly groupId: string
  readonly epoch: number
  /** Sorted. */
  readonly members: readonly ClientId[]
  readonly context: string | null
  /** Sorted. */
  readonly externalSenders: readonly ProviderId[]
  readonly digest: string
  readonly pending: readonly PendingProposal[]
  readonly self: ClientId
  readonly removed: boolean
  /**
   * The earlier epochs whose keys this member still holds, oldest first: ts-mls keeps the last
   * RETAINED_EPOCHS so a message sent just before a commit still decrypts after it.
   */
  readonly past: readonly { readonly epoch: number; readonly digest: string }[]
  /**
   * Application messages this member has protected in its current epoch: the generation of its
   * sending ratchet (RFC 9420 §9, from memory), which makes every message it sends distinct, as
   * real ciphertexts are. Starts again at 0 in each epoch.
   */
  readonly sent: number
}

/** ts-mls 1.6.4's defaultKeyRetentionConfig.retainKeysForEpochs. */
export const RETAINED_EPOCHS = 4

/** The member's keys of its current epoch join its retained past as it moves on. */
export function retain(s: SymState): SymState['past'] {
  return [...s.past, { epoch: s.epoch, digest: s.digest }].slice(-RETAINED_EPOCHS)
}

/** Everything a joiner needs to reconstruct the group, shared by Welcome and GroupInfo. */
export interface GroupSnapshot {
  readonly groupId: string
  readonly epoch: number
  readonly members: readonly ClientId[]
  readonly context: string | null
  readonly externalSenders: readonly ProviderId[]
  readonly digest: string
}

export interface CommitMsg {
  readonly tag: typeof TAG
  readonly t: 'commit'
  readonly groupId: string
  /** The epoch the commit applies to (the new epoch is one more). */
  readonly epoch: number
  readonly parent: string
  /** Computed once by the committer and shared by every receiver: cheaper, and guarantees equality. */
  readonly change: IncomingChange
  /** Proposals included by reference; a receiver must hold each of them (RFC 9420 §12.4, from memory). */
  readonly proposalRefs: readonly string[]
  readonly digest: string
  readonly members: readonly ClientId[]
}

export interface WelcomeMsg extends GroupSnapshot {
  readonly tag: typeof TAG
  readonly t: 'welcome'
  /** KeyPackage ref → added client, one entry per added client (the EncryptedGroupSecrets list). */
  readonly entries: readonly (readonly [string, ClientId])[]
}

export interface GroupInfoMsg extends GroupSnapshot {
  readonly tag: typeof TAG
  readonly t: 'groupInfo'
}

export interface ProposalMsg {
  readonly tag: typeof TAG
  readonly t: 'proposal'
  readonly groupId: string
  readonly epoch: number
  readonly digest: string
  readonly provider: ProviderId
  readonly proposal: PendingProposal
  readonly change: IncomingChange
}

export interface AppMsg {
  readonly tag: typeof TAG
  readonly t: 'application'
  readonly groupId: string
  readonly epoch: number
  readonly digest: string
  readonly sender: ClientId
  /** The sender's `sent` when it protected this message. */
  readonly gen: number
  readonly plaintext: string
}

export type SymMsg = CommitMsg | WelcomeMsg | GroupInfoMsg | ProposalMsg | AppMsg

export function stateOf(state: GroupState): SymState {
  const n = state.native as SymState | null
  if (n === null || typeof n !== 'object' || n.tag !== TAG) throw new TypeError('not a symbolic MLS group state')
  return n
}

export function wrapState(s: SymState): GroupState {
  return { native: s }
}

export function msgOf(wire: Wire): SymMsg {
  const n = wire.native as SymMsg | null
  if (n === null || typeof n !== 'object' || n.tag !== TAG) throw new TypeError('not a symbolic MLS message')
  return n
}

export function wire(kind: Wire['kind'], native: SymMsg): Wire {
  return { kind, bytes: 0, native }
}

/** The roster after a commit. Rosters are small, so linear scans beat building Sets on the hot path. */
export function nextRoster(
  members: readonly ClientId[],
  adds: readonly ClientId[],
  removes: readonly ClientId[],
): readonly ClientId[] {
  const out = removes.length === 0 ? members.slice() : members.filter((m) => !removes.includes(m))
  for (const a of adds) out.push(a)
  return adds.length === 0 ? out : out.sort()
}

/**
 * The GroupInfo of state `s`: its GroupSnapshot fields, then the message's. Written out rather than
 * as a spread of the snapshot with keys added, which in Node 20's engine gives every copy a hidden
 * class of its own (docs/explore.md, "Performance"); the key order is the spread's, as before.
 */
export function groupInfoMsg(s: SymState): GroupInfoMsg {
  return { groupId: s.groupId, epoch: s.epoch, members: s.members, context: s.context, externalSenders: s.externalSenders, digest: s.digest, tag: TAG, t: 'groupInfo' }
}

/** The Welcome of state `s` to these (KeyPackage ref, client) entries; written out as `groupInfoMsg` is. */
export function welcomeMsg(s: SymState, entries: WelcomeMsg['entries']): WelcomeMsg {
  return { groupId: s.groupId, epoch: s.epoch, members: s.members, context: s.context, externalSenders: s.externalSenders, digest: s.digest, tag: TAG, t: 'welcome', entries }
}

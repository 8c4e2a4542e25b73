/**
 * A proposal list as the policy judges it: every part of one commit (or one lone proposal), each with
 * the principal that sent it (draft-ietf-mls-extensions-09 §4.7: the list is judged as a whole and one
 * invalid part makes all of it invalid; RFC 9420 §12.4: a commit carries its own proposals and others'
 * by reference, each keeping its sender).
 */
import type { ClientId } from '../ids.js'
import type { CapabilityName } from './capabilities.js'
import type { Principal } from './principal.js'
import type { RoomState } from './roomState.js'
import type { PolicyUpdate } from './updates.js'

export type Part =
  /** An AppDataUpdate of one policy component. */
  | { readonly kind: 'update'; readonly by: Principal; readonly update: PolicyUpdate; readonly code?: string }
  /** An MLS Add of a client. */
  | { readonly kind: 'add'; readonly by: Principal; readonly client: ClientId }
  /** An MLS Remove (or SelfRemove) of a client. */
  | { readonly kind: 'remove'; readonly by: Principal; readonly client: ClientId }
  /** The joiner of an external commit, with the join code it presents, if any. */
  | { readonly kind: 'join'; readonly by: Extract<Principal, { kind: 'joiner' }>; readonly code?: string }

export interface ProposalList {
  /** Who commits the list; null when judging proposals as they arrive, before any commit. */
  readonly committer: Principal | null
  readonly parts: readonly Part[]
  /** Clients in the MLS group before the list applies, sorted. */
  readonly members: readonly ClientId[]
}

/**
 * How this engine reads the draft where the draft is ambiguous (S19). `draft`: kick removes clients
 * and leaves the user listed (POL §8.1.2). `kick-unlists`: kick must also take the user off the list
 * (one reading of the open ISS-R #3), so a removal of clients alone is not a valid kick.
 */
export type PolicyVariant = 'draft' | 'kick-unlists'
export const POLICY_VARIANTS: readonly PolicyVariant[] = ['draft', 'kick-unlists']

export interface Use {
  readonly by: Principal
  readonly capability: CapabilityName
}

export type Authorization =
  | { readonly kind: 'allowed'; readonly after: RoomState; readonly used: readonly Use[] }
  | { readonly kind: 'rejected'; readonly rule: string; readonly reason: string }

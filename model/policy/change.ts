/**
 * Judging a change given as (state before, state after, MLS adds and removes) — the shape in which
 * enforcers see a commit — by turning it into the proposal list `authorize` takes.
 *
 * The policy updates are the ones the room context carries with it (the AppDataUpdates of the
 * commit, see roomContext.ts); when the caller has none, one update per changed component is derived
 * from the two states. Every part is attributed to `sender`, except those `byReference` attributes to
 * the sender of the proposal that carried them (RFC 9420 §12.4: proposals keep their sender).
 */
import type { ClientId, ProviderId, UserId } from '../ids.js'
import { userOfClient } from '../ids.js'
import { authorize } from './authorize.js'
import type { Principal } from './principal.js'
import type { Authorization, Part, PolicyVariant } from './proposals.js'
import type { RoomState } from './roomState.js'
import { diffUpdates, type PolicyUpdate } from './updates.js'

/** A sender named the way enforcers know it: a user's client, a provider, or an external joiner. */
export type Sender =
  | { readonly kind: 'user'; readonly user: UserId; readonly client?: ClientId }
  | { readonly kind: 'provider'; readonly provider: ProviderId }
  | { readonly kind: 'joiner'; readonly user: UserId; readonly client?: ClientId }

export interface ProposedChange {
  readonly before: RoomState
  readonly after: RoomState
  /** Members (clients) before the change, sorted. */
  readonly members: readonly ClientId[]
  readonly adds: readonly ClientId[]
  readonly removes: readonly ClientId[]
  /** The AppDataUpdates carried with the change; derived from before/after when absent. */
  readonly updates?: readonly PolicyUpdate[]
  /** Who sent the policy updates, when not the committer (a proposal committed by reference). */
  readonly updatesBy?: Sender
  /** Who sent each Remove, when not the committer. */
  readonly removesBy?: Sender
  readonly code?: string
}

export function principalOf(s: Sender, members: readonly ClientId[]): Principal {
  if (s.kind === 'provider') return { kind: 'external', provider: s.provider }
  const client = s.client ?? members.find((c) => userOfClient(c) === s.user) ?? (`${s.user}/joining` as ClientId)
  return s.kind === 'joiner' ? { kind: 'joiner', user: s.user, client } : { kind: 'member', user: s.user, client }
}

export function partsOf(sender: Sender, change: ProposedChange): { committer: Principal; parts: Part[] } {
  const committer = principalOf(sender, change.members)
  const by = change.updatesBy ? principalOf(change.updatesBy, change.members) : committer
  const removeBy = change.removesBy ? principalOf(change.removesBy, change.members) : committer
  const updates = change.updates ?? diffUpdates(change.before, change.after)
  const parts: Part[] = updates.map((update) => ({ kind: 'update', by, update, ...(change.code !== undefined ? { code: change.code } : {}) }))
  for (const client of change.adds) {
    if (committer.kind === 'joiner' && client === committer.client) parts.push({ kind: 'join', by: committer, ...(change.code !== undefined ? { code: change.code } : {}) })
    else parts.push({ kind: 'add', by: committer, client })
  }
  for (const client of change.removes) parts.push({ kind: 'remove', by: removeBy, client })
  return { committer, parts }
}

export function authorizeChange(sender: Sender, change: ProposedChange, variant: PolicyVariant = 'draft'): Authorization {
  const { committer, parts } = partsOf(sender, change)
  return authorize(change.before, { committer, parts, members: change.members }, variant)
}

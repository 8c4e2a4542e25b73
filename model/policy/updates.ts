/**
 * Policy updates: what an AppDataUpdate proposal carries for each room component, and applying a
 * list of them (draft-ietf-mls-extensions-09 §4.7; draft-ietf-mimi-protocol-06 §7.5
 * ParticipantListUpdate; draft-ietf-mimi-room-policy-03 §3 RoleUpdate, §4 PreAuthUpdate, §5
 * BaseRoomUpdate; PROTO §7.6 room metadata).
 *
 * The participant list changes by delta (added, removed, changed-role entries); every other component
 * is replaced whole. Applying is pure and total: structural problems (adding a listed user, removing
 * an unlisted one) are found by the authorization rules, which run first; here they are skipped.
 *
 * Simplified: users are named by URI rather than by index into the list.
 */
import type { UserId } from '../ids.js'
import type { BaseRoomPolicy, RoomMetadata } from './basePolicy.js'
import type { PreauthEntry } from './preauth.js'
import type { RoleSet } from './roles.js'
import { canonicalRoles, type RoomState, sortParticipants } from './roomState.js'

export type PolicyUpdate =
  | {
      readonly component: 'participants'
      readonly add: readonly (readonly [UserId, number])[]
      readonly remove: readonly UserId[]
      readonly change: readonly (readonly [UserId, number])[]
    }
  | { readonly component: 'roles'; readonly roles: RoleSet }
  | { readonly component: 'preauth'; readonly entries: readonly PreauthEntry[] }
  | { readonly component: 'base'; readonly base: BaseRoomPolicy }
  | { readonly component: 'metadata'; readonly metadata: RoomMetadata }

export type Component = PolicyUpdate['component']

export const listUpdate = (u: { add?: readonly (readonly [UserId, number])[]; remove?: readonly UserId[]; change?: readonly (readonly [UserId, number])[] }): PolicyUpdate => ({
  component: 'participants',
  add: u.add ?? [],
  remove: u.remove ?? [],
  change: u.change ?? [],
})

export function applyUpdate(s: RoomState, u: PolicyUpdate): RoomState {
  switch (u.component) {
    case 'participants': {
      const gone = new Set<UserId>([...u.remove, ...u.change.map(([x]) => x)])
      const kept = s.participants.filter(([x]) => !gone.has(x))
      return { ...s, participants: sortParticipants([...kept, ...u.change, ...u.add]) }
    }
    case 'roles':
      return { ...s, roles: canonicalRoles(u.roles) }
    case 'preauth':
      return { ...s, preauth: u.entries }
    case 'base':
      return { ...s, base: u.base }
    case 'metadata':
      return { ...s, metadata: u.metadata }
  }
}

export function applyUpdates(s: RoomState, updates: readonly PolicyUpdate[]): RoomState {
  return updates.reduce(applyUpdate, s)
}

// Components are immutable and mostly carried over by reference: identity settles most comparisons.
// (A module function rather than a closure: tsx names a closure anew on every call of its parent.)
function sameComponent(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}

/** The updates that turn `before` into `after`, one per changed component (what a committer sends). */
export function diffUpdates(before: RoomState, after: RoomState): PolicyUpdate[] {
  const out: PolicyUpdate[] = []
  if (!sameComponent(before.roles, after.roles)) out.push({ component: 'roles', roles: after.roles })
  if (!sameComponent(before.preauth, after.preauth)) out.push({ component: 'preauth', entries: after.preauth })
  if (!sameComponent(before.base, after.base)) out.push({ component: 'base', base: after.base })
  if (!sameComponent(before.metadata, after.metadata)) out.push({ component: 'metadata', metadata: after.metadata })
  const old = new Map(before.participants)
  const now = new Map(after.participants)
  const add = after.participants.filter(([u]) => !old.has(u))
  const change = after.participants.filter(([u, r]) => old.has(u) && old.get(u) !== r)
  const remove = before.participants.filter(([u]) => !now.has(u)).map(([u]) => u)
  if (add.length || change.length || remove.length) out.push(listUpdate({ add, remove, change }))
  return out
}

const userName = (x: string): string => x.replace(/^mimi:\/\/([^/]+)\/u\//, '')

export function describeUpdate(u: PolicyUpdate): string {
  switch (u.component) {
    case 'participants': {
      const parts = [...u.add.map(([x, r]) => `+${userName(x)}:${r}`), ...u.remove.map((x) => `-${userName(x)}`), ...u.change.map(([x, r]) => `${userName(x)}→${r}`)]
      return `participant_list ${parts.join(' ')}`
    }
    case 'roles':
      return `roles_list := ${u.roles.name}`
    case 'preauth':
      return `preauth_list := ${u.entries.length} entr${u.entries.length === 1 ? 'y' : 'ies'}`
    case 'base':
      return `base_room_policy := fixed_membership ${u.base.fixedMembership}`
    case 'metadata':
      return `room_metadata := "${u.metadata.name}"`
  }
}

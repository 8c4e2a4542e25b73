/**
 * The room state policy is evaluated against: every policy component of the room.
 *
 * draft-ietf-mimi-protocol-06 §7.2 (components live in the GroupContext app_data_dictionary), §7.5
 * (participant_list 0x0022: (user, role_index) pairs), §7.6 (room_metadata 0x0023);
 * draft-ietf-mimi-room-policy-03 §3 (roles_list 0x0025), §4 (preauth_list 0x0026), §5
 * (base_room_policy 0x0027), §6.2 (join links, reduced to join codes).
 * Under policy=mls this value, canonically encoded as a dictionary keyed by the digest's suggested
 * component ids, is the room context every member agrees on; under policy=service the hub holds it
 * and providers report it to their clients.
 *
 * Simplified: JSON stands in for the TLS encoding, kept canonical (fixed key order, participants
 * sorted by user, roles by index) so equal states encode to equal bytes.
 *
 * Room states are immutable values and every member of a group decodes the same context again and
 * again, so both directions are memoized: an encoding per state object (a WeakMap, looked up by
 * identity only), a decoding per payload (a bounded Map, looked up by key only). Neither is ever
 * iterated, so no order leaks; a cached answer is the one a fresh computation gives.
 */
import type { UserId } from '../ids.js'
import { type BaseRoomPolicy, EMPTY_METADATA, type JoinCode, OPEN_ROOM, type RoomMetadata } from './basePolicy.js'
import type { PreauthEntry } from './preauth.js'
import { has, roleByIndex, type Role, type RoleSet } from './roles.js'
import { roleSet } from './templates.js'

export interface RoomState {
  readonly roles: RoleSet
  readonly preauth: readonly PreauthEntry[]
  readonly base: BaseRoomPolicy
  readonly metadata: RoomMetadata
  readonly joinCodes: readonly JoinCode[]
  /** Sorted by user URI; role 0 entries are never stored (role 0 means "not listed"). */
  readonly participants: readonly (readonly [UserId, number])[]
}

export const COMPONENT_IDS = {
  participants: '0x0022',
  metadata: '0x0023',
  roles: '0x0025',
  preauth: '0x0026',
  base: '0x0027',
  joinCodes: '0x002A',
} as const

const byUser = ([a]: readonly [UserId, number], [b]: readonly [UserId, number]) => (a < b ? -1 : a > b ? 1 : 0)

export function sortParticipants(list: Iterable<readonly [UserId, number]>): (readonly [UserId, number])[] {
  return [...list].filter(([, r]) => r !== 0).sort(byUser)
}

/** A room state from a role set (or template name) and participants; other components default. */
export function makeRoomState(roles: RoleSet | string, participants: Iterable<readonly [UserId, number]>, rest: Partial<Omit<RoomState, 'roles' | 'participants'>> = {}): RoomState {
  const set = typeof roles === 'string' ? roleSet(roles) : roles
  if (!set) throw new TypeError(`unknown role set "${String(roles)}"`)
  return {
    roles: canonicalRoles(set),
    preauth: rest.preauth ?? [],
    base: rest.base ?? OPEN_ROOM,
    metadata: rest.metadata ?? EMPTY_METADATA,
    joinCodes: rest.joinCodes ?? [],
    participants: sortParticipants(participants),
  }
}

function canonicalRole(r: Role): Role {
  return { ...r, capabilities: [...r.capabilities].sort(), changes: [...r.changes].map(([f, t]) => [f, [...t].sort((a, b) => a - b)] as const).sort(([a], [b]) => a - b) }
}

export function canonicalRoles(set: RoleSet): RoleSet {
  return { name: set.name, roles: [...set.roles].sort((a, b) => a.index - b.index).map(canonicalRole) }
}

const encodings = new WeakMap<RoomState, string>()

export function encodeRoomState(s: RoomState): string {
  let text = encodings.get(s)
  if (text === undefined) {
    const c = COMPONENT_IDS
    text = JSON.stringify({
      [c.participants]: s.participants,
      [c.metadata]: s.metadata,
      [c.roles]: s.roles,
      [c.preauth]: s.preauth,
      [c.base]: s.base,
      [c.joinCodes]: s.joinCodes,
    })
    encodings.set(s, text)
  }
  return text
}

function isRoleSet(v: unknown): v is RoleSet {
  const s = v as RoleSet
  return !!s && typeof s.name === 'string' && Array.isArray(s.roles) && s.roles.every((r) => Number.isInteger(r?.index) && Array.isArray(r.capabilities) && Array.isArray(r.changes))
}

/** Decodings kept at most; past it the memo starts afresh (a search meets a few thousand contexts). */
const DECODINGS_KEPT = 4096
const decodings = new Map<string, RoomState | null>()

export function decodeRoomState(payload: string): RoomState | undefined {
  const known = decodings.get(payload)
  if (known !== undefined) return known ?? undefined
  const state = decodeFresh(payload)
  if (decodings.size >= DECODINGS_KEPT) decodings.clear()
  decodings.set(payload, state ?? null)
  return state
}

function decodeFresh(payload: string): RoomState | undefined {
  try {
    const v = JSON.parse(payload) as Record<string, unknown>
    const c = COMPONENT_IDS
    const participants = v[c.participants]
    if (!Array.isArray(participants) || !participants.every((p) => Array.isArray(p) && typeof p[0] === 'string' && Number.isInteger(p[1]))) return undefined
    if (!isRoleSet(v[c.roles]) || !Array.isArray(v[c.preauth]) || typeof v[c.base] !== 'object' || typeof v[c.metadata] !== 'object' || !Array.isArray(v[c.joinCodes])) return undefined
    return makeRoomState(v[c.roles] as RoleSet, participants as [UserId, number][], {
      preauth: v[c.preauth] as PreauthEntry[],
      base: v[c.base] as BaseRoomPolicy,
      metadata: v[c.metadata] as RoomMetadata,
      joinCodes: v[c.joinCodes] as JoinCode[],
    })
  } catch {
    return undefined
  }
}

export function rolesOf(state: RoomState): RoleSet {
  return state.roles
}

export function roleIndexOf(state: RoomState, user: UserId): number {
  return state.participants.find(([u]) => u === user)?.[1] ?? 0
}

export function roleOf(state: RoomState, user: UserId): Role {
  return roleByIndex(state.roles, roleIndexOf(state, user))
}

/** A user the policy lets read the room: listed with a role that holds canReceiveMessage (POL §8.3). */
export function admits(state: RoomState, user: UserId): boolean {
  return has(roleOf(state, user), 'canReceiveMessage')
}

export function withRole(state: RoomState, user: UserId, role: number): RoomState {
  return { ...state, participants: sortParticipants([...state.participants.filter(([u]) => u !== user), [user, role]]) }
}

export function withoutUser(state: RoomState, user: UserId): RoomState {
  return { ...state, participants: state.participants.filter(([u]) => u !== user) }
}

export function sameRoomState(a: RoomState, b: RoomState): boolean {
  return encodeRoomState(a) === encodeRoomState(b)
}

/** A short, stable description of the parts of a state beyond the participant list (for traces). */
export function policySummary(s: RoomState): string {
  return `${s.roles.name} roles, ${s.preauth.length} preauth entr${s.preauth.length === 1 ? 'y' : 'ies'}${s.base.fixedMembership ? ', fixed membership' : ''}`
}

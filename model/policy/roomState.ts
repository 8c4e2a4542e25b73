/**
 * The room state that policy is evaluated against: the role set and the participant list.
 *
 * draft-ietf-mimi-protocol-06 §7.5 (participant_list: (user, role_index) pairs) and §7.2 (components
 * carried in the GroupContext app_data_dictionary); draft-ietf-mimi-room-policy-03 §3 (roles).
 * Under policy=mls this value, canonically encoded, is the MLS room-context payload every member
 * agrees on; under policy=service the hub holds it and providers report it to their clients.
 *
 * Simplified: the role set travels by template name instead of as a full RoleData component (the
 * policy-engine issue carries the full components); JSON stands in for the TLS encoding, kept
 * canonical (sorted participants) so equal states encode to equal bytes.
 */
import type { UserId } from '../ids.js'
import { has, roleByIndex, roleSet, type Role, type RoleSet } from './roles.js'

export interface RoomState {
  readonly roles: string
  /** Sorted by user URI; role 0 entries are never stored (role 0 means "not listed"). */
  readonly participants: readonly (readonly [UserId, number])[]
}

export function makeRoomState(roles: string, participants: Iterable<readonly [UserId, number]>): RoomState {
  const list = [...participants].filter(([, r]) => r !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return { roles, participants: list }
}

export function encodeRoomState(state: RoomState): string {
  return JSON.stringify({ roles: state.roles, participants: state.participants })
}

export function decodeRoomState(payload: string): RoomState | undefined {
  try {
    const v = JSON.parse(payload) as { roles?: unknown; participants?: unknown }
    if (typeof v.roles !== 'string' || !Array.isArray(v.participants)) return undefined
    const ok = v.participants.every((p) => Array.isArray(p) && typeof p[0] === 'string' && Number.isInteger(p[1]))
    return ok ? makeRoomState(v.roles, v.participants as [UserId, number][]) : undefined
  } catch {
    return undefined
  }
}

export function rolesOf(state: RoomState): RoleSet {
  const set = roleSet(state.roles)
  if (!set) throw new TypeError(`unknown role set "${state.roles}"`)
  return set
}

export function roleIndexOf(state: RoomState, user: UserId): number {
  return state.participants.find(([u]) => u === user)?.[1] ?? 0
}

export function roleOf(state: RoomState, user: UserId): Role {
  return roleByIndex(rolesOf(state), roleIndexOf(state, user))
}

/** A user the policy lets read the room: listed with a role that holds canReceiveMessage (POL §8.3). */
export function admits(state: RoomState, user: UserId): boolean {
  return has(roleOf(state, user), 'canReceiveMessage')
}

export function withRole(state: RoomState, user: UserId, role: number): RoomState {
  return makeRoomState(state.roles, [...state.participants.filter(([u]) => u !== user), [user, role]])
}

export function sameRoomState(a: RoomState, b: RoomState): boolean {
  return encodeRoomState(a) === encodeRoomState(b)
}

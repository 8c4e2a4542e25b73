/**
 * The small abstract world the escalation search walks: one room's policy state
 * (draft-ietf-mimi-room-policy-03 §3–§5, draft-ietf-mimi-protocol-06 §7.5) plus which users have a
 * client in its MLS group. Principals are the hub (an MLS external sender whose role is its first
 * matching preauth entry, POL §4), every user of the world acting as a member, and outsiders who
 * start unlisted and can only join by themselves (POL §8.1.1 self-join paths).
 *
 * Simplified, to keep the state space finite and small: one client per user (device "1"), no join
 * codes (canCreateJoinCode is reserved, POL §8.7, so nothing could make one), and the MLS group is
 * reduced to the set of users with a client. Everything the policy decides is decided by `authorize`
 * from model/policy, the function every client runs.
 */
import { type ClientId, clientId, type ProviderId, providerId, type UserId, userId } from '../../model/ids.js'
import {
  type BaseRoomPolicy,
  BANNED,
  encodeRoomState,
  makeRoomState,
  type PreauthEntry,
  type Principal,
  type RoleSet,
  type RoomState,
  roleIndexOf,
} from '../../model/policy/index.js'

export const HUB: ProviderId = providerId('a.example')

/** A user of the world, by its short name: alice@a.example, bob@b.example, eve@e.example, … */
export function worldUser(name: string): UserId {
  return userId(`${name[0]}.example`, name)
}

export function clientOf(user: UserId): ClientId {
  const name = user.slice(user.lastIndexOf('/') + 1)
  const domain = user.slice('mimi://'.length, user.indexOf('/', 'mimi://'.length))
  return clientId(domain, name, '1')
}

/** Users added to the start when a role the question names has no participant yet. */
export const EXTRA_NAMES: readonly string[] = ['carol', 'dave', 'fred', 'gina']
export const OUTSIDER_NAMES: readonly string[] = ['eve', 'mallory']

export interface EscState {
  readonly room: RoomState
  /** Users with a client in the group, sorted. */
  readonly active: readonly UserId[]
}

/** What a search starts from: the room, the users in it, and who stands outside. */
export interface Start {
  readonly state: EscState
  /** Every user the world knows, sorted: the participants at the start, then the outsiders. */
  readonly users: readonly UserId[]
  readonly participants: readonly UserId[]
  readonly outsiders: readonly UserId[]
}

export interface StartSpec {
  readonly roles: RoleSet
  readonly preauth: readonly PreauthEntry[]
  readonly base: BaseRoomPolicy
  /** [user, role index, has a client]. */
  readonly participants: readonly (readonly [UserId, number, boolean])[]
  readonly outsiders: readonly UserId[]
}

export function makeStart(spec: StartSpec): Start {
  const room = makeRoomState(spec.roles, spec.participants.map(([u, r]) => [u, r] as const), { preauth: spec.preauth, base: spec.base })
  const active = spec.participants.filter(([, , c]) => c).map(([u]) => u).sort()
  const participants = spec.participants.map(([u]) => u).sort()
  return { state: { room, active }, users: [...participants, ...spec.outsiders].sort(), participants, outsiders: [...spec.outsiders].sort() }
}

export const isActive = (s: EscState, u: UserId): boolean => s.active.includes(u)

export const memberPrincipal = (u: UserId): Principal => ({ kind: 'member', user: u, client: clientOf(u) })
export const joinerPrincipal = (u: UserId): Extract<Principal, { kind: 'joiner' }> => ({ kind: 'joiner', user: u, client: clientOf(u) })
export const HUB_PRINCIPAL: Principal = { kind: 'external', provider: HUB }

export const membersOf = (s: EscState): ClientId[] => s.active.map(clientOf).sort()

/**
 * In the room: listed with a role other than 0 and banned, or holding a client in the group
 * (an unlisted member still reads the room's messages).
 */
export function admitted(s: EscState, u: UserId): boolean {
  const r = roleIndexOf(s.room, u)
  return (r !== 0 && r !== BANNED) || isActive(s, u)
}

/**
 * A canonical key: equal states, equal keys. The role set is interned (it changes rarely and is the
 * bulk of the encoding), so a key is short and cheap to compare.
 */
export class StateKeys {
  private readonly roleIds = new Map<string, number>()
  private readonly lastRoles = new WeakMap<RoleSet, number>()

  key(s: EscState): string {
    let id = this.lastRoles.get(s.room.roles)
    if (id === undefined) {
      const text = JSON.stringify(s.room.roles.roles)
      id = this.roleIds.get(text)
      if (id === undefined) {
        id = this.roleIds.size
        this.roleIds.set(text, id)
      }
      this.lastRoles.set(s.room.roles, id)
    }
    const { roles: _roles, ...rest } = s.room
    return `${id}|${JSON.stringify(rest)}|${s.active.join(',')}`
  }
}

/** The room state as every member agrees on it, for display and for tests. */
export const encodeState = (s: EscState): string => `${encodeRoomState(s.room)}|${s.active.join(',')}`

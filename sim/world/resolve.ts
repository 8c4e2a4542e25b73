/**
 * Turns a validated scenario's short names into MIMI URIs, once (style.md: IDs are made only at the
 * boundary by one parsing function). Everything downstream speaks URIs.
 */
import { type ClientId, clientId, type ProviderId, providerId, roomId, type UserId, userId } from '../../model/ids.js'
import { roleByName, roleSet } from '../../model/policy/roles.js'
import { makeRoom, type Room } from '../../model/room.js'
import type { BaseRoomPolicy, JoinCode } from '../../model/policy/basePolicy.js'
import type { PreauthEntry } from '../../model/policy/preauth.js'
import type { PolicyVariant } from '../../model/policy/proposals.js'
import { type Names, resolveBase, resolveJoinCodes, resolvePreauth } from './resolvePolicy.js'
import type { Capability, Scenario, StepAction } from '../scenario/types.js'

export interface WorldProvider {
  readonly id: ProviderId
  readonly malicious: { readonly capabilities: readonly Capability[]; readonly budget: number } | null
}
export interface WorldUser {
  readonly id: UserId
  readonly name: string
  readonly provider: ProviderId
  readonly clients: readonly ClientId[]
  readonly malicious: boolean
  readonly variant: PolicyVariant
}
export interface WorldRoom extends Room {
  readonly name: string
  readonly template: string
  readonly creator: UserId
  readonly participants: readonly (readonly [UserId, number])[]
  /** The scenario's preauth entries (the hub's own entry is added at setup, per design). */
  readonly preauth: readonly PreauthEntry[]
  readonly base: Partial<BaseRoomPolicy>
  readonly joinCodes: readonly JoinCode[]
}
export interface World {
  readonly providers: readonly WorldProvider[]
  readonly users: readonly WorldUser[]
  readonly rooms: readonly WorldRoom[]
  readonly user: (name: string) => WorldUser
  readonly room: (name: string) => WorldRoom
}

export function resolveWorld(s: Scenario): World {
  const providers = s.providers.map((p) => ({ id: providerId(p.id), malicious: p.malicious ? { capabilities: [...p.malicious.capabilities], budget: p.malicious.budget } : null }))
  const users: WorldUser[] = s.users.map((u) => ({
    id: userId(u.provider, u.id),
    name: u.id,
    provider: providerId(u.provider),
    clients: Array.from({ length: u.clients ?? 1 }, (_, k) => clientId(u.provider, u.id, String(k + 1))),
    malicious: u.malicious ?? false,
    variant: u.policyEngine ?? 'draft',
  }))
  const user = (name: string): WorldUser => {
    const found = users.find((u) => u.name === name)
    if (!found) throw new TypeError(`unknown user "${name}" (the scenario validator should have caught this)`)
    return found
  }
  const rooms: WorldRoom[] = s.rooms.map((r) => {
    const set = roleSet(r.policy)!
    const names: Names = { user: (n) => user(n).id, roles: set }
    return {
      ...makeRoom(roomId(r.hub, r.id), r.kind, providerId(r.hub)),
      name: r.id,
      template: r.policy,
      creator: user(r.creator).id,
      participants: r.participants.map((p) => [user(p.user).id, roleByName(set, p.role)!.index] as const),
      preauth: (r.preauth ?? []).map((p) => resolvePreauth(names, p)),
      base: resolveBase(r.base),
      joinCodes: resolveJoinCodes(names, r.joinCodes),
    }
  })
  const room = (name: string): WorldRoom => {
    const found = rooms.find((r) => r.name === name)
    if (!found) throw new TypeError(`unknown room "${name}" (the scenario validator should have caught this)`)
    return found
  }
  return { providers, users, rooms, user, room }
}

/** Who performs a step: a user's first client, or a provider for adversary moves and hub acts. */
export function stepActor(world: World, step: StepAction): ClientId | ProviderId {
  if (step.do === 'injectAdd' || step.do === 'forgeAcl' || step.do === 'hubPropose') return providerId(step.actor)
  return world.user(step.actor).clients[0]!
}

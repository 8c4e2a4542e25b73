/**
 * Who sends a proposal or commit, as the policy sees it (draft-ietf-mimi-room-policy-03 §8: "a
 * participant, a potential future participant, or an external party").
 *
 * A member's rights come from its user's entry in the participant list; an external sender's (the
 * hub's) and an unlisted joiner's from the first matching preauth entry (§4).
 */
import { type ClientId, type ProviderId, providerOf, shortName, type UserId } from '../ids.js'
import type { Requester } from './preauth.js'
import { preauthRole } from './preauth.js'
import { roleByIndex, type Role } from './roles.js'
import { roleIndexOf, type RoomState } from './roomState.js'

export type Principal =
  /** A client in the MLS group, acting for its user. */
  | { readonly kind: 'member'; readonly user: UserId; readonly client: ClientId }
  /** A provider sending as an MLS external sender: the hub, holding its preauthorized role. */
  | { readonly kind: 'external'; readonly provider: ProviderId }
  /** A client joining by external commit (POL §8.1.1 self-join paths). */
  | { readonly kind: 'joiner'; readonly user: UserId; readonly client: ClientId }

export function requesterOf(p: Principal): Requester {
  return p.kind === 'external' ? { kind: 'service', user: null, provider: p.provider } : { kind: 'user', user: p.user, provider: providerOf(p.client) }
}

/** The role index a principal acts with in `state`. */
export function roleIndexOfPrincipal(state: RoomState, p: Principal): number {
  if (p.kind === 'external') return preauthRole(state.preauth, requesterOf(p))
  return roleIndexOf(state, p.user)
}

export function principalRole(state: RoomState, p: Principal): Role {
  return roleByIndex(state.roles, roleIndexOfPrincipal(state, p))
}

export function describePrincipal(state: RoomState, p: Principal): string {
  const who = p.kind === 'external' ? `hub ${shortName(p.provider)}` : shortName(p.user)
  return `${who} (role ${principalRole(state, p).name})`
}

export const userOfPrincipal = (p: Principal): UserId | null => (p.kind === 'external' ? null : p.user)

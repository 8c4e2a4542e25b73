/**
 * The three self-join paths of draft-ietf-mimi-room-policy-03 §8.1.1, for a user not in the
 * participant list who adds itself: canOpenJoin (on role 0, to a target of role 0's (0, […]) entry),
 * canJoinIfPreauthorized (on the target role, when it is the requester's *first* preauth match;
 * authorized_role_changes not consulted), canUseJoinCode (on role 0, with a valid code naming the
 * target role). Preauth is never consulted for a user already listed, banned ones included (§4).
 */
import type { CapabilityName } from './capabilities.js'
import { preauthRole } from './preauth.js'
import { requesterOf, type Principal } from './principal.js'
import { findRole, has, mayChange, roleByIndex } from './roles.js'
import type { RoomState } from './roomState.js'

/** The capability that lets `who` list itself as `target`, or null when no path does. */
export function selfJoinPath(state: RoomState, who: Principal, target: number, code?: string): CapabilityName | null {
  if (target === 0 || !findRole(state.roles, target)) return null
  const zero = roleByIndex(state.roles, 0)
  if (has(zero, 'canOpenJoin') && mayChange(zero, 0, target)) return 'canOpenJoin'
  if (preauthRole(state.preauth, requesterOf(who)) === target && has(roleByIndex(state.roles, target), 'canJoinIfPreauthorized')) return 'canJoinIfPreauthorized'
  if (code !== undefined && has(zero, 'canUseJoinCode') && state.joinCodes.some((c) => c.code === code && c.role === target)) return 'canUseJoinCode'
  return null
}

/** The role an unlisted requester may list itself with, if any path admits it (the lowest such role). */
export function selfJoinRole(state: RoomState, who: Principal, code?: string): number | null {
  for (const r of [...state.roles.roles].sort((a, b) => a.index - b.index)) {
    if (selfJoinPath(state, who, r.index, code)) return r.index
  }
  return null
}

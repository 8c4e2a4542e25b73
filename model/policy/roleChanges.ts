/**
 * Role changes of draft-ietf-mimi-room-policy-03 §8.1.3, one function per rule: canChangeOwnRole
 * (to the first non-zero preauth match; authorized_role_changes not consulted), canBan (to role 1,
 * named "banned"), canUnBan (from role 1 to a non-zero role), canChangeUserRole (another participant,
 * by authorized_role_changes, to a non-zero role). Minimum and maximum constraints are checked on the
 * resulting state (constraints.ts); a ban also requires that none of the user's clients remain.
 */
import { shortName as short, type UserId } from '../ids.js'
import { type Judged, type Rejection, rejected } from './authorize.js'
import { preauthRole } from './preauth.js'
import { describePrincipal, type Principal, principalRole, requesterOf, userOfPrincipal } from './principal.js'
import { BANNED, banRoleExists, findRole, has, mayChange } from './roles.js'
import { roleIndexOf } from './roomState.js'

export function changeOwnRoleRule(j: Judged, by: Principal, user: UserId, target: number): Rejection | null {
  const role = principalRole(j.before, by)
  if (!has(role, 'canChangeOwnRole')) return rejected('canChangeOwnRole', `${describePrincipal(j.before, by)} lacks canChangeOwnRole (POL §8.1.3)`)
  const pre = preauthRole(j.before.preauth, requesterOf(by))
  if (pre === 0 || pre !== target) return rejected('canChangeOwnRole', `${short(user)} may change its own role only to its first matching preauth role (${pre === 0 ? 'none matches' : `role ${pre}`}), not ${target} (POL §8.1.3, §4)`)
  j.used.push({ by, capability: 'canChangeOwnRole' })
  return null
}

export function banRule(j: Judged, by: Principal, user: UserId, old: number): Rejection | null {
  const role = principalRole(j.before, by)
  const who = describePrincipal(j.before, by)
  if (!banRoleExists(j.before.roles)) return rejected('canBan', `role 1 is not named "banned", so no one can ban (POL §8.1.3)`)
  if (!has(role, 'canBan')) return rejected('canBan', `${who} lacks canBan to ban ${short(user)} (POL §8.1.3)`)
  if (!mayChange(role, old, BANNED)) return rejected('canBan', `${who} may not move ${short(user)} from role ${old} to banned (authorized_role_changes, POL §8.1.3)`)
  j.used.push({ by, capability: 'canBan' })
  return null
}

export function unbanRule(j: Judged, by: Principal, user: UserId, target: number): Rejection | null {
  const role = principalRole(j.before, by)
  const who = describePrincipal(j.before, by)
  if (!banRoleExists(j.before.roles)) return rejected('canUnBan', `role 1 is not named "banned" (POL §8.1.3)`)
  const cap = has(role, 'canUnBan') ? 'canUnBan' : has(role, 'canChangeUserRole') ? 'canChangeUserRole' : null
  if (!cap) return rejected('canUnBan', `${who} lacks canUnBan to unban ${short(user)} (POL §8.1.3)`)
  if (!mayChange(role, BANNED, target)) return rejected('canUnBan', `${who} may not move ${short(user)} from banned to role ${target} (authorized_role_changes, POL §8.1.3)`)
  j.used.push({ by, capability: cap })
  return null
}

export function changeUserRoleRule(j: Judged, by: Principal, user: UserId, old: number, target: number): Rejection | null {
  const role = principalRole(j.before, by)
  const who = describePrincipal(j.before, by)
  if (!has(role, 'canChangeUserRole')) return rejected('canChangeUserRole', `${who} lacks canChangeUserRole to change ${short(user)}'s role (POL §8.1.3)`)
  if (!mayChange(role, old, target)) return rejected('canChangeUserRole', `${who} may not move ${short(user)} from role ${old} to ${target} (authorized_role_changes, POL §8.1.3)`)
  j.used.push({ by, capability: 'canChangeUserRole' })
  return null
}

/** Dispatch one changed-role entry to its rule. */
export function changeRoleRule(j: Judged, by: Principal, user: UserId, target: number): Rejection | null {
  const old = roleIndexOf(j.before, user)
  if (old === 0) return rejected('canChangeUserRole', `${short(user)} is not in the participant list, so its role cannot change (POL §8.1.3)`)
  if (target === 0) return rejected('canChangeUserRole', `a role change to 0 is a removal; use the removed list (PROTO §7.5)`)
  if (!findRole(j.before.roles, target)) return rejected('roleExists', `${short(user)} would get role ${target}, which the room does not define (POL §3)`)
  if (userOfPrincipal(by) === user) return changeOwnRoleRule(j, by, user, target)
  if (target === BANNED) return banRule(j, by, user, old)
  if (old === BANNED) return unbanRule(j, by, user, target)
  return changeUserRoleRule(j, by, user, old, target)
}

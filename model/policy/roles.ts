/**
 * Roles (draft-ietf-mimi-room-policy-03 §3): the RoleData component, `roles_list`.
 *
 * A role has an index (0 = not in the participant list; 1, when named "banned", is the ban role,
 * §8.1.3), capabilities, participant and active-participant constraints, and the role changes its
 * holder may make (`authorized_role_changes`: from-role → allowed target roles).
 *
 * Simplified: names and descriptions are strings, not opaque bytes; an absent maximum is `null`.
 */
import type { CapabilityName } from './capabilities.js'

export interface Role {
  readonly index: number
  readonly name: string
  readonly description: string
  readonly capabilities: readonly CapabilityName[]
  readonly minParticipants: number
  readonly maxParticipants: number | null
  readonly minActive: number
  readonly maxActive: number | null
  /** authorized_role_changes: [from_role_index, target_role_indexes]. */
  readonly changes: readonly (readonly [number, readonly number[]])[]
}

export interface RoleSet {
  /** Where the set came from (a template name or a file); for people, not for authorization. */
  readonly name: string
  readonly roles: readonly Role[]
}

export const BANNED = 1

export function roleByName(set: RoleSet, name: string): Role | undefined {
  return set.roles.find((r) => r.name === name)
}

export function findRole(set: RoleSet, index: number): Role | undefined {
  return set.roles.find((r) => r.index === index)
}

/** The role at `index`; an index the set lacks has no capabilities (it grants nothing). */
export function roleByIndex(set: RoleSet, index: number): Role {
  return findRole(set, index) ?? { index, name: `undefined role ${index}`, description: '', capabilities: [], minParticipants: 0, maxParticipants: null, minActive: 0, maxActive: null, changes: [] }
}

export function has(role: Role, capability: CapabilityName): boolean {
  return role.capabilities.includes(capability)
}

export function mayChange(role: Role, from: number, to: number): boolean {
  return role.changes.some(([f, targets]) => f === from && targets.includes(to))
}

/** §8.1.3: canBan/canUnBan work only when role 1 exists and is named exactly "banned". */
export function banRoleExists(set: RoleSet): boolean {
  return findRole(set, BANNED)?.name === 'banned'
}

/**
 * Why a role set is not usable, one line per problem naming the entry (empty when it is fine):
 * duplicate indexes, a missing role 0, canOpenJoin off role 0 (§8.1.1), role changes to roles the
 * set does not define.
 */
export function roleSetProblems(set: RoleSet, where = 'roles'): string[] {
  const problems: string[] = []
  const seen = new Set<number>()
  set.roles.forEach((r, i) => {
    if (seen.has(r.index)) problems.push(`${where}[${i}].index: duplicate role index ${r.index}`)
    seen.add(r.index)
  })
  if (!seen.has(0)) problems.push(`${where}: no role with index 0 (no_role is required, POL §3)`)
  set.roles.forEach((r, i) => {
    if (r.index !== 0 && has(r, 'canOpenJoin')) problems.push(`${where}[${i}].capabilities: canOpenJoin MUST NOT appear in a non-zero role (POL §8.1.1)`)
    r.changes.forEach(([from, targets], j) => {
      for (const t of [from, ...targets]) {
        if (!seen.has(t)) problems.push(`${where}[${i}].changes[${j}]: role change to or from role ${t}, which the set does not define`)
      }
    })
    if (r.maxParticipants !== null && r.maxParticipants < r.minParticipants) problems.push(`${where}[${i}]: maximum participants ${r.maxParticipants} is below the minimum ${r.minParticipants}`)
  })
  return problems
}

export { roleSet, templateNames } from './templates.js'

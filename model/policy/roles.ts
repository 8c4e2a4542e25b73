/**
 * Roles and the example role sets of draft-ietf-mimi-room-policy-03 (§3 roles, Appendix A examples).
 *
 * A role has an index (0 = not in the participant list, 1 = "banned"), capabilities, and the role
 * changes it may make (`authorized_role_changes`: from-role → allowed target roles). The hub, as an
 * external sender, holds the role that preauthorization gives it (POL §4): policy_enforcer in the
 * draft's examples.
 *
 * Simplified: min/max participant constraints are recorded but only checked by the policy-engine
 * issue; A.1 (cooperatively administered) is the only template so far, transcribed from the digest's
 * summary of Appendix A.1 (exact capability lists for super_admin are abbreviated).
 */
import type { CapabilityName } from './capabilities.js'

export interface Role {
  readonly index: number
  readonly name: string
  readonly capabilities: readonly CapabilityName[]
  /** authorized_role_changes: [from_role_index, target_role_indexes]. */
  readonly changes: readonly (readonly [number, readonly number[]])[]
  readonly minParticipants: number
  readonly maxActiveParticipants?: number
}

export interface RoleSet {
  readonly name: string
  readonly roles: readonly Role[]
  /** The role preauthorization gives the hub as an external sender (POL §4). */
  readonly hubRole: number
}

const member: readonly CapabilityName[] = ['canAddOwnClient', 'canRemoveOwnClient', 'canRemoveSelf', 'canSendMessage', 'canReceiveMessage']

const cooperative: RoleSet = {
  name: 'cooperative',
  hubRole: 5,
  roles: [
    { index: 0, name: 'no_role', capabilities: [], changes: [], minParticipants: 0, maxActiveParticipants: 0 },
    { index: 1, name: 'banned', capabilities: [], changes: [], minParticipants: 0, maxActiveParticipants: 0 },
    {
      index: 2,
      name: 'ordinary_user',
      capabilities: [...member, 'canAddParticipant', 'canRemoveParticipant', 'canChangeRoomName'],
      changes: [[0, [2]], [2, [0]]],
      minParticipants: 0,
    },
    {
      index: 3,
      name: 'group_admin',
      capabilities: [...member, 'canAddParticipant', 'canRemoveParticipant', 'canChangeRoomName', 'canBan', 'canUnBan', 'canKick', 'canChangeUserRole'],
      changes: [[0, [2, 3]], [1, [0, 2]], [2, [0, 1, 3]], [3, [0, 1, 2]]],
      minParticipants: 1,
    },
    {
      index: 4,
      name: 'super_admin',
      capabilities: [
        ...member, 'canAddParticipant', 'canRemoveParticipant', 'canChangeRoomName', 'canBan', 'canUnBan', 'canKick',
        'canChangeUserRole', 'canChangeRoomMembershipStyle', 'canChangePreauthorizedUserList', 'canDestroyRoom',
      ],
      changes: [[0, [2, 3, 4]], [1, [0, 2]], [2, [0, 1, 3, 4]], [3, [0, 1, 2, 4]], [4, [0, 1, 2, 3]]],
      minParticipants: 0,
    },
    {
      index: 5,
      name: 'policy_enforcer',
      capabilities: [
        'canRemoveParticipant', 'canChangeUserRole', 'canBan', 'canUnBan', 'canChangeRoleDefinitions',
        'canChangePreauthorizedUserList', 'canChangeMlsOperationalPolicies', 'canDestroyRoom', 'canSendMLSReinitProposal',
      ],
      changes: [[2, [0, 1]], [3, [0, 1]], [4, [0, 1]], [1, [0]]],
      minParticipants: 1,
      maxActiveParticipants: 0,
    },
  ],
}

const TEMPLATES: Readonly<Record<string, RoleSet>> = { cooperative }

export const templateNames = (): readonly string[] => Object.keys(TEMPLATES).sort()
export const roleSet = (name: string): RoleSet | undefined => TEMPLATES[name]

export function roleByName(set: RoleSet, name: string): Role | undefined {
  return set.roles.find((r) => r.name === name)
}

export function roleByIndex(set: RoleSet, index: number): Role {
  return set.roles.find((r) => r.index === index) ?? set.roles[0]!
}

export function has(role: Role, capability: CapabilityName): boolean {
  return role.capabilities.includes(capability)
}

export function mayChange(role: Role, from: number, to: number): boolean {
  return role.changes.some(([f, targets]) => f === from && targets.includes(to))
}

/**
 * The draft text a found path bears on: for each capability a path exercises, and for each
 * question, the section of draft-ietf-mimi-room-policy-03 (POL) or draft-ietf-mimi-protocol-06
 * (PROTO) that grants or limits it, paraphrased in one line (section numbers as in
 * /work/shared/spec/mimi-digest.md §2).
 */
import type { CapabilityName } from '../../model/policy/index.js'
import type { Taken } from './step.js'
import type { Goal } from './search.js'

const BY_CAPABILITY: Partial<Record<CapabilityName, string>> = {
  canChangePreauthorizedUserList: 'POL §8.6 canChangePreauthorizedUserList, POL §4: the preauth list also gives external senders (the hub) their role, and its first matching entry wins',
  canChangeRoleDefinitions: 'POL §8.6 canChangeRoleDefinitions, POL §3: a RoleUpdate replaces roles_list wholesale, so its holder can grant any capability to any role',
  canChangeRoomMembershipStyle: 'POL §8.6 canChangeRoomMembershipStyle, POL §5: base_room_policy, including fixed_membership',
  canOpenJoin: 'POL §8.1.1 canOpenJoin: a non-listed user may list itself as any target of role 0\'s (0, […]) entry',
  canJoinIfPreauthorized: 'POL §8.1.1 canJoinIfPreauthorized, POL §4: an unlisted requester joins as its first matching preauth role; authorized_role_changes is not consulted',
  canUseJoinCode: 'POL §8.1.1 canUseJoinCode, POL §6.2 join links',
  canAddParticipant: 'POL §8.1.1 canAddParticipant: adding another user needs a (0, […target]) authorized_role_changes entry',
  canAddOwnClient: 'POL §8.1.1 canAddOwnClient: a listed user adds its own client with no other approval',
  canChangeUserRole: 'POL §8.1.3 canChangeUserRole: another participant, by authorized_role_changes',
  canChangeOwnRole: 'POL §8.1.3 canChangeOwnRole: to the first matching preauth role, authorized_role_changes not consulted (ISS-R #10)',
  canBan: 'POL §8.1.3 canBan: to role 1 "banned", all clients removed',
  canUnBan: 'POL §8.1.3 canUnBan: from role 1 to a non-zero role',
  canKick: 'POL §8.1.2 canKick: removes clients, leaves the list (ISS-R #3)',
  canRemoveParticipant: 'POL §8.1.2 canRemoveParticipant',
  canRemoveSelf: 'POL §8.1.2 canRemoveSelf',
}

const SELF_JOIN: readonly CapabilityName[] = ['canOpenJoin', 'canJoinIfPreauthorized', 'canUseJoinCode']
const UNLISTED_JOINER = 'RFC 9420 §12.4.3.2, as model/policy/membership.ts reads it: an external commit cannot carry the participant-list change, so a self-joiner holds a client before it is listed, and the listing is judged only in its next commit'

function byGoal(goal: Goal, property: string): string[] {
  if (property === 'hubLeastPrivilege') {
    return [
      'POL §4: a preauthorized role authorizes external senders such as the hub; the draft\'s own example gives the hub removal and ban rights but not adding users or devices',
      'POL Appendix A policy_enforcer: no canAddParticipant, but canChangeRoleDefinitions and canChangePreauthorizedUserList (digest §6.3 gap 1, scenario S3)',
    ]
  }
  if (property === 'fixedMembership') {
    return ['POL §5 fixed_membership: the participant list is fixed at creation and no non-zero, non-banned role may hold canAddParticipant']
  }
  return goal.kind === 'holds' ? [`POL §3 roles and authorized_role_changes; POL §8 ${goal.capability}`] : []
}

/** The draft references for a path answering `property`, most specific first, without repeats. */
export function bearsOn(path: readonly Taken[], goal: Goal, property: string): string[] {
  const caps = path.flatMap((t) => t.used.map((u) => u.capability))
  const selfJoin = path.some((t) => t.move.parts.some((p) => p.kind === 'join') && t.used.some((u) => SELF_JOIN.includes(u.capability)))
  const lines = [...byGoal(goal, property), ...caps.flatMap((c) => (BY_CAPABILITY[c] ? [BY_CAPABILITY[c]!] : [])), ...(selfJoin ? [UNLISTED_JOINER] : [])]
  return [...new Set(lines)]
}

/**
 * The authorization check every enforcer runs: the hub on /update and /submitMessage, and, under
 * policy=mls, every client on every incoming commit and proposal.
 *
 * draft-ietf-mimi-room-policy-03 §8.1 (canAddParticipant, canAddOwnClient, canRemoveParticipant,
 * canKick, canOpenJoin), §4 (the hub's role comes from preauthorization), §8.3 (canSendMessage);
 * draft-ietf-mls-extensions-09 §4.7 (one invalid part makes the whole proposal list invalid);
 * draft-ietf-mimi-protocol-06 §5.3 (the participant-list change is committed before or with the
 * MLS operation).
 *
 * Simplified: role changes, bans and metadata are refused as "not modelled" (the policy-engine issue
 * implements them rule by rule). Removal takes two commits — Remove of all the user's clients,
 * then the participant-list change — because ts-mls 1.6.4 cannot process a GroupContextExtensions
 * proposal committed with a Remove (bug #742); the first half is authorized by the same
 * canRemoveParticipant right as the whole, and the user is a legitimate *inactive* participant
 * in between (ARCH §2).
 */
import { shortName as short } from '../ids.js'
import { type ClientId, type ProviderId, type UserId, userOfClient } from '../ids.js'
import { has, mayChange, roleByIndex, type Role } from './roles.js'
import { roleIndexOf, rolesOf, type RoomState } from './roomState.js'

export type Principal =
  | { readonly kind: 'user'; readonly user: UserId }
  /** A provider sending as an MLS external sender: the hub, holding its preauthorized role. */
  | { readonly kind: 'provider'; readonly provider: ProviderId }
  /** A client joining by external commit (POL §8.1.1 self-join paths). */
  | { readonly kind: 'joiner'; readonly user: UserId }

export interface ProposedChange {
  readonly before: RoomState
  readonly after: RoomState
  /** Members (clients) before the change, sorted. */
  readonly members: readonly ClientId[]
  readonly adds: readonly ClientId[]
  readonly removes: readonly ClientId[]
}

export type Authorization = { readonly kind: 'allowed' } | { readonly kind: 'rejected'; readonly reason: string }

const allowed: Authorization = { kind: 'allowed' }
const reject = (reason: string): Authorization => ({ kind: 'rejected', reason })

function senderRole(state: RoomState, sender: Principal): Role {
  const set = rolesOf(state)
  if (sender.kind === 'provider') return roleByIndex(set, set.hubRole)
  return roleByIndex(set, roleIndexOf(state, sender.user))
}

function usersOf(state: RoomState): Set<UserId> {
  return new Set(state.participants.map(([u]) => u))
}

export function authorizeChange(sender: Principal, change: ProposedChange): Authorization {
  const { before, after } = change
  if (before.roles !== after.roles) return reject('roles_list changes need canChangeRoleDefinitions, not modelled yet (POL §3)')
  const role = senderRole(before, sender)
  const who = sender.kind === 'provider' ? `hub ${short(sender.provider)} (role ${role.name})` : `${short(sender.user)} (role ${role.name})`
  const was = usersOf(before)
  const now = usersOf(after)

  for (const [user, target] of after.participants) {
    const old = roleIndexOf(before, user)
    if (old === target) continue
    if (old !== 0) return reject(`${who} changes ${short(user)}'s role: canChangeUserRole is not modelled yet (POL §8.1)`)
    if (!has(role, 'canAddParticipant')) return reject(`${who} lacks canAddParticipant to add ${short(user)} (POL §8.1)`)
    if (!mayChange(role, 0, target)) return reject(`${who} may not move ${short(user)} from role 0 to ${target} (authorized_role_changes, POL §8.1)`)
  }
  for (const [user, old] of before.participants) {
    if (now.has(user)) continue
    if (!has(role, 'canRemoveParticipant')) return reject(`${who} lacks canRemoveParticipant to remove ${short(user)} (POL §8.1)`)
    if (!mayChange(role, old, 0)) return reject(`${who} may not move ${short(user)} from role ${old} to 0 (authorized_role_changes, POL §8.1)`)
    const left = change.members.filter((c) => userOfClient(c) === user && !change.removes.includes(c))
    if (left.length > 0) return reject(`${short(user)} is removed from the list but still has clients in the group (POL §8.1 canRemoveParticipant)`)
  }

  for (const client of change.adds) {
    const user = userOfClient(client)
    const target = roleByIndex(rolesOf(after), roleIndexOf(after, user))
    if (!now.has(user)) return reject(`Add of ${short(client)}: ${short(user)} is not in the participant list (PROTO §5.3: list change before or with the Add)`)
    if (target.maxActiveParticipants === 0) return reject(`Add of ${short(client)}: role ${target.name} may have no clients in the group (POL §3)`)
    if (!was.has(user)) continue // covered by canAddParticipant above
    if (sender.kind === 'joiner' && sender.user === user && has(target, 'canAddOwnClient')) continue
    if (sender.kind === 'user' && sender.user === user && has(role, 'canAddOwnClient')) continue
    return reject(`${who} adds a client of ${short(user)}, who was already listed: only ${short(user)} may (canAddOwnClient, POL §8.1)`)
  }
  if (sender.kind === 'joiner' && !was.has(sender.user)) {
    const zero = roleByIndex(rolesOf(before), 0)
    if (!has(zero, 'canOpenJoin')) return reject(`${short(sender.user)} is not listed and role 0 lacks canOpenJoin (POL §8.1.1)`)
  }

  const removedUsers = new Set(change.removes.map(userOfClient))
  for (const user of [...removedUsers].sort()) {
    if (sender.kind === 'user' && sender.user === user && has(role, 'canRemoveOwnClient')) continue
    const all = change.members.filter((c) => userOfClient(c) === user)
    const whole = all.every((c) => change.removes.includes(c))
    const old = roleIndexOf(before, user)
    if (whole && has(role, 'canRemoveParticipant') && mayChange(role, old, 0)) continue
    if (has(role, 'canKick')) continue
    return reject(`${who} removes clients of ${short(user)} without canRemoveParticipant or canKick (POL §8.1)`)
  }
  return allowed
}

export function authorizeSend(state: RoomState, user: UserId): Authorization {
  const role = roleByIndex(rolesOf(state), roleIndexOf(state, user))
  return has(role, 'canSendMessage') ? allowed : reject(`${short(user)} (role ${role.name}) lacks canSendMessage (POL §8.3)`)
}

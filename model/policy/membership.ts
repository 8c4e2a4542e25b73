/**
 * Membership rules of draft-ietf-mimi-room-policy-03 §8.1.1 (adding) and §8.1.2 (removing), one
 * function per rule, for participant-list entries and for MLS Add/Remove/external-join parts.
 *
 * Departure, forced by ts-mls 1.6.4 bug #742 (a GroupContextExtensions proposal cannot be committed
 * with a Remove): removing, banning or leaving takes two commits — the clients' Removes, then the list
 * change. The first is authorized by the right that authorizes the whole (canRemoveParticipant or
 * canBan, for all of the user's clients at once); in between the user is an inactive participant.
 */
import { shortName as short, type UserId, userOfClient } from '../ids.js'
import { type Judged, type Rejection, rejected } from './authorize.js'
import { describePrincipal, type Principal, principalRole, userOfPrincipal } from './principal.js'
import { BANNED, banRoleExists, findRole, has, mayChange } from './roles.js'
import { roleIndexOf } from './roomState.js'
import { selfJoinPath } from './selfJoin.js'
import { changeRoleRule } from './roleChanges.js'
import { authorize } from './authorize.js'
import { listUpdate } from './updates.js'

const listed = (j: Judged, user: UserId) => roleIndexOf(j.before, user) !== 0
const who = (j: Judged, by: Principal) => describePrincipal(j.before, by)

/** A join code presented anywhere in the list (by the external joiner). */
function codeOf(j: Judged): string | undefined {
  for (const p of j.list.parts) if (p.kind === 'join' && p.code !== undefined) return p.code
  for (const p of j.list.parts) if (p.kind === 'update' && p.code !== undefined) return p.code
  return undefined
}

/** canAddParticipant (§8.1.1), or a self-join path when the user lists itself. */
export function addParticipantRule(j: Judged, by: Principal, user: UserId, target: number): Rejection | null {
  if (target === 0 || !findRole(j.before.roles, target)) return rejected('roleExists', `${short(user)} would get role ${target}, which the room does not define (POL §3)`)
  if (listed(j, user)) return rejected('canAddParticipant', `${short(user)} is already in the participant list (POL §8.1.1)`)
  if (userOfPrincipal(by) === user) {
    const path = selfJoinPath(j.before, by, target, codeOf(j))
    if (!path) {
      return rejected('selfJoin', `${short(user)} is not in the participant list and no self-join path admits it as role ${target}: role 0 lacks canOpenJoin, no first-matching preauth entry names a role with canJoinIfPreauthorized, and no valid join code (POL §8.1.1, §4)`)
    }
    j.used.push({ by, capability: path })
    return null
  }
  const role = principalRole(j.before, by)
  if (!has(role, 'canAddParticipant')) return rejected('canAddParticipant', `${who(j, by)} lacks canAddParticipant to add ${short(user)} (POL §8.1.1)`)
  if (!mayChange(role, 0, target)) return rejected('canAddParticipant', `${who(j, by)} may not add ${short(user)} as role ${target}: no authorized_role_changes entry (0, […${target}]) (POL §8.1.1)`)
  j.used.push({ by, capability: 'canAddParticipant' })
  return null
}

/** canRemoveParticipant for another user, canRemoveSelf for oneself (§8.1.2). */
export function removeParticipantRule(j: Judged, by: Principal, user: UserId): Rejection | null {
  if (!listed(j, user)) return rejected('canRemoveParticipant', `${short(user)} is not in the participant list (POL §8.1.2)`)
  const old = roleIndexOf(j.before, user)
  const role = principalRole(j.before, by)
  if (userOfPrincipal(by) === user) {
    if (!has(role, 'canRemoveSelf')) return rejected('canRemoveSelf', `${who(j, by)} lacks canRemoveSelf (POL §8.1.2)`)
    if (!mayChange(role, old, 0)) return rejected('canRemoveSelf', `${who(j, by)} has no authorized_role_changes entry (${old}, […0]) to leave (POL §8.1.2)`)
    const c = j.list.committer
    if (c && c.kind === 'member' && c.user === user) return rejected('canRemoveSelf', `${short(user)}'s leave is a proposal only: it cannot be committed by the leaving user (POL §8.1.2)`)
    j.used.push({ by, capability: 'canRemoveSelf' })
    return null
  }
  if (!has(role, 'canRemoveParticipant')) return rejected('canRemoveParticipant', `${who(j, by)} lacks canRemoveParticipant to remove ${short(user)} (POL §8.1.2)`)
  if (!mayChange(role, old, 0)) return rejected('canRemoveParticipant', `${who(j, by)} may not move ${short(user)} from role ${old} to 0 (authorized_role_changes, POL §8.1.2)`)
  j.used.push({ by, capability: 'canRemoveParticipant' })
  return null
}

export function participantRules(j: Judged): Rejection | null {
  for (const p of j.list.parts) {
    if (p.kind !== 'update' || p.update.component !== 'participants') continue
    const u = p.update
    for (const [user, target] of u.add) {
      const r = addParticipantRule(j, p.by, user, target)
      if (r) return r
    }
    for (const user of u.remove) {
      const r = removeParticipantRule(j, p.by, user)
      if (r) return r
    }
    for (const [user, target] of u.change) {
      const r = changeRoleRule(j, p.by, user, target)
      if (r) return r
    }
  }
  return null
}

/** The users whose list entry this list adds (so their clients may be added with them, §8.1.1). */
function addedUsers(j: Judged): Set<UserId> {
  const s = new Set<UserId>()
  for (const p of j.list.parts) if (p.kind === 'update' && p.update.component === 'participants') for (const [u] of p.update.add) s.add(u)
  return s
}

/** canAddOwnClient (§8.1.1): a listed user's own client, by that user's member client or by external join. */
export function addClientRule(j: Judged, by: Principal, client: string): Rejection | null {
  const user = userOfClient(client as never)
  if (addedUsers(j).has(user)) return null
  if (!listed(j, user)) return rejected('canAddParticipant', `Add of ${short(client)}: ${short(user)} is not in the participant list (PROTO §5.3: the list change comes before or with the Add)`)
  if (userOfPrincipal(by) !== user) return rejected('canAddOwnClient', `${who(j, by)} adds a client of ${short(user)}, who is already listed: only ${short(user)} may (canAddOwnClient, POL §8.1.1)`)
  if (!has(principalRole(j.before, by), 'canAddOwnClient')) return rejected('canAddOwnClient', `${who(j, by)} lacks canAddOwnClient (POL §8.1.1)`)
  j.used.push({ by, capability: 'canAddOwnClient' })
  return null
}

/** An external commit: a listed user's own new client (canAddOwnClient), or an unlisted user on a self-join path. */
export function externalJoinRule(j: Judged, by: Extract<Principal, { kind: 'joiner' }>): Rejection | null {
  const user = by.user
  if (addedUsers(j).has(user)) return null
  const index = roleIndexOf(j.before, user)
  if (index === BANNED && banRoleExists(j.before.roles)) return rejected('banned', `${short(user)} is banned: role 1 has no capabilities and preauth is not consulted for listed users (POL §4, §8.1.3)`)
  if (index !== 0) {
    if (!has(principalRole(j.before, by), 'canAddOwnClient')) return rejected('canAddOwnClient', `${who(j, by)} lacks canAddOwnClient to join with a new client (POL §8.1.1)`)
    j.used.push({ by, capability: 'canAddOwnClient' })
    return null
  }
  // Not listed: an external commit cannot carry the list change (RFC 9420 §12.4.3.2), so the joiner lists
  // itself in its next commit; here the path that will let it must exist.
  for (const r of [...j.before.roles.roles].sort((a, b) => a.index - b.index)) {
    const path = selfJoinPath(j.before, by, r.index, codeOf(j))
    if (!path) continue
    // The join is only as good as the listing it leads to: judge that now, so a joiner can never be
    // left as an unlisted member by a listing bound to be refused (fixed membership, maxima).
    const member = { kind: 'member' as const, user, client: by.client }
    const listing = authorize(j.before, { committer: member, parts: [{ kind: 'update', by: member, update: listUpdate({ add: [[user, r.index]] }), ...(codeOf(j) !== undefined ? { code: codeOf(j)! } : {}) }], members: [...j.list.members, by.client].sort() as never }, j.variant)
    if (listing.kind === 'rejected') return rejected(listing.rule, `${short(user)} may join only to be listed, and that listing is refused: ${listing.reason}`)
    j.used.push({ by, capability: path })
    return null
  }
  return rejected('selfJoin', `${short(user)} is not in the participant list and no self-join path admits it: role 0 lacks canOpenJoin, no preauth entry matches, no valid join code (POL §8.1.1)`)
}

/**
 * Removes of a user's clients without taking the user off the list: canRemoveOwnClient (own other
 * clients), canKick (another participant's clients), or the first half of a two-commit removal or ban.
 */
export function removeClientsRule(j: Judged, by: Principal, user: UserId, clients: readonly string[]): Rejection | null {
  const role = principalRole(j.before, by)
  const all = j.list.members.filter((c) => userOfClient(c) === user)
  const whole = all.every((c) => clients.includes(c))
  const unlisted = j.after.participants.every(([u]) => u !== user)
  const old = roleIndexOf(j.before, user)
  if (userOfPrincipal(by) === user) {
    const c = j.list.committer
    if (c && c.kind === 'member' && clients.includes(c.client)) return rejected('canRemoveOwnClient', `${short(c.client)} cannot commit its own removal (RFC 9420 §12.2; POL §8.1.2)`)
    if (has(role, 'canRemoveOwnClient')) return (j.used.push({ by, capability: 'canRemoveOwnClient' }), null)
    return rejected('canRemoveOwnClient', `${who(j, by)} lacks canRemoveOwnClient (POL §8.1.2)`)
  }
  if (unlisted) return null // the list change in the same list was authorized (canRemoveParticipant)
  if (j.variant === 'kick-unlists' && whole) {
    return rejected('canKick', `${who(j, by)} removes all of ${short(user)}'s clients but leaves ${short(user)} listed: this engine reads kick as also unlisting (ISS-R #3)`)
  }
  if (has(role, 'canKick')) return (j.used.push({ by, capability: 'canKick' }), null)
  if (whole && has(role, 'canRemoveParticipant') && mayChange(role, old, 0)) return (j.used.push({ by, capability: 'canRemoveParticipant' }), null)
  if (whole && has(role, 'canBan') && mayChange(role, old, BANNED) && banRoleExists(j.before.roles)) return (j.used.push({ by, capability: 'canBan' }), null)
  return rejected('canKick', `${who(j, by)} removes clients of ${short(user)} without canKick, canRemoveParticipant or canBan (POL §8.1.2)`)
}

export function clientRules(j: Judged): Rejection | null {
  for (const p of j.list.parts) {
    if (p.kind === 'add') {
      const r = addClientRule(j, p.by, p.client)
      if (r) return r
    } else if (p.kind === 'join') {
      const r = externalJoinRule(j, p.by)
      if (r) return r
    }
  }
  // Group Removes by (sender, user) so that "all of a user's clients" is judged as one action.
  const groups = new Map<string, { by: Principal; user: UserId; clients: string[] }>()
  for (const p of j.list.parts) {
    if (p.kind !== 'remove') continue
    const user = userOfClient(p.client)
    const key = `${JSON.stringify(p.by)} ${user}`
    const g = groups.get(key) ?? { by: p.by, user, clients: [] }
    g.clients.push(p.client)
    groups.set(key, g)
  }
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!
    const r = removeClientsRule(j, g.by, g.user, g.clients)
    if (r) return r
  }
  return null
}

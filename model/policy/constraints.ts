/**
 * Constraints on the state a proposal list leads to: the participant and active-participant minima
 * and maxima of each role (draft-ietf-mimi-room-policy-03 §3, checked by every §8.1 rule for the roles
 * it touches), "no clients of a removed or banned user remain" (§8.1.2, §8.1.3), and the base room
 * policy (§5): fixed_membership, multi_device, max_users, max_clients.
 *
 * A constraint is only enforced in the direction the list moves a count (a removal checks minima, an
 * addition maxima), as the §8.1 rules word it, so a room created outside a constraint is not frozen.
 * Simplified: role 0 is not counted — unlisted members are what rosterMatchesMembership reports, and
 * an external joiner is briefly an unlisted member until its next commit lists it (membership.ts).
 */
import { shortName as short, type ClientId, type UserId, userOfClient } from '../ids.js'
import { type Judged, type Rejection, rejected } from './authorize.js'
import { BANNED, has } from './roles.js'
import type { RoomState } from './roomState.js'

function membersAfter(j: Judged): ClientId[] {
  const removes = new Set(j.list.parts.flatMap((p) => (p.kind === 'remove' ? [p.client] : [])))
  const adds = j.list.parts.flatMap((p) => (p.kind === 'add' ? [p.client] : p.kind === 'join' ? [p.by.client] : []))
  return [...new Set([...j.list.members.filter((c) => !removes.has(c)), ...adds])].sort()
}

function counts(s: RoomState, members: readonly ClientId[]): Map<number, { all: number; active: number }> {
  const m = new Map<number, { all: number; active: number }>()
  const active = new Set<UserId>(members.map(userOfClient))
  for (const [u, r] of s.participants) {
    const c = m.get(r) ?? { all: 0, active: 0 }
    m.set(r, { all: c.all + 1, active: c.active + (active.has(u) ? 1 : 0) })
  }
  return m
}

export function constraints(j: Judged): Rejection | null {
  const after = membersAfter(j)
  const { before } = j
  // §8.1.2/§8.1.3: a user taken off the list or banned keeps no client.
  for (const [u, r] of before.participants) {
    const now = j.after.participants.find(([x]) => x === u)?.[1] ?? 0
    if ((now === 0 || (now === BANNED && r !== BANNED)) && after.some((c) => userOfClient(c) === u)) {
      return rejected('noClientsAfterRemoval', `${short(u)} is ${now === 0 ? 'removed from the list' : 'banned'} but still has clients in the group after the commit (POL §8.1.2, §8.1.3)`)
    }
  }
  const was = counts(before, j.list.members)
  const now = counts(j.after, after)
  for (const role of j.after.roles.roles) {
    if (role.index === 0) continue
    const b = was.get(role.index) ?? { all: 0, active: 0 }
    const a = now.get(role.index) ?? { all: 0, active: 0 }
    if (a.all < b.all && a.all < role.minParticipants) return rejected('minParticipants', `role ${role.name} would have ${a.all} participant(s), below its minimum of ${role.minParticipants} (POL §3)`)
    if (a.active < b.active && a.active < role.minActive) return rejected('minActiveParticipants', `role ${role.name} would have ${a.active} active participant(s), below its minimum of ${role.minActive} (POL §3)`)
    if (a.all > b.all && role.maxParticipants !== null && a.all > role.maxParticipants) return rejected('maxParticipants', `role ${role.name} would have ${a.all} participants, above its maximum of ${role.maxParticipants} (POL §3)`)
    if (a.active > b.active && role.maxActive !== null && a.active > role.maxActive) return rejected('maxActiveParticipants', `role ${role.name} would have ${a.active} active participant(s), above its maximum of ${role.maxActive} (POL §3)`)
  }
  const base = j.after.base
  if (base.fixedMembership) {
    const holder = j.after.roles.roles.find((r) => r.index !== 0 && r.index !== BANNED && has(r, 'canAddParticipant'))
    if (holder) return rejected('fixedMembership', `fixed_membership is set but role ${holder.name} holds canAddParticipant (POL §5)`)
    if (before.base.fixedMembership) {
      const added = j.after.participants.filter(([u]) => !before.participants.some(([x]) => x === u))
      if (added.length) return rejected('fixedMembership', `the room has fixed membership: ${short(added[0]![0])} cannot join the participant list (POL §5)`)
      const left = before.participants.filter(([u]) => !j.after.participants.some(([x]) => x === u))
      if (left.length) return rejected('fixedMembership', `the room has fixed membership: ${short(left[0]![0])} cannot leave or be removed, only its clients can (POL §5)`)
    }
  }
  if (!base.multiDevice) {
    const users = after.map(userOfClient)
    const twice = users.find((u, i) => users.indexOf(u) !== i)
    if (twice) return rejected('multiDevice', `multi_device is false but ${short(twice)} would have more than one client (POL §5)`)
  }
  const users = (s: RoomState) => s.participants.filter(([, r]) => r !== BANNED).length
  if (base.maxUsers !== null && users(j.after) > base.maxUsers && users(j.after) > users(before)) return rejected('maxUsers', `the room would have ${users(j.after)} users, above max_users ${base.maxUsers} (POL §5)`)
  if (base.maxClients !== null && after.length > base.maxClients && after.length > j.list.members.length) return rejected('maxClients', `the group would have ${after.length} clients, above max_clients ${base.maxClients} (POL §5)`)
  return null
}

/**
 * The finite action alphabet of the escalation search: every proposal list one principal may send
 * in a state, enumerated in a fixed order. Each is only a candidate; `authorize` (model/policy, the
 * function every client runs) decides whether it is taken.
 *
 * Participant-list moves follow draft-ietf-mimi-protocol-06 §7.5 and draft-ietf-mimi-room-policy-03
 * §8.1 (add with the user's client, remove with its clients, role change — a ban removes the
 * clients too —, kick, external join). Component moves come from small finite domains: a preauth
 * entry for one principal's claims put first (the first match wins, POL §4) or one entry dropped;
 * one capability that bears on membership or definitions granted to one role, or role 0 given
 * canOpenJoin with a (0, [r]) entry (POL §3, §8.1.1); fixed_membership flipped (POL §5); the room
 * name changed (PROTO §7.6).
 *
 * Simplified: a roles_list edit only adds (a capability or an open-join target); removals and new
 * authorized_role_changes entries are explored by the role-set mutations (mutate.ts) instead.
 */
import type { UserId } from '../../model/ids.js'
import {
  BANNED,
  type CapabilityName,
  type Claims,
  findRole,
  type Part,
  type PolicyUpdate,
  type Principal,
  type Role,
  type RoleSet,
  listUpdate,
  roleIndexOf,
} from '../../model/policy/index.js'
import { clientOf, type EscState, HUB, isActive, joinerPrincipal, memberPrincipal } from './world.js'

/** Capabilities a roles_list edit may grant: those that change who is in the room or who decides. */
export const GRANTABLE: readonly CapabilityName[] = [
  'canAddParticipant',
  'canJoinIfPreauthorized',
  'canBan',
  'canUnBan',
  'canKick',
  'canChangeUserRole',
  'canChangeOwnRole',
  'canChangeRoomMembershipStyle',
  'canChangeRoleDefinitions',
  'canChangePreauthorizedUserList',
]

export interface Move {
  /** Who sends the proposals. */
  readonly sender: Principal
  /** One line for people, e.g. `participant_list +eve:2, Add eve/1`. */
  readonly label: string
  readonly parts: readonly Part[]
}

/** How a principal may act: fully, or only on its own membership (an outsider). */
export type Reach = 'full' | 'self'

export interface Alphabet {
  readonly users: readonly UserId[]
  /** Capabilities roles_list edits may grant (GRANTABLE plus whatever the question asks about). */
  readonly grantable: readonly CapabilityName[]
}

const short = (u: string) => u.slice(u.lastIndexOf('/') + 1)
const roleLabel = (set: RoleSet, index: number) => findRole(set, index)?.name ?? `role ${index}`

function update(by: Principal, u: PolicyUpdate): Part {
  return { kind: 'update', by, update: u }
}

/** Membership moves of a member (a principal with a client) or of the hub. */
function listMoves(s: EscState, by: Principal, a: Alphabet, reach: Reach): Move[] {
  const out: Move[] = []
  const roles = s.room.roles
  const nonZero = roles.roles.map((r) => r.index).filter((i) => i !== 0)
  const self = by.kind === 'external' ? null : by.user
  const targets = reach === 'self' ? (self ? [self] : []) : a.users
  for (const u of targets) {
    const now = roleIndexOf(s.room, u)
    const client = clientOf(u)
    if (now === 0) {
      for (const r of nonZero) {
        out.push({ sender: by, label: `participant_list +${short(u)}:${roleLabel(roles, r)}`, parts: [update(by, listUpdate({ add: [[u, r]] }))] })
        if (!isActive(s, u)) {
          out.push({ sender: by, label: `participant_list +${short(u)}:${roleLabel(roles, r)}, Add ${short(u)}/1`, parts: [update(by, listUpdate({ add: [[u, r]] })), { kind: 'add', by, client }] })
        }
      }
      continue
    }
    const drop: Part[] = isActive(s, u) ? [{ kind: 'remove', by, client }] : []
    out.push({ sender: by, label: `participant_list -${short(u)}${drop.length ? `, Remove ${short(u)}/1` : ''}`, parts: [update(by, listUpdate({ remove: [u] })), ...drop] })
    for (const r of nonZero) {
      if (r === now) continue
      const extra = r === BANNED ? drop : []
      out.push({ sender: by, label: `participant_list ${short(u)}→${roleLabel(roles, r)}${extra.length ? `, Remove ${short(u)}/1` : ''}`, parts: [update(by, listUpdate({ change: [[u, r]] })), ...extra] })
    }
    if (isActive(s, u) && reach === 'full') out.push({ sender: by, label: `Remove ${short(u)}/1 (kick)`, parts: drop })
  }
  return out
}

function withCapability(set: RoleSet, index: number, cap: CapabilityName): RoleSet {
  return { ...set, roles: set.roles.map((r) => (r.index === index ? { ...r, capabilities: [...r.capabilities, cap].sort() } : r)) }
}

function withOpenJoin(set: RoleSet, target: number): RoleSet {
  const open = (r: Role): Role => {
    const caps = r.capabilities.includes('canOpenJoin') ? r.capabilities : [...r.capabilities, 'canOpenJoin' as const].sort()
    const entry = r.changes.find(([f]) => f === 0)
    const changes = entry
      ? r.changes.map(([f, t]) => (f === 0 ? ([f, [...new Set([...t, target])].sort((x, y) => x - y)] as const) : ([f, t] as const)))
      : [...r.changes, [0, [target]] as const].sort(([x], [y]) => x - y)
    return { ...r, capabilities: caps, changes }
  }
  return { ...set, roles: set.roles.map((r) => (r.index === 0 ? open(r) : r)) }
}

/** Moves on the components other than the participant list. */
function componentMoves(s: EscState, by: Principal, a: Alphabet): Move[] {
  const out: Move[] = []
  const room = s.room
  const roles = room.roles
  const nonZero = roles.roles.map((r) => r.index).filter((i) => i !== 0)
  const claims: [string, Claims][] = [['hub', { kind: 'service', provider: HUB }], ...a.users.map((u): [string, Claims] => [short(u), { user: u }])]
  for (const [who, c] of claims) {
    for (const r of nonZero) {
      const first = room.preauth[0]
      if (first && first.role === r && JSON.stringify(first.claims) === JSON.stringify(c)) continue
      out.push({ sender: by, label: `preauth_list: put ${who} → ${roleLabel(roles, r)} first`, parts: [update(by, { component: 'preauth', entries: [{ claims: c, role: r }, ...room.preauth] })] })
    }
  }
  room.preauth.forEach((e, i) => {
    out.push({ sender: by, label: `preauth_list: drop entry ${i} (→ ${roleLabel(roles, e.role)})`, parts: [update(by, { component: 'preauth', entries: room.preauth.filter((_, k) => k !== i) })] })
  })
  for (const r of roles.roles) {
    if (r.index === BANNED) continue
    for (const cap of a.grantable) {
      if (r.capabilities.includes(cap)) continue
      out.push({ sender: by, label: `roles_list: grant ${cap} to ${r.name}`, parts: [update(by, { component: 'roles', roles: withCapability(roles, r.index, cap) })] })
    }
  }
  const zero = findRole(roles, 0)
  for (const t of nonZero) {
    if (t === BANNED) continue
    if (zero && zero.capabilities.includes('canOpenJoin') && zero.changes.some(([f, ts]) => f === 0 && ts.includes(t))) continue
    out.push({ sender: by, label: `roles_list: give no_role canOpenJoin with (0, [${roleLabel(roles, t)}])`, parts: [update(by, { component: 'roles', roles: withOpenJoin(roles, t) })] })
  }
  const fixed = !room.base.fixedMembership
  out.push({ sender: by, label: `base_room_policy: fixed_membership := ${fixed}`, parts: [update(by, { component: 'base', base: { ...room.base, fixedMembership: fixed } })] })
  out.push({ sender: by, label: 'room_metadata: rename the room', parts: [update(by, { component: 'metadata', metadata: { ...room.metadata, name: room.metadata.name === '' ? 'renamed' : '' } })] })
  return out
}

/**
 * Every candidate move of `who` in `s`, in a fixed order. A user without a client can only join
 * (an external commit: its own new client if listed, a self-join path if not); once it has a
 * client it acts as a member, fully or — an outsider — only on its own entry.
 */
export function movesOf(s: EscState, who: UserId | 'hub', reach: Reach, a: Alphabet): Move[] {
  if (who === 'hub') {
    const by: Principal = { kind: 'external', provider: HUB }
    return [...listMoves(s, by, a, 'full'), ...componentMoves(s, by, a)]
  }
  if (!isActive(s, who)) {
    const j = joinerPrincipal(who)
    return [{ sender: j, label: `external commit: ${short(who)} joins with ${short(who)}/1`, parts: [{ kind: 'join', by: j }] }]
  }
  const by = memberPrincipal(who)
  return reach === 'full' ? [...listMoves(s, by, a, 'full'), ...componentMoves(s, by, a)] : listMoves(s, by, a, 'self')
}

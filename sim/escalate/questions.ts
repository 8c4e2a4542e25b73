/**
 * The three questions the escalation search answers, turned into a start state, a set of actors and
 * a goal predicate:
 *
 * - `escalation` — can a principal that starts in role X (or the hub) ever hold capability Y? Its
 *   effective role must have Y (POL §3, §8). By default only X acts, with outsiders who can join by
 *   themselves; everyone else is an honest member who commits what it is sent. `actors: 'all'`
 *   lets every principal act (then a promotion by an admin counts, which is usually by design).
 * - `hubLeastPrivilege` — can the hub get a user admitted whom no member added, i.e. exercise
 *   canAddParticipant in effect (digest §6.3 gap 1, scenario S3; POL §4: the hub's rights are its
 *   preauthorized role)? Only the hub and outsiders act.
 * - `fixedMembership` — can a room created with fixed_membership (POL §5) ever gain a participant?
 *   Everyone acts by default. A role set that gives canAddParticipant to a participant role is made
 *   a valid fixed-membership room first, by removing it, as POL §5 requires.
 */
import type { UserId } from '../../model/ids.js'
import {
  BANNED,
  type CapabilityName,
  has,
  type HubRole,
  type PolicyVariant,
  type Principal,
  preauthRole,
  principalRole,
  type RoleSet,
  withHubRole,
} from '../../model/policy/index.js'
import { GRANTABLE, type Reach } from './moves.js'
import type { Participant, PolicySpec } from './policyFile.js'
import type { Goal, Question } from './search.js'
import { admitted, EXTRA_NAMES, HUB, HUB_PRINCIPAL, makeStart, memberPrincipal, OUTSIDER_NAMES, worldUser } from './world.js'

export const PROPERTIES = ['escalation', 'hubLeastPrivilege', 'fixedMembership'] as const
export type PropertyName = (typeof PROPERTIES)[number]
export type ActorMode = 'from' | 'all'

export interface Ask {
  readonly property: PropertyName
  /** A role name, or "hub". */
  readonly from?: string
  readonly gains?: CapabilityName
  readonly actors?: ActorMode
  readonly hubRole: HubRole
  readonly variant: PolicyVariant
  readonly depth: number
  readonly maxStates: number
}

/** What the question is about, for people. */
export interface Framing {
  readonly roles: RoleSet
  readonly participants: readonly Participant[]
  readonly outsiders: readonly UserId[]
  /** The principal the question follows (escalation), if any. */
  readonly subject: UserId | 'hub' | null
  readonly actors: readonly (readonly [UserId | 'hub', Reach])[]
  /** Changes made to the policy so the question can be asked (e.g. the fixed-membership variant). */
  readonly adjustments: readonly string[]
}

export type Framed = { readonly ok: true; readonly question: Question; readonly framing: Framing } | { readonly ok: false; readonly error: string }

const fail = (error: string): Framed => ({ ok: false, error })

/** POL §5: in a fixed-membership room no non-zero, non-banned role may hold canAddParticipant. */
function fixedVariant(set: RoleSet): { set: RoleSet; stripped: string[] } {
  const stripped = set.roles.filter((r) => r.index !== 0 && r.index !== BANNED && has(r, 'canAddParticipant')).map((r) => r.name)
  const roles = set.roles.map((r) => (stripped.includes(r.name) ? { ...r, capabilities: r.capabilities.filter((c) => c !== 'canAddParticipant') } : r))
  return { set: { ...set, roles }, stripped }
}

function freeName(taken: readonly UserId[], names: readonly string[]): UserId {
  const name = names.find((n) => !taken.includes(worldUser(n)))
  if (!name) throw new Error('no free user name left in the escalation world')
  return worldUser(name)
}

export function frame(spec: PolicySpec, ask: Ask): Framed {
  const adjustments: string[] = []
  const hubIndex = preauthRole(spec.preauth, { kind: 'service', user: null, provider: HUB })
  let roles = withHubRole(spec.roles, ask.hubRole, hubIndex === 0 ? undefined : hubIndex)
  if (ask.hubRole === 'least_privilege' && hubIndex !== 0) adjustments.push(`hubRole=least_privilege: the hub's role ${roles.roles.find((r) => r.index === hubIndex)?.name ?? hubIndex} loses canChangeRoomMembershipStyle, canChangeRoleDefinitions and canChangePreauthorizedUserList`)
  let base = spec.base
  if (ask.property === 'fixedMembership' && !base.fixedMembership) {
    const v = fixedVariant(roles)
    roles = v.set
    base = { ...base, fixedMembership: true }
    adjustments.push(`created with fixed_membership${v.stripped.length ? `; canAddParticipant removed from ${v.stripped.join(', ')} as POL §5 requires` : ''}`)
  }
  if (ask.property !== 'escalation' && ask.gains) return fail(`--gains applies to --property escalation only (${ask.property} asks whether someone is admitted)`)
  if (ask.property === 'hubLeastPrivilege' && (ask.from || ask.actors)) return fail('--property hubLeastPrivilege asks about the hub alone; drop --from and --actors')
  if (ask.property === 'escalation' && (!ask.from || !ask.gains)) return fail('--property escalation needs --from ROLE|hub and --gains CAPABILITY (e.g. --from ordinary_user --gains canBan)')
  const actorMode: ActorMode = ask.actors ?? (ask.property === 'fixedMembership' ? 'all' : 'from')
  if (actorMode === 'from' && !ask.from && ask.property === 'fixedMembership') return fail('--actors from needs --from ROLE|hub: whose moves to search')

  const participants = [...spec.participants]
  const taken = () => participants.map((p) => p.user)
  const outsiders = [freeName(taken(), OUTSIDER_NAMES)]
  let subject: UserId | 'hub' | null = null
  if (ask.from === 'hub') subject = 'hub'
  else if (ask.from !== undefined) {
    const role = roles.roles.find((r) => r.name === ask.from)
    if (!role) return fail(`--from ${ask.from}: unknown role (known: hub, ${roles.roles.map((r) => r.name).join(', ')})`)
    if (role.index === 0) subject = outsiders[0]!
    else {
      const holder = participants.find((p) => p.role === role.index)
      if (holder) subject = holder.user
      else {
        const user = freeName([...taken(), ...outsiders], EXTRA_NAMES)
        participants.push({ user, role: role.index, client: role.index !== BANNED && role.maxActive !== 0 })
        adjustments.push(`${user.slice(user.lastIndexOf('/') + 1)} added as ${role.name}, the role --from names`)
        subject = user
      }
    }
  }

  const start = makeStart({
    roles, preauth: spec.preauth, base,
    participants: participants.map((p) => [p.user, p.role, p.client] as const),
    outsiders,
  })
  const selfOnly = outsiders.filter((o) => o !== subject).map((o) => [o, 'self'] as const)
  let actors: (readonly [UserId | 'hub', Reach])[]
  if (ask.property === 'hubLeastPrivilege') actors = [['hub', 'full'], ...selfOnly]
  else if (actorMode === 'all') actors = [['hub', 'full'], ...start.participants.map((u) => [u, 'full'] as const), ...(subject && subject !== 'hub' && !start.participants.includes(subject) ? [[subject, 'full'] as const] : []), ...selfOnly]
  else actors = [[subject!, 'full'], ...selfOnly]

  let goal: Goal
  let reached: Question['reached']
  if (ask.property === 'escalation') {
    const cap = ask.gains!
    const who: Principal = subject === 'hub' ? HUB_PRINCIPAL : memberPrincipal(subject!)
    goal = { kind: 'holds', who: subject!, capability: cap }
    reached = (s) => has(principalRole(s.room, who), cap)
  } else {
    const insiders = new Set(start.participants)
    const newcomers = start.users.filter((u) => !insiders.has(u))
    goal = { kind: 'admits' }
    reached = (s) => newcomers.some((u) => admitted(s, u))
  }
  const grantable = ask.gains && !GRANTABLE.includes(ask.gains) ? [...GRANTABLE, ask.gains] : GRANTABLE
  const question: Question = { start, actors, goal, reached, alphabet: { users: start.users, grantable }, variant: ask.variant, depth: ask.depth, maxStates: ask.maxStates }
  return { ok: true, question, framing: { roles, participants, outsiders, subject, actors, adjustments } }
}

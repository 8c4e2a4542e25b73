/**
 * The one authorization function every enforcer runs: the hub before fan-out, and under policy=mls
 * every client on every commit and proposal. Input: the agreed room state, the whole proposal list
 * with each part's sender; output: allowed (with the state after and the capabilities exercised) or
 * rejected with the rule and a reason naming the capability or constraint and the draft section.
 *
 * draft-ietf-mimi-room-policy-03 §8.1 rule by rule (membership.ts, roleChanges.ts), §3/§4/§5/§8.2/§8.6
 * for the other components (components.ts), the commit-composition rules of POL §3, §4 and
 * draft-ietf-mimi-protocol-06 §7.5, §7.6 (composition.ts), and the participant constraints of POL §3
 * and §5 on the resulting state (constraints.ts); draft-ietf-mls-extensions-09 §4.7: any invalid part
 * makes the whole list invalid.
 */
import { shortName as short, type UserId } from '../ids.js'
import { composition } from './composition.js'
import { componentRules } from './components.js'
import { constraints } from './constraints.js'
import { clientRules, participantRules } from './membership.js'
import type { Authorization, PolicyVariant, ProposalList, Use } from './proposals.js'
import { principalRole } from './principal.js'
import { has } from './roles.js'
import { roleIndexOf, type RoomState } from './roomState.js'
import { applyUpdates, type PolicyUpdate } from './updates.js'

export interface Rejection {
  readonly rule: string
  readonly reason: string
}

export const rejected = (rule: string, reason: string): Rejection => ({ rule, reason })

/** What a rule function sees. */
export interface Judged {
  readonly before: RoomState
  readonly after: RoomState
  readonly list: ProposalList
  readonly variant: PolicyVariant
  /** Capabilities exercised so far; rules push to it. */
  readonly used: Use[]
}

export function authorize(before: RoomState, list: ProposalList, variant: PolicyVariant = 'draft'): Authorization {
  const bad = composition(list)
  if (bad) return { kind: 'rejected', ...bad }
  const updates: PolicyUpdate[] = list.parts.flatMap((p) => (p.kind === 'update' ? [p.update] : []))
  const j: Judged = { before, after: applyUpdates(before, updates), list, variant, used: [] }
  for (const rule of [participantRules, clientRules, componentRules, constraints]) {
    const r = rule(j)
    if (r) return { kind: 'rejected', ...r }
  }
  return { kind: 'allowed', after: j.after, used: j.used }
}

/** canSendMessage (POL §8.3): the one message capability the hub can enforce. */
export function authorizeSend(state: RoomState, user: UserId): Authorization {
  const role = principalRole(state, { kind: 'member', user, client: user as never })
  if (roleIndexOf(state, user) !== 0 && has(role, 'canSendMessage')) return { kind: 'allowed', after: state, used: [] }
  return { kind: 'rejected', rule: 'canSendMessage', reason: `${short(user)} (role ${role.name}) lacks canSendMessage (POL §8.3)` }
}

export { authorizeChange, type Sender } from './change.js'

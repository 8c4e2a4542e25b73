/**
 * hubLeastPrivilege — the hub never exercises a capability beyond the least privilege a hub needs:
 * removing, banning and re-roling participants and running the MLS group, but never adding anyone or
 * redefining the room (digest S3; draft-ietf-mimi-room-policy-03 §4: "a preauthorized role could allow
 * the Hub to remove participants and to ban them, but not to add any users or devices"; §8.6).
 *
 * Judged on what enforcers took as effective (`policy.change`): under policy=mls an honest client
 * applying a change the hub proposed; under policy=service the hub's own record, which is the policy
 * there. A change the hub forced past its own role counts with the capabilities it needed. Each
 * change is judged on its own (`leastPrivilegeWitness`, shared with the explorer's monitor).
 */
import { shortName as short } from '../model/ids.js'
import type { TraceActor } from '../sim/trace/events.js'
import { holds, type Property, type PropertyVerdict, violated } from './types.js'

/** What a hub may do in a room: Appendix A's policy_enforcer without the definition-changing capabilities. */
export const HUB_LEAST_PRIVILEGE: readonly string[] = [
  'canRemoveParticipant', 'canChangeUserRole', 'canBan', 'canUnBan', 'canKick',
  'canChangeMlsOperationalPolicies', 'canDestroyRoom', 'canSendMLSReinitProposal',
]

/** Who enforces, and who is a hub: read once per run (or per explorer model). */
export interface LeastPrivilegeWorld {
  readonly providers: ReadonlySet<string>
  readonly honestClients: ReadonlySet<string>
  /** policy=service: the hub's own record is the policy, so the hub counts as an enforcer. */
  readonly service: boolean
}

export function leastPrivilegeWorld(actors: readonly TraceActor[], design: Readonly<Record<string, string>> | undefined): LeastPrivilegeWorld {
  return {
    providers: new Set(actors.filter((a) => a.kind === 'provider').map((a) => a.id)),
    honestClients: new Set(actors.filter((a) => a.kind === 'client' && !a.malicious).map((a) => a.id)),
    service: design?.policy === 'service',
  }
}

type ChangeEvent = { readonly type: string; readonly actor: string } & Record<string, unknown>

/**
 * The one judgement, per event and with no memory (shared with the explorer's monitor): why `e`
 * violates the property, or null. Each accepted change stands on its own.
 */
export function leastPrivilegeWitness(e: ChangeEvent, w: LeastPrivilegeWorld): string | null {
  if (e.type !== 'policy.change') return null
  const enforcer = w.honestClients.has(e.actor) || (w.service && w.providers.has(e.actor))
  if (!enforcer) return null
  const used = e.used as readonly (readonly [string, string])[]
  const beyond = used.find(([who, cap]) => w.providers.has(who) && !HUB_LEAST_PRIVILEGE.includes(cap))
  if (!beyond) return null
  const [who, cap] = beyond
  return `${short(e.actor)} ${e.forced ? 'records' : 'accepts'} a change by which hub ${short(who)} exercised ${cap} (${(e.updates as readonly string[]).join('; ')}), beyond a hub's least privilege`
}

export const hubLeastPrivilege: Property = {
  id: 'hubLeastPrivilege',
  kind: 'always',
  spec: ['draft-ietf-mimi-room-policy-03 §4', 'draft-ietf-mimi-room-policy-03 §8.6', 'draft-ietf-mimi-room-policy-03 Appendix A'],
  claim: 'no enforcer ever accepts a change by which the hub exercised more than least privilege',
  holds(run) {
    const w = leastPrivilegeWorld(run.actors, run.meta.design as Record<string, string> | undefined)
    for (const e of run.events) {
      const why = leastPrivilegeWitness(e as unknown as ChangeEvent, w)
      if (why !== null) return violated(e.i, why)
    }
    return holds('the hub never exercised a capability beyond least privilege in an accepted change') as PropertyVerdict
  },
}
